"""Analysis <-> store records: which sections are stored, their keys, and id remapping."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

from storyline.models import Analysis

PLACE_TYPES = {"GPE", "LOC", "FACILITY"}

# Keys (anywhere in a dumped record) whose values are document ids. Used to move an
# analysis made with a run's own ids ("d1", "d2", …) onto the store's ids.
DOC_ID_KEYS = {"document", "documents", "sources", "duplicate_of"}


def sections() -> dict[str, type[BaseModel]]:
    """Analysis list sections stored as records (name -> item model); problems apart."""
    out: dict[str, type[BaseModel]] = {}
    for name, info in Analysis.model_fields.items():
        if name == "problems" or typing.get_origin(info.annotation) is not list:
            continue
        (item,) = typing.get_args(info.annotation)
        if isinstance(item, type) and issubclass(item, BaseModel):
            out[name] = item
    return out


def scalar_fields() -> list[str]:
    """Top-level Analysis fields that are not list sections (schema_version, …)."""
    return [
        n
        for n, info in Analysis.model_fields.items()
        if typing.get_origin(info.annotation) is not list
    ]


def record_keys(kind: str, index: int, item: BaseModel) -> dict[str, Any]:
    """Indexed columns of one record: key, story, document, dates, search text."""
    get = item.__dict__.get
    key = get("id") or str(index)
    story = get("story") if isinstance(get("story"), str) else None
    document = get("document") if isinstance(get("document"), str) else None
    start = end = None
    search = ""
    if kind == "documents":
        document = get("id")
        start = end = get("published")
        search = " ".join(x for x in (get("title"), get("outlet")) if x)
    elif kind == "stories":
        story = get("id")
        start, end = get("start"), get("end")
        search = " ".join([get("title") or ""] + [s.text for s in get("summary") or []])
    elif kind == "events":
        start = end = get("date")
        search = get("description") or ""
    elif kind == "entities":
        search = " ".join([get("name") or "", *(get("aliases") or [])])
    elif kind in ("quotes", "claims", "accusations"):
        search = get("text") or ""
    return {
        "key": str(key)[:64],
        "story": story,
        "document": document,
        "date_start": start,
        "date_end": end,
        "search": search.lower(),
    }


def remap_ids(
    data: Any,
    mapping: dict[str, str],
    keys: frozenset[str] | set[str] = DOC_ID_KEYS,
    key: str | None = None,
) -> Any:
    """Rewrite ids in a dumped record (dicts and lists, recursively): every string
    under one of `keys` (document ids by default) that `mapping` knows."""
    if isinstance(data, dict):
        return {k: remap_ids(v, mapping, keys, k) for k, v in data.items()}
    if isinstance(data, list):
        return [remap_ids(v, mapping, keys, key) for v in data]
    if key in keys and isinstance(data, str):
        return mapping.get(data, data)
    return data


def remap_analysis(analysis: Analysis, mapping: dict[str, str]) -> Analysis:
    """The same analysis with its document ids moved onto the store's ids."""
    if all(k == v for k, v in mapping.items()):
        return analysis
    data = analysis.model_dump(mode="python")
    for doc in data["documents"]:
        doc["id"] = mapping.get(doc["id"], doc["id"])
    data = {k: remap_ids(v, mapping) if k != "problems" else v for k, v in data.items()}
    return Analysis.model_validate(data)
