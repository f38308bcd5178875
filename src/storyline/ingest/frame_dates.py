"""Publication dates an article states outside a dateline line of its own.

- an opening dateline inside the first paragraph: 'LAGOS, Monday, May 3, 2021 (Atlas) —',
  'CÚCUTA, Colombia, Sunday, March 19, 2023 —'; without a year ('BANGUI, Oct 26 -') it
  gives a month and day only (`year_less_dateline`), which the reduce dates from the
  story's window or the text's own latest full date;
- a signature line near the end of a statement or a post: 'Done at Bangui, 17 September
  2024', 'Dated this 5th day of May, 2021', 'Montañas del Catatumbo, 18 de marzo de 2023';
- a date in the page's URL ('/2023/03/18/', '/2021/05/'), the weakest evidence.

A date anywhere else in the text is never taken: a background year ('the 2017 fire', 'a
2007 Ford') says nothing about when the article was written. The rules are data
(data/publication_dates.toml).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from storyline.ingest.dates import find_date, valid_date
from storyline.lexicon import Knowledge

_EN_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_EN_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?"
# A place word in a dateline or signature: capitalised (any script), or a joining particle.
_PLACE_WORD = r"(?:[^\W\d_a-z][\w'’.-]*|de|del|da|do|dos|des|du|la|le|el|of|the|al|en|sur)"
_TAIL = re.compile(r"\s*(?:\([^()]{1,50}\))?\s*(?:[—–-]{1,2}|:)")


@dataclass(frozen=True)
class DateRules:
    months: dict[str, int]
    month_re: str
    dateline_chars: int
    dateline_place_words: int
    dateline_paragraphs: int
    signature_lines: int
    signature_words: int
    openers: tuple[str, ...]
    url_min_year: int


def date_rules(knowledge: Knowledge | None = None) -> DateRules:
    """The rules of data/publication_dates.toml (with users' extensions; the bundled
    file alone without a knowledge)."""
    k = knowledge or Knowledge.shared()
    return k.derived("publication_dates", lambda: _compile(k.structured("publication_dates.toml")))


def _compile(d: dict) -> DateRules:
    foreign = {k.casefold(): int(v) for k, v in d.get("months", {}).items()}
    names = sorted(foreign, key=len, reverse=True)
    month_re = "|".join([_EN_MONTH, *(re.escape(n) for n in names)])
    line, sig = d.get("dateline", {}), d.get("signature", {})
    openers = sorted((o.casefold() for o in sig.get("openers", [])), key=len, reverse=True)
    return DateRules(
        months=foreign,
        month_re=month_re,
        dateline_chars=int(line.get("max_chars", 90)),
        dateline_place_words=int(line.get("max_place_words", 6)),
        dateline_paragraphs=int(line.get("paragraphs", 2)),
        signature_lines=int(sig.get("last_lines", 8)),
        signature_words=int(sig.get("max_words", 12)),
        openers=tuple(openers),
        url_min_year=int(d.get("url", {}).get("min_year", 1995)),
    )


def _month(word: str, rules: DateRules) -> int | None:
    w = word.casefold().rstrip(".")
    if w in rules.months:
        return rules.months[w]
    return _EN_MONTHS.get(w[:3]) if re.fullmatch(_EN_MONTH, w) else None


@lru_cache(maxsize=4)
def _patterns(month_re: str) -> dict[str, re.Pattern[str]]:
    mon = rf"(?P<mon>{month_re})\.?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|o)?"
    year = r"(?P<year>\d{4})"
    flags = re.IGNORECASE
    return {
        # '18 de marzo de 2023', '5th day of May, 2021', '16 September 2024'
        "dmy": re.compile(
            rf"(?:this\s+)?{day}\s+(?:day\s+of\s+|de\s+|of\s+)?{mon},?\s+(?:de\s+)?{year}", flags
        ),
        # 'May 3, 2021'
        "mdy": re.compile(rf"{mon}\s+{day},?\s+{year}", flags),
        # year-less: 'Oct 26', '26 October'
        "md": re.compile(rf"{mon}\s+{day}(?!\d)", flags),
        "dm": re.compile(rf"{day}\s+{mon}(?!\w)", flags),
    }


def _full_date(text: str, rules: DateRules) -> tuple[str, re.Match[str]] | None:
    """A day-month-year date in `text` (English, foreign month names, 'Nth day of')."""
    pats = _patterns(rules.month_re)
    best: tuple[str, re.Match[str]] | None = None
    for key in ("dmy", "mdy"):
        for m in pats[key].finditer(text):
            month = _month(m["mon"], rules)
            iso = valid_date(int(m["year"]), month, int(m["day"])) if month else None
            if iso and (best is None or m.start() < best[1].start()):
                best = (iso, m)
                break
    if best is None:
        found = find_date(text)
        if found:
            best = found
    return best


def _is_place_prefix(prefix: str, max_words: int) -> bool:
    """'LAGOS, ', 'CÚCUTA, Colombia, Sunday, ', 'Bangui, Monday ': place words, commas and
    one weekday, nothing else."""
    prefix = re.sub(rf"(?i)\b{_WEEKDAY}\s*,?\s*$", "", prefix.strip()).strip(" ,")
    if not prefix:
        return False
    words = prefix.replace(",", " ").split()
    if len(words) > max_words:
        return False
    return words[0][0].isupper() and all(re.fullmatch(_PLACE_WORD, w) for w in words)


def _opening(paragraph: str, rules: DateRules) -> tuple[re.Match[str], str] | None:
    head = paragraph[: rules.dateline_chars]
    pats = _patterns(rules.month_re)
    for key in ("dmy", "mdy", "md", "dm"):
        m = pats[key].search(head)
        if not m or not _TAIL.match(paragraph, m.end()):
            continue
        if _is_place_prefix(paragraph[: m.start()], rules.dateline_place_words):
            return m, key
    return None


def opening_dateline(paragraphs: list[str], knowledge: Knowledge | None = None) -> str | None:
    """The full date of a dateline that opens one of the first paragraphs, else None."""
    rules = date_rules(knowledge)
    for p in paragraphs[: rules.dateline_paragraphs]:
        found = _opening(p, rules)
        if found and found[1] in ("dmy", "mdy"):
            m = found[0]
            month = _month(m["mon"], rules)
            return valid_date(int(m["year"]), month, int(m["day"])) if month else None
    return None


def year_less_dateline(text: str, knowledge: Knowledge | None = None) -> tuple[int, int] | None:
    """(month, day) of an opening dateline without a year ('BANGUI, Oct 26 (Wire) -')."""
    rules = date_rules(knowledge)
    for p in [p for p in text.split("\n") if p.strip()][: rules.dateline_paragraphs]:
        found = _opening(p, rules)
        if found and found[1] in ("md", "dm"):
            m = found[0]
            month = _month(m["mon"], rules)
            day = int(m["day"])
            if month and 1 <= day <= 31:
                return month, day
    return None


def _signature_body(line: str, rules: DateRules) -> str:
    low = line.casefold()
    for opener in rules.openers:
        if low.startswith(opener + " "):
            return line[len(opener) + 1 :].strip()
    return line


def signature_date(paragraphs: list[str], knowledge: Knowledge | None = None) -> str | None:
    """The date of a signature line in the block of short lines that ends the text:
    '[Done at] Place, DATE' or 'Dated this 5th day of May, 2021'; the line must be
    nothing else."""
    rules = date_rules(knowledge)
    lines = [s.strip() for p in paragraphs for s in p.split("\n") if s.strip()]
    for line in reversed(lines[-rules.signature_lines :]):
        if len(line.split()) > rules.signature_words:
            break  # the body: a signature block trails it
        body = _signature_body(line, rules)
        found = _full_date(body, rules)
        if not found:
            continue
        iso, m = found
        if body[m.end() :].strip(" .") != "":
            continue
        place = body[: m.start()].strip()
        if not place or (place.endswith(",") and _is_place_prefix(place, 6)):
            return iso
    return None


_URL_DAY = re.compile(
    r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>0?[1-9]|1[0-2])[/-](?P<d>0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
    r"|/(?P<y2>(?:19|20)\d{2})(?P<m2>0[1-9]|1[0-2])(?P<d2>0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
)
_URL_MONTH = re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>0?[1-9]|1[0-2])(?=/)")


def url_date(url: str | None, knowledge: Knowledge | None = None) -> str | None:
    """The date in a page address: a day ('2023-03-18') or a month ('2021-05'), else None."""
    if not url or not isinstance(url, str):
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.IGNORECASE).split("?")[0]
    rules = date_rules(knowledge)
    m = _URL_DAY.search(path)
    if m:
        y = int(m["y"] or m["y2"])
        iso = valid_date(y, int(m["m"] or m["m2"]), int(m["d"] or m["d2"]))
        if iso and y >= rules.url_min_year:
            return iso
    m = _URL_MONTH.search(path)
    if m:
        y, mo = int(m["y"]), int(m["m"])
        if rules.url_min_year <= y <= dt.date.today().year + 1:
            return f"{y:04d}-{mo:02d}"
    return None
