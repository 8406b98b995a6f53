"""Who may read what under MEDIA_ROOT (see `portal.core.media`): the modes of each area, and
putting them right on files written before (`flask --app wsgi media fix-permissions`)."""

from __future__ import annotations

import contextlib
import os
import stat
import threading
from pathlib import Path

PUBLIC_FILE_MODE, PUBLIC_DIR_MODE = 0o644, 0o755
PRIVATE_FILE_MODE, PRIVATE_DIR_MODE = 0o600, 0o700
_umask_lock = threading.Lock()


def current_umask() -> int:
    """The process umask, read without changing it (Linux: /proc/self/status) when possible:
    os.umask can only be read by setting it, which races with other threads."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    with _umask_lock:
        mask = os.umask(0o077)
        os.umask(mask)
        return mask


def modes(public: bool) -> tuple[int, int]:
    """(file mode, folder mode) for the public area or for the rest."""
    if public:
        mask = current_umask()
        return PUBLIC_FILE_MODE & ~mask, PUBLIC_DIR_MODE & ~mask
    return PRIVATE_FILE_MODE, PRIVATE_DIR_MODE



def fix_permissions(root: Path) -> tuple[int, int]:
    """Give every file and folder under `root` (a MEDIA_ROOT, or a restored copy of one) the mode
    of its area: for files written before the public area was made readable, or restored from
    a backup. `root` itself is left as it is. Returns (entries changed, entries seen)."""
    changed = seen = 0
    public_files, public_dirs = modes(True)
    for top in sorted(root.iterdir()) if root.is_dir() else []:
        if top.name.startswith("."):  # unfinished writes and restores: not ours to open up
            continue
        public = top.name == "public"
        file_mode, dir_mode = (public_files, public_dirs) if public else modes(False)
        for path in (top, *top.rglob("*")):
            try:
                info = path.lstat()
                if stat.S_ISLNK(info.st_mode):
                    continue
                # a set-group-ID folder (whose new files get its group) stays so
                wanted = dir_mode | (info.st_mode & stat.S_ISGID) if stat.S_ISDIR(info.st_mode) else file_mode
                seen += 1
                if stat.S_IMODE(info.st_mode) != wanted:
                    os.chmod(path, wanted)
                    changed += 1
            except FileNotFoundError:  # removed meanwhile (the portal may be running)
                continue
    return changed, seen
