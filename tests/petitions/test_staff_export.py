"""CSV export of the filtered inbox: Excel-friendly UTF-8, no contact data, no formulas, audited."""

import csv
import io

import pytest
from sqlalchemy import select

from portal.accounts.models import AuditEntry
from portal.petitions.models import Petition
from tests.petitions.factories import login_as, make_petition, register_staff_blueprint

URL = "/quan-tri/phan-anh"


@pytest.fixture(autouse=True)
def _staff_routes(app):
    register_staff_blueprint(app)


def _rows(response):
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the file as UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_export_has_the_filtered_rows_without_contact_data(app, make_user, session):
    make_user("xl@example.org", role="handler", unit="11311")
    late = make_petition(app, "11311", title="Rác thải ở chợ Sắt chưa được thu gom", due_in_days=-2,
                         category="moi-truong")
    make_petition(app, "11311", title="Đèn đường tổ 3 hỏng", status="answered")
    make_petition(app, "11560", title="Phản ánh của phường khác")
    client, _token = login_as(app, "xl@example.org")
    client.set_cookie("lang", "en")

    response = client.get(f"{URL}/xuat.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv" and "charset=utf-8" in response.content_type
    assert response.headers["Content-Disposition"].startswith('attachment; filename="phan-anh-')
    assert "no-store" in response.headers["Cache-Control"]
    rows = _rows(response)
    assert rows[0] == ["Code", "Committee code", "Committee", "Category", "Status", "Title", "Received on", "Due on",
                       "Overdue", "Answered on", "Assigned to", "Supporters"]
    assert [r[5] for r in rows[1:]] == ["Đèn đường tổ 3 hỏng", "Rác thải ở chợ Sắt chưa được thu gom"]
    text = response.get_data(as_text=True)
    assert not any(s in text for s in ("Nguyễn Thị Lan", "0912345678", "lan.nguyen@example.vn", "phường khác"))

    overdue = _rows(client.get(f"{URL}/xuat.csv?qua-han=1"))
    code = session.get(Petition, late).code
    assert len(overdue) == 2 and overdue[1][0] == code and overdue[1][1] == "11311" and overdue[1][8] == "yes"
    assert overdue[1][2] == "Ủy ban MTTQ Việt Nam phường Hồng Bàng" and overdue[1][3] == "Environment"
    assert len(_rows(client.get(f"{URL}/xuat.csv?trang-thai=answered"))) == 2

    exports = session.scalars(select(AuditEntry).where(AuditEntry.action == "petition.export")
                              .order_by(AuditEntry.id)).all()
    assert [e.detail["rows"] for e in exports] == [2, 1, 1]
    assert exports[1].detail["overdue"] is True and exports[0].actor.email == "xl@example.org"
    client.get(f"{URL}/xuat.csv?q=Nguyễn+Thị+Lan")
    searched = session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "petition.export")
                               .order_by(AuditEntry.id)).all()[-1]
    assert searched["q"] is True and "Nguyễn" not in str(searched)


def test_export_never_writes_a_spreadsheet_formula(app, make_user):
    make_user("xl@example.org", role="handler", unit="11311")
    make_petition(app, "11311", title='=HYPERLINK("http://evil.example","bấm vào")')
    make_petition(app, "11311", title="+84 cần hỗ trợ")
    client, _token = login_as(app, "xl@example.org")
    titles = [r[5] for r in _rows(client.get(f"{URL}/xuat.csv"))[1:]]
    assert titles == ["'+84 cần hỗ trợ", "'=HYPERLINK(\"http://evil.example\",\"bấm vào\")"]


def test_oversight_export_masks_personal_data_typed_into_titles(app, make_user):
    make_user("hp@example.org", role="handler", unit="31")
    make_petition(app, "11311", title="Gọi giúp tôi số 0987 654 321 về việc cấp đất")
    client, _token = login_as(app, "hp@example.org")
    text = client.get(f"{URL}/xuat.csv").get_data(as_text=True)
    assert "0987 654 321" not in text and "[số điện thoại đã ẩn]" in text


def test_editors_cannot_export(app, make_user):
    make_user("bt@example.org", role="editor", unit="11311")
    make_petition(app, "11311")
    client, _token = login_as(app, "bt@example.org")
    assert client.get(f"{URL}/xuat.csv").status_code == 403
