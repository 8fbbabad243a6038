"""glibc's allocator settings for the gateway process (ADR 0018).

By default glibc raises its mmap threshold each time a large block served by ``mmap`` is freed (up to 32 MB),
so after an API page of a few hundred kB the next large blocks come from the heap; once freed they stay in the
heap, which is returned to the system only from its top and only beyond twice that threshold. Under API load
the gateway kept ~10 MB of such free heap for good. Fixing the thresholds at glibc's initial values (blocks of
128 kB and more are mapped and unmapped; a free heap top beyond 128 kB is returned) ends that; the task path
allocates no such blocks, so it costs a task nothing.

Except one: asyncio reads a socket or a pipe into a fresh 256 kB buffer (``max_size``), above that threshold,
so every read — each database answer, each HTTP request, each executor message — mapped, shrank and unmapped
a block (~25 map/unmap pairs and their page faults per task of a fan-out, ``strace -c``). :func:`small_reads`
caps those buffers at :data:`READ_SIZE`, which the heap serves; a larger message takes more reads.
"""

from __future__ import annotations

import ctypes
import os
import platform

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
THRESHOLD = 128 * 1024
"""glibc's initial mmap threshold (and trim threshold) in bytes."""
USER_SETTINGS = ("GLIBC_TUNABLES", "MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TOP_PAD_",
                 "MALLOC_MMAP_MAX_")
"""Environment variables through which a user tunes glibc's allocator: when one is set, it is left alone."""


def fix_thresholds() -> bool:
    """Fix glibc's mmap and trim thresholds for this process; False (changing nothing) off glibc or when the
    environment already tunes the allocator."""
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return False
    if any(name in os.environ for name in USER_SETTINGS):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, THRESHOLD)) and bool(mallopt(M_TRIM_THRESHOLD, THRESHOLD))


READ_SIZE = 64 * 1024
"""The most one event-loop socket or pipe read asks for (below :data:`THRESHOLD`)."""


def small_reads() -> None:
    """Cap the buffer of asyncio's socket and pipe reads in this process at :data:`READ_SIZE`."""
    from asyncio import selector_events, unix_events

    for module, name in ((selector_events, "_SelectorSocketTransport"), (unix_events, "_UnixReadPipeTransport")):
        transport = getattr(module, name, None)  # asyncio's own classes (private: absent elsewhere)
        if transport is not None and getattr(transport, "max_size", 0) > READ_SIZE:
            transport.max_size = READ_SIZE
