"""The rule layer for temporal expressions: regex patterns over the text.

Each pattern turns a match into a *rule*: a small dict saying what the expression means
independently of any anchor date ({"type": "weekday", "weekday": 0, "dir": "past"},
{"type": "offset", "unit": "week", "n": -1}, {"type": "absolute", "year": 2016,
"month": 12}, …). `time_normalize.resolve` turns a rule plus an anchor into an ISO value,
so the same rule can be re-resolved later against an inferred publication date.

Extents follow TimeML: determiners and modifiers that belong to the expression are in
("the past two years", "last week", "early December"), prepositions are out ("on" Monday).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from storyline.lexicon import Knowledge
from storyline.lexicon.timeml import CLOCK_UNITS, ISO_UNITS
from storyline.lexicon.words import alternation, parse_number

Rule = dict[str, str | int | float | bool | None]


@dataclass
class Candidate:
    start: int
    end: int
    kind: str  # date | time | duration | set
    rule: Rule
    name: str = ""
    needs_tense: bool = False
    extra: dict = field(default_factory=dict)


def _ci(words: object) -> str:
    """Case-insensitive alternation of words."""
    return f"(?i:{alternation(words)})"


def _cased(words: object) -> str:
    """Alternation of Title Case and UPPER CASE forms (proper nouns such as month names)."""
    forms = set()
    for w in words:
        w = str(w)
        if w.startswith("_"):
            continue
        forms.update({w.title(), w.upper()})
    return alternation(forms)


@dataclass(frozen=True, eq=False)  # hashed by identity: one per knowledge
class TimeWords:
    """The word tables the rules read (`time_words.json`, `numbers.json`)."""

    words: dict[str, Any]
    numbers: dict[str, Any]

    @property
    def months(self) -> dict[str, int]:
        return self.words["months"]

    @property
    def weekdays(self) -> dict[str, int]:
        return self.words["weekdays"]

    @property
    def seasons(self) -> dict[str, str]:
        return self.words["seasons"]

    @property
    def parts(self) -> dict[str, str]:
        return self.words["parts_of_day"]


UNITS = ISO_UNITS  # canonical unit -> ISO 8601 letter

DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
UNIT = r"(?i:(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade)s?|centur(?:y|ies))"
FUZZY = r"(?i:a\s+few|several|a\s+couple\s+of|couple\s+of|a\s+number\s+of|many|some)"
HEDGE = r"(?:(?i:almost|nearly|about|roughly|some)\s+)?"
DUR_UNIT = r"(?i:(?:second|minute|hour|day|week|fortnight|month|year|decade)s?|centur(?:y|ies))"
REL = r"(?i:this|last|next|past|coming|previous|following|current)"
EDGE = r"(?i:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|end|start)"
ORD = r"(?i:first|second|third|fourth|1st|2nd|3rd|4th|final|last)"
ZONE = r"(?:\s*\(?(?:GMT|UTC|BST|CET|EST|EDT|CST|CDT|PST|PDT|ET|PT|local\s+time)\)?)?"
AMPM = r"(?:\s*(?:[ap]\.\s?m\.|[AaPp][Mm]\b))"
_B = r"(?<![\w'’$£€.])(?<![A-Za-z]-)"  # left boundary: not inside a word or a number
_E = r"(?!\w|-[A-Za-z]|['’](?!s\b)|[.,]\d)"  # right boundary ("Monday's" is fine)

_MODS = {
    "early": "START",
    "late": "END",
    "mid": "MID",
    "the end of": "END",
    "end": "END",
    "the beginning of": "START",
    "the start of": "START",
    "start": "START",
}


def _month(word: str, w: TimeWords) -> int:
    return w.months[word.lower().rstrip(".")]


def _weekday(word: str, w: TimeWords) -> int:
    return w.weekdays[word.lower().rstrip(".")]


def _int(text: str | None) -> int | None:
    return int(re.sub(r"\D", "", text)) if text else None


def _unit(word: str) -> str:
    w = word.lower()
    if w.startswith("centur"):
        return "century"
    return w[:-1] if w.endswith("s") and w[:-1] in UNITS else w


def _count(text: str | None, w: TimeWords) -> float | None:
    """The number in a duration ('three', '18', 'a', 'a few' -> None meaning unspecified)."""
    if text is None:
        return None
    t = text.lower().strip()
    if t in ("a", "an", "one"):
        return 1.0
    if re.fullmatch(FUZZY, t):
        counts = w.words["fuzzy_counts"]
        key = re.sub(r"\s+", " ", t)
        val = counts.get(key, "X")
        return None if val == "X" else float(val)
    half = t.endswith("and a half")
    t = re.sub(r"\s+and\s+a\s+half$", "", t)
    val = parse_number(t, w.numbers)
    if val is None:
        return None
    return val + (0.5 if half else 0.0)


def _mod(text: str | None) -> str | None:
    if not text:
        return None
    return _MODS.get(re.sub(r"\s+", " ", text.lower().strip(" -")))


# ----------------------------------------------------------------------- handlers
# Each handler gets a match and returns (kind, rule) or None to reject the match.

Handler = Callable[[re.Match[str], str, TimeWords], tuple[str, Rule] | None]


def _full_date(m: re.Match[str], text: str, w: TimeWords):
    month = m["mon1"] or m["mon2"]
    day = m["day1"] or m["day2"]
    year = _int(m["year"])
    rule: Rule = {
        "type": "absolute" if year else "monthday",
        "month": _month(month, w),
        "day": _int(day),
    }
    if year:
        rule["year"] = year
    if m["wd"]:
        rule["weekday"] = _weekday(m["wd"], w)
    if m["clock"]:
        rule.update(_clock(m["clock"]))
        return "time", rule
    return "date", rule


def _month_year(m: re.Match[str], text: str, w: TimeWords):
    rule: Rule = {"type": "absolute", "year": _int(m["year"]), "month": _month(m["mon"], w)}
    if m["edge"]:
        rule["mod"] = _mod(m["edge"])
    return "date", rule


def _numeric_date(m: re.Match[str], text: str, w: TimeWords):
    if m["iso"]:
        y, mo, d = (int(x) for x in re.split(r"[-/.]", m["iso"]))
    else:
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if y < 100:
            y += 2000 if y < 50 else 1900
        if a > 12 >= b:
            d, mo = a, b
        elif b > 12 >= a:
            mo, d = a, b
        else:
            mo, d = (b, a) if m["sep"] == "." else (a, b)  # dotted forms are day-first
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    rule: Rule = {"type": "absolute", "year": y, "month": mo, "day": d}
    if m["clock"]:
        rule.update(_clock(m["clock"]))
        return "time", rule
    return "date", rule


def _clock(text: str) -> Rule:
    t = text.lower().replace(" ", "")
    if "noon" in t:
        return {"hour": 12, "minute": 0}
    if "midnight" in t:
        return {"hour": 0, "minute": 0}
    m = re.match(r"(\d{1,2})(?::(\d\d))?", t)
    if not m:
        return {}
    hour, minute = int(m[1]), int(m[2] or 0)
    if re.search(r"p\.?m", t) and hour < 12:
        hour += 12
    elif re.search(r"a\.?m", t) and hour == 12:
        hour = 0
    return {"hour": hour, "minute": minute}


def _clock_time(m: re.Match[str], text: str, w: TimeWords):
    rule: Rule = {"type": "clock", **_clock(m["clock"])}
    if rule.get("hour") is None or int(rule["hour"]) > 24:
        return None
    if m["wd"]:
        rule.update({"type": "weekday", "weekday": _weekday(m["wd"], w), "dir": "auto"})
    elif m["deictic"]:
        rule.update(
            {"type": "offset", "unit": "day", "n": w.words["deictic_days"][m["deictic"].lower()]}
        )
    return "time", rule


# 'last Monday', 'this March', 'the coming week': which occurrence the word picks.
_DIRECTIONS = {"last": "last", "next": "next", "this": "this", "coming": "next", "past": "last"}


def _weekday_rule(m: re.Match[str], text: str, w: TimeWords):
    rel = (m["rel"] or "").lower()
    rule: Rule = {
        "type": "weekday",
        "weekday": _weekday(m["wd"], w),
        "dir": _DIRECTIONS.get(rel, "auto"),
    }
    if m["part"]:
        rule["part"] = w.parts[m["part"].lower()]
        return "time", rule
    return "date", rule


def _deictic_days(phrase: str, w: TimeWords) -> int:
    """Day offset of 'tomorrow afternoon', 'this evening', 'last night': the phrase's own
    entry, else its day word's ('tomorrow'), else 0 for 'this …' (today)."""
    days: dict[str, int] = w.words["deictic_days"]
    if phrase in days:
        return days[phrase]
    first = phrase.split(" ", 1)[0]
    if first in days:
        return days[first]
    return -1 if first == "last" else 0


