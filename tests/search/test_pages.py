"""/tim-kiem and /hoi-dap as a resident sees them, with and without htmx; /healthz on staleness."""

import gzip

import pytest

from portal.search import index
from portal.search.backend import current
from portal.search.registry import registry
from tests.search.corpus import DOCS


@pytest.fixture
def indexed(app):
    with app.app_context():
        backend = current()
    index.rebuild(backend, DOCS)
    yield backend
    index.rebuild(backend, [])


def test_results_page_without_javascript(client, indexed):
    response = client.get("/tim-kiem?q=lua+dao+qua+mang")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" in html
    for url in ("/hoc-so/an-toan/nhan-biet-lua-dao", "/ban-tin/canh-giac-lua-dao",
                "/thu-vien/cam-nang-lua-dao-truc-tuyen"):
        assert f'href="{url}"' in html
    assert "<mark>lừa</mark>" in html and "Ủy ban MTTQ Việt Nam phường Hồng Bàng" in html
    assert 'name="tinh"' in html and 'value="31"' in html  # the province filter, a plain select
    assert "loai=document" in html  # counts by kind link to a filtered page


def test_filters_and_kind_links(client, indexed):
    html = client.get("/tim-kiem?q=uy+ban&tinh=31").get_data(as_text=True)
    assert "/ban-tin/canh-giac-lua-dao" in html and "/thu-vien/" not in html.split('id="ket-qua"')[1]
    only = client.get("/tim-kiem?q=lua+dao&loai=document").get_data(as_text=True).split('id="ket-qua"')[1]
    assert "/thu-vien/cam-nang-lua-dao-truc-tuyen" in only and 'href="/ban-tin/canh-giac-lua-dao"' not in only
    unit = client.get("/tim-kiem?q=den+duong&don-vi=11311").get_data(as_text=True)
    assert "Ủy ban MTTQ Việt Nam phường Hồng Bàng" in unit and "/phan-anh/PA-7K3M-9QXP" in unit
    assert client.get("/tim-kiem?q=lua&loai=<script>&tinh=zz&don-vi=zz").status_code == 200


def test_htmx_gets_the_results_alone_and_the_last_word_as_a_prefix(client, indexed):
    response = client.get("/tim-kiem?q=vne", headers={"HX-Request": "true"})
    fragment = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in fragment and "HX-Request" in response.headers["Vary"]
    assert "/hoc-so/dich-vu-cong/vneid-muc-2" in fragment
    assert "/hoc-so/dich-vu-cong/vneid-muc-2" not in client.get("/tim-kiem?q=vne").get_data(as_text=True)


def test_did_you_mean_and_a_helpful_empty_page(client, indexed):
    html = client.get("/tim-kiem?q=lau+dao").get_data(as_text=True)
    assert "Có phải bạn muốn tìm" in html and "q=l%E1%BB%ABa+%C4%91%E1%BA%A3o" in html
    empty = client.get("/tim-kiem?q=xyzzyqw").get_data(as_text=True)
    assert "Không tìm thấy" in empty and "/hoi-dap?q=xyzzyqw" in empty
    for part in ("/ban-tin/", "/thu-vien/", "/phan-anh/", "/hoc-so/"):
        assert f'href="{part}"' in empty


def test_a_question_on_the_search_page_is_answered_with_quotes(client, indexed):
    html = client.get("/tim-kiem?q=bị+gọi+điện+giả+công+an+thì+làm+gì").get_data(as_text=True)
    quote = html.split('id="hoi-dap"')[1].split("</section>")[0]
    assert "<mark>gọi</mark> <mark>điện</mark>" in quote and "công an" in quote
    assert 'href="/hoc-so/an-toan/nhan-biet-lua-dao"' in quote


def test_question_helper_page(client, indexed):
    response = client.get("/hoi-dap?q=làm+sao+đăng+ký+VNeID+mức+2%3F")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "mang căn cước đến công an xã" in html and 'href="/hoc-so/dich-vu-cong/vneid-muc-2"' in html
    nothing = client.get("/hoi-dap?q=giá+vàng+hôm+nay+bao+nhiêu").get_data(as_text=True)
    assert "chưa có nội dung nào trả lời" in nothing and "/phan-anh/gui" in nothing
    fragment = client.get("/hoi-dap?q=thẻ+bảo+hiểm+y+tế", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in fragment and "/thu-vien/luat-bao-hiem-y-te" in fragment
    assert 'action="/hoi-dap"' in client.get("/").get_data(as_text=True)  # asked from the home page too


def test_results_page_budget(client, indexed):
    response = client.get("/tim-kiem?q=lua+dao&tinh=31", headers={"Accept-Encoding": "gzip"})
    body = response.get_data()
    size = len(body) if response.headers.get("Content-Encoding") == "gzip" else len(gzip.compress(body))
    assert size <= 14 * 1024, size


def test_healthz_reports_a_stale_index(app, client, indexed):
    search = client.get("/healthz").get_json()["checks"]["search_index"]
    assert search["ok"] and search["stale"] and search["differences"]["bulletin"]["index"] == 4
    with app.app_context():
        index.rebuild(indexed, registry.all_documents())
    search = client.get("/healthz").get_json()["checks"]["search_index"]
    assert search["ok"] and not search["stale"] and search["updated"]
