"""A recording is personal data: private like the photos, heard only by the staff who act on the
petition, never on a public page, in the search index, the public media or the logs, and erased
with the contact data."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from portal.db import utcnow
from portal.petitions.jobs import erase_personal_data, remove_orphan_recordings
from portal.petitions.models import PUBLISHED, Petition, PetitionRecording
from tests.petitions.factories import login_as, register_staff_blueprint
from tests.petitions.test_spoken_petition import ECHO, send_back, upload
from tests.speech_input.clips import DATA

SPOKEN = "cống thoát nước ngõ tám bị tắc Quaxilorium gọi tôi không chín tám ba bảy một bốn hai sáu năm"


@pytest.fixture(autouse=True)
def _setup(app, tmp_path, monkeypatch):
    register_staff_blueprint(app)
    monkeypatch.setitem(app.config, "MEDIA_ROOT", str(tmp_path / "media"))
    monkeypatch.setitem(app.config, "RECOGNIZER", ECHO)
    monkeypatch.setenv("ECHO_TEXT", SPOKEN)


def _spoken_petition(app, session) -> tuple[Petition, str]:
    client = app.test_client()
    draft = client.get(upload(client, (DATA / "natural.amr").read_bytes()).headers["Location"])
    html = draft.get_data(as_text=True)
    assert "Quaxilorium" in html
    sent = send_back(client, html, title="Cống thoát nước ngõ 8 bị tắc", buoc="gui")
    assert sent.status_code == 303
    petition = session.scalar(select(Petition))
    return petition, draft.request.path.rsplit("/", 1)[1]


def test_the_recording_never_reaches_a_public_page_the_index_or_the_logs(app, client, session, caplog):
    from portal.search.backend import current
    from portal.search.jobs import refresh

    caplog.set_level("DEBUG")
    petition, token = _spoken_petition(app, session)
    [recording] = petition.recordings
    petition.status, petition.published_at, petition.public_unit_id = PUBLISHED, utcnow(), petition.unit_id
    petition.answer = petition.public_answer = "Đã thông cống."
    session.commit()
    with app.app_context():
        refresh("answer", str(petition.id))
        stored, lexicon = current().contents()
    secrets = [token, recording.key, "ghi-am", "0983714265", "983714265"]
    for url in (f"/phan-anh/{petition.code}", "/phan-anh/", "/phan-anh/feed.atom", "/", "/tim-kiem?q=cong+thoat+nuoc",
                f"/phan-anh/tra-cuu?ma={petition.code}"):
        response = client.get(url)
        text = response.get_data(as_text=True)
        assert response.status_code == 200, url
        for secret in secrets:
            assert secret not in text, (secret, url)
    assert f"/phan-anh/{petition.code}" in client.get("/tim-kiem?q=cong+thoat+nuoc").get_data(as_text=True)
    for secret in secrets:
        assert secret not in stored
    assert "0983714265" not in lexicon and "983714265" not in lexicon
    public = Path(app.config["MEDIA_ROOT"]) / "public"
    assert not [p for p in public.rglob("*") if p.is_file()] if public.exists() else True
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Quaxilorium" not in logged and "0983714265" not in logged and token not in logged


@pytest.mark.parametrize(("role", "unit", "expected"), [
    ("handler", "11311", 200),  # the commune's own handler
    ("handler", "11560", 404),  # another commune
    ("handler", "31", 404),  # the province reads the petition, read-only: not the voice
    ("editor", "11311", 403),
    (None, None, 302),
])
def test_only_the_staff_who_act_on_it_can_listen(app, session, make_user, role, unit, expected):
    petition, _token = _spoken_petition(app, session)
    [recording] = petition.recordings
    email = f"{role}@example.org" if role else None
    if role:
        make_user(email, role=role, unit=unit)
    staff, _csrf = login_as(app, email)
    answer = staff.get(f"/quan-tri/phan-anh/{petition.id}/ghi-am/{recording.id}")
    assert answer.status_code == expected
    detail = staff.get(f"/quan-tri/phan-anh/{petition.id}").get_data(as_text=True)
    if expected == 200:
        assert answer.data[:5] == b"#!AMR" and "no-store" in answer.headers["Cache-Control"]
        assert f"/ghi-am/{recording.id}" in detail and "<audio" in detail
    else:
        assert f"/ghi-am/{recording.id}" not in detail


def test_retention_erases_the_recording_with_the_contact_data(app, session):
    petition, _token = _spoken_petition(app, session)
    [recording] = petition.recordings
    files = [Path(app.config["MEDIA_ROOT"]) / recording.key]
    if recording.readback_key:
        files.append(Path(app.config["MEDIA_ROOT"]) / recording.readback_key)
    assert all(f.is_file() for f in files)
    petition.status, petition.closed_at = PUBLISHED, utcnow() - timedelta(days=800)
    session.commit()
    with app.app_context():
        assert erase_personal_data(session, months=24) == 1
    assert session.scalar(select(func.count()).select_from(PetitionRecording)) == 0
    assert not any(f.exists() for f in files)


def test_drafts_never_sent_are_removed_after_a_day(app, session):
    client = app.test_client()
    client.get(upload(client, (DATA / "natural.opus").read_bytes()).headers["Location"])
    old = session.scalar(select(PetitionRecording))
    fresh_client = app.test_client()
    upload(fresh_client, (DATA / "natural.mp3").read_bytes())
    old.created_at = utcnow() - timedelta(days=2)
    session.commit()
    old_file = Path(app.config["MEDIA_ROOT"]) / old.key
    with app.app_context():
        assert remove_orphan_recordings(session) == 1
    session.expire_all()
    assert [r.key.rsplit(".", 1)[1] for r in session.scalars(select(PetitionRecording))] == ["mp3"]
    assert not old_file.exists()


def test_words_written_down_after_the_recording_was_erased_leave_nothing(app, session, monkeypatch):
    """Retention (or the draft clean-up) removes the recording while the recogniser runs: the
    read-back made afterwards, the words in the portal's voice, is removed too."""
    from portal.petitions import voice_jobs

    client = app.test_client()
    monkeypatch.setattr(voice_jobs.jobs, "enqueue_after_commit", lambda *a, **k: None)  # the worker is late
    upload(client, (DATA / "natural.opus").read_bytes())
    recording_id = session.scalar(select(PetitionRecording.id))

    def recognise_while_erased(path, recognizer, **limits):
        session.delete(session.get(PetitionRecording, recording_id))
        session.commit()
        return "cống thoát nước ngõ tám bị tắc"

    monkeypatch.setattr(voice_jobs, "transcribe_limited", recognise_while_erased)
    with app.app_context():
        assert voice_jobs.transcribe_recording(recording_id) == "gone"
    readback = Path(app.config["MEDIA_ROOT"]) / "private" / "recordings" / "doc-lai"
    assert readback.is_dir() and not [p for p in readback.rglob("*") if p.is_file()]


def test_recordings_and_their_read_back_are_the_portals_alone(app, session):
    """0600 files in 0700 folders, like the rest of the private media, whatever the umask."""
    import os
    import stat

    old = os.umask(0o022)
    try:
        petition, _token = _spoken_petition(app, session)
    finally:
        os.umask(old)
    [recording] = petition.recordings
    root = Path(app.config["MEDIA_ROOT"])
    assert recording.readback_key
    for key in (recording.key, recording.readback_key):
        path = root / key
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, key
        for folder in path.relative_to(root).parents:
            if str(folder) != ".":
                assert stat.S_IMODE((root / folder).stat().st_mode) == 0o700, folder
