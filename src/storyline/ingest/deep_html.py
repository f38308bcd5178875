"""Deeply nested markup: flatten what lies below a safe depth before parsing.

libxml2 (under lxml and trafilatura) stops building the tree at a nesting depth of 256
and silently drops everything below it, so a page whose article sits inside 300 nested
`<div>`s came out empty. `flatten_deep` walks the tags once with a stack; tags opened
deeper than `MAX_DEPTH` are dropped (a block tag leaves a line break in its place), their
text is kept at the depth limit, and paragraph and heading tags are always kept, since
they cannot nest in one another. A page that never gets that deep is returned unchanged.
"""

from __future__ import annotations

import re

MAX_DEPTH = 150  # well under libxml2's 256, far over any real page's (~30)

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b(?:[^<>\"']|\"[^\"]*\"|'[^']*')*?(/?)>")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
# Closed implicitly by the next of their kind (HTML's optional end tags).
_SELF_ENDING = frozenset(["p", "li", "dt", "dd", "option", "tr", "td", "th"])
# Always kept, whatever the depth: they carry the paragraph structure.
_STRUCTURE = frozenset(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "title"])
_BLOCKS = frozenset(
    [
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "nav",
        "blockquote",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
        "ol",
        "dl",
        "figure",
        "form",
        "fieldset",
        "center",
        "pre",
        "address",
    ]
)
_RAW_TEXT = frozenset(("script", "style", "textarea", "title"))


def markup_depth(html: str) -> int:
    """The deepest nesting of elements, counted the way a parser would build them."""
    return _walk(html, None)


def flatten_deep(html: str, max_depth: int = MAX_DEPTH) -> str:
    """The page with the elements opened deeper than `max_depth` unwrapped."""
    if markup_depth(html) <= max_depth:
        return html
    out: list[str] = []
    _walk(html, (out, max_depth))
    return "".join(out)


def _walk(html: str, rebuild: tuple[list[str], int] | None) -> int:
    stack: list[tuple[str, bool]] = []  # (tag, kept in the output)
    kept = 0  # entries of the stack kept in the output: the output's depth
    deepest = 0
    pos = 0
    raw_until: str | None = None  # inside <script>…</script>: tags there are text
    for m in _TAG.finditer(html):
        closing, name, selfclose = m.group(1) == "/", m.group(2).lower(), m.group(3)
        if raw_until is not None and not (closing and name == raw_until):
            continue
        raw_until = None
        keep = True
        if closing:
            found = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == name), None)
            if found is None:
                keep = False  # a stray end tag: parsers ignore it too
            else:
                keep = stack[found][1]
                kept -= sum(1 for _, k in stack[found:] if k)
                del stack[found:]
        elif name in _VOID or selfclose:
            keep = rebuild is None or kept < rebuild[1] or name in _STRUCTURE
        else:
            if name in _SELF_ENDING and stack and stack[-1][0] == name:
                kept -= stack.pop()[1]
            keep = rebuild is None or kept < rebuild[1] or name in _STRUCTURE
            stack.append((name, keep))
            kept += keep
            deepest = max(deepest, kept)
            if name in _RAW_TEXT:
                raw_until = name
        if rebuild is not None:
            out = rebuild[0]
            out.append(html[pos : m.start()])
            if keep:
                out.append(m.group(0))
            elif name in _BLOCKS:
                out.append("<br>")
            pos = m.end()
    if rebuild is not None:
        rebuild[0].append(html[pos:])
    return deepest
