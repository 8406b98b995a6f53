from hypothesis import given
from hypothesis import strategies as st

from portal.core.http import safe_next
from portal.core.markdown import render_markdown
from portal.core.text import clean_line, fold, slugify


def test_fold_strips_diacritics_and_d():
    assert fold("Phường Hồng Bàng") == "phuong hong bang"
    assert fold("ĐƯỜNG Điện Biên") == "duong dien bien"
    assert fold("  bản   tin ") == "ban tin"


def test_slugify_is_ascii():
    assert slugify("Hướng dẫn đăng ký VNeID mức 2!") == "huong-dan-dang-ky-vneid-muc-2"
    assert slugify("!!!") == "muc"


def test_clean_line_nfc_and_controls():
    assert clean_line("a\u0301\x00 b\n c", 10) == "á b c"


@given(st.text())
def test_fold_never_fails(value):
    assert isinstance(fold(value), str)


def test_safe_next_keeps_local_paths_only():
    assert safe_next("/ban-tin/?trang=2") == "/ban-tin/?trang=2"
    for bad in ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)",
                "ban-tin", "/\t/evil.example", "http:/evil", None, ""]:
        assert safe_next(bad) == "/"


def test_markdown_is_safe():
    html = str(render_markdown('# T\n\n<script>alert(1)</script> [x](javascript:alert(1)) **b**\n\n'
                               '<img src=x onerror=alert(1)>'))
    assert "<script" not in html
    assert "<img" not in html
    assert 'href="javascript' not in html
    assert "<strong>b</strong>" in html
