"""The analysis as flat tables: one row per record, plain values, stable columns.

Each table is a function of an `Analysis` returning rows (dicts) whose keys are the
table's `COLUMNS`, in order, whatever the input holds, so a spreadsheet or a script
written against one run reads the next. Values are str, int, float, bool or None; a
list (aliases, actors, documents) is joined with `LIST_SEP`, and a reference to an
entity or document keeps its id beside a readable name so tables join on ids.

The writers (`storyline.render.export`) and `Analysis.frames()` use these rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from storyline.models import Analysis, Document, Entity

Row = dict[str, Any]
LIST_SEP = "; "

COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": (
        "id",
        "story",
        "title",
        "outlet",
        "author",
        "published",
        "doc_type",
        "language",
        "url",
        "source",
        "duplicate_of",
    ),
    "stories": ("id", "title", "storyline", "start", "end", "n_documents", "documents"),
    "entities": (
        "id",
        "name",
        "type",
        "aliases",
        "roles",
        "stands_for",
        "n_mentions",
        "n_documents",
        "documents",
        "lat",
        "lon",
        "country",
        "gazetteer_id",
        "geo_name",
        "feature",
        "geo_note",
    ),
    "quotes": (
        "id",
        "document",
        "story",
        "outlet",
        "published",
        "kind",
        "certainty",
        "speaker",
        "speaker_name",
        "speaker_role",
        "cue",
        "text",
        "start",
        "end",
    ),
    "claims": (
        "id",
        "document",
        "story",
        "outlet",
        "published",
        "group",
        "status",
        "certainty",
        "revision",
        "group_size",
        "group_documents",
        "group_note",
        "value",
        "value_high",
        "approx",
        "what",
        "unit",
        "predicate",
        "claimant",
        "claimant_name",
        "text",
        "start",
        "end",
    ),
    "events": (
        "id",
        "date",
        "precision",
        "when",
        "certainty",
        "description",
        "story",
        "place",
        "place_name",
        "lat",
        "lon",
        "country",
        "actors",
        "actor_names",
        "documents",
    ),
    "accusations": (
        "id",
        "document",
        "story",
        "outlet",
        "published",
        "accuser",
        "accuser_entity",
        "accused",
        "accused_entities",
        "negated",
        "text",
        "start",
        "end",
    ),
}


# Column types other than text, so an empty or all-blank column keeps its type.
INTEGER = {"start", "end", "n_documents", "n_mentions", "group_size", "group_documents"}
FLOAT = {"value", "value_high", "lat", "lon"}
BOOLEAN = {"revision", "negated"}
DATES = {("stories", "start"), ("stories", "end")}  # a story's span: ISO dates, not offsets


def column_type(table: str, column: str) -> str:
    """'int', 'float', 'bool' or 'str'."""
    if (table, column) in DATES:
        return "str"
    if column in INTEGER:
        return "int"
    if column in FLOAT:
        return "float"
    return "bool" if column in BOOLEAN else "str"


def joined(values: Iterable[str | None]) -> str:
    return LIST_SEP.join(v for v in values if v)


class _Lookup:
    """Documents and entities by id, for the readable columns beside the ids."""

    def __init__(self, analysis: Analysis) -> None:
        self.documents: dict[str, Document] = {d.id: d for d in analysis.documents}
        self.entities: dict[str, Entity] = {e.id: e for e in analysis.entities}

    def document_columns(self, doc_id: str) -> Row:
        doc = self.documents.get(doc_id)
        if doc is None:
            return {"story": None, "outlet": None, "published": None}
        return {"story": doc.story, "outlet": doc.outlet, "published": doc.published}

    def name(self, entity_id: str | None) -> str | None:
        entity = self.entities.get(entity_id) if entity_id else None
        return entity.name if entity else None


def _ordered(table: str, row: Row) -> Row:
    return {column: row.get(column) for column in COLUMNS[table]}


def documents_table(analysis: Analysis, lookup: _Lookup | None = None) -> list[Row]:
    return [_ordered("documents", d.model_dump(exclude={"text"})) for d in analysis.documents]


def stories_table(analysis: Analysis, lookup: _Lookup | None = None) -> list[Row]:
    return [
        _ordered(
            "stories",
            {
                **s.model_dump(include={"id", "title", "storyline", "start", "end"}),
                "n_documents": len(s.documents),
                "documents": joined(s.documents),
            },
        )
        for s in analysis.stories
    ]


def entities_table(analysis: Analysis, lookup: _Lookup | None = None) -> list[Row]:
    rows = []
    for e in analysis.entities:
        docs = sorted({m.document for m in e.mentions}, key=_doc_order)
        geo = e.geo
        rows.append(
            _ordered(
                "entities",
                {
                    "id": e.id,
                    "name": e.name,
                    "type": e.type,
                    "aliases": joined(e.aliases),
                    "roles": joined(e.roles),
                    "stands_for": e.stands_for,
                    "n_mentions": len(e.mentions),
                    "n_documents": len(docs),
                    "documents": joined(docs),
                    "lat": geo.lat if geo else None,
                    "lon": geo.lon if geo else None,
                    "country": geo.country if geo else None,
                    "gazetteer_id": geo.gazetteer_id if geo else None,
                    "geo_name": geo.name if geo else None,
                    "feature": geo.feature if geo else None,
                    "geo_note": e.geo_note,
                },
            )
        )
    return rows


def quotes_table(analysis: Analysis, lookup: _Lookup | None = None) -> list[Row]:
    lookup = lookup or _Lookup(analysis)
    return [
        _ordered("quotes", {**q.model_dump(), **lookup.document_columns(q.document)})
        for q in analysis.quotes
    ]


def claims_table(analysis: Analysis, lookup: _Lookup | None = None) -> list[Row]:
    lookup = lookup or _Lookup(analysis)
    groups = {g.id: g for g in analysis.claim_groups}
    rows = []
    for c in analysis.claims:
        group = groups.get(c.group)
        rows.append(
            _ordered(
                "claims",
                {
                    **c.model_dump(),
                    **lookup.document_columns(c.document),
                    "group_size": len(group.claims) if group else None,
                    "group_documents": len(group.documents) if group else None,
                    "group_note": group.note if group else None,
                },
            )
        )
    return rows


def events_table(analysis: Analysis, lookup: _Lookup | None = None) -> list[Row]:
    lookup = lookup or _Lookup(analysis)
    rows = []
    for v in analysis.events:
        place = lookup.entities.get(v.place) if v.place else None
        geo = place.geo if place else None
        rows.append(
            _ordered(
                "events",
                {
                    **v.model_dump(exclude={"actors", "documents"}),
                    "place_name": place.name if place else None,
                    "lat": geo.lat if geo else None,
                    "lon": geo.lon if geo else None,
                    "country": geo.country if geo else None,
                    "actors": joined(v.actors),
                    "actor_names": joined(lookup.name(a) for a in v.actors),
                    "documents": joined(v.documents),
                },
            )
        )
    return rows


def accusations_table(analysis: Analysis, lookup: _Lookup | None = None) -> list[Row]:
    """Accusations have no id in the contract: `a1`, `a2`… in the analysis' order."""
    lookup = lookup or _Lookup(analysis)
    return [
        _ordered(
            "accusations",
            {
                **a.model_dump(),
                **lookup.document_columns(a.document),
                "id": f"a{i}",
                "accused": joined(a.accused),
                "accused_entities": joined(a.accused_entities),
            },
        )
        for i, a in enumerate(analysis.accusations, 1)
    ]


