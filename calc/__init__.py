"""Labor calculators: what the LFT gives a worker, in pesos and dates. Pure: no I/O."""
