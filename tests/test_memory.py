"""A long-running Hearth gives freed spoken lines back to the system (glibc)."""

from __future__ import annotations

import subprocess
import sys

import pytest

# Run in a fresh interpreter: the setting is process-wide. Prints how many blocks
# glibc holds in their own maps after a 1 MB block was freed and a line-sized block
# (200 KB) was made: glibc's rising threshold puts the second one on the heap.
PROBE = """
import ctypes, sys
from assistant.memory import keep_large_blocks_mapped
class Info(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in ("arena ordblks smblks hblks hblkhd usmblks "
                "fsmblks uordblks fordblks keepcost").split()]
libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = Info
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
if sys.argv[1] == "fixed":
    assert keep_large_blocks_mapped()
libc.free(libc.malloc(1 << 20))
before = libc.mallinfo2().hblks
line = libc.malloc(200 * 1024)
print(libc.mallinfo2().hblks - before)
libc.free(line)
"""


def _mapped_after_a_big_free(mode: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode], capture_output=True, text=True, check=True
    )
    return int(done.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc behaviour")
def test_a_line_sized_block_keeps_its_own_map_after_a_larger_one_was_freed() -> None:
    assert _mapped_after_a_big_free("default") == 0  # glibc alone: on the heap
    assert _mapped_after_a_big_free("fixed") == 1  # with Hearth's setting: mapped
