"""Files under MEDIA_ROOT: content-addressed names, atomic writes, Range-capable serving.

Public files live under MEDIA_ROOT/public/<area>/; anything else (petition photos under
private/, library files under library/) is never served by the public route.

Modes: the public area is readable by other users, so that nginx (another user) can serve it
straight from the disk: files 0644 and folders 0755, less what the process umask takes away.
The systemd units set UMask=0027, which gives 0640/0750: nginx then reads public/ through its
group, public/ being a set-group-ID folder of nginx's group (docs/deploy/README.md), while the
database and index files (0640, the portal's group) stay closed to it. Everything else under
MEDIA_ROOT stays the portal's own whatever the umask: files 0600, folders 0700. MEDIA_ROOT itself,
when the portal makes it, is a public-area folder (the way to public/ goes through it).
`flask --app wsgi media fix-permissions` applies the same rule to files written before.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path

import click
from flask import Blueprint, Response, abort, current_app, has_app_context, send_file

from .media_modes import current_umask, fix_permissions, modes  # noqa: F401  (re-exported: backups, tests)

bp = Blueprint("media", __name__)

MIMETYPES = {
    "opus": "audio/ogg; codecs=opus", "ogg": "audio/ogg", "mp3": "audio/mpeg",
    "epub": "application/epub+zip", "pdf": "application/pdf", "webp": "image/webp",
    "jpg": "image/jpeg", "png": "image/png", "txt": "text/plain; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
_KEY = re.compile(r"^[a-z0-9-]+(?:/[a-z0-9-]+)*/[A-Za-z0-9_-]+\.[a-z0-9]{2,5}$")
YEAR = 365 * 24 * 3600


def media_root() -> Path:
    return Path(current_app.config["MEDIA_ROOT"])


def _under(path: Path, folder: Path) -> bool:
    path, folder = os.path.abspath(path), os.path.abspath(folder)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _public_paths(path: Path) -> tuple[bool, Path | None]:
    """Whether `path` is in the public area of the app's MEDIA_ROOT, and that root (None outside
    an app, where every write is private)."""
    if not has_app_context():
        return False, None
    root = media_root()
    return _under(path, root / "public"), root


def _folder_is_public(folder: Path, root: Path | None, public: bool) -> bool:
    """A folder made for a write: in the public area, or MEDIA_ROOT and above (the way to it)."""
    if root is None:
        return public
    return _under(folder, root / "public") or _under(root, folder)


# Errors that mean "no room": the disk (ENOSPC) or the portal's quota on it (EDQUOT).
FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
WRITE_CHUNK = 1 << 20


class StorageError(OSError):
    """A file could not be stored (disk full, quota, read-only or failing disk). Nothing is left
    behind: the temporary file is gone and the final name untouched. `full` says whether more
    room would help; the message names the cause without any path."""

    @property
    def full(self) -> bool:
        return self.errno in FULL_ERRNOS


def is_storage_full(exc: BaseException | None) -> bool:
    """Whether `exc` (or what caused it) is a disk-full or quota error."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OSError) and exc.errno in FULL_ERRNOS:
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


# The files created by write_atomic inside each open `undo_on_failure()` block (innermost last).
_created: ContextVar[tuple[list[Path], ...]] = ContextVar("media_created", default=())


@contextlib.contextmanager
def undo_on_failure() -> Iterator[list[Path]]:
    """Files written inside the block (and folders made for them) are removed if the block raises.

    A service writes its files, then commits, inside one block: when the commit (or a later
    file) fails, no file stays behind without the row that would point at it. Files that
    already existed under their (content-hash) name are someone else's and are kept.
    """
    created: list[Path] = []  # files, and the folders made for them, in the order they appeared
    token = _created.set((*_created.get(), created))
    try:
        yield created
    except BaseException:
        for path in reversed(created):
            with contextlib.suppress(OSError):
                if path.is_dir():
                    path.rmdir()  # only if empty: another writer may have put a file there
                else:
                    path.unlink(missing_ok=True)
        raise
    finally:
        _created.reset(token)
    outer = _created.get()
    if outer:  # an enclosing block undoes them too if it fails later
        outer[-1].extend(created)


def _make_parents(directory: Path, root: Path | None, public: bool, made: list[Path]) -> None:
    """Create `directory` and its missing parents, each with the mode of its area (see the
    module's docstring); `made` receives the ones created, deepest first."""
    missing = []
    for parent in (directory, *directory.parents):
        if parent.exists():
            break
        missing.append(parent)
    for folder in reversed(missing):
        folder_mode = modes(_folder_is_public(folder, root, public))[1]
        try:
            folder.mkdir(mode=folder_mode)  # the umask applies, as it should for public folders
        except FileExistsError:  # made by another writer meanwhile: theirs, not ours to remove
            continue
        made.insert(0, folder)


