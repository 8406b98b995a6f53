"""The editor's flow: upload, extraction shown, publish, history, unpublish; who may do what."""

import io

from sqlalchemy import select

from portal.accounts.models import AuditEntry
from portal.library import makers
from portal.library.models import Item, ItemFile, Revision
from tests.conftest import csrf_from

from .conftest import PARAGRAPHS

FORM = {"title": "Luật Bảo hiểm y tế: những điều người cao tuổi cần biết", "kind": "legal",
        "issuer": "Quốc hội", "issued_on": "2024-06-27", "unit_code": "31", "category_id": "0",
        "tags": "bảo hiểm y tế, người cao tuổi", "summary": "Người từ đủ 75 tuổi được cấp thẻ bảo hiểm y tế."}


def _post(client, url, data, files=()):
    token = csrf_from(client.get("/quan-tri/thu-vien/moi").get_data(as_text=True))
    payload = {**data, "csrf_token": token}
    if files:
        payload["files"] = [(io.BytesIO(content), name) for name, content in files]
    return client.post(url, data=payload, content_type="multipart/form-data")


def test_editor_uploads_publishes_and_unpublishes(client, editor, login, session):
    login("bientap@example.org")
    pdf = makers.make_pdf("Luật Bảo hiểm y tế", PARAGRAPHS)
    response = _post(client, "/quan-tri/thu-vien/moi", FORM, [("../../Luật BHYT.pdf", pdf)])
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    item = session.scalar(select(Item))
    file = session.scalar(select(ItemFile))
    assert item.status == "draft" and item.unit.code == "31" and item.tags == "bảo hiểm y tế, người cao tuổi"
    assert file.format == "pdf" and file.label == "Luật BHYT" and file.extract_state == "done"
    assert file.key.startswith("library/files/") and ".." not in file.key and file.bytes == len(pdf)
    assert PARAGRAPHS[1] in file.text and item.text_pages == 1
    page = client.get(f"/quan-tri/thu-vien/{item.id}").get_data(as_text=True)
    assert "Đã đọc được chữ" in page
    assert client.get(f"/thu-vien/{item.slug}").status_code == 404
    client.post(f"/quan-tri/thu-vien/{item.id}/dang", data={"csrf_token": csrf_from(page)})
    session.expire_all()
    item = session.get(Item, item.id)
    assert item.status == "published" and item.audio_state == "done" and item.audio_mp3
    assert client.get(f"/thu-vien/{item.slug}").status_code == 200
    page = client.get(f"/quan-tri/thu-vien/{item.id}").get_data(as_text=True)
    client.post(f"/quan-tri/thu-vien/{item.id}/go", data={"csrf_token": csrf_from(page)})
    assert client.get(f"/thu-vien/{item.slug}").status_code == 404
    actions = session.scalars(select(Revision.action).order_by(Revision.id)).all()
    assert actions == ["create", "publish", "unpublish"]
    audit = session.scalars(select(AuditEntry.action).where(AuditEntry.object_type == "library_item")
                            .order_by(AuditEntry.id)).all()
    assert audit == ["library.create", "library.publish", "library.unpublish"]
    assert "Lịch sử sửa" in client.get(f"/quan-tri/thu-vien/{item.id}").get_data(as_text=True)


def test_edit_is_recorded_with_what_changed(client, editor, login, session):
    login("bientap@example.org")
    _post(client, "/quan-tri/thu-vien/moi", FORM)
    item = session.scalar(select(Item))
    _post(client, f"/quan-tri/thu-vien/{item.id}", {**FORM, "summary": FORM["summary"] + " Xin cảm ơn."})
    revisions = session.scalars(select(Revision).order_by(Revision.id)).all()
    assert [r.action for r in revisions] == ["create", "update"] and revisions[1].changed == "summary"


def _refused(response, needle):
    body = response.get_data(as_text=True)
    assert response.status_code == 400, response.status_code
    assert needle in body, body[body.find("<main"):][:3000]
    assert FORM["title"] in body and FORM["summary"] in body  # what was typed is kept
    return body


