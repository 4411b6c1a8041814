"""Keep a long-running Hearth's memory from creeping up.

Spoken lines are numpy arrays of 50-500 KB, made and freed all day (rendered, read
back from the line cache, played). glibc serves blocks that large with their own
memory maps, which go back to the system when freed, but after the first such free
it raises that threshold to the block's size and serves later ones from the heap,
where freed lines leave holes the process keeps. Fixing the threshold keeps large
blocks in maps: `benchmarks/startup.py`, peak RSS while listening and answering a
command, 211 / 205 MB -> 200 / 200 MB, and 254 -> 202 MB in the run that renders every
line again.
"""

from __future__ import annotations

import ctypes
import logging

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3
"""glibc's `mallopt` parameter number (malloc.h)."""

LARGE_BLOCK = 128 * 1024
"""Blocks of this size or more get their own map (glibc's own starting threshold)."""


def keep_large_blocks_mapped() -> bool:
    """Fix glibc's map threshold at `LARGE_BLOCK`; False where there is no glibc (the
    process then runs as before)."""
    try:
        # The C library the interpreter already links (no library search, which
        # runs ldconfig in a subprocess).
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    done = mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK) == 1
    if not done:
        log.info("could not set the C library's map threshold; memory may creep up")
    return done
