"""Multi-record inputs: JSON Lines, JSON arrays and CSV/TSV, one `RawInput` per row.

Column mapping (field names are matched case-insensitively, first match wins):

=========  ==========================================================
field      columns / keys read
=========  ==========================================================
body       ``text``, ``body``, ``content`` (else ``html``: main text extracted)
title      ``title``, ``headline``
url        ``url``, ``link``
published  ``published``, ``date``, ``pubdate``, ``published_at``
outlet     ``outlet``, ``source``, ``site``, ``sitename``, ``publisher``
author     ``author``, ``byline``, ``authors``
=========  ==========================================================

A body that is HTML markup goes through the same main-text extraction as an .html file.
A row without a body, a malformed JSON line, or a CSV row with more or fewer fields than
the header becomes a `Problem` naming the file and the row's line; the other rows go on.
Each row's `source` is the file as given plus ``#LINE`` and `line` is that 1-based line
(for CSV, the line the row starts on; for a JSON array, the item's 1-based index).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from typing import Any

from storyline.ingest.html import NoArticleText, extract_article, is_page, strip_tags
from storyline.models import Problem, RawInput

TEXT_KEYS = ("text", "body", "content")
HTML_KEYS = ("html",)
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link")
PUBLISHED_KEYS = ("published", "date", "pubdate", "published_at")
OUTLET_KEYS = ("outlet", "source", "site", "sitename", "publisher")
AUTHOR_KEYS = ("author", "byline", "authors")

_NO_TEXT = "no article text (expected a non-empty field: " + ", ".join(TEXT_KEYS) + ")"


def _scalar(value: Any) -> str | None:
    """A field value as one string: names out of {'name': …} objects, lists joined."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dict):
        return _scalar(value.get("name") or value.get("title"))
    if isinstance(value, list):
        parts = [p for p in (_scalar(v) for v in value) if p]
        return ", ".join(parts) or None
    text = str(value).strip()
    return text or None


def _pick(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if key in record:
            value = _scalar(record[key])
            if value:
                return value
    return None


def record_to_raw(
    record: dict[str, Any], source: str, line: int, raw: bytes, fmt: str
) -> RawInput | Problem:
    """Map one row or JSON object to a `RawInput` (see the module's column table)."""
    lowered = {str(k).strip().lower(): v for k, v in record.items() if k is not None}
    body = _pick(lowered, TEXT_KEYS)
    url = _pick(lowered, URL_KEYS)
    fields = {
        "title": _pick(lowered, TITLE_KEYS),
        "url": url,
        "outlet": _pick(lowered, OUTLET_KEYS),
        "published": _pick(lowered, PUBLISHED_KEYS),
        "author": _pick(lowered, AUTHOR_KEYS),
    }
    comments, comment_list = None, []
    if body and not is_page(body) and "<" in body:
        body = strip_tags(body)  # a fragment of markup: its text, paragraphs kept
    html = body if body and is_page(body) else None if body else _pick(lowered, HTML_KEYS)
    if html:
        try:
            article = extract_article(html, url=url)
        except NoArticleText:
            return Problem(source=source, line=line, reason=_NO_TEXT, stage="parse")
        body, comments, comment_list = article.body, article.comments, article.comment_list
        for key in fields:  # the row's own columns win over the page's metadata
            fields[key] = fields[key] or getattr(article, key)
    if not body:
        return Problem(source=source, line=line, reason=_NO_TEXT, stage="parse")
    return RawInput(
        source=f"{source}#{line}",
        raw=raw,
        line=line,
        format=fmt,
        body=body,
        comments_text=comments,
        comments=comment_list,
        **fields,
    )


def read_jsonl(text: str, source: str) -> Iterator[RawInput | Problem]:
    """One JSON object per line; blank lines are skipped."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            reason = f"malformed JSON ({exc.msg})" if hasattr(exc, "msg") else "malformed JSON"
            yield Problem(source=source, line=number, reason=reason, stage="parse")
            continue
        if not isinstance(record, dict):
            kind = type(record).__name__
            reason = f"not a JSON object (a {kind}): expected one article per line"
            yield Problem(source=source, line=number, reason=reason, stage="parse")
            continue
        yield record_to_raw(record, source, number, line.encode("utf-8", "replace"), "jsonl")


def read_json(text: str, source: str) -> Iterator[RawInput | Problem]:
    """A JSON array of article objects, a single article object, or JSON Lines."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        # many ".json" dumps are really JSON Lines
        yield from read_jsonl(text, source)
        return
    except RecursionError:
        yield Problem(source=source, reason="malformed JSON (nested too deeply)", stage="parse")
        return
    items = data if isinstance(data, list) else [data]
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            reason = f"not a JSON object (a {type(item).__name__}): expected article objects"
            yield Problem(source=source, line=number, reason=reason, stage="parse")
            continue
        raw = json.dumps(item, ensure_ascii=False, sort_keys=True).encode("utf-8")
        yield record_to_raw(item, source, number, raw, "jsonl")


def _delimiter(header: str, tab: bool) -> str:
    """The header line's most frequent separator (column names rarely hold one)."""
    if tab:
        return "\t"
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(text: str, source: str, *, tab: bool = False) -> Iterator[RawInput | Problem]:
    """Rows of a CSV (or TSV) file with a header row naming the columns."""
    csv.field_size_limit(max(csv.field_size_limit(), sys.maxsize >> 1))  # long article bodies
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first, tab))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        yield Problem(source=source, line=1, reason="no CSV header row", stage="parse")
        return
    columns = [h.strip().lower().lstrip("\ufeff") for h in header]
    if not any(c in columns for c in (*TEXT_KEYS, *HTML_KEYS)):
        reason = "no text column in the CSV header (expected one of: " + ", ".join(TEXT_KEYS)
        yield Problem(source=source, line=1, reason=reason + ")", stage="parse")
        return
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Problem(source=source, line=start, reason=f"malformed CSV ({exc})", stage="parse")
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            reason = f"malformed CSV row ({len(row)} fields, the header has {len(columns)})"
            yield Problem(source=source, line=line, reason=reason, stage="parse")
            continue
        buf = io.StringIO()
        csv.writer(buf, delimiter=reader.dialect.delimiter).writerow(row)
        record = dict(zip(columns, row, strict=True))
        yield record_to_raw(record, source, line, buf.getvalue().encode("utf-8"), "csv")
