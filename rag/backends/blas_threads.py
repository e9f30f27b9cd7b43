"""One BLAS thread in a process that searches an embedded Qdrant (Linux, numpy's OpenBLAS).

Qdrant's local mode scores each search with numpy in this process. After every product
OpenBLAS's worker threads spin, waiting for more, and on a small shared CPU they take the core
the answer needs (docs/answers.md, "Latency"). On one thread a product no longer depends on
the core count (the rows where two threads split the work may differ in the last bit).
"""

from __future__ import annotations

import ctypes
from pathlib import Path

_MAPS = Path("/proc/self/maps")
# Function names (``%s``: set_num_threads, get_num_threads) of numpy's bundled scipy-openblas
# (64-bit ints, then 32) and of a system OpenBLAS.
_NAMES = ("scipy_openblas_%s64_", "scipy_openblas_%s", "openblas_%s64_", "openblas_%s")


def _openblas() -> list[tuple[ctypes.CDLL, str]]:
    """Each OpenBLAS loaded in this process, with the pattern of its functions' names."""
    try:
        maps = _MAPS.read_text(encoding="utf-8")
    except OSError:  # not Linux: nothing to do
        return []
    paths = sorted(
        {line.split(maxsplit=5)[-1] for line in maps.splitlines() if "openblas" in line.lower()}
    )
    found: list[tuple[ctypes.CDLL, str]] = []
    for path in paths:
        if not path.startswith("/"):
            continue
        try:
            lib = ctypes.CDLL(path)  # the copy already loaded, not a second one
        except OSError:
            continue
        name = next((n for n in _NAMES if hasattr(lib, n % "set_num_threads")), None)
        if name is not None:
            found.append((lib, name))
    return found


def blas_threads() -> list[int]:
    """The threads of each loaded OpenBLAS (empty when none can be found)."""
    return [int(getattr(lib, name % "get_num_threads")()) for lib, name in _openblas()]


def set_blas_threads(count: int) -> None:
    """Every loaded OpenBLAS runs on ``count`` threads from now on; elsewhere nothing changes."""
    for lib, name in _openblas():
        getattr(lib, name % "set_num_threads")(count)