def _deictic(m: re.Match[str], text: str, w: TimeWords):
    word = re.sub(r"\s+", " ", m[0].lower())
    if m[0][0].isupper() and re.search(
        r"[A-Z][\w.]*\s+$", text[max(0, m.start() - 12) : m.start()]
    ):
        return None  # part of a name: 'USA Today', 'Russia Today'

    rule: Rule = {"type": "offset", "unit": "day", "n": _deictic_days(word, w)}
    part = next((p for p in w.parts if word.endswith(p)), None)
    if word == "tonight":
        part = "night"
    if part:
        rule["part"] = w.parts[part]
        return "time", rule
    return "date", rule


def _relative_unit(m: re.Match[str], text: str, w: TimeWords):
    """this/last/next week|month|year|weekend|quarter, earlier this month, late last year."""
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    the = m[0].lower().startswith("the")
    if (
        not m["edge"]
        and the
        and (rel == "past" or (rel != "this" and unit in ("decade", "century")))
    ):
        return "duration", {"type": "duration", "unit": unit, "n": 1}
    n = {
        "this": 0,
        "current": 0,
        "last": -1,
        "past": -1,
        "previous": -1,
        "next": 1,
        "coming": 1,
        "following": 1,
    }[rel]
    if unit == "weekend":
        return "date", {"type": "weekend", "n": n}
    rule: Rule = {"type": "offset", "unit": unit, "n": n}
    if m["edge"]:
        rule["mod"] = _mod(m["edge"])
    return "date", rule


