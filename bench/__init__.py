"""Runnable benchmarks; each module prints its numbers and writes them under bench/results/."""
