"""Readers: every kind of input the user can name, turned into `RawInput` records.

`read_sources(sources, settings)` lazily yields one `RawInput` per article, or a
`Problem` (one line: the input, its line where it applies, the reason) per input or row
that cannot be used. Nothing is dropped silently and nothing raises.

Inputs:

- files, by extension: ``.txt .text .md`` (plain text: the whole text is the body; the
  cleaning stage picks the headline, since the first line may be a dateline), ``.html
  .htm .xhtml`` (main text through trafilatura, reader comments apart, metadata),
  ``.jsonl .ndjson .json`` and ``.csv .tsv`` (one article per row, see
  `reader_records` for the column mapping), ``.xml .rss .atom`` (feeds, one article per
  entry); ``.gz`` of any of these; any other extension is sniffed from its content;
- directories, walked recursively in sorted order; hidden files and folders, and a
  folder's own documentation (``README``, ``LICENSE``, ``CHANGELOG`` files) skipped;
- glob patterns (``'feeds/*.xml'``, ``'**/*.html'``), matches in sorted order;
- ``-``: standard input, sniffed as HTML, feed, JSON Lines or plain text;
- ``http(s)://`` URLs, fetched only with ``settings.fetch`` (time-out, size limit).

A `RawInput.source` is the input exactly as given, joined with the file's path inside a
directory, plus ``#N`` for a row or feed entry. Non-English articles are rejected here
(stage "language"), since every later stage is English-only.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from storyline.config import Settings
from storyline.ingest.decode import (
    Decoded,
    DecodeError,
    check_size,
    declared_charset,
    decode_report,
)
from storyline.ingest.decode import maybe_gunzip as _gunzip
from storyline.ingest.html import NoArticleText, extract_article, looks_like_html
from storyline.ingest.language import non_english_reason
from storyline.ingest.reader_feed import looks_like_feed, read_feed
from storyline.ingest.reader_records import read_csv, read_json, read_jsonl
from storyline.models import Problem, RawInput

Item = RawInput | Problem

TEXT_EXT = {".txt": "txt", ".text": "txt", ".md": "txt"}
HTML_EXT = {".html": "html", ".htm": "html", ".xhtml": "html"}
RECORD_EXT = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv"}
RECORD_EXT[".tsv"] = "tsv"
FEED_EXT = {".xml": "feed", ".rss": "feed", ".atom": "feed"}
FORMATS = {**TEXT_EXT, **HTML_EXT, **RECORD_EXT, **FEED_EXT}
# Every file name ending read by its extension (``.gz`` of any of them is decompressed):
# what the web app's upload form accepts, so that it takes what the CLI takes.
FILE_SUFFIXES = (*FORMATS, ".gz")

USER_AGENT = "storyline (+https://github.com/; article analysis, fetched on request)"


def read_sources(
    sources: Iterable[str], settings: Settings, *, check_language: bool = True
) -> Iterator[Item]:
    """Yield a `RawInput` per article and a `Problem` per unusable input, lazily."""
    for source in sources:
        for item in _read_source(str(source), settings):
            if check_language and isinstance(item, RawInput):
                item = _language_gate(item)
            yield item


def _language_gate(raw: RawInput) -> Item:
    reason = non_english_reason(raw.body or "")
    if reason is None:
        return raw
    base = raw.source.rsplit("#", 1)[0] if raw.line is not None else raw.source
    return Problem(source=base, line=raw.line, reason=reason, stage="language")


def _read_source(source: str, settings: Settings) -> Iterator[Item]:
    if source == "-":
        yield from _guard(source, lambda: _read_stdin(settings))
    elif source.lower().startswith(("http://", "https://")):
        yield from _guard(source, lambda: _read_url(source, settings))
    elif os.path.isdir(source):
        yield from _read_directory(source, settings)
    elif os.path.lexists(source):
        yield from _read_file(source, settings)
    elif glob.has_magic(source):
        matches = sorted(glob.glob(source, recursive=True))
        if not matches:
            yield Problem(source=source, reason="no file matches this pattern")
        for match in matches:
            if os.path.isdir(match):
                yield from _read_directory(match, settings)
            else:
                yield from _read_file(match, settings)
    elif "://" in source:
        yield Problem(source=source, reason="unsupported URL scheme (only http and https)")
    else:
        yield Problem(source=source, reason="no such file or directory")


# A corpus folder often documents itself; such files describe the articles, they are not
# articles. Named explicitly on the command line, they are read like any file.
FOLDER_DOCS = ("readme", "license", "licence", "changelog", "contributing")


def _is_article_file(name: str) -> bool:
    return not name.startswith(".") and not name.lower().startswith(FOLDER_DOCS)


def _read_directory(root: str, settings: Settings) -> Iterator[Item]:
    """Every article file under `root`, recursively, in a stable sorted order."""
    found = False
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if _is_article_file(name):
                found = True
                yield from _read_file(os.path.join(dirpath, name), settings)
    for exc in errors:  # an unreadable sub-folder is named, not skipped
        where = exc.filename or root
        yield Problem(source=str(where), reason=f"cannot read ({exc.strerror or exc})")
    if not found and not errors:
        yield Problem(source=root, reason="directory holds no files")


def _guard(source: str, read: Callable[[], Iterator[Item]]) -> Iterator[Item]:
    """The reader boundary: an unexpected failure on odd input is one Problem, not a crash."""
    try:
        yield from read()
    except DecodeError as exc:
        yield Problem(source=source, reason=exc.reason, stage="decode")
    except OSError as exc:
        yield Problem(source=source, reason=f"cannot read ({exc.strerror or exc})")
    except Exception as exc:  # third-party parsers raise many kinds on malformed input
        reason = f"could not be parsed ({type(exc).__name__}: {str(exc)[:120]})"
        yield Problem(source=source, reason=reason.replace("\n", " "), stage="parse")


def _read_file(path: str, settings: Settings) -> Iterator[Item]:
    def read() -> Iterator[Item]:
        check_size(os.path.getsize(path), settings.max_bytes)
        with open(path, "rb") as fh:
            data = fh.read(settings.max_bytes + 1)
        check_size(len(data), settings.max_bytes)
        yield from parse_bytes(data, path, _format_of(path), settings)

    yield from _guard(path, read)


def _format_of(path: str) -> str | None:
    suffixes = [s.lower() for s in Path(path).suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return FORMATS.get(suffixes[-1]) if suffixes else None


def parse_bytes(
    data: bytes, source: str, fmt: str | None, settings: Settings, charset: str | None = None
) -> Iterator[Item]:
    """Decode and parse one input's bytes as `fmt` (None: sniff from the content)."""
    data = _gunzip(data, settings.max_bytes)
    decoded = decode_report(data, charset)  # feeds too: the empty and binary checks
    if decoded.replaced:
        yield replaced_bytes_warning(source, decoded)
    text = decoded.text
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    fmt = fmt or sniff(text)
    if fmt == "html":
        yield _html(text, data, source)
    elif fmt in ("txt", None):
        yield RawInput(source=source, raw=data, format="txt", body=text)
    else:
        yield from _records(text, data, source, fmt)


