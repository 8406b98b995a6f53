"""The page shell: language, text size, htmx partials, headers, caching."""

import re

PUBLIC = ["/", "/ban-tin/", "/thu-vien/", "/phan-anh/", "/hoc-so/", "/tim-kiem", "/thong-ke", "/quan-tri/dang-nhap"]


def test_vietnamese_by_default(client):
    for path in PUBLIC:
        html = client.get(path).get_data(as_text=True)
        assert '<html lang="vi"' in html, path
        assert "Bỏ qua, đến nội dung chính" in html
        for part in ("Bản tin", "Thư viện", "Phản ánh", "Học số"):
            assert f">{part}</a>" in html


def test_language_link_is_remembered(client):
    response = client.get("/ngon-ngu/en?next=/ban-tin/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/ban-tin/"
    cookie = response.headers["Set-Cookie"]
    assert "lang=en" in cookie and "HttpOnly" in cookie and "Max-Age=31536000" in cookie
    html = client.get("/ban-tin/").get_data(as_text=True)
    assert '<html lang="en"' in html and ">Bulletins</a>" in html
    client.get("/ngon-ngu/vi")
    assert '<html lang="vi"' in client.get("/").get_data(as_text=True)


def test_language_switch_refuses_foreign_redirects_and_unknown_codes(client):
    assert client.get("/ngon-ngu/en?next=https://evil.example/").headers["Location"] == "/"
    assert client.get("/ngon-ngu/fr").status_code == 404


def test_large_text_switch(client):
    assert 'class="chu-lon"' not in client.get("/").get_data(as_text=True)
    client.get("/co-chu/lon?next=/")
    assert '<html lang="vi" class="chu-lon">' in client.get("/").get_data(as_text=True)
    client.get("/co-chu/thuong")
    assert 'class="chu-lon"' not in client.get("/").get_data(as_text=True)
    assert client.get("/co-chu/khong-ro").status_code == 404


def test_htmx_fragment_only_for_plain_htmx_requests(client):
    full = client.get("/tim-kiem?q=abc")
    assert "<html" in full.get_data(as_text=True)
    assert "HX-Request" in full.headers["Vary"]
    part = client.get("/tim-kiem?q=abc", headers={"HX-Request": "true"})
    assert "<html" not in part.get_data(as_text=True)
    assert "HX-Request" in part.headers["Vary"]
    for extra in ({"HX-Boosted": "true"}, {"HX-History-Restore-Request": "true"}):
        page = client.get("/tim-kiem?q=abc", headers={"HX-Request": "true", **extra})
        assert "<html" in page.get_data(as_text=True), extra


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_no_inline_script(client):
    html = client.get("/").get_data(as_text=True)
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag and "defer" in tag


def test_repeat_view_is_304(client):
    for encoding in ("gzip", "br", "identity"):
        first = client.get("/", headers={"Accept-Encoding": encoding})
        etag = first.headers["ETag"]
        again = client.get("/", headers={"Accept-Encoding": encoding, "If-None-Match": etag})
        assert again.status_code == 304, encoding
        assert again.data == b""
    changed = client.get("/", headers={"If-None-Match": '"something-else"'})
    assert changed.status_code == 200


def test_html_is_compressed(client):
    assert client.get("/", headers={"Accept-Encoding": "br"}).headers["Content-Encoding"] == "br"
    assert client.get("/", headers={"Accept-Encoding": "gzip"}).headers["Content-Encoding"] == "gzip"


def test_static_files_fingerprinted_and_immutable(client):
    html = client.get("/").get_data(as_text=True)
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{10}\.css)"', html).group(1)
    response = client.get(css, headers={"Accept-Encoding": "br, gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "br"
    assert "immutable" in response.headers["Cache-Control"]
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert response.headers["Content-Type"].startswith("text/css")
    stale = client.get("/static/css/site.0000000000.css")
    assert stale.status_code == 200 and "immutable" not in stale.headers["Cache-Control"]
    plain = client.get(css, headers={"Accept-Encoding": ""})
    assert "Content-Encoding" not in plain.headers and b"--red" in plain.data


def test_static_refuses_traversal(client):
    for path in ["/static/../portal/config.py", "/static/%2e%2e/wsgi.py", "/static/css/site.css.br",
                 "/static/nope.css"]:
        assert client.get(path).status_code == 404, path


def test_healthz_reports_each_part(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    checks = response.get_json()["checks"]
    assert checks["database"]["ok"] and checks["search_index"]["ok"] and checks["jobs"]["ok"]
    assert response.headers["Cache-Control"] == "no-store"


def test_boosted_requests_get_error_pages_they_can_show(client):
    plain = client.get("/khong-co")
    assert plain.status_code == 404
    boosted = client.get("/khong-co", headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert boosted.status_code == 200 and boosted.headers["X-Status"] == "404"
    assert "Không tìm thấy trang" in boosted.get_data(as_text=True)


def test_static_and_media_do_not_vary_on_cookie(client):
    html = client.get("/").get_data(as_text=True)
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{10}\.css)"', html).group(1)
    client.set_cookie("portal_session", "x")
    response = client.get(css)
    assert "Cookie" not in response.headers.get("Vary", "")


def test_error_pages_are_compressed_too(client):
    response = client.get("/khong-co", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 404 and response.headers["Content-Encoding"] == "gzip"
    import gzip

    assert "Không tìm thấy trang" in gzip.decompress(response.data).decode()