def write_atomic(path: Path, data: bytes, *, public: bool | None = None) -> None:
    """Write to a temporary file in the same directory, then rename: readers never
    see half a file, and a crash leaves no file under the final name.

    `public` (by default: whether `path` is under MEDIA_ROOT/public) gives the file and the
    folders made for it the public area's modes; otherwise they are the portal's alone.
    Any OSError (ENOSPC, EDQUOT, EIO, EROFS...) becomes a StorageError after the temporary file
    and any directory made for it are removed: a full disk leaves nothing behind."""
    made: list[Path] = []
    tmp: str | None = None
    inferred, root = _public_paths(path)
    public = inferred if public is None else public
    try:
        _make_parents(path.parent, root, public, made)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)  # mode 0600
        try:
            if public:
                os.fchmod(fd, modes(True)[0])
            view = memoryview(data)
            while view:  # os.write may write less than asked (and a full disk stops it midway)
                view = view[os.write(fd, view[:WRITE_CHUNK]):]
            os.fsync(fd)  # a full disk may only say so here (delayed allocation, NFS)
        finally:
            os.close(fd)
        existed = path.exists()
        os.replace(tmp, path)
        tmp = None
    except BaseException as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        for directory in made:
            with contextlib.suppress(OSError):
                directory.rmdir()  # only if still empty: another writer may have used it
        if isinstance(exc, OSError) and not isinstance(exc, StorageError):
            raise StorageError(exc.errno, exc.strerror or "cannot write the file") from exc
        raise
    blocks = _created.get()
    if blocks:
        blocks[-1].extend(reversed(made))
        if not existed:
            blocks[-1].append(path)


def save_public(area: str, data: bytes, ext: str, name: str | None = None) -> str:
    """Store bytes under public/<area>/ (readable by the web server) and return the key; the
    name defaults to a hash."""
    name = name or hashlib.sha256(data).hexdigest()[:32]
    key = f"public/{area}/{name}.{ext}"
    if not _KEY.match(key):
        raise ValueError(f"unsafe media key {key!r}")
    path = media_root() / key
    if not path.exists():
        write_atomic(path, data, public=True)
    return key


@bp.cli.command("fix-permissions")
def fix_permissions_command() -> None:
    """Make the public media readable by the web server and the rest the portal's alone."""
    root = media_root()
    changed, seen = fix_permissions(root)
    files, folders = modes(True)
    click.echo(f"{changed} of {seen} files and folders under {root} changed: public/ {files:04o} (folders "
               f"{folders:04o}), the rest 0600 (folders 0700).")


def path_of(key: str) -> Path:
    if not _KEY.match(key) or ".." in key:
        raise ValueError(f"unsafe media key {key!r}")
    return media_root() / key


# What a name given in an address may fail with without the file being anything but absent:
# a part over 255 bytes or a path over 4096 (ENAMETOOLONG), a loop, a file where a folder should be.
_NOT_THERE = frozenset({errno.ENOENT, errno.ENOTDIR, errno.ENAMETOOLONG, errno.ELOOP, errno.EINVAL})


def is_file(path: Path) -> bool:
    """Whether `path` is a regular file; a name that cannot be one on this disk is not (a 404,
    not a 500). Other errors (a failing disk, a permission) are the server's and still raise."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError as exc:
        if exc.errno in _NOT_THERE:
            return False
        raise


def size_of(key: str | None) -> int:
    if not key:
        return 0
    try:
        return path_of(key).stat().st_size
    except (OSError, ValueError):
        return 0


def private_response(locate: Callable[[str], Path], key: str, mimetype: str) -> Response:
    """A private file (a petition's photo or recording) read whole, for a route that has checked
    who asks: 404 when `locate` refuses the key or the file is absent; never kept by a cache."""
    try:
        path = locate(key)
    except ValueError:
        abort(404)
    if not is_file(path):
        abort(404)
    response = Response(path.read_bytes(), mimetype=mimetype)
    response.headers["Cache-Control"] = "no-store, private"
    return response


@bp.route("/media/<path:key>")
def serve(key: str):
    """Public media, with Range (resume, seek), ETag and a year of caching: names change
    whenever content does."""
    if not key.startswith("public/") or not _KEY.match(key):
        abort(404)
    ext = key.rsplit(".", 1)[1]
    if ext not in MIMETYPES:
        abort(404)
    path = path_of(key)
    if not is_file(path):
        abort(404)
    response = send_file(path, mimetype=MIMETYPES[ext], conditional=True, max_age=YEAR, etag=True)
    response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    response.headers["Accept-Ranges"] = "bytes"
    return response
