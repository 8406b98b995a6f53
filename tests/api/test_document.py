"""The OpenAPI document validates against the OpenAPI 3.1 specification, and every item schema
in it is the one the answers are serialised with (one source of truth)."""

from __future__ import annotations

from openapi_spec_validator import validate

from portal.api.registry import registry


def test_openapi_document_validates_as_3_1(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    validate(doc)  # raises on any error; detects 3.1 from the document
    assert doc["openapi"].startswith("3.1")
    for collection in registry.ordered():
        schema = collection.schema.model_json_schema(mode="serialization", ref_template="#/components/schemas/{model}")
        schema.pop("$defs", None)
        assert doc["components"]["schemas"][collection.schema.__name__] == schema


def test_no_quiz_answer_in_the_document(client):
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert "correct" not in str(schemas["ChoiceOut"]) and "explanation" not in str(schemas)
