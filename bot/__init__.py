"""The conversation, channel-independent and pure: no I/O, standard library only."""