def _the_weekend(m: re.Match[str], text: str, w: TimeWords):
    return "date", {"type": "weekend", "n": None}


def _month_alone(m: re.Match[str], text: str, w: TimeWords):
    word = m["mon"]
    rel = (m["rel"] or "").lower()
    if not rel and not m["edge"]:
        before = text[max(0, m.start() - 12) : m.start()]
        # "May" and "March" are also a verb and a modal: keep them only after a preposition
        if word.lower() in ("may", "march") and not re.search(
            r"(?i:\b(?:in|since|until|till|by|of|from|to|through|during|before|after|"
            r"between|and|or|late|early|mid)\s+)$",
            before,
        ):
            return None
    rule: Rule = {
        "type": "month",
        "month": _month(word, w),
        "dir": _DIRECTIONS.get(rel, "auto"),
    }
    if m["edge"]:
        rule["mod"] = _mod(m["edge"])
    return "date", rule


def _season(m: re.Match[str], text: str, w: TimeWords):
    word = m["season"].lower()
    rel = (m["rel"] or "").lower()
    if not (rel or m["year"] or m["the"]):
        before = text[max(0, m.start() - 10) : m.start()]
        prep = re.search(
            r"(?i:\b(?:in|during|by|until|since|through|this|last|next|of))\s+$", before
        )
        if word == "fall" and not prep:
            return None
        if m["season"][0].isupper() and not prep:
            return None  # 'Winter said': a surname, not the season
    rule: Rule = {
        "type": "season",
        "season": w.seasons[word],
        "dir": _DIRECTIONS.get(rel, "auto"),
    }
    if m["year"]:
        rule = {"type": "absolute_season", "season": w.seasons[word], "year": _int(m["year"])}
    return "date", rule


