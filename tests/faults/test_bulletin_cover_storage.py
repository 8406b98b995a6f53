"""A bulletin with a new cover on a full disk: neither the bulletin nor a cover file is kept,
and the editor gets the 507 page with what was typed (re-sending cannot make a twin)."""

import io

from sqlalchemy import func, select

from portal.bulletins.models import Bulletin
from tests.conftest import csrf_from
from tests.faults.storage import FULL_TEXT, disk_full, listing, unique_jpeg

TITLE = "Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư số 5"
BODY = "Sáng 16/11, bà con khu dân cư số 5 cùng dự ngày hội, thăm hỏi 12 hộ khó khăn."


def test_new_bulletin_with_a_cover_on_a_full_disk_keeps_nothing(app, client, make_user, login, session, media_root):
    make_user("bientap@example.org", role="editor", unit="31")
    login("bientap@example.org")
    url = "/quan-tri/ban-tin/moi"
    form = {"title": TITLE, "summary": "", "body": BODY, "topic": "hoat-dong", "unit_code": "31",
            "cover_alt": "Bà con dự ngày hội ở nhà văn hóa"}
    before = listing(media_root)
    with disk_full(media_root, room=2000):
        response = client.post(url, data={**form, "csrf_token": csrf_from(client.get(url).get_data(as_text=True)),
                                          "cover": (io.BytesIO(unique_jpeg((900, 600))), "anh.jpg")},
                               content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 507 and response.headers["Retry-After"], page[page.find("<main"):][:2000]
    assert FULL_TEXT in page and f'value="{TITLE}"' in page and BODY in page
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Bulletin)) == 0
    assert listing(media_root) == before
    # With room again, the same form saves one bulletin with its cover.
    response = client.post(url, data={**form, "csrf_token": csrf_from(client.get(url).get_data(as_text=True)),
                                      "cover": (io.BytesIO(unique_jpeg((900, 600))), "anh.jpg")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    session.expire_all()
    saved = session.scalars(select(Bulletin)).all()
    assert len(saved) == 1 and saved[0].cover_webp and saved[0].cover_jpeg
