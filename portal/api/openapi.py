"""The OpenAPI 3.1 document, produced from the same pydantic models that serialise the answers
(JSON Schema 2020-12 is OpenAPI 3.1's schema language, so pydantic's output goes in as it is)."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, create_model
from pydantic.json_schema import models_json_schema

from .params import CommitteeParams, ListParams, SearchParams
from .registry import Collection, registry
from .schemas import Committee, Page, Problem

VERSION = "1.0.0"
REF = "#/components/schemas/{model}"


@cache
def page_model(schema: type[BaseModel]) -> type[Page]:
    return create_model(f"{schema.__name__}Page", __base__=Page, items=(list[schema], ...))


class SearchHit(BaseModel):
    kind: str
    title: str
    url: str
    snippet: str
    committee: str | None
    summary: str


class SearchResults(BaseModel):
    items: list[SearchHit]
    total: int
    page: int
    per_page: int
    by_kind: dict[str, int]
    suggestion: str
    next: str | None


def _parameters(model: type[BaseModel], names: tuple[str, ...] | None = None) -> list[dict]:
    schema = model.model_json_schema()
    required = set(schema.get("required", ()))
    out = []
    for name, prop in schema["properties"].items():
        if names is not None and name not in names and name not in ("page", "per_page"):
            continue
        prop = dict(prop)
        prop.pop("title", None)
        description = prop.pop("description", "")
        if "anyOf" in prop:  # optional: the parameter may be left out; it is never null
            prop = next(p for p in prop["anyOf"] if p.get("type") != "null") | {
                k: v for k, v in prop.items() if k != "anyOf"}
        if prop.get("default") is None:
            prop.pop("default", None)
        out.append({"name": name, "in": "query", "required": name in required, "description": description,
                    "schema": prop})
    return out


def _problem(description: str) -> dict:
    return {"description": description,
            "content": {"application/problem+json": {"schema": {"$ref": REF.format(model="Problem")}}}}


def _ok(model: str, description: str) -> dict:
    return {"200": {"description": description, "headers": {"ETag": {"schema": {"type": "string"}}},
                    "content": {"application/json": {"schema": {"$ref": REF.format(model=model)}}}},
            "304": {"description": "Not modified (If-None-Match matched the ETag)"},
            "429": _problem("Too many requests from this address")}


def _collection_paths(c: Collection) -> dict:
    page = page_model(c.schema).__name__
    return {
        f"/api/v1/{c.name}/": {"get": {
            "operationId": f"list_{c.name}", "summary": f"List {c.title}", "tags": [c.name],
            "parameters": _parameters(ListParams, c.filters),
            "responses": _ok(page, f"A page of {c.title}") | {"400": _problem("A parameter is not valid")}}},
        f"/api/v1/{c.name}/{{id}}": {"get": {
            "operationId": f"get_{c.name}", "summary": f"One of the {c.title}", "tags": [c.name],
            "parameters": [{"name": "id", "in": "path", "required": True,
                            "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}}],
            "responses": _ok(c.schema.__name__, f"One of the {c.title}") | {"404": _problem("Not public or gone")}}},
    }


@cache
def document() -> dict:
    collections = registry.ordered()
    models = [Problem, Committee, page_model(Committee), SearchResults]
    models += [m for c in collections for m in (c.schema, page_model(c.schema))]
    _, defs = models_json_schema([(m, "serialization") for m in models], ref_template=REF)
    paths: dict = {}
    for c in collections:
        paths |= _collection_paths(c)
    paths["/api/v1/committees/"] = {"get": {
        "operationId": "list_committees", "summary": "The 3,356 Front committees", "tags": ["committees"],
        "parameters": _parameters(CommitteeParams),
        "responses": _ok(page_model(Committee).__name__, "A page of committees")
        | {"400": _problem("A parameter is not valid")}}}
    paths["/api/v1/committees/{code}"] = {"get": {
        "operationId": "get_committee", "summary": "One committee", "tags": ["committees"],
        "parameters": [{"name": "code", "in": "path", "required": True,
                        "schema": {"type": "string", "pattern": "^[0-9A-Za-z]{1,10}$"}}],
        "responses": _ok("Committee", "One committee") | {"404": _problem("No such committee")}}}
    paths["/api/v1/search"] = {"get": {
        "operationId": "search", "summary": "Search everything public, with or without diacritics",
        "tags": ["search"], "parameters": _parameters(SearchParams),
        "responses": _ok("SearchResults", "Hits, best first") | {"400": _problem("A parameter is not valid")}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Cổng Mặt trận số — public API", "version": VERSION,
                 "description": "Read-only public content of the portal for city apps: bulletins, library, "
                                "public answers to petitions, digital-skills courses, committees and search. "
                                "Every answer has an ETag (send If-None-Match for a 304) and may be cached "
                                "as its Cache-Control says. Lists take `since` to sync only what changed.",
                 "license": {"name": "AGPL-3.0-or-later", "identifier": "AGPL-3.0-or-later"}},
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {"schemas": defs["$defs"]},
    }