def _doc_order(doc_id: str) -> tuple[int, str]:
    """'d2' before 'd10'."""
    digits = doc_id[1:]
    return (int(digits), doc_id) if doc_id[:1] == "d" and digits.isdigit() else (1 << 30, doc_id)


TABLES: dict[str, Callable[[Analysis, _Lookup | None], list[Row]]] = {
    "documents": documents_table,
    "stories": stories_table,
    "entities": entities_table,
    "quotes": quotes_table,
    "claims": claims_table,
    "events": events_table,
    "accusations": accusations_table,
}


def tables(analysis: Analysis) -> dict[str, list[Row]]:
    """Every table of the analysis, by name (the order of `COLUMNS`)."""
    lookup = _Lookup(analysis)
    return {name: build(analysis, lookup) for name, build in TABLES.items()}


def frames(analysis: Analysis):
    """Every table as a pandas DataFrame, by name (needs the `export` extra)."""
    pd = require("pandas")
    dtypes = {"int": "Int64", "float": "Float64", "bool": "boolean", "str": "string"}
    out = {}
    for name, rows in tables(analysis).items():
        frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS[name]))
        out[name] = frame.astype({c: dtypes[column_type(name, c)] for c in COLUMNS[name]})
    return out


class MissingExtra(RuntimeError):
    """An optional dependency is not installed."""


def require(module: str):
    """Import an optional dependency of the `export` extra, or say how to get it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtra(f"{module} is not installed: pip install 'storyline[export]'") from exc