def _quarter(m: re.Match[str], text: str, w: TimeWords):
    q = {
        "first": 1,
        "1st": 1,
        "second": 2,
        "2nd": 2,
        "third": 3,
        "3rd": 3,
        "fourth": 4,
        "4th": 4,
        "final": 4,
        "last": 4,
    }[m["ord"].lower()]
    if m["year"]:
        return "date", {"type": "absolute_quarter", "q": q, "year": _int(m["year"])}
    return "date", {"type": "quarter", "q": q}


def _year(m: re.Match[str], text: str, w: TimeWords):
    year = int(m["year"])
    after = text[m.end() : m.end() + 24]
    before = text[max(0, m.start() - 16) : m.start()]
    if re.match(r"\s*(?:%|percent|per\s+cent|[-–]?\s*(?:year|month|day)s?\b)", after, re.I):
        return None
    if re.match(r"\s+(?!AD\b|BC\b)[A-Z][a-z]+", after) is None and re.match(
        r"\s+(?:people|troops|fighters|soldiers|dollars|shares|units|votes|men|women|"
        r"children|deaths|cases|members|jobs|cars|homes|miles|km|tons|feet|acres)\b",
        after,
        re.I,
    ):
        return None
    if re.search(r"(?:[$£€#]|No\.|number|room|page|Route|flight|\d[,.])\s*$", before, re.I):
        return None
    rule: Rule = {"type": "absolute", "year": year}
    if m["edge"]:
        rule["mod"] = _mod(m["edge"])
    return "date", rule


def _decade(m: re.Match[str], text: str, w: TimeWords):
    if m["full"]:
        digits = m["full"][:3]
    else:
        yy = int(m["short"])
        digits = ("19" if yy >= 30 else "20") + m["short"][0]
    rule: Rule = {"type": "decade", "value": digits}
    if m["edge"]:
        rule["mod"] = _mod(m["edge"])
    return "date", rule


def _century(m: re.Match[str], text: str, w: TimeWords):
    n = _int(m["n"]) or {"first": 1, "second": 2}.get((m["w"] or "").lower(), 0)
    if not n:
        word = (m["w"] or "").lower()
        words = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}
        n = words.get(word, 0)
    if not n:
        return None
    return "date", {"type": "century", "value": f"{n - 1:02d}"}


def _ago(m: re.Match[str], text: str, w: TimeWords):
    unit = _unit(m["unit"])
    n = _count(m["n"], w) if m["n"] else None
    if unit not in UNITS:
        return None
    rule: Rule = {"type": "offset", "unit": unit, "n": -n if n is not None else None}
    if unit in ("hour", "minute", "second"):
        rule = {"type": "offset", "unit": "day", "n": 0}
    if n is None and unit in ("day", "week", "month", "year"):
        rule["fuzzy"] = True
    return "date", rule


def _later(m: re.Match[str], text: str, w: TimeWords):
    """'hours later', 'two days later', 'a week earlier': relative to the previous date."""
    unit = _unit(m["unit"])
    if unit not in UNITS:
        return None
    n = _count(m["n"], w) if m["n"] else None
    sign = -1 if m["dir"].lower() in ("earlier", "before") else 1
    rule: Rule = {"type": "after_previous", "unit": unit, "n": sign * n if n is not None else None}
    return "date", rule


def _next_day(m: re.Match[str], text: str, w: TimeWords):
    words = m[0].lower()
    n = -1 if any(w in words for w in ("previous", "before", "prior", "preceding", "eve")) else 1
    return "date", {"type": "after_previous", "unit": "day", "n": n}


