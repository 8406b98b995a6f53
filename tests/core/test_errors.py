"""Friendly error pages in both languages, with the right status."""

import pytest


@pytest.mark.parametrize("lang, text", [("vi", "Không tìm thấy trang"), ("en", "Page not found")])
def test_404(client, lang, text):
    client.set_cookie("lang", lang)
    response = client.get("/khong-co-trang-nay")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert text in html and f'<html lang="{lang}"' in html


def test_403(client):
    response = client.get("/_test/forbidden")
    assert response.status_code == 403
    assert "Bạn không có quyền mở trang này" in response.get_data(as_text=True)


def test_405_logout_by_get(client):
    response = client.get("/quan-tri/dang-xuat")
    assert response.status_code == 405
    assert "Không thực hiện được thao tác này" in response.get_data(as_text=True)


def test_500_is_friendly_and_logs_no_personal_data(client, caplog):
    response = client.get("/_test/boom?phone=0912345678")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Hệ thống gặp sự cố" in html and "0912345678" not in html
    logged = caplog.text
    assert "RuntimeError" in logged and "/_test/boom" in logged
    assert "0912345678" not in logged


def test_413(app, client):
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = client.post("/quan-tri/dang-nhap", data={"email": "x" * (limit + 10)})
    assert response.status_code == 413
    assert "Nội dung gửi lên quá lớn" in response.get_data(as_text=True)


def test_400_csrf_missing(client):
    response = client.post("/quan-tri/dang-xuat", data={})
    assert response.status_code == 400
    assert "Biểu mẫu đã hết hạn" in response.get_data(as_text=True)
