"""Retrieval over the LFT index and grounded answers; knows nothing of chats or databases."""