def _duration(m: re.Match[str], text: str, w: TimeWords):
    unit = _unit(m["unit"])
    if unit not in UNITS:
        return None
    n = _count(m["n"], w) if m["n"] else None
    if m["n"] and n is None and not re.fullmatch(FUZZY, m["n"]):
        return None
    plural = m["unit"].lower().endswith("s") or m["unit"].lower().endswith("ies")
    if m["n"] is None and not m["mod"]:
        return None  # a bare "day" or "years" is too often not a time expression
    if unit == "second" and not plural:
        return None  # "a second time", "the second"
    if m["n"] is None and not plural:
        n = 1.0
    return "duration", {"type": "duration", "unit": unit, "n": n}


def _bare_units(m: re.Match[str], text: str, w: TimeWords):
    return "duration", {"type": "duration", "unit": _unit(m["unit"]), "n": None}


def _ref(m: re.Match[str], text: str, w: TimeWords):
    word = re.sub(r"\s+", " ", m[0].lower())
    return "date", {"type": "ref", "value": w.words["refs"][word]}


def _set(m: re.Match[str], text: str, w: TimeWords):
    word = m[0].lower()
    if word in w.words["sets"]:
        return "set", {"type": "set", "value": w.words["sets"][word]}
    unit = m["unit"].lower() if m["unit"] else None
    if unit and unit.rstrip("s") in UNITS:
        u = UNITS[unit.rstrip("s")]
        value = f"PT1{u}" if unit.rstrip("s") in CLOCK_UNITS else f"P1{u}"
        return "set", {"type": "set", "value": value}
    if m["wd"]:
        return "set", {"type": "set", "value": f"XXXX-WXX-{_weekday(m['wd'], w) + 1}"}
    if m["part"]:
        return "set", {"type": "set", "value": f"XXXX-XX-XXT{w.parts[m['part'].lower()]}"}
    return None


def _relative_part(m: re.Match[str], text: str, w: TimeWords):
    """'this morning' style handled by deictic; 'Monday night' by weekday."""
    return None


CLOCK = (
    rf"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d){{1,2}}{AMPM}?{ZONE}|(?:1[0-2]|0?[1-9]){AMPM}{ZONE}|"
    r"(?i:noon|midnight))"
)


@dataclass(frozen=True, eq=False)  # hashed by identity (a cache key)
class TimeRules:
    """The compiled rule table for one set of time and number words."""

    words: TimeWords
    compiled: tuple[tuple[str, re.Pattern[str], Handler], ...]
    priority: dict[str, int]


def time_rules(knowledge: Knowledge) -> TimeRules:
    """The rules compiled from this knowledge's words (once per knowledge)."""
    return knowledge.derived("time_rules", lambda: compile_rules(knowledge))