def test_hostile_uploads_are_refused_politely_and_nothing_is_saved(client, editor, login, session):
    login("bientap@example.org")
    _refused(_post(client, "/quan-tri/thu-vien/moi", FORM, [("luat.pdf", b"<script>alert(1)</script>")]),
             "không phải loại tệp thư viện nhận")
    _refused(_post(client, "/quan-tri/thu-vien/moi", FORM, [("luat.pdf", b"%PDF-1.4\n<script>x</script>")]),
             "bị hỏng")
    from .test_uploads import zip_bomb

    _refused(_post(client, "/quan-tri/thu-vien/moi", FORM, [("mau-don.docx", zip_bomb("docx"))]),
             "từ chối để giữ an toàn")
    assert session.scalar(select(Item)) is None and session.scalar(select(ItemFile)) is None


def test_oversized_file_is_refused_with_the_limit(app, client, editor, login, session, sample_pdf):
    login("bientap@example.org")
    app.config["LIBRARY_MAX_FILE_BYTES"] = len(sample_pdf) - 1
    try:
        body = _refused(_post(client, "/quan-tri/thu-vien/moi", FORM, [("luat.pdf", sample_pdf)]), "quá lớn")
    finally:
        app.config.pop("LIBRARY_MAX_FILE_BYTES")
    assert "tối đa" in body
    assert session.scalar(select(Item)) is None


def test_failed_extraction_is_shown_to_the_editor(client, editor, login, session):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    login("bientap@example.org")
    _post(client, "/quan-tri/thu-vien/moi", FORM, [("scan.pdf", bytes(pdf.output()))])
    file = session.scalar(select(ItemFile))
    assert file.extract_state == "failed" and file.extract_error
    page = client.get(f"/quan-tri/thu-vien/{file.item_id}").get_data(as_text=True)
    assert "Không đọc được chữ" in page
    listing = client.get("/quan-tri/thu-vien/").get_data(as_text=True)
    assert "chưa đọc được chữ" in listing


def test_editor_cannot_touch_another_committees_items(client, editor, login, make_item, session):
    other = make_item(unit="01", publish=False)
    login("bientap@example.org")
    assert client.get(f"/quan-tri/thu-vien/{other}").status_code == 403
    token = csrf_from(client.get("/quan-tri/thu-vien/moi").get_data(as_text=True))
    assert client.post(f"/quan-tri/thu-vien/{other}/dang", data={"csrf_token": token}).status_code == 403
    assert "Hỏi đáp" not in client.get("/quan-tri/thu-vien/").get_data(as_text=True)
    response = _post(client, "/quan-tri/thu-vien/moi", {**FORM, "unit_code": "01"})
    assert response.status_code == 400 and "cho Ủy ban của mình" in response.get_data(as_text=True)
    assert session.get(Item, other).status == "draft"


def test_residents_and_other_roles_are_kept_out(client, make_user, login):
    assert client.get("/quan-tri/thu-vien/").status_code == 302
    make_user("xuly@example.org", role="handler", unit="11311")
    login("xuly@example.org")
    assert client.get("/quan-tri/thu-vien/").status_code == 403


def test_missing_fields_and_bad_date(client, editor, login):
    login("bientap@example.org")
    response = _post(client, "/quan-tri/thu-vien/moi", {**FORM, "summary": "", "issued_on": "27/13/2024"})
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and "Xin giải thích" in body and "năm-tháng-ngày" in body


def test_categories_tree(client, editor, login, session):
    from portal.library.models import Category

    login("bientap@example.org")
    page = client.get("/quan-tri/thu-vien/danh-muc").get_data(as_text=True)
    client.post("/quan-tri/thu-vien/danh-muc", data={"csrf_token": csrf_from(page), "name": "Pháp luật",
                                                      "parent_id": "0"})
    parent = session.scalar(select(Category))
    client.post("/quan-tri/thu-vien/danh-muc", data={"csrf_token": csrf_from(page), "name": "Đất đai",
                                                      "parent_id": str(parent.id)})
    child = session.scalar(select(Category).where(Category.name == "Đất đai"))
    assert child.parent_id == parent.id and child.slug == "dat-dai"
