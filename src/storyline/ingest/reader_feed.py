"""RSS and Atom feed files (feedparser): one `RawInput` per entry.

An entry's body is its full content where the feed carries it, else its summary; markup
is reduced to paragraphs. Title, link, author and date come from the entry, the outlet
from the feed's own title. Each entry's `source` is the file plus ``#N`` (N the 1-based
entry number, also in `line`).
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator

import feedparser

from storyline.ingest.html import text_of_markup
from storyline.models import Problem, RawInput


def looks_like_feed(text: str) -> bool:
    head = text.lstrip()[:1500].lower()
    return head.startswith("<") and any(t in head for t in ("<rss", "<feed", "<rdf:rdf"))


def _iso(parsed: time.struct_time | None, fallback: str | None) -> str | None:
    if parsed:
        try:
            return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", parsed)
        except (TypeError, ValueError):
            pass
    return fallback or None


def _entry_body(entry) -> str:
    parts = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    markup = max(parts, key=len) if parts else entry.get("summary", "") or ""
    return text_of_markup(markup)


def read_feed(data: bytes, source: str) -> Iterator[RawInput | Problem]:
    """Entries of an RSS/Atom document (bytes, so feedparser sniffs the encoding)."""
    # A stream, never a string: feedparser treats a string as a URL or file name to open.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        why = parsed.get("bozo_exception")
        detail = f" ({str(why).splitlines()[0][:120]})" if why else ""
        reason = f"no feed entries: not an RSS/Atom feed, or an empty one{detail}"
        yield Problem(source=source, reason=reason, stage="parse")
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, start=1):
        body = _entry_body(entry)
        if not body:
            reason = "feed entry without text (no content or summary)"
            yield Problem(source=source, line=number, reason=reason, stage="parse")
            continue
        published = _iso(
            entry.get("published_parsed") or entry.get("updated_parsed"),
            entry.get("published") or entry.get("updated"),
        )
        fields = {
            "title": (entry.get("title") or "").strip() or None,
            "url": entry.get("link") or None,
            "outlet": outlet,
            "published": published,
            "author": (entry.get("author") or "").strip() or None,
        }
        # the entry as read, so identical entries hash alike and distinct ones do not
        raw = json.dumps({**fields, "body": body}, ensure_ascii=False, sort_keys=True)
        yield RawInput(
            source=f"{source}#{number}",
            raw=raw.encode("utf-8"),
            line=number,
            format="feed",
            body=body,
            **fields,
        )
