"""Temporary files of a render, named after the process that writes them.

Every file is written as ``.<final name>.<owner>-<random>.part`` beside its final name and
renamed into place when complete, so a final name never holds half a file. The owner tag
(``h<host hash>p<pid>``) lets a sweep tell the leftovers of a process that died (a killed
worker, a voice engine stopped at its time limit) from another process's work in progress,
even when several machines share one media folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import time
import zlib
from pathlib import Path

from portal.core.processes import pid_alive

_OWNER = re.compile(r"\.h([0-9a-f]{8})p(\d+)-[^.]*\.part$")


def _host() -> str:
    return f"{zlib.crc32(socket.gethostname().encode()) & 0xFFFFFFFF:08x}"


def owner_tag(pid: int | None = None) -> str:
    return f"h{_host()}p{os.getpid() if pid is None else pid}"


def temp_prefix(final: Path) -> str:
    """The `tempfile.mkstemp` prefix for a file that will become ``final``."""
    return f".{final.name}.{owner_tag()}-"


def remove_parts_of(folder: Path, pid: int) -> int:
    """Delete the temporary files written by process ``pid`` of this machine."""
    removed = 0
    for part in Path(folder).glob(f".*.{owner_tag(pid)}-*.part"):
        with contextlib.suppress(OSError):
            part.unlink()
            removed += 1
    return removed


def sweep(folder: Path, max_age: float) -> int:
    """Delete temporary files untouched for ``max_age`` seconds, and those of processes of
    this machine that are gone (whatever their age). Returns how many were removed."""
    cutoff = time.time() - max_age
    host = _host()
    removed = 0
    for part in Path(folder).glob(".*.part"):
        match = _OWNER.search(part.name)
        with contextlib.suppress(OSError):
            orphan = bool(match) and match.group(1) == host and not pid_alive(int(match.group(2)))
            if orphan or part.stat().st_mtime < cutoff:
                part.unlink()
                removed += 1
    return removed
