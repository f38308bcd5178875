"""Resolve a time rule (see `time_rules`) against an anchor date into an ISO/TimeML value.

The anchor is the document's publication date, possibly partial ("2016-12"). Relative
expressions read tense: 'on Monday' in the past tense is the most recent Monday at or
before the anchor, in the future tense the next one; 'in March' likewise. 'hours later'
and 'the next day' are read against the previous date in the same text.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from storyline.extract.time_rules import Rule
from storyline.lexicon.timeml import CLOCK_UNITS, ISO_UNITS, Anchor, parse_anchor

_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + n
    return total // 12, total % 12 + 1


def _direction(rule_dir: str, tense: str | None) -> str:
    if rule_dir != "auto":
        return rule_dir
    if tense == "future":
        return "future"
    if tense == "present":
        return "nearest"
    return "past"


def _weekday(rule: Rule, anchor: Anchor, tense: str | None) -> str | None:
    today = anchor.date
    if today is None:
        return anchor.iso
    wd = int(rule["weekday"])  # type: ignore[arg-type]
    back = (today.weekday() - wd) % 7
    fwd = (wd - today.weekday()) % 7
    way = _direction(str(rule.get("dir", "auto")), tense)
    if way == "last":
        d = today - timedelta(days=back or 7)
    elif way == "next":
        d = today + timedelta(days=fwd or 7)
    elif way == "this":
        d = today - timedelta(days=today.weekday()) + timedelta(days=wd)
    elif way == "future":
        d = today + timedelta(days=fwd)
    elif way == "nearest":
        d = today - timedelta(days=back) if back <= fwd else today + timedelta(days=fwd)
    else:
        d = today - timedelta(days=back)
    return d.isoformat()


def _month(month: int, way: str, anchor: Anchor) -> tuple[int, int]:
    """Year and month of a month name read from the anchor in a direction."""
    cur = anchor.month
    if cur is None:
        return anchor.year, month
    if way == "this":
        return anchor.year, month
    if way == "last":
        return (anchor.year if month < cur else anchor.year - 1), month
    if way == "next":
        return (anchor.year if month > cur else anchor.year + 1), month
    past = (anchor.year if month <= cur else anchor.year - 1, month)
    future = (anchor.year if month >= cur else anchor.year + 1, month)
    if way == "future":
        return future
    if way == "nearest":
        dp = (cur - month) % 12
        df = (month - cur) % 12
        return past if dp <= df else future
    return past


def _offset(rule: Rule, anchor: Anchor) -> str | None:
    unit = str(rule["unit"])
    n = rule.get("n")
    today = anchor.date
    if n is None:  # fuzzy: 'a few days ago', 'weeks ago'
        if unit == "day" and today:
            return _iso_week(today - timedelta(days=3))
        if unit == "week" and today:
            d = today - timedelta(weeks=3)
            return f"{d.year:04d}-{d.month:02d}"
        if unit == "month" and anchor.month:
            return str(_add_months(anchor.year, anchor.month, -3)[0])
        return "PAST_REF"
    k = round(float(n))
    if unit == "day":
        return (today + timedelta(days=k)).isoformat() if today else anchor.iso
    if unit in ("week", "fortnight"):
        if unit == "fortnight":
            k *= 2
        return _iso_week(today + timedelta(weeks=k)) if today else anchor.iso
    if unit == "month":
        if anchor.month is None:
            return anchor.iso
        y, m = _add_months(anchor.year, anchor.month, k)
        return f"{y:04d}-{m:02d}"
    if unit == "quarter":
        if anchor.month is None:
            return anchor.iso
        q = (anchor.month - 1) // 3 + k
        y = anchor.year + q // 4
        return f"{y:04d}-Q{q % 4 + 1}"
    if unit == "year":
        return f"{anchor.year + k:04d}"
    if unit == "decade":
        return f"{(anchor.year // 10 + k):03d}"
    if unit == "century":
        return f"{(anchor.year // 100 + k):02d}"
    return None


def _weekend(rule: Rule, anchor: Anchor, tense: str | None) -> str | None:
    today = anchor.date
    if today is None:
        return anchor.iso
    n = rule.get("n")
    if n is None:
        way = _direction("auto", tense)
        if way == "future":
            n = 0 if today.weekday() < 5 else 1
        else:
            n = 0 if today.weekday() >= 5 else -1
    return _iso_week(today + timedelta(weeks=int(n))) + "-WE"  # type: ignore[arg-type]


def _previous_relative(rule: Rule, previous: str | None, anchor: Anchor | None) -> str | None:
    base = previous or (anchor.iso if anchor else None)
    if base is None:
        return None
    prev = parse_anchor(base)
    if prev is None:
        return base
    unit, n = str(rule["unit"]), rule.get("n")
    if n is None or unit in ("hour", "minute", "second"):
        return prev.iso if unit in ("hour", "minute", "second", "day") else base
    return _offset({"unit": unit, "n": n}, prev)


def _duration(rule: Rule) -> str:
    units = ISO_UNITS
    unit = str(rule["unit"])
    letter = units.get(unit, "X")
    n = rule.get("n")
    if unit == "fortnight":
        letter, n = "W", (float(n) * 2 if n is not None else None)
    if unit == "decade":
        letter, n = "Y", (float(n) * 10 if n is not None else None)
    if unit == "century":
        letter, n = "Y", (float(n) * 100 if n is not None else None)
    amount = "X" if n is None else str(int(n)) if float(n).is_integer() else str(float(n))
    prefix = "PT" if unit in CLOCK_UNITS else "P"
    return f"{prefix}{amount}{letter}"


def _with_clock(value: str | None, rule: Rule) -> str | None:
    if value is None:
        return None
    if rule.get("hour") is not None:
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            value = "XXXX-XX-XX"
        return f"{value}T{int(rule['hour']):02d}:{int(rule.get('minute') or 0):02d}"  # type: ignore[arg-type]
    if rule.get("part"):
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            return value
        return f"{value}T{rule['part']}"
    return value


def resolve(
    rule: Rule, anchor: Anchor | None, tense: str | None = None, previous: str | None = None
) -> tuple[str | None, bool]:
    """The value of a rule against an anchor; and whether the anchor was used."""
    kind = rule.get("type")
    if kind == "absolute":
        y, m, d = rule.get("year"), rule.get("month"), rule.get("day")
        value = f"{int(y):04d}"  # type: ignore[arg-type]
        if m:
            value += f"-{int(m):02d}"  # type: ignore[arg-type]
            if d:
                value += f"-{int(d):02d}"  # type: ignore[arg-type]
        return _with_clock(value, rule), False
    if kind == "duration":
        return _duration(rule), False
    if kind in ("set", "ref", "decade", "century"):
        return str(rule["value"]), False
    if kind == "absolute_season":
        return f"{int(rule['year']):04d}-{rule['season']}", False  # type: ignore[arg-type]
    if kind == "absolute_quarter":
        return f"{int(rule['year']):04d}-Q{rule['q']}", False  # type: ignore[arg-type]
    if kind == "after_previous":
        return _previous_relative(rule, previous, anchor), previous is None
    if anchor is None:
        return _unanchored(rule), False
    if kind == "monthday":
        return _with_clock(_monthday(rule, anchor, tense), rule), True
    if kind == "weekday":
        return _with_clock(_weekday(rule, anchor, tense), rule), True
    if kind == "offset":
        return _with_clock(_offset(rule, anchor), rule), True
    if kind == "weekend":
        return _weekend(rule, anchor, tense), True
    if kind == "clock":
        return _with_clock(anchor.iso, rule), True
    if kind == "month":
        way = _direction(str(rule.get("dir", "auto")), tense or "present")
        y, m = _month(int(rule["month"]), way, anchor)  # type: ignore[arg-type]
        return f"{y:04d}-{m:02d}", True
    if kind == "season":
        way = _direction(str(rule.get("dir", "auto")), tense)
        season = str(rule["season"])
        y, _ = _month(_SEASON_MONTH[season], way, anchor)
        return f"{y:04d}-{season}", True
    if kind == "quarter":
        q = int(rule["q"])  # type: ignore[arg-type]
        y = anchor.year
        if anchor.month:
            cur = (anchor.month - 1) // 3 + 1
            if q > cur and tense != "future":
                y -= 1
        return f"{y:04d}-Q{q}", True
    return None, False


def _monthday(rule: Rule, anchor: Anchor, tense: str | None) -> str:
    month, day = int(rule["month"]), int(rule["day"])  # type: ignore[arg-type]
    today = anchor.date
    year = anchor.year
    way = _direction("auto", tense) if tense else "nearest"
    if today is not None and way in ("past", "future"):
        # past tense: the latest such day at or before the anchor (a week's slack for
        # reports that run late); future tense: the next one
        year = anchor.year
        d = _safe_date(year, month, day)
        if way == "past" and d is not None and (d - today).days > 7:
            year -= 1
        elif way == "future" and d is not None and (today - d).days > 7:
            year += 1
    elif today is not None:
        best = None
        for y in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                d = date(y, month, day)
            except ValueError:
                continue
            gap = abs((d - today).days)
            if best is None or gap < best[0]:
                best = (gap, y)
        if best:
            year = best[1]
    return f"{year:04d}-{month:02d}-{day:02d}"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _unanchored(rule: Rule) -> str | None:
    """TimeML-style underspecified values where no anchor date is known."""
    kind = rule.get("type")
    if kind == "monthday":
        return f"XXXX-{int(rule['month']):02d}-{int(rule['day']):02d}"  # type: ignore[arg-type]
    if kind == "month":
        return f"XXXX-{int(rule['month']):02d}"  # type: ignore[arg-type]
    if kind == "weekday":
        return f"XXXX-WXX-{int(rule['weekday']) + 1}"  # type: ignore[arg-type]
    if kind == "season":
        return f"XXXX-{rule['season']}"
    return None
