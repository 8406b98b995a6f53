"""Property-based: whatever is typed into any public address, query parameter or form field, the
portal answers with a page or a polite 4xx, never a 500.

The parameters are found in the code (every `request.args.get("…")`), the form fields in every
Flask-WTF form class, the routes in the URL map, so new pages are covered without editing this file.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from flask_wtf import FlaskForm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PROJECT_ROOT, csrf_from

STAFF_PREFIXES = ("/quan-tri", "/static", "/media")
NASTY = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["", " ", "0", "-1", "99999999999999999999", "%", "%00", "../../etc/passwd", "\x00", "\ud7ff",
                     "<script>alert(1)</script>", "' OR 1=1 --", "PA-0000-0000", "TW", "31", "11311", "đ" * 300,
                     "a" * 5000, "１２３", "\u202e", "javascript:alert(1)", "{{7*7}}", "trang=0"]),
)


def _query_names() -> list[str]:
    names = set()
    for path in Path(PROJECT_ROOT, "portal").rglob("*.py"):
        names.update(re.findall(r"request\.args\.get\(\s*[\"']([^\"']+)[\"']", path.read_text()))
    return sorted(names)


def _form_fields(app) -> list[str]:
    with app.app_context():
        import portal.models  # noqa: F401  (every feature's forms are imported with the app)

    names = set()
    stack = list(FlaskForm.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        names.update(name for name in dir(cls) if hasattr(getattr(cls, name, None), "field_class"))
    return sorted(names - {"csrf_token"})


def _public_rules(app, method: str):
    for rule in app.url_map.iter_rules():
        if method in rule.methods and not rule.rule.startswith(STAFF_PREFIXES) and "test" not in rule.endpoint:
            yield rule


def _fill(rule, values) -> str:
    path = rule.rule
    for arg in rule.arguments:
        path = re.sub(r"<(?:[^:<>]+:)?" + arg + ">", quote(values.pop() if values else "x", safe=""), path)
    return path


@pytest.fixture(scope="module")
def surface(app):
    return {"get": list(_public_rules(app, "GET")), "post": list(_public_rules(app, "POST")),
            "params": _query_names(), "fields": _form_fields(app)}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_address_and_query_gives_no_500(client, surface, data):
    rule = data.draw(st.sampled_from(surface["get"]))
    values = data.draw(st.lists(NASTY, min_size=len(rule.arguments), max_size=len(rule.arguments)))
    params = data.draw(st.dictionaries(st.sampled_from(surface["params"]), NASTY, max_size=4))
    url = _fill(rule, list(values)) + ("?" + urlencode(params) if params else "")
    response = client.get(url)
    assert response.status_code < 500, (url, response.status_code)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_form_post_gives_no_500(client, surface, data):
    rule = data.draw(st.sampled_from(surface["post"]))
    values = data.draw(st.lists(NASTY, min_size=len(rule.arguments), max_size=len(rule.arguments)))
    url = _fill(rule, list(values))
    form = data.draw(st.dictionaries(st.sampled_from(surface["fields"] + surface["params"]), NASTY, max_size=8))
    token = csrf_from(client.get("/phan-anh/gui?don-vi=11311").get_data(as_text=True))
    form["csrf_token"] = data.draw(st.sampled_from([token, token, "", "forged"]))
    response = client.post(url, data=form, headers={"HX-Request": "true"} if data.draw(st.booleans()) else {})
    assert response.status_code < 500, (url, form, response.status_code)


def test_nul_characters_are_refused_politely_on_every_database(client):
    """PostgreSQL refuses NUL in strings; the portal answers 400 before any query runs."""
    token = csrf_from(client.get("/phan-anh/gui?don-vi=11311").get_data(as_text=True))
    assert client.get("/thu-vien/opds/danh-muc/%00").status_code == 400
    assert client.get("/tim-kiem?q=a%00b").status_code == 400
    response = client.post("/phan-anh/tra-cuu/PA-2222-2222/xac-minh", data={"csrf_token": token, "so": "1\x002"})
    assert response.status_code == 400 and "<html" in response.get_data(as_text=True)
