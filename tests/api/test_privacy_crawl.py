"""Personal data planted in every petition field (through the real flows of
tests/petitions/test_planted_personal_data.py) never reaches the API: every list page, every
item, the committees of the answers, and a search for every planted string, in both languages."""

from __future__ import annotations

import json
from urllib.parse import quote_plus

from tests.petitions.factories import register_staff_blueprint
from tests.petitions.test_planted_personal_data import (
    SECRETS,
    _handle,
    _leaks,
    _resident_flows,
    _review,
    _without_words,
)


def _crawl_api(client) -> dict[str, str]:
    seen: dict[str, str] = {}
    doc = client.get("/api/v1/openapi.json").get_json()
    lists = [p for p in doc["paths"] if p.endswith("/") and "{" not in p]
    for path in lists:
        url = path + "?per_page=100"
        while url:
            response = client.get(url)
            assert response.status_code == 200, url
            seen[url] = response.get_data(as_text=True)
            body = response.get_json()
            if path != "/api/v1/committees/":
                for item in body["items"]:
                    one = client.get(f"{path}{item['id']}")
                    seen[f"{path}{item['id']}"] = one.get_data(as_text=True)
            url = body["next"] if path != "/api/v1/committees/" else None
            url = url and url.replace("http://localhost", "")
    for secret in SECRETS:
        for lang in ("vi", "en"):
            url = f"/api/v1/search?q={quote_plus(secret)}"
            body = client.get(url, headers={"Accept-Language": lang}).get_json()
            # "Did you mean" spells the query again and `next` carries it: only the index's words count.
            body["suggestion"] = _without_words(body["suggestion"], secret)
            body.pop("next")
            seen[f"{lang} {url}"] = json.dumps(body, ensure_ascii=False)
    return seen


def test_planted_personal_data_reaches_no_api_answer(app, make_user, session):
    register_staff_blueprint(app)
    make_user("xl@example.org", role="handler", unit="11311")
    code, other, older = _resident_flows(app, session)
    for petition_code in (code, other):
        _handle(app, session, petition_code)
    client = app.test_client()
    for when in ("after publication", "after the review request"):
        seen = _crawl_api(client)
        answers = [v for k, v in seen.items() if k.startswith("/api/v1/answers/") and k[16:].isdigit()]
        assert len(answers) >= 2, (when, list(seen))  # the planted petitions are public, masked
        assert any("Nguyễn Văn Thu" in a for a in answers)
        leaks = {url: _leaks(text) for url, text in seen.items() if _leaks(text)}
        assert not leaks, (when, leaks)
        if when == "after publication":
            _review(app, code)
