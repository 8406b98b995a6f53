"""Who may read the media files: the public area (bulletin audio and EPUB, library audio, covers)
is readable by other users, so that nginx can serve it from the disk; petition photos and library
files stay the portal's alone. The umask is respected for the public area only; `flask media
fix-permissions` and a restore apply the same rule to files written before."""

from __future__ import annotations

import io
import os
import re
import stat
from contextlib import contextmanager
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from portal.backup import restore as restoring
from portal.backup import write as writing
from portal.backup.archive import MEDIA_FILE
from portal.bulletins.models import Bulletin
from portal.core import media
from portal.library import makers
from portal.library.models import Item
from portal.petitions.models import PetitionPhoto
from tests.bulletins.conftest import make_bulletin  # noqa: F401 (a fixture)
from tests.conftest import csrf_from
from tests.library.conftest import make_item  # noqa: F401 (a fixture)


@contextmanager
def umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def media_root(app, tmp_path, monkeypatch) -> Path:
    """A MEDIA_ROOT that does not exist yet: every folder is made by the writes under test."""
    root = tmp_path / "media"
    monkeypatch.setitem(app.config, "MEDIA_ROOT", str(root))
    return root


def mode(path: Path) -> str:
    return f"{stat.S_IMODE(path.stat().st_mode):04o}"


def folders(root: Path, key: str) -> dict[str, str]:
    """The mode of each folder from MEDIA_ROOT down to the file `key`."""
    parts = key.split("/")[:-1]
    return {"/".join(parts[:i]) or ".": mode(root.joinpath(*parts[:i])) for i in range(len(parts) + 1)}


def _send_petition_with_photo(client) -> None:
    html = client.get("/phan-anh/gui?don-vi=11311").get_data(as_text=True)
    submission = re.search(r'name="submission_id" type="hidden" value="([0-9a-f]+)"', html).group(1)
    picture = io.BytesIO()
    Image.new("RGB", (800, 600), tuple(os.urandom(3))).save(picture, "JPEG")
    response = client.post("/phan-anh/gui", content_type="multipart/form-data", data={
        "csrf_token": csrf_from(html), "submission_id": submission, "unit_code": "11311", "category": "ha-tang",
        "title": "Ổ gà trên đường liên xã", "body": "Đoạn đường trước trường tiểu học có nhiều ổ gà sâu.",
        "phone": "0912 777 888", "buoc": "gui", "photos": [(io.BytesIO(picture.getvalue()), "o-ga.jpg")]})
    assert response.status_code == 303


def test_public_media_are_readable_and_private_ones_are_not(app, client, session, media_root, request):
    new_bulletin, new_item = request.getfixturevalue("make_bulletin"), request.getfixturevalue("make_item")
    with umask(0o022):
        _send_petition_with_photo(client)  # first: the private write makes MEDIA_ROOT itself
        bulletin = session.get(Bulletin, new_bulletin())
        item = session.get(Item, new_item(files=[("luat.pdf", makers.make_pdf("Luật", ["Điều 1."]))]))
    photo = session.scalar(select(PetitionPhoto.key))
    assert bulletin.audio_opus and bulletin.audio_mp3 and bulletin.epub and item.audio_mp3, "nothing rendered"
    public = [bulletin.audio_opus, bulletin.audio_mp3, bulletin.epub, item.audio_opus, item.audio_mp3]
    private = [photo, item.files[0].key]
    assert all(key.startswith("public/") for key in public) and not any(k.startswith("public/") for k in private)

    assert mode(media_root) == "0755"  # the way to public/, even when a private write made it
    for key in public:
        assert mode(media_root / key) == "0644", key
        assert set(folders(media_root, key).values()) == {"0755"}, key
    for key in private:
        assert mode(media_root / key) == "0600", key
        assert folders(media_root, key) == {".": "0755", key.split("/")[0]: "0700",
                                            "/".join(key.split("/")[:2]): "0700"}, key
    # and the portal still serves both kinds where it should
    assert client.get(f"/media/{bulletin.audio_mp3}").status_code == 200
    assert client.get(f"/media/{photo}").status_code == 404


def test_the_umask_narrows_the_public_area_only(app, media_root):
    with app.app_context(), umask(0o027):  # nginx in the portal's group
        key = media.save_public("covers", os.urandom(100), "webp")
        media.write_atomic(media_root / "private" / "petitions" / "a.jpg", b"\xff\xd8\xff")
    assert mode(media_root / key) == "0640" and set(folders(media_root, key).values()) == {"0750"}
    assert mode(media_root / "private" / "petitions" / "a.jpg") == "0600"
    assert mode(media_root / "private") == mode(media_root / "private" / "petitions") == "0700"
    with app.app_context(), umask(0o002):  # a group-writable umask does not make media writable
        key = media.save_public("covers", os.urandom(100), "webp")
    assert mode(media_root / key) == "0644"


