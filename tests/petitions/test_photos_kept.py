"""The photos a resident chose survive a refused form: kept privately, listed by name, removable,
and sent with the petition once the rest is corrected, with JavaScript off and through htmx."""

import html as html_lib
import io
import re

import pytest
from PIL import Image
from sqlalchemy import select

from portal.petitions import kept_photos
from portal.petitions.models import Petition, PetitionPhoto
from tests.conftest import csrf_from
from tests.petitions.test_resident_send import GOOD, _count, _form

BOOSTED = {"HX-Request": "true", "HX-Boosted": "true"}
VIEWS = {"no js": {}, "htmx": BOOSTED}


def _jpeg(shade: int) -> io.BytesIO:
    raw = io.BytesIO()
    Image.new("RGB", (640, 480), (shade, 200 - shade, 90)).save(raw, "JPEG", quality=90)
    raw.seek(0)
    return raw


def _post(client, data: dict, headers: dict):
    return client.post("/phan-anh/gui", data=data, headers=headers, content_type="multipart/form-data")


def _status(response) -> int:
    """The real status: a boosted answer comes as 200 with the status in X-Status (core/htmx.py)."""
    return int(response.headers.get("X-Status", response.status_code))


def _hidden(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" type="hidden" value="([^"]*)"', page)
    return html_lib.unescape(match.group(1)) if match else ""


def _refused_with_two_photos(client, headers: dict) -> tuple[dict, str]:
    base = _form(client)
    refused = _post(client, {**base, **GOOD, "title": "ngắn", "buoc": "xem-truoc",
                             "photos": [(_jpeg(10), "đèn-hỏng.jpg"), (_jpeg(60), "ngõ-12.png")]}, headers)
    page = refused.get_data(as_text=True)
    assert _status(refused) == 400 and "ngõ 12 phố Lạch Tray" in page  # the text is kept too
    return base, page


@pytest.mark.parametrize("headers", VIEWS.values(), ids=VIEWS.keys())
def test_photos_chosen_on_a_refused_form_are_kept_and_sent(app, client, session, headers):
    base, page = _refused_with_two_photos(client, headers)
    assert "Đã giữ 2 ảnh: đèn-hỏng.jpg, ngõ-12.png" in page and 'name="bo-anh"' in page
    tokens = _hidden(page, "photo_tokens")
    assert tokens
    # Corrected, without choosing the photos again: the petition is sent with both.
    sent = _post(client, {**base, **GOOD, "buoc": "gui", "photo_tokens": tokens}, headers)
    assert sent.status_code == 303
    petition = session.scalar(select(Petition))
    assert len(petition.photos) == 2
    for photo in petition.photos:  # private: never under the public media area
        assert photo.key.startswith("private/petitions/")
        assert client.get(f"/media/{photo.key}").status_code == 404
        assert client.get(f"/media/public/{photo.key}").status_code == 404


def test_a_kept_photo_can_be_taken_off_and_more_added(client, session):
    base, page = _refused_with_two_photos(client, {})
    removed = re.findall(r'name="bo-anh" value="([0-9a-f]+)"', page)[0]
    again = _post(client, {**base, **GOOD, "phone": "12", "buoc": "xem-truoc", "bo-anh": removed,
                           "photo_tokens": _hidden(page, "photo_tokens"), "photos": [(_jpeg(120), "thêm.jpg")]}, {})
    page = again.get_data(as_text=True)
    assert again.status_code == 400 and "Đã giữ 2 ảnh: ngõ-12.png, thêm.jpg" in page
    sent = _post(client, {**base, **GOOD, "buoc": "gui", "photo_tokens": _hidden(page, "photo_tokens")}, {})
    assert sent.status_code == 303
    keys = session.scalars(select(PetitionPhoto.key)).all()
    assert len(keys) == 2 and not any(removed in key for key in keys)


def test_too_many_or_a_bad_photo_keeps_the_kept_ones_and_says_to_choose_again(client, session):
    base, page = _refused_with_two_photos(client, {})
    tokens = _hidden(page, "photo_tokens")
    too_many = _post(client, {**base, **GOOD, "buoc": "xem-truoc", "photo_tokens": tokens,
                              "photos": [(_jpeg(130), "a.jpg"), (_jpeg(140), "b.jpg")]}, {})
    page = too_many.get_data(as_text=True)
    assert too_many.status_code == 400 and "Ảnh và tệp đính kèm cần được chọn lại." in page
    assert "Đã giữ 2 ảnh: đèn-hỏng.jpg, ngõ-12.png" in page
    bad = _post(client, {**base, **GOOD, "buoc": "xem-truoc", "photo_tokens": _hidden(page, "photo_tokens"),
                         "photos": [(io.BytesIO(b"<script>alert(1)</script>"), "x.jpg")]}, {})
    page = bad.get_data(as_text=True)
    assert bad.status_code == 400 and "“x.jpg”" in page and "Ảnh và tệp đính kèm cần được chọn lại." in page
    assert "Đã giữ 2 ảnh" in page and _count(session) == 0


def test_kept_photos_belong_to_their_form_and_session(app, client, session):
    base, page = _refused_with_two_photos(client, {})
    tokens = _hidden(page, "photo_tokens")
    other_form = _form(client)  # the same browser, another form
    sent = _post(client, {**other_form, **GOOD, "buoc": "gui", "photo_tokens": tokens}, {})
    assert sent.status_code == 303 and _count(session, PetitionPhoto) == 0
    stranger = app.test_client()  # another browser with the same hidden fields
    html = stranger.get("/phan-anh/gui?don-vi=11311").get_data(as_text=True)
    sent = _post(stranger, {**base, "csrf_token": csrf_from(html), **GOOD, "buoc": "gui", "photo_tokens": tokens}, {})
    assert sent.status_code == 303 and _count(session, PetitionPhoto) == 0


def test_kept_photos_expire_with_a_message(client, session, monkeypatch):
    base, page = _refused_with_two_photos(client, {})
    monkeypatch.setattr(kept_photos, "KEPT_SECONDS", -1)
    late = _post(client, {**base, **GOOD, "buoc": "gui", "photo_tokens": _hidden(page, "photo_tokens")}, {})
    page = late.get_data(as_text=True)
    assert late.status_code == 400 and "không còn được giữ" in page and "Đã giữ" not in page
    assert _count(session) == 0
