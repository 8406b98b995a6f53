"""What residents see: the catalogue, an item, its reading pages, downloads with Range."""

from sqlalchemy import select

from portal.db import db
from portal.library import makers, service
from portal.library.models import Category, Item, ItemFile, PageAudio

from .conftest import LONG, PARAGRAPHS


def _category(app, name, parent=None):
    from portal.accounts.models import User

    with app.app_context():
        admin = db.session.query(User).filter_by(role="admin").first()
        parent_obj = db.session.get(Category, parent) if parent else None
        return service.add_category(db.session, admin, name, parent_obj).id


def test_catalogue_lists_counts_filters_and_pages(app, client, make_item, make_user):
    make_user("admin-l@example.org", role="admin")
    law = _category(app, "Pháp luật")
    land = _category(app, "Đất đai", law)
    with app.app_context():
        land_obj = db.session.get(Category, land)
        for n in range(12):
            make_item(title=f"Thủ tục đất đai số {n + 1}", kind="legal", category=land_obj, unit="31")
    make_item(title="Sổ tay phòng chống bão lũ", kind="ebook", unit="TW")
    page = client.get("/thu-vien/").get_data(as_text=True)
    assert "Pháp luật" in page and "(12)" in page  # the parent counts its children's items
    assert "Đọc nhiều nhất" in page and "Trang 1/2" in page
    assert client.get("/thu-vien/?trang=2").status_code == 200
    ebooks = client.get("/thu-vien/?loai=ebook").get_data(as_text=True)
    assert "Sổ tay phòng chống bão lũ" in ebooks and "Thủ tục đất đai" not in ebooks
    by_unit = client.get("/thu-vien/?don-vi=TW").get_data(as_text=True)
    assert "Sổ tay phòng chống bão lũ" in by_unit and "Thủ tục đất đai số 1<" not in by_unit
    by_province = client.get("/thu-vien/?tinh=31").get_data(as_text=True)
    assert "Thủ tục đất đai số 12<" in by_province and "Sổ tay phòng chống bão lũ" not in by_province
    by_cat = client.get("/thu-vien/?danh-muc=phap-luat").get_data(as_text=True)
    assert "Thủ tục đất đai số 12" in by_cat and "Sổ tay" not in by_cat.split('id="danh-sach"')[1]
    partial = client.get("/thu-vien/?loai=ebook", headers={"HX-Request": "true"})
    assert "<html" not in partial.get_data(as_text=True) and "HX-Request" in partial.headers["Vary"]
    assert client.get("/thu-vien/?loai=<script>&trang=-5").status_code == 200


def test_item_page_shows_files_with_format_and_size_and_counts_views(client, make_item, session, sample_pdf):
    item_id = make_item(files=[("Luật BHYT.pdf", sample_pdf)])
    item = session.get(Item, item_id)
    page = client.get(f"/thu-vien/{item.slug}").get_data(as_text=True)
    size = f"{round(len(sample_pdf) / 1024)} KB"
    assert f"Tải về: PDF, {size}" in page, page[page.find("<main"):][:3000]
    assert "Đọc ngay tại đây (1 trang)" in page and "Nghe phần tóm tắt" in page
    assert 'preload="none"' in page
    client.get(f"/thu-vien/{item.slug}")
    session.expire_all()
    assert session.get(Item, item_id).views == 2
    assert client.get("/thu-vien/khong-co-tai-lieu-nay").status_code == 404


def test_long_document_reads_page_by_page_with_audio(client, make_item, session):
    pdf = makers.make_pdf("Luật Đất đai (trích)", LONG[:20])  # two pages, to keep speech quick
    item_id = make_item(title="Luật Đất đai: trích các điều về thủ tục", kind="legal", files=[("luat.pdf", pdf)])
    item = session.get(Item, item_id)
    assert item.text_pages >= 2
    page2 = client.get(f"/thu-vien/{item.slug}/doc?trang=2")
    html = page2.get_data(as_text=True)
    assert page2.status_code == 200 and "Trang 2/" in html and "Nghe trang này" in html
    assert len(page2.get_data()) < 14_000
    audio = session.scalars(select(PageAudio).where(PageAudio.item_id == item_id)).all()
    assert len(audio) == item.text_pages and all(a.audio_mp3_bytes > 0 for a in audio)
    assert client.get(f"/thu-vien/{item.slug}/doc?trang=99").status_code == 404
    assert "Trang 1/" in client.get(f"/thu-vien/{item.slug}/doc?trang=abc").get_data(as_text=True)


