"""`storyline.json`: the contract (../shared/CONTRACT.md) and its JSON Schema."""

from __future__ import annotations

import json

from storyline.models import Analysis


def render_json(analysis: Analysis) -> str:
    return analysis.model_dump_json(indent=2) + "\n"


def json_schema() -> str:
    schema = Analysis.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "storyline.json (schema version 1)"
    return json.dumps(schema, indent=2) + "\n"