def replaced_bytes_warning(source: str, decoded: Decoded) -> Problem:
    """The input is used; the bytes that fit no character are named, not hidden."""
    reason = (
        f"{decoded.replaced:,} undecodable byte{'s' if decoded.replaced != 1 else ''} "
        f"replaced with U+FFFD (decoded as {decoded.charset})"
    )
    return Problem(source=source, reason=reason, stage="decode", severity="warning")


def _records(text: str, data: bytes, source: str, fmt: str) -> Iterator[Item]:
    """A multi-record file; one holding no record at all is named, not skipped."""
    if fmt == "feed":
        items = read_feed(data, source)  # bytes: feedparser honours the XML's encoding
    elif fmt == "jsonl":
        items = read_jsonl(text, source)
    elif fmt == "json":
        items = read_json(text, source)
    else:
        items = read_csv(text, source, tab=fmt == "tsv")
    empty = True
    for item in items:
        empty = False
        yield item
    if empty:
        yield Problem(source=source, reason=f"no articles in this {fmt} file", stage="parse")


def sniff(text: str) -> str:
    """Guess the format of an input without a telling extension (stdin, `.dat`)."""
    if looks_like_feed(text):
        return "feed"
    if looks_like_html(text):
        return "html"
    lines = [line for line in text.split("\n", 20)[:20] if line.strip()]
    if lines and all(line.lstrip().startswith("{") for line in lines[:5]):
        return "jsonl"
    return "txt"


