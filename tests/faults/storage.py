"""Helpers of the storage-fault tests: a disk that fills up, a real full tmpfs, listings."""

from __future__ import annotations

import errno
import io
import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

from PIL import Image
from sqlalchemy import func, select

FULL_TEXT = "Kho lưu trữ của cổng đang đầy"  # the start of the Vietnamese disk-full message


@contextmanager
def disk_full(root: Path, room: int = 0, code: int = errno.ENOSPC):
    """Files under `root` take `room` more bytes in all, then every write fails with `code`."""
    real_write = os.write
    state = {"room": room, "refused": 0}

    def write(fd, data):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            target = ""
        if not target.startswith(str(root) + os.sep):
            return real_write(fd, data)
        if state["room"] <= 0:
            state["refused"] += 1
            raise OSError(code, os.strerror(code))
        done = real_write(fd, bytes(memoryview(data)[:state["room"]]))  # what fits, like the kernel
        state["room"] -= done
        return done

    os.write = write
    try:
        yield state
    finally:
        os.write = real_write


def listing(root: Path) -> list[str]:
    """Every file and folder under root (hidden temporary files too)."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) if root.exists() else []


def count(session, model) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(model))


def fill(path: Path) -> None:
    """Write zeros into `path`/filler until the file system says it is full."""
    fd = os.open(path / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 65536)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)


@contextmanager
def tiny_filesystem(path: Path):
    """A 1 MB tmpfs at `path`, filled to the last byte. CI runs as root; anywhere else this fails
    loudly rather than skip."""
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(path)], check=True, capture_output=True)
    try:
        fill(path)
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True, capture_output=True)


def unique_jpeg(size=(900, 600)) -> bytes:
    """A picture of a colour of its own: never one an earlier test stored under the same hash."""
    out = io.BytesIO()
    Image.new("RGB", size, tuple(os.urandom(3))).save(out, "JPEG", quality=90)
    return out.getvalue()
