"""Search over the API: the site's own search function (the same folding and typo rules)."""

from __future__ import annotations

from flask import request

from portal.search import searching
from portal.search.backend import current
from portal.search.registry import registry as search_registry

from .http import json_response, next_url, problem
from .params import SearchParams, parse


def view():
    from .openapi import SearchHit, SearchResults
    params, invalid = parse(SearchParams, request.args)
    if params is None:
        return problem(400, invalid=invalid)
    kind = params.kind or ""
    if kind and kind not in search_registry.sources:
        return problem(400, invalid=[{"name": "kind", "reason": "unknown kind: "
                                      + ", ".join(sorted(search_registry.sources))}])
    found = searching.find(current(), params.q, kind=kind, province=(params.province or "").upper(),
                           unit=(params.committee or "").upper(), page=params.page, per_page=params.per_page,
                           hidden=tuple(search_registry.unlisted()))
    hits = [SearchHit(kind=h.kind, title=h.title, url=h.url, snippet=str(h.snippet), committee=h.unit_code or None,
                      summary=h.summary) for h in found.hits]
    body = SearchResults(items=hits, total=found.total, page=params.page, per_page=params.per_page,
                         by_kind=found.by_kind, suggestion=found.suggestion,
                         next=next_url(params.page, params.per_page, found.total))
    return json_response(body)
