"""What the fake platforms' recorded call times say about pacing (tests and bench alike)."""

from __future__ import annotations


def max_in_window(times: list[float], width: float = 1.0) -> int:
    """The most calls that fall in any window of ``width`` seconds."""
    times = sorted(times)
    most, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= width:
            start += 1
        most = max(most, end - start + 1)
    return most