def _html(text: str, data: bytes, source: str, url: str | None = None) -> Item:
    if "<" not in text:  # a plain-text file named .html
        return RawInput(source=source, raw=data, format="txt", body=text)
    try:
        page = extract_article(text, url=url)
    except NoArticleText:
        reason = "no article text found in the HTML (empty or truncated page)"
        return Problem(source=source, reason=reason, stage="parse")
    return RawInput(
        source=source,
        raw=data,
        format="html",
        title=page.title,
        body=page.body,
        url=page.url or url,
        outlet=page.outlet,
        published=page.published,
        author=page.author,
        comments_text=page.comments,
        comments=page.comment_list,
    )


def _read_stdin(settings: Settings) -> Iterator[Item]:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        data = stream.read(settings.max_bytes + 1)
    else:  # a text-only stand-in (some test runners)
        data = sys.stdin.read(settings.max_bytes + 1).encode("utf-8")
    check_size(len(data), settings.max_bytes)
    yield from parse_bytes(data, "-", None, settings)


def _read_url(url: str, settings: Settings) -> Iterator[Item]:
    if not settings.fetch:
        reason = "is a URL: pass --fetch to download it (off by default: no network)"
        yield Problem(source=url, reason=reason)
        return
    import httpx

    limit = settings.max_bytes
    headers = {"User-Agent": USER_AGENT}
    try:
        with (
            httpx.Client(
                timeout=settings.fetch_timeout, follow_redirects=True, headers=headers
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                yield Problem(source=url, reason=f"fetch failed (HTTP {response.status_code})")
                return
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                check_size(size, limit)
                chunks.append(chunk)
            ctype = response.headers.get("content-type", "").lower()
            charset = response.charset_encoding
            final = str(response.url)
    except httpx.TimeoutException:
        reason = f"fetch timed out (after {settings.fetch_timeout:g} s)"
        yield Problem(source=url, reason=reason)
        return
    except httpx.HTTPError as exc:
        yield Problem(source=url, reason=f"fetch failed ({type(exc).__name__}: {exc})")
        return
    data = b"".join(chunks)
    fmt = _format_of_content_type(ctype) or _format_of(url.split("?", 1)[0])
    if fmt == "html" or (fmt is None and looks_like_html(data[:2000].decode("latin-1"))):
        decoded = decode_report(data, charset or declared_charset(data))
        if decoded.replaced:
            yield replaced_bytes_warning(url, decoded)
        yield _html(decoded.text, data, url, url=final)
        return
    yield from parse_bytes(data, url, fmt, settings, charset=charset)


def _format_of_content_type(ctype: str) -> str | None:
    if "html" in ctype:
        return "html"
    if any(t in ctype for t in ("rss", "atom", "/xml")):
        return "feed"
    if "ndjson" in ctype or "jsonl" in ctype:
        return "jsonl"
    if "json" in ctype:
        return "json"
    if "csv" in ctype:
        return "csv"
    if "text/plain" in ctype:
        return "txt"
    return None