def test_write_atomic_outside_the_app_is_private(tmp_path):
    with umask(0o022):
        media.write_atomic(tmp_path / "a" / "b.bin", b"x")
        media.write_atomic(tmp_path / "c" / "d.bin", b"x", public=True)
    assert (mode(tmp_path / "a"), mode(tmp_path / "a" / "b.bin")) == ("0700", "0600")
    assert (mode(tmp_path / "c"), mode(tmp_path / "c" / "d.bin")) == ("0755", "0644")


def test_current_umask_reads_without_changing_it():
    with umask(0o027):
        assert media.current_umask() == 0o027
        assert media.current_umask() == 0o027
    with umask(0o022):
        assert media.current_umask() == 0o022


def _old_layout(root: Path) -> dict[str, Path]:
    """Files as an older portal left them: everything 0600 in 0700 folders (or too open)."""
    paths = {"audio": root / "public" / "audio" / "a.mp3", "photo": root / "private" / "petitions" / "p.jpg",
             "library": root / "library" / "files" / "f.pdf"}
    for path in paths.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(600))
    for path in (paths["audio"], paths["audio"].parent, root / "public"):
        path.chmod(0o700 if path.is_dir() else 0o600)
    paths["photo"].chmod(0o644)
    paths["photo"].parent.chmod(0o755)
    (root / ".tmp-unfinished.jpg").write_bytes(b"x")
    (root / ".tmp-unfinished.jpg").chmod(0o600)
    return paths


def test_fix_permissions_command(app, media_root):
    paths = _old_layout(media_root)
    with umask(0o022):
        result = app.test_cli_runner().invoke(args=["media", "fix-permissions"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("9 of 9 files and folders"), result.output  # the .tmp- file is left alone
    assert mode(paths["audio"]) == "0644" and mode(paths["audio"].parent) == mode(media_root / "public") == "0755"
    assert mode(paths["photo"]) == mode(paths["library"]) == "0600"
    assert mode(paths["photo"].parent) == mode(media_root / "private") == mode(media_root / "library") == "0700"
    assert mode(media_root / ".tmp-unfinished.jpg") == "0600"
    again = app.test_cli_runner().invoke(args=["media", "fix-permissions"])
    assert again.output.startswith("0 of ")


def test_a_restore_gives_the_files_the_modes_of_their_area(app, session, media_root, tmp_path):
    paths = _old_layout(media_root)
    (media_root / ".tmp-unfinished.jpg").unlink()
    dest = tmp_path / "backup"
    writing.backup(app.config, dest)
    restored = tmp_path / "restored"
    restored.mkdir()
    with umask(0o022):
        restoring._restore_media(dest / MEDIA_FILE, restored)
    for name, path in paths.items():
        copy = restored / path.relative_to(media_root)
        assert copy.read_bytes() == path.read_bytes()
        assert mode(copy) == ("0644" if name == "audio" else "0600"), name
    assert mode(restored / "public") == mode(restored / "public" / "audio") == "0755"
    assert mode(restored / "private") == mode(restored / "library" / "files") == "0700"


def test_the_deployed_layout_nginx_reads_public_through_its_group(app, media_root):
    """As docs/deploy/README.md sets it up: the units' UMask=0027, and public/ a set-group-ID
    folder of nginx's group (here `nogroup`): public files are 0640 in that group, folders made
    in it keep the set-group-ID bit; private ones stay the portal's group, 0600/0700."""
    nginx_group = 65534  # nogroup
    (media_root / "public").mkdir(parents=True)
    os.chown(media_root / "public", -1, nginx_group)
    (media_root / "public").chmod(0o2750)
    with app.app_context(), umask(0o027):
        key = media.save_public("covers", os.urandom(100), "webp")
        media.write_atomic(media_root / "private" / "petitions" / "a.jpg", b"\xff\xd8\xff")
    cover, folder = media_root / key, (media_root / key).parent
    assert (mode(cover), cover.stat().st_gid) == ("0640", nginx_group)
    assert (mode(folder), folder.stat().st_gid) == ("2750", nginx_group)
    photo = media_root / "private" / "petitions" / "a.jpg"
    assert (mode(photo), mode(photo.parent)) == ("0600", "0700") and photo.stat().st_gid != nginx_group
    folder.chmod(0o2700)  # as if narrowed by hand
    cover.chmod(0o600)
    with umask(0o027):
        assert app.test_cli_runner().invoke(args=["media", "fix-permissions"]).exit_code == 0
    assert (mode(cover), mode(folder), mode(media_root / "public")) == ("0640", "2750", "2750")
