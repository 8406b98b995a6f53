"""The public read-only JSON API for city apps (`/api/v1/`).

One source of truth: pydantic models serialise every response and, through their JSON Schema,
produce the OpenAPI 3.1 document. Features register their collections in `registry` from their
own `api.py` (as they do for search and the home page), so this package never imports a feature.
"""
