"""Datelines: a line near the top of an article that is (mostly) its publication date.

'Sunday, December 11, 2016', '16 December, 2016', 'Dec. 11, 2016', '14/05/2023 10:25',
'2023-05-14T10:25:00Z', 'Published: 3 March 2024 | 08:12 GMT'. The rules are our own
regular expressions (a dateline must be nothing but a date, a time and a few filler
words, so that a sentence mentioning a date is never taken for one); dateparser is only
a fallback for odd but short date-only lines. Years outside a sane window are refused.
"""

from __future__ import annotations

import datetime as dt
import re

from storyline.ingest.rules import Boilerplate, boilerplate

MIN_YEAR = 1980

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAY = r"(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?"
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_TIME = (
    r"(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?\s?m\.?)?|\d{1,2}\s*[ap]\.?\s?m\.?)"
    r"(?:\s*\(?(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2})\)?)?"
)
_DATE_PATTERNS = [
    # Sunday, December 11, 2016 / Dec. 11, 2016 / December 11th 2016
    re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    # 16 December, 2016 / Sunday 11th of December 2016
    re.compile(rf"\b(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    # 2016-12-11, 2016-12-11T10:25:00Z, 2016/12/11
    re.compile(
        r"\b(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})"
        r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
    ),
    # 14/05/2023, 14.05.2023, 05-14-2023
    re.compile(r"\b(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<year>\d{4})\b"),
]
_TIME_RE = re.compile(_TIME, re.IGNORECASE)
_WORD = re.compile(r"[\w.'’]+")


def valid_date(year: int, month: int, day: int) -> str | None:
    """The ISO date, or None where it is no date or outside the years news is from."""
    if not MIN_YEAR <= year <= dt.date.today().year + 1:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_match(m: re.Match[str], order: str) -> str | None:
    g = m.groupdict()
    year = int(g["year"])
    if g.get("mon"):
        month = _MONTHS[g["mon"][:3].lower()]
        day = int(g["day"])
    elif g.get("month"):
        month, day = int(g["month"]), int(g["day"])
    else:
        a, b = int(g["a"]), int(g["b"])
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a or order.startswith("M"):
            month, day = a, b
        else:
            day, month = a, b
    return valid_date(year, month, day)


def find_date(text: str, rules: Boilerplate | None = None) -> tuple[str, re.Match[str]] | None:
    """The first full date (day, month, year) written in `text`, as ISO, with its match."""
    rules = rules or boilerplate()
    best: tuple[str, re.Match[str]] | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            iso = _from_match(m, rules.numeric_order)
            if iso and (best is None or m.start() < best[1].start()):
                best = (iso, m)
                break
    return best


def _leftover_words(line: str, match: re.Match[str], rules: Boilerplate) -> list[str]:
    rest = line[: match.start()] + " " + line[match.end() :]
    rest = _TIME_RE.sub(" ", rest).casefold()
    for filler in sorted(rules.date_filler, key=len, reverse=True):
        if " " in filler:
            rest = rest.replace(filler, " ")
    single = {f for f in rules.date_filler if " " not in f}
    words = [w.strip(".:,;'’") for w in _WORD.findall(rest)]
    return [w for w in words if w and w not in single and not w.isdigit()]


def parse_dateline(line: str, rules: Boilerplate | None = None) -> str | None:
    """ISO date if `line` is a dateline (a date plus at most a few other words), else None.

    Never raises: any string gives a date or None.
    """
    if not isinstance(line, str):
        return None
    line = line.strip()
    if not line or len(line) > 120 or not any(c.isdigit() for c in line):
        return None
    rules = rules or boilerplate()
    found = find_date(line, rules)
    if found is not None:
        iso, match = found
        if len(_leftover_words(line, match, rules)) <= rules.date_max_other_words:
            return iso
        return None
    return _fallback(line)


_FALLBACK_OK = re.compile(r"^[\w\s,./:-]{6,40}$")
_HAS_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_HAS_MONTH = re.compile(_MONTH, re.IGNORECASE)


def _fallback(line: str) -> str | None:
    """dateparser, for short date-only lines our patterns miss ('2016, December 11')."""
    if not (_FALLBACK_OK.match(line) and _HAS_YEAR.search(line) and _HAS_MONTH.search(line)):
        return None
    if len(line.split()) > 5:
        return None
    try:
        import dateparser

        parsed = dateparser.parse(
            line,
            languages=["en"],
            settings={
                "STRICT_PARSING": True,
                "REQUIRE_PARTS": ["day", "month", "year"],
                "PREFER_DATES_FROM": "past",
                "DATE_ORDER": "DMY",
            },
        )
    except Exception:  # dateparser raises odd errors on odd input: a dateline it is not
        return None
    if parsed is None:
        return None
    return valid_date(parsed.year, parsed.month, parsed.day)


def normalise_published(value: str | None, rules: Boilerplate | None = None) -> str | None:
    """A metadata date ('2016-12-11T08:00:00+00:00', 'Sun, 11 Dec 2016 08:00:00 GMT') as
    ISO 8601, keeping partial dates ('2016-12', '2016'); None when it is no date."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    partial = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", value)
    if partial:
        year = int(partial.group(1))
        if MIN_YEAR <= year <= dt.date.today().year + 1:
            return value
        return None
    found = find_date(value, rules)
    if found:
        return found[0]
    return _fallback(value[:40])