def compile_rules(knowledge: Knowledge) -> TimeRules:
    """Build and compile the pattern table from the time and number words."""
    w = TimeWords(knowledge.time_words, knowledge.numbers)
    # Upper-case names: regex fragments, as in the static ones above.
    months, days = w.months, w.weekdays
    full_months = [m for m in months if len(m) > 4 or m in ("may", "june", "july")]
    abbr_months = [m for m in months if m not in full_months]
    full_days = [d for d in days if d.endswith("day")]
    abbr_days = [d for d in days if not d.endswith("day")]
    MONTH_FULL = f"(?:{_cased(full_months)})"
    MONTH_ANY = f"(?:{_cased(full_months)}|(?:{_cased(abbr_months)})\\.?|{_cased(['sept'])}\\.?)"
    WEEKDAY = f"(?:{_cased(full_days)})"
    WEEKDAY_ANY = f"(?:{_cased(full_days)}|(?:{_cased(abbr_days)})\\.)"
    SEASON = _ci(w.seasons)
    PART = _ci(w.parts)
    NUMWORD = f"(?:{alternation([n for n in w.numbers['units'] if ' ' not in n])})"
    NUM = (
        rf"(?:\d+(?:\.\d+)?|(?i:{NUMWORD}(?:[\s-]{NUMWORD})?(?:\s+(?:hundred|thousand))?"
        r"(?:\s+and\s+a\s+half)?))"
    )

    patterns: list[tuple[str, str, Handler]] = [
        (
            "full_date",
            rf"(?:(?P<wd>{WEEKDAY_ANY}),?\s+)?(?:(?i:the\s+))?"
            rf"(?:(?P<mon1>{MONTH_ANY})\s+(?P<day1>{DAY})(?!\d)|(?P<day2>{DAY})(?:\s+(?i:of))?\s+"
            rf"(?P<mon2>{MONTH_ANY}))(?:,?\s+(?P<year>{YEAR}))?(?!\d)"
            rf"(?:,?\s+(?:(?i:at)\s+)?(?P<clock>{CLOCK}))?",
            _full_date,
        ),
        (
            "month_year",
            rf"(?:(?P<edge>{EDGE})[\s-]+)?(?P<mon>{MONTH_ANY}),?\s+(?:(?i:of)\s+)?(?P<year>{YEAR})(?!\d)",
            _month_year,
        ),
        (
            "numeric_date",
            rf"(?:(?P<iso>{YEAR}-[01]\d-[0-3]\d)|(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)"
            rf"(?P<y>{YEAR}|\d\d))(?!\d)(?:[T\s]+(?P<clock>(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?))?",
            _numeric_date,
        ),
        (
            "clock",
            rf"(?P<clock>{CLOCK})(?:\s+(?:(?i:on)\s+)?(?:(?P<wd>{WEEKDAY})|"
            rf"(?P<deictic>(?i:today|yesterday|tomorrow))))?",
            _clock_time,
        ),
        (
            "weekday",
            rf"(?:(?P<rel>(?i:last|next|this|coming|past))\s+)?(?P<wd>{WEEKDAY})"
            rf"(?:\s+(?P<part>{PART}))?",
            _weekday_rule,
        ),
        (
            "deictic",
            r"(?i:(?:yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening))?|today|tonight|"
            r"this\s+(?:morning|afternoon|evening)|last\s+night)",
            _deictic,
        ),
        (
            "relative_unit",
            rf"(?:(?P<edge>(?i:earlier|later|early|late|the\s+end\s+of|the\s+beginning\s+of|"
            rf"the\s+start\s+of|end|start)|(?i:mid))[\s-]+)?(?:(?i:the)\s+)?(?P<rel>{REL})\s+"
            r"(?P<unit>(?i:week|month|year|weekend|quarter|decade|century))",
            _relative_unit,
        ),
        ("the_weekend", r"(?i:the\s+weekend)", _the_weekend),
        (
            "season",
            rf"(?:(?P<rel>{REL})\s+|(?P<the>(?i:the))\s+|(?:{EDGE})\s+)?(?P<season>{SEASON})"
            rf"(?:\s+(?:(?i:of)\s+)?(?P<year>{YEAR}))?",
            _season,
        ),
        (
            "quarter",
            rf"(?:(?i:the)\s+)?(?P<ord>{ORD})(?:[\s-]+(?i:fiscal))?[\s-]+(?i:quarter)"
            rf"(?:\s+(?:(?i:of))\s+(?:(?i:fiscal)\s+)?(?P<year>{YEAR}))?",
            _quarter,
        ),
        (
            "month",
            rf"(?:(?P<edge>{EDGE})[\s-]+)?(?:(?P<rel>(?i:last|next|this|coming|past))\s+)?"
            rf"(?P<mon>{MONTH_FULL}|{_cased(['sept'])}\.)",
            _month_alone,
        ),
        (
            "decade",
            rf"(?:(?P<edge>{EDGE})[\s-]+)?(?:(?P<full>1[6-9]\d0|20[0-9]0)'?s|"
            r"['’](?P<short>\d0)s)",
            _decade,
        ),
        (
            "century",
            r"(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>(?i:eighteenth|nineteenth|"
            r"twentieth|twenty-first)))[\s-]+(?i:century)",
            _century,
        ),
        (
            "year",
            rf"(?:(?P<edge>{EDGE})[\s-]+)?(?:(?i:(?:the\s+)?(?:fiscal\s+)?year\s+|fiscal\s+))?(?P<year>{YEAR})",
            _year,
        ),
        (
            "ago",
            rf"{HEDGE}(?:(?P<n>{NUM}|{FUZZY}|(?i:a|an))[\s-]+)?(?P<unit>{UNIT})\s+(?i:ago)",
            _ago,
        ),
        (
            "later",
            rf"{HEDGE}(?:(?P<n>{NUM}|{FUZZY}|(?i:a|an))[\s-]+)?(?P<unit>{UNIT})\s+(?P<dir>(?i:later|earlier))",
            _later,
        ),
        (
            "next_day",
            r"(?i:the\s+(?:next|following|previous|preceding)\s+day|the\s+day\s+(?:after|before)|"
            r"the\s+eve)",
            _next_day,
        ),
        (
            "duration",
            rf"(?:(?i:the)\s+)?(?P<mod>(?:(?i:past|last|next|coming|previous|first|final|following|"
            rf"recent|remaining|preceding|latest|another|additional|further|nearly|almost)\s+)*)"
            rf"(?:(?P<n>{NUM}|{FUZZY}|(?i:a|an))[\s-]+)?(?:(?i:more|full|straight|consecutive)\s+)?"
            rf"(?P<unit>{DUR_UNIT})",
            _duration,
        ),
        (
            "bare_units",
            r"(?:(?i:recent|past|coming|next|previous)\s+)(?P<unit>(?i:weeks|months|years|days|decades))",
            _bare_units,
        ),
        (
            "set",
            rf"(?i:daily|weekly|monthly|annually|yearly|quarterly|hourly|nightly)|"
            rf"(?i:every|each)\s+(?:(?P<unit>(?i:day|week|month|year|hour|minute))|(?P<wd>{WEEKDAY})|"
            rf"(?P<part>{PART}))",
            _set,
        ),
        ("ref", _ci(w.words["refs"]), _ref),
    ]
    compiled = tuple((name, re.compile(_B + rx + _E), fn) for name, rx, fn in patterns)
    return TimeRules(w, compiled, {name: i for i, (name, _, _) in enumerate(patterns)})