def test_downloads_resume_with_range_and_are_never_html(client, make_item, session, sample_pdf):
    item_id = make_item(files=[("luat.pdf", sample_pdf)])
    item, file = session.get(Item, item_id), session.scalar(select(ItemFile))
    url = f"/thu-vien/{item.slug}/tai/{file.id}.pdf"
    full = client.get(url)
    assert full.status_code == 200 and full.data == sample_pdf
    assert full.headers["Content-Type"] == "application/pdf"
    assert full.headers["Content-Disposition"].startswith("attachment")
    assert full.headers["X-Content-Type-Options"] == "nosniff" and full.headers["Accept-Ranges"] == "bytes"
    part = client.get(url, headers={"Range": "bytes=100-"})
    assert part.status_code == 206 and part.data == sample_pdf[100:]
    assert part.headers["Content-Range"] == f"bytes 100-{len(sample_pdf) - 1}/{len(sample_pdf)}"
    assert client.get(f"/thu-vien/{item.slug}/tai/{file.id}.html").status_code == 404
    assert client.get(f"/thu-vien/{item.slug}/tai/{file.id + 999}.pdf").status_code == 404


def test_draft_files_are_not_downloadable(client, make_item, session, sample_pdf):
    item_id = make_item(files=[("luat.pdf", sample_pdf)], publish=False)
    item, file = session.get(Item, item_id), session.scalar(select(ItemFile))
    assert client.get(f"/thu-vien/{item.slug}/tai/{file.id}.pdf").status_code == 404


def test_related_items_and_search(app, client, make_item, session):
    first = make_item(title="Thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", tags="bảo hiểm y tế")
    make_item(title="Bảo hiểm y tế hộ gia đình", tags="bảo hiểm y tế, hộ gia đình")
    page = client.get(f"/thu-vien/{session.get(Item, first).slug}").get_data(as_text=True)
    assert "Tài liệu liên quan" in page and "Bảo hiểm y tế hộ gia đình" in page
    results = client.get("/tim-kiem?q=bao hiem y te tre em").get_data(as_text=True)
    assert "Thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi" in results


def test_extracted_text_is_searchable(client, make_item):
    docx = makers.make_docx("Mẫu tờ khai", PARAGRAPHS)
    make_item(title="Mẫu tờ khai tham gia bảo hiểm", kind="form", files=[("to-khai.docx", docx)])
    results = client.get("/tim-kiem?q=tro cap tuat hang thang").get_data(as_text=True)
    assert "Mẫu tờ khai tham gia bảo hiểm" in results


def test_bulletins_link_to_library_items_as_related_documents(app, client, make_item, session):
    from portal.accounts.models import User
    from portal.bulletins import service as bulletins
    from portal.units.service import get_by_code

    item = session.get(Item, make_item(title="Hướng dẫn đăng ký VNeID mức 2", files=[
        ("vneid.odt", makers.make_odt("VNeID", PARAGRAPHS))]))
    with app.app_context():
        admin = db.session.query(User).filter_by(role="admin").first()
        body = f"Bà con xem [hướng dẫn chi tiết](/thu-vien/{item.slug}) và [mục không có](/thu-vien/khong-co)."
        data = bulletins.BulletinData(title="Hỗ trợ đăng ký VNeID", summary="Tóm tắt.", body=body,
                                      topic="chuyen-doi-so",
                                      unit=get_by_code(db.session, "31"))
        slug = bulletins.publish(db.session, admin, bulletins.save(db.session, admin, data)).slug
    page = client.get(f"/ban-tin/{slug}").get_data(as_text=True)
    related = page[page.find('class="related"'):]
    assert "Tài liệu liên quan" in related and "Hướng dẫn đăng ký VNeID mức 2" in related
    assert "OpenDocument (ODT)" in related and "khong-co" not in related