def _all_matches(text: str, rules: TimeRules) -> Iterator[Candidate]:
    for name, rx, fn in rules.compiled:
        for m in rx.finditer(text):
            if m.end() == m.start():
                continue
            out = fn(m, text, rules.words)
            if out is None:
                continue
            kind, rule = out
            start, end = m.start(), m.end()
            # trim trailing whitespace/punctuation that a pattern may have swallowed
            while end > start and text[end - 1] in " ,\n\t":
                end -= 1
            yield Candidate(start, end, kind, rule, name)


def match_times(text: str, rules: TimeRules) -> list[Candidate]:
    """Leftmost-longest non-overlapping rule matches over the text, in order.

    The times and the quantities extractors both ask for the same text: the matching is
    done once (cached) and each caller gets its own copies."""
    cached = _match_times_cached(text, rules)
    return [replace(c, rule=dict(c.rule), extra=dict(c.extra)) for c in cached]


@lru_cache(maxsize=8)
def _match_times_cached(text: str, rules: TimeRules) -> tuple[Candidate, ...]:
    found = sorted(
        _all_matches(text, rules),
        key=lambda c: (c.start, -(c.end - c.start), rules.priority[c.name]),
    )
    out: list[Candidate] = []
    taken_end = -1
    for c in found:
        if c.start < taken_end:
            continue
        out.append(c)
        taken_end = c.end
    return tuple(out)
