"""Numeric claims across sources: group claims about the same quantity, then say whether
the sources agree, conflict, or a figure was revised over time.

Same quantity (`_key`): the same event scope (a background figure, such as a past
disaster's toll, never joins the story's groups), the same storyline and a window of
`WINDOW_DAYS`, the same predicate ('killed' never joins 'injured' or a plain count), the
same rate ('a month' never joins 'a day'), the same kind of counted thing (its noun
mapped through `kinds` in data/claims.json: 'rebels' and 'bandits' are fighters), the same
unit (money in any currency: amounts are compared through `currency_rates`, or not at
all). A figure of a generic kind ('people', 'bodies') joins the one specific group of its
predicate where there is exactly one and it agrees with each of its values; so does a
figure with no predicate ('four employees' -> 'four employees kidnapped').

Compatibility honours hedges: each claim is an interval ('about' ±15%, 'more than' open
above, 'up to' open below, exact ±2%) and two claims agree where their intervals meet.
A group is `single` when one document gives it and its values agree, `agreed` when two
or more documents give compatible values, else `conflicting`, inside one document too.
A conflicting group whose values rise with the documents' dates is a revision
(`revision: true`), and its note gives the sequence ('rose from 1 to 5 between 4 and 7 Aug').
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations, pairwise
from typing import Any

from storyline.lexicon import Knowledge
from storyline.lexicon.timeml import parse_anchor
from storyline.models import Claim, ClaimGroup, Document, Quantity
from storyline.reconcile.corpus import Corpus
from storyline.reconcile.spans import ByStart

WINDOW_DAYS = 21


@dataclass(frozen=True, eq=False)
class ClaimWords:
    """What the claim reduce reads of the knowledge: hedges (how far a hedged value
    stretches), number words (currency rates) and claim rules (`claims.json`)."""

    hedges: dict[str, Any]
    numbers: dict[str, Any]
    claims: dict[str, Any]


def claim_words(knowledge: Knowledge) -> ClaimWords:
    return ClaimWords(knowledge.hedges, knowledge.numbers, knowledge.claims)


def _rate(unit: str | None, w: ClaimWords) -> float | None:
    return w.numbers.get("currency_rates", {}).get(unit or "")


def _scale(unit: str | None, w: ClaimWords) -> tuple[str, float] | None:
    """A measure's dimension and its size in the dimension's base unit ('square
    kilometres': area, 100 hectares); None for a unit that is not a measure."""
    found = w.numbers.get("measure_scale", {}).get(unit or "")
    return (str(found[0]), float(found[1])) if found else None


def _same_dimension(a: str | None, b: str | None, w: ClaimWords) -> bool:
    sa, sb = _scale(a, w), _scale(b, w)
    return sa is not None and sb is not None and sa[0] == sb[0]


def _money_units(w: ClaimWords) -> set[str]:
    nums = w.numbers
    codes = set(nums.get("currency_codes", []))
    return codes | set(nums["currencies"].values()) | set(nums.get("currency_words", {}).values())


def interval(q: Quantity | Claim, w: ClaimWords) -> tuple[float, float]:
    """The values a claim allows, honouring its hedge; a share ('a third') is read as a
    percentage and as a rounded figure ('about')."""
    tol = w.hedges["tolerance"]
    share = q.unit == "share"
    scale = 100.0 if share else 1.0
    v = float(q.value) * scale
    if q.approx == "range" and q.value_high is not None:
        return v, float(q.value_high) * scale
    if q.approx == "more_than":
        return v, float("inf")
    if q.approx == "less_than":
        return 0.0, v
    about = q.approx == "about" or share
    slack = tol.get("about", 0.0) if about else w.hedges["exact_tolerance"]
    return v * (1 - slack), v * (1 + slack)


def comparable(a: Quantity | Claim, b: Quantity | Claim, w: ClaimWords) -> bool:
    """Whether two values can be compared: the same unit, a zero, or two currencies of the
    rates table."""
    if a.unit == b.unit or a.value == 0 or b.value == 0:
        return True
    if {a.unit, b.unit} == {"share", "%"} or _same_dimension(a.unit, b.unit, w):
        return True
    return _rate(a.unit, w) is not None and _rate(b.unit, w) is not None


def compatible(a: Quantity | Claim, b: Quantity | Claim, w: ClaimWords) -> bool:
    """Whether two claims can both be true ('64' and 'more than 60': yes); amounts in two
    currencies are compared in dollars, with the rates' tolerance."""
    lo1, hi1 = interval(a, w)
    lo2, hi2 = interval(b, w)
    if a.unit != b.unit and _same_dimension(a.unit, b.unit, w):
        # '40 square kilometres' and '4,000 hectares': one area, in its base unit
        fa, fb = _scale(a.unit, w)[1], _scale(b.unit, w)[1]  # type: ignore[index]
        return lo1 * fa <= hi2 * fb and lo2 * fb <= hi1 * fa
    if a.unit != b.unit and a.value and b.value and {a.unit, b.unit} != {"share", "%"}:
        ra, rb = _rate(a.unit, w), _rate(b.unit, w)
        if ra is None or rb is None:
            return True  # not comparable: never a conflict
        tol = float(w.numbers.get("rate_tolerance", 0.25))
        lo1, hi1 = lo1 * ra * (1 - tol), hi1 * ra * (1 + tol)
        lo2, hi2 = lo2 * rb, hi2 * rb
    return lo1 <= hi2 and lo2 <= hi1


def _day(value: str | None) -> date | None:
    """The publication day; a month-only date ('2023-02') is too coarse to order reports."""
    a = parse_anchor(value)
    return date(a.year, a.month, a.day) if a and a.month and a.day else None


class _Item:
    def __init__(self, claim: Claim, q: Quantity, day: date | None, context: str | None):
        self.claim, self.q, self.day, self.context = claim, q, day, context
        self.places: set[str] = set()  # places its sentence names: the event's where
        self.earlier = False  # a value the text gives as what the count was before
        self.definite = False  # 'the EUR 4 million': a figure given as already known

    @property
    def when(self) -> date | None:
        """The day the value held: the day before its report for an earlier value ('31,
        up from 23 on Monday')."""
        return self.day - timedelta(days=1) if self.day and self.earlier else self.day


# 'up from 23', 'rose from 3 to 29', 'went from 23 on Monday to 31'
_FROM = re.compile(
    r"\b(?:up|down|rose|risen|rising|fell|fallen|falling|went|gone|increased|decreased"
    r"|climbed|jumped|dropped|grew|grown)\s+from\s+$",
    re.IGNORECASE,
)


def _earlier_value(text: str, q: Quantity) -> bool:
    return bool(_FROM.search(text[max(0, q.start - 40) : q.start]))


_YEAR = re.compile(r"(?<![\w-])(1[89]\d\d|20\d\d)(?![\w-])")


YEAR_REACH = 25  # characters after a figure within which a year still dates it


def document_year(doc: Document) -> int:
    """The document's 'now': its publication year, else the latest year it names (0 if
    none)."""
    published = parse_anchor(doc.published)
    if published is not None:
        return published.year
    return max((int(y) for y in _YEAR.findall(doc.text)), default=0)


def claim_scope(doc: Document, q: Quantity, w: ClaimWords, now: int | None = None) -> str:
    """'background' where the figure's sentence places it in the past: an earlier year
    ('the June 2017 fire, which killed 66') or a cue such as 'last year' (data/claims.json
    `background_cues`); 'since 2019' dates a change up to now and is not one. An undated
    document's 'now' is the latest year it names.

    A year dates the figure where it comes before it in the sentence ('In June 2017 a
    fire ... killed 66') or right after it ('66 people in 2017'); a year at the far end of
    a long sentence dates something else ('a country of 2.4 million people that ... since
    the invasion in 2022'). A cue that names the current year ('the 2025 fire' in 2025)
    is no background."""
    sentence = doc.text[q.sentence_start : q.sentence_end]
    offset = q.sentence_start
    if not sentence:
        sentence, offset = q.text, q.start
    now = document_year(doc) if now is None else now
    cues = w.claims.get("background_cues", [])
    if cues:
        for cue in re.finditer("|".join(f"(?:{c})" for c in cues), sentence, re.IGNORECASE):
            named = [int(y) for y in _YEAR.findall(cue[0])]
            if not (now and named and min(named) >= now):
                return "background"
    if not now:
        return "story"
    fig_start, fig_end = q.start - offset, q.end - offset
    for m in _YEAR.finditer(sentence):
        year = int(m[1])
        since = re.search(
            r"\b(?:since|from|by)\s+(?:\w+\s+)?$", sentence[: m.start()], re.IGNORECASE
        )
        near = m.start() < fig_start or m.start() - fig_end <= YEAR_REACH
        # 'since 2019' dates a change up to now; 'since 1955' a long-past war
        if year < now and near and not (since and now - year <= 10):
            return "background"
    return "story"


def _unit_class(q: Quantity, w: ClaimWords) -> str | None:
    claims = w.claims
    if q.unit in _money_units(w):
        return "money"
    if q.unit == "share":
        return "%"  # 'a third' and '35 percent' are one measure
    scale = _scale(q.unit, w)
    if scale is not None:
        return scale[0]  # 'hectares' and 'square kilometres' are one area
    if q.value == 0 and q.unit is None and q.predicate in claims.get("money_predicates", []):
        return "money"  # 'paid nothing' sits with the amounts paid
    return q.unit


def _key(it: _Item, w: ClaimWords) -> tuple | None:
    """What makes two figures one quantity; None where a figure says too little to join any."""
    q = it.q
    unit = _unit_class(q, w)
    kind = q.kind if unit == "money" else (q.kind or q.what_head)
    if unit == "money" and q.predicate is None and q.per is None:
        # an amount with no predicate or rate says only its currency: it may join a
        # group it agrees with (`_attach_plain`), never make one
        return (it.context, it.claim.scope, unit, None, None, f"#{it.claim.id}")
    if unit != "money" and kind is None and q.predicate is None:
        return None
    if _whole_toll(q, w):
        kind = None  # 'the number of fatal victims', 'five dead', 'the toll': one toll
    # 'paid 1,500 a shift' and 'earning 1,500 a shift': one sum seen from two sides
    predicate = w.claims.get("same_predicates", {}).get(q.predicate or "", q.predicate)
    return (it.context, it.claim.scope, unit, q.per, predicate, kind)


def _generic(key: tuple, w: ClaimWords) -> bool:
    kind = key[-1]
    return key[4] is not None and (kind is None or kind in w.claims.get("generic_kinds", []))


def _in_window(it: _Item, group: list[_Item]) -> list[_Item]:
    """The group's figures of `it`'s time (WINDOW_DAYS): a key spans a storyline, and a
    figure weeks away ('nine trucks captured' in September) is another event's."""
    if it.day is None:
        return group
    return [o for o in group if o.day is None or abs((o.day - it.day).days) <= WINDOW_DAYS]


def _agrees_with_all(it: _Item, group: list[_Item], w: ClaimWords) -> bool:
    """A figure that joins a group on weak evidence must agree with each of its values of
    its time (`_in_window`), and lie close to them: 'less than 900 million' meets
    '30,000' but says nothing of it. A group with no figure of its time takes none."""
    near = _in_window(it, group)
    return bool(near) and all(
        comparable(it.q, o.q, w) and compatible(it.q, o.q, w) and _close(it.q, o.q, w) for o in near
    )


def _close(a: Quantity, b: Quantity, w: ClaimWords) -> bool:
    """Near (`_near`), or within a factor OPEN_FAR where one is an open hedge ('millions of
    records' and '2.3 million records'; not 'at least 70 people' and '520 people')."""
    if a.approx in _OPEN or b.approx in _OPEN:
        return _within(a, b, OPEN_FAR, w)
    return _near(a, b, w)


def _attach_plain(by_key: dict[tuple, list[_Item]], w: ClaimWords) -> None:
    """A figure with no predicate ('four employees', 'three million dollars') joins the one
    group of its kind that has a predicate ('four employees kidnapped', 'demanded') and a
    value it agrees with; where there is none, or more than one, it stays where it is."""
    for key in [k for k in by_key if k[4] is None]:
        targets = [
            k
            for k in by_key
            if k[4] is not None and k[:4] == key[:4] and (k[5] == key[5] or key[2] == "money")
        ]
        for it in list(by_key[key]):
            fits = [
                k
                for k in targets
                if _agrees_with_all(it, by_key[k], w)
                and (key[2] != "money" or _same_source(it, by_key[k]))
            ]
            if len(fits) > 1:
                # of several, the one group that names the very same sum
                same = [
                    k
                    for k in fits
                    if any(o.q.unit == it.q.unit and o.q.value == it.q.value for o in by_key[k])
                ]
                fits = same if len(same) == 1 else (same or fits)
            if len(fits) > 1:
                # the one group its own document gives: 'the ransom at "approximately EUR
                # 4 million" - the same demand, converted' beside '$4.5 million demanded'
                own = [
                    k for k in fits if any(o.claim.document == it.claim.document for o in by_key[k])
                ]
                fits = own if len(own) == 1 else fits
            if len(fits) == 1:
                by_key[key].remove(it)
                by_key[fits[0]].append(it)
        if not by_key[key]:
            del by_key[key]


def _attach_shares_of_people(
    by_key: dict[tuple, list[_Item]], w: ClaimWords, people: set[str]
) -> None:
    """A share of people in general ('a third of the people moving the imports') joins
    the one share of a specific kind of people in its context that it agrees with ('about
    a third of port workers', '35 percent of the workforce'); where none or several
    agree, it stays where it is."""
    generic = set(w.claims.get("generic_kinds", []))
    for key in [k for k in by_key if k[2] == "%" and k[4] is None and k[5] in generic]:
        targets = [
            k
            for k in by_key
            if k[:5] == key[:5] and k[5] in people and k[5] not in generic and k != key
        ]
        for it in list(by_key[key]):
            fits = [k for k in targets if _agrees_with_all(it, by_key[k], w)]
            if len(fits) == 1:
                by_key[key].remove(it)
                by_key[fits[0]].append(it)
        if not by_key[key]:
            del by_key[key]


def _attach_definite(by_key: dict[tuple, list[_Item]], w: ClaimWords) -> None:
    """A definite figure ('not to pay the EUR 4 million', 'the 14 people arrested') names
    a figure the reader already knows: it joins the one other group that holds the very
    same value in the same unit (and, for a count, of the same kind), whatever its own
    predicate; where no group or several hold it, it stays where it is."""
    for key in list(by_key):
        for it in [i for i in by_key.get(key, []) if i.definite]:
            holders = [
                k
                for k, group in by_key.items()
                if k != key
                and k[:3] == key[:3]
                and key[3] in (None, k[3])  # 'the NGN 120,000' names the monthly wage
                and (key[2] == "money" or (k[5] is not None and k[5] == key[5]))
                and any(
                    o.q.value == it.q.value
                    and o.q.unit == it.q.unit
                    and o.q.approx in ("exact", "about")  # 'more than 120,000' is not it
                    and not o.definite
                    for o in _in_window(it, group)
                )
            ]
            if len(holders) == 1:
                by_key[key].remove(it)
                by_key[holders[0]].append(it)
        if key in by_key and not by_key[key]:
            del by_key[key]


_DEFINITE = re.compile(r"\b(?:the|this|that)\s+$", re.IGNORECASE)


def _definite(text: str, q: Quantity) -> bool:
    """'the EUR 4 million', 'that 14,200': a figure given as already known."""
    return q.approx == "exact" and bool(_DEFINITE.search(text[max(0, q.start - 6) : q.start]))


def _same_source(it: _Item, group: list[_Item]) -> bool:
    """A bare amount ('EUR 5 million') restates a group's amount only where the same
    document or the same claimant gives both ('$4.5 million ... the same demand,
    converted'), or where it is the very same sum; another source's amount of like size
    is another sum."""
    return any(
        o.claim.document == it.claim.document
        # the reporter is no one source: two sums the reporter states are two sums
        or (o.claim.claimant_name == it.claim.claimant_name != "reporter")
        or (o.q.unit == it.q.unit and o.q.value == it.q.value)  # the same sum restated
        for o in group
    )


def _by_date(items: list[_Item]) -> list[list[_Item]]:
    """Split a key's figures where their documents lie more than WINDOW_DAYS apart."""
    dated = sorted((i for i in items if i.day), key=lambda i: i.day or date.min)
    runs: list[list[_Item]] = []
    for it in dated:
        if runs and it.day and runs[-1][0].day and (it.day - runs[-1][0].day).days <= WINDOW_DAYS:
            runs[-1].append(it)
        else:
            runs.append([it])
    undated = [i for i in items if not i.day]
    if runs:
        runs[0].extend(undated)
    elif undated:
        runs.append(undated)
    return runs


def _split_in_time(items: list[_Item], w: ClaimWords) -> list[list[_Item]]:
    """A key's quantities: split by date window, then by `_split`. A new figure weeks
    later is a new event's; a later part that only restates an earlier part's figure ('a
    town of 30,000', 'four workers kidnapped') stays with it."""
    merged: list[list[_Item]] = []
    for run in _by_date(items):
        fresh: list[list[_Item]] = []
        for part in _split(run, w):
            host = next((p for p in merged if _restates(part, p, w)), None)
            if host is None:
                fresh.append(part)
            else:
                host.extend(part)
        merged.extend(fresh)
    return merged


_OPEN = ("more_than", "less_than")


def _restates(run: list[_Item], earlier: list[_Item], w: ClaimWords) -> bool:
    """Every figure of `run` names the value every figure of `earlier` names: bounded
    values ('about 30,000', '4') that agree, not open hedges ('at least 12' fits a later
    '15' and proves nothing)."""
    return all(
        a.q.approx not in _OPEN
        and b.q.approx not in _OPEN
        and comparable(a.q, b.q, w)
        and compatible(a.q, b.q, w)
        and _near(a.q, b.q, w)
        for a in run
        for b in earlier
    )


NEAR = 1.5
FAR = 10.0
PLAIN_FAR = 6.0  # two plain counts further apart than this count different things
OPEN_FAR = 4.0  # how far an open hedge ('hundreds', 'at least 70') reaches on weak evidence
WHOLE_FAR = 3.0  # two tolls that name no victim further apart than this are two incidents


def _magnitudes(a: Quantity, b: Quantity, w: ClaimWords) -> tuple[float, float]:
    """Two values on one scale: a share as a percentage ('a third' is 33 %), amounts in
    two currencies of the rates table in dollars, measures of one dimension in its base
    unit."""
    va, vb = float(a.value) or 0.0, float(b.value) or 0.0
    if a.unit == b.unit:
        return va, vb
    if {a.unit, b.unit} == {"share", "%"}:
        return (va * 100 if a.unit == "share" else va), (vb * 100 if b.unit == "share" else vb)
    ra, rb = _rate(a.unit, w), _rate(b.unit, w)
    if ra is not None and rb is not None:
        return va * ra, vb * rb
    sa, sb = _scale(a.unit, w), _scale(b.unit, w)
    if sa is not None and sb is not None and sa[0] == sb[0]:
        return va * sa[1], vb * sb[1]
    return va, vb


def _within(a: Quantity, b: Quantity, factor: float, w: ClaimWords) -> bool:
    lo, hi = sorted(_magnitudes(a, b, w))
    return lo == hi or lo == 0 or hi / lo <= factor


def _near(a: Quantity, b: Quantity, w: ClaimWords) -> bool:
    """Figures within a factor NEAR of each other: an open hedge ('thousands', 'more than
    100') agrees with anything above it and must not chain unrelated counts together."""
    lo, hi = sorted(_magnitudes(a, b, w))
    return lo == hi or (lo > 0 and hi / lo <= NEAR)


def _whole_toll(q: Quantity, w: ClaimWords) -> bool:
    """A casualty count that names no kind of victim ('five dead', 'the toll is six')."""
    return (
        q.unit is None
        and q.predicate in w.claims["toll"].values()
        and (q.kind or q.what_head) in (None, *w.claims.get("toll_kinds", []))
    )


_PART = re.compile(
    r"\b(?:others?|another)\b|\bof\s+(?:the|their|our|its|his|her|these|those|them|whom|which)\b",
    re.IGNORECASE,
)


def _part(it: _Item) -> bool:
    """A count of part of a set ('two of the bombs', 'at least 195 of the victims') or
    beyond one ('five other young men', '55 others'): not the set's own count."""
    return bool(_PART.search(it.claim.text))


def _sourced(it: _Item) -> bool:
    """A plain count that a named source gives, and that counts a whole: two such counts
    that differ are two sources disputing one figure; the reporter's own counts and
    counts of a part are too weak a sign ('156,000 new jobs', '178,000 jobs')."""
    return it.claim.claimant_name not in (None, "reporter") and not _part(it)


def _same_thing(a: Quantity, b: Quantity, w: ClaimWords) -> bool:
    """The same counted noun, or two names one side or the other gives the same people
    ('fighters' and 'bandits'; `label_kinds`): 'employees' and 'members' are two
    populations of one kind."""
    if a.what_head is not None and a.what_head == b.what_head:
        return True
    return a.kind is not None and a.kind == b.kind and a.kind in w.claims.get("label_kinds", [])


def _two_quantities(a: _Item, b: _Item, w: ClaimWords) -> bool:
    """Two values that cannot both hold, given by one source in one document, are two
    quantities ('three of the four soldiers', '2% of the vote … 90% of the black vote'),
    not a source disputing itself. A value the text gives as the earlier state of a
    count ('31 ships, up from 23') is the same quantity, revised."""
    if (
        a.earlier
        or b.earlier
        or a.claim.claimant_name != b.claim.claimant_name
        or not comparable(a.q, b.q, w)
        or compatible(a.q, b.q, w)
    ):
        return False
    if a.claim.document == b.claim.document:
        return True
    # one named source's lower figure days later counts something else ('38 rebels
    # killed' in one battle, a week later '14 rebels killed' in another town): a source
    # revises its own count upward, it does not dispute it
    if a.claim.claimant_name in (None, "reporter") or a.day is None or b.day is None:
        return False
    first, later = (a, b) if a.day < b.day else (b, a)
    return (later.day - first.day).days > 1 and later.q.value < first.q.value


def _clash(a: _Item, b: _Item, w: ClaimWords) -> bool:
    return comparable(a.q, b.q, w) and not compatible(a.q, b.q, w)


def _loose(a: _Item, b: _Item, w: ClaimWords) -> bool:
    """Two plain counts of people in general ('about 30,000 people', 'more than 20,000')
    where one is an open hedge: that they can both hold says nothing of one quantity (a
    town's population and a crowd within it)."""
    generic = w.claims.get("generic_kinds", [])
    return (
        a.q.predicate is None
        and b.q.predicate is None
        and a.q.unit is None
        and b.q.unit is None
        and (a.q.kind or a.q.what_head) in generic
        and (b.q.kind or b.q.what_head) in generic
        and (a.q.approx in _OPEN or b.q.approx in _OPEN)
    )


def _split(items: list[_Item], w: ClaimWords) -> list[list[_Item]]:
    """Within one key, two figures join where they count the same noun with a predicate
    ('31 soldiers killed', 'four soldiers died'; a zero, or within a factor FAR: '640
    killed' in a campaign and '3 killed' in one strike are two tolls) or agree ('7,000
    members', 'more than 7,000 dockworkers'). Two plain counts of one kind that disagree
    and name different things ('3,400 employees', '7,000 members') are two quantities,
    not a dispute. Resources in place (`snapshot_kinds`) are compared within a day."""
    snapshots = set(w.claims.get("snapshot_kinds", []))
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def members(root: int) -> list[_Item]:
        return [items[k] for k in range(len(items)) if find(k) == root]

    for i, j in combinations(range(len(items)), 2):
        a, b = items[i], items[j]
        if find(i) == find(j):
            continue
        if any(_two_quantities(x, y, w) for x in members(find(i)) for y in members(find(j))):
            continue
        apart = a.day is not None and b.day is not None and abs((a.day - b.day).days) > 1
        agree = comparable(a.q, b.q, w) and compatible(a.q, b.q, w) and _near(a.q, b.q, w)
        if agree and _loose(a, b, w):
            agree = a.q.value == b.q.value and a.q.approx == b.q.approx
        # snapshots days apart join only where they give one figure ('the two aircraft')
        if a.q.kind in snapshots and a.q.predicate is None and apart and not agree:
            continue
        # the same noun, or two labels the sides give one population ('23 bandits
        # killed', 'only three of our comrades killed'; `label_kinds`)
        same_noun = _same_thing(a.q, b.q, w)
        # figures about different places are about different events: never a dispute
        elsewhere = bool(a.places and b.places and not a.places & b.places)
        # two tolls that name no kind of victim ('the toll rose to five', 'six dead') are
        # the event's one toll
        whole_toll = _whole_toll(a.q, w) and _whole_toll(b.q, w) and not (_part(a) or _part(b))
        # a toll that names nothing is weak evidence of one event: tolls of two incidents
        # of one war ('16 injured' in a camp, '55 wounded' at a school) lie further apart
        disputed = (
            (same_noun or whole_toll)
            and a.q.predicate is not None
            and _within(a.q, b.q, FAR if same_noun else WHOLE_FAR, w)
            and not elsewhere
        )
        # amounts join by what they measure ('minimum wage', 'cost'); a bare amount
        # ('$1 million given') only where it agrees
        measured = (
            _unit_class(a.q, w) == "money"
            and a.q.kind is not None
            and not elsewhere
            and comparable(a.q, b.q, w)  # a sum in a currency without a rate stays apart
        )
        # two sources that count one specific kind of thing with no predicate and differ
        # ('200 fighters' against 'more than 600 fighters', '11 hospitals' against 'only
        # two') dispute one figure; one source's two counts are two quantities (above)
        counted = (
            a.q.predicate is None
            and b.q.predicate is None
            and a.q.unit is None
            and b.q.unit is None
            and _same_thing(a.q, b.q, w)
            and (a.q.kind or a.q.what_head) not in w.claims.get("generic_kinds", [])
            and (a.q.kind or a.q.what_head) not in snapshots
            and a.claim.claimant_name != b.claim.claimant_name
            and a.claim.document != b.claim.document  # in one text: two sets ('two states')
            and _sourced(a)
            and _sourced(b)
            and _within(a.q, b.q, PLAIN_FAR, w)
            and not elsewhere
        )
        if agree and not (disputed or measured or counted):
            # agreement is no evidence of a dispute: it must not chain two values that
            # clash through an open hedge ('86 yards', '80 or more yards', '80 yards')
            ri, rj = members(find(i)), members(find(j))
            if any(_clash(x, y, w) for x in ri for y in rj):
                continue
        if agree or disputed or measured or counted:
            parent[find(j)] = find(i)
    parts: dict[int, list[_Item]] = {}
    for i, it in enumerate(items):
        parts.setdefault(find(i), []).append(it)
    return list(parts.values())


def _fmt(v: float) -> str:
    return f"{v:,.2f}".rstrip("0").rstrip(".") if v % 1 else f"{int(v):,}"


def _value_text(c: Claim) -> str:
    hedge = {"about": "about ", "more_than": "more than ", "less_than": "up to "}.get(c.approx, "")
    if c.unit == "share":  # 'a third': 33%
        return f"{hedge}{_fmt(round(c.value * 100))}%"
    value = f"{_fmt(c.value)}-{_fmt(c.value_high)}" if c.value_high is not None else _fmt(c.value)
    unit = f" {c.unit}" if c.unit and c.unit not in ("%",) else (c.unit or "")
    return f"{hedge}{value}{unit}"


def _who_says(items: list[_Item]) -> str:
    """'Police: 6; St Mary's hospital: at least 9' in text order, one line per claimant."""
    said: dict[str, list[str]] = {}
    for it in items:
        said.setdefault(it.claim.claimant_name or "reporter", [])
        value = _value_text(it.claim)
        if value not in said[it.claim.claimant_name or "reporter"]:
            said[it.claim.claimant_name or "reporter"].append(value)
    return "; ".join(f"{who}: {', '.join(values)}" for who, values in said.items())


def _day_text(d: date) -> str:
    return f"{d.day} {d.strftime('%b')} {d.year}"


def _rising_floors(items: list[_Item]) -> list[tuple[date, float]] | None:
    """The lower bounds ('at least 7', 'more than 300') of a group whose figures are all
    lower bounds, by day, where they rise from one day to the next: the count moved, it
    was not one figure agreed on; None where they do not rise, or a bound is undated."""
    if len(items) < 2 or any(i.q.approx != "more_than" or i.when is None for i in items):
        return None
    by_day: dict[date, float] = {}
    for it in items:
        day = it.when
        assert day is not None
        by_day[day] = max(by_day.get(day, 0.0), float(it.q.value))
    floors = sorted(by_day.items())
    if floors[0][1] >= floors[-1][1] or not all(a[1] <= b[1] for a, b in pairwise(floors)):
        return None
    return floors


def _status(items: list[_Item], w: ClaimWords) -> tuple[str, bool, str]:
    docs = {i.claim.document for i in items}
    clash = [
        (x, y)
        for x, y in combinations(items, 2)
        if comparable(x.q, y.q, w) and not compatible(x.q, y.q, w)
    ]
    who = _who_says(items)
    # amounts in a currency without a rate are never compared: the note says so
    uncompared = sorted(
        {
            " / ".join(sorted((x.q.unit or "count", y.q.unit or "count")))
            for x, y in combinations(items, 2)
            if not comparable(x.q, y.q, w)
        }
    )
    if uncompared:
        who = f"{who}; not comparable: {', '.join(uncompared)}"
    if not clash:
        floors = _rising_floors(items)
        if floors is not None:
            # 'at least 7' and days later 'at least nine': compatible bounds, but the
            # count they bound went up: a revision
            (d0, v0), (d1, v1) = floors[0], floors[-1]
            seq = " -> ".join(f"at least {_fmt(v)}" for _, v in floors)
            note = (
                f"revised: rose from at least {_fmt(v0)} to at least {_fmt(v1)} between "
                f"{_day_text(d0)} and {_day_text(d1)} ({seq}; {who})"
            )
            return "conflicting", True, note
        if len(docs) < 2:
            return "single", False, f"one document ({who})"
        return "agreed", False, f"values compatible across {len(docs)} documents ({who})"
    # the day each value held: an earlier value ('up from 23') held before its report
    days = {i.when for i in items}
    if None not in days and len(days) > 1:
        ordered = sorted(items, key=lambda i: (i.when, i.claim.start))
        by_day: dict[date, list[float]] = {}
        seen: set[float] = set()
        for it in ordered:
            # a value given before is restated, not revised ('from 23 on Monday to 31')
            if it.q.value not in seen:
                by_day.setdefault(it.when, []).append(it.q.value)  # type: ignore[arg-type]
                seen.add(it.q.value)
        firsts = [max(v) for v in by_day.values()]
        # a figure that rises with the dates is revised as counting goes on; one that falls
        # is a dispute (a toll does not shrink), and so is a count against a denial ('no
        # civilian died' and then '11 civilians killed': nobody counted zero and went on)
        rising = all(a <= b for a, b in pairwise(firsts))
        apart = all(x.when != y.when for x, y in clash)
        denial = any(x.q.value == 0 or y.q.value == 0 for x, y in clash)
        if rising and apart and not denial and firsts[0] != firsts[-1]:
            span = sorted(by_day)
            verb = "rose"
            seq = " -> ".join(_fmt(v) for v in firsts)
            note = (
                f"revised: {verb} from {_fmt(firsts[0])} to {_fmt(firsts[-1])} between "
                f"{_day_text(span[0])} and {_day_text(span[-1])} ({seq}; {who})"
            )
            return "conflicting", True, note
    where = "inside one document" if len(docs) < 2 else f"across {len(docs)} documents"
    return "conflicting", False, f"incompatible values {where} ({who})"


BRIDGE_DAYS = 7
BRIDGE_ENTITIES = 6


def _bridge_pairs(
    docs: list[str], named: dict[str, set[str]], days: dict[str, date | None]
) -> list[tuple[int, int]]:
    """The pairs (i, j), i < j, of dated documents within BRIDGE_DAYS of each other that
    name at least BRIDGE_ENTITIES of the same entities, in the order of all pairs.

    Only documents that share an entity are compared, through an inverted index (entity
    -> its documents by date), and only over each document's *prefix*: its entities
    ordered rarest first (fewest documents, then id), less the last BRIDGE_ENTITIES - 1.
    Two sets sharing t entities share one of their prefixes' entities (the rarest shared
    entity lies in both prefixes: each set's rest holds only t - 1 entities), so the
    pairs are exactly those of comparing every pair within the window, while an entity
    named by very many documents (a country, a ministry) comes last in the order and
    proposes pairs only for documents that name little else. Documents naming fewer
    than BRIDGE_ENTITIES entities are never compared. Linear at a steady intake, and no
    longer quadratic in the documents per day when they share little."""
    t = BRIDGE_ENTITIES
    able = [
        (i, days[d].toordinal())  # type: ignore[union-attr]
        for i, d in enumerate(docs)
        if days[d] is not None and len(named[d]) >= t
    ]
    df: Counter = Counter(e for i, _ in able for e in named[docs[i]])
    postings: dict[str, list[tuple[int, int]]] = {}
    prefixes: dict[int, list[str]] = {}
    for i, day in able:
        ents = sorted(named[docs[i]], key=lambda e: (df[e], e))
        prefixes[i] = ents[: len(ents) - t + 1]
        for e in prefixes[i]:
            postings.setdefault(e, []).append((day, i))
    for posting in postings.values():
        posting.sort()
    pairs: list[tuple[int, int]] = []
    for i, day in able:
        seen: set[int] = set()
        for e in prefixes[i]:
            posting = postings[e]
            lo = bisect_left(posting, (day - BRIDGE_DAYS, -1))
            hi = bisect_right(posting, (day + BRIDGE_DAYS, len(docs)))
            seen.update(j for _, j in posting[lo:hi] if j > i)
        mine = named[docs[i]]
        pairs += [(i, j) for j in seen if len(mine & named[docs[j]]) >= t]
    pairs.sort()
    return pairs


def _contexts(corpus: Corpus) -> dict[str, str | None]:
    """Each document's storyline (else its story): the figures it may be compared with.
    Two storylines whose documents lie within BRIDGE_DAYS of each other and name at least
    BRIDGE_ENTITIES of the same entities are one context: a roundup filed apart from the
    reports it sums up still speaks of their figures."""
    line_of = {s: line.id for line in corpus.storylines for s in line.stories}
    context = {d.id: line_of.get(d.story or "", d.story) for d in corpus.documents}
    named: dict[str, set[str]] = {}
    for doc, ext in corpus.extracted():
        named[doc.id] = {
            e for m in ext.mentions if (e := corpus.entity(doc.id, m.cluster)) is not None
        }
    days = {d.id: _day(d.published) for d in corpus.documents}
    parent: dict[str, str] = {}

    def find(c: str) -> str:
        while parent.get(c, c) != c:
            c = parent[c]
        return c

    docs = [d for d in named if context.get(d)]
    for i, j in _bridge_pairs(docs, named, days):
        a, b = docs[i], docs[j]
        ca, cb = find(context[a] or ""), find(context[b] or "")
        if ca != cb:
            parent[cb] = ca
    return {d: (find(c) if c else c) for d, c in context.items()}


def reconcile_claims(corpus: Corpus, w: ClaimWords) -> tuple[list[Claim], list[ClaimGroup]]:
    """Claims from every original document, grouped across documents, with a status;
    `w` (`claim_words(knowledge)`): hedges, currency rates and claim rules."""
    names = {e.id: e.name for e in corpus.entities}
    contexts = _contexts(corpus)
    items: list[_Item] = []
    for doc, ext in corpus.extracted():
        mentions = ByStart(ext.mentions)
        year = document_year(doc)  # once per document: an undated one scans its text
        for q in ext.quantities:
            claimant = corpus.entity(doc.id, q.claimant_cluster)
            if q.claimant_text in (None, "reporter") and claimant is None:
                name = "reporter"
            else:
                name = names.get(claimant or "", q.claimant_text or "reporter")
            claim = Claim(
                id=f"c{len(items) + 1}",
                document=doc.id,
                text=q.text,
                start=q.start,
                end=q.end,
                value=q.value,
                value_high=q.value_high,
                approx=q.approx,
                what=q.what,
                unit=q.unit,
                claimant=claimant,
                claimant_name=name,
                predicate=q.predicate,
                scope=claim_scope(doc, q, w, year),  # type: ignore[arg-type]
                group="",
                status="single",
            )
            item = _Item(claim, q, _day(doc.published), contexts.get(doc.id))
            item.earlier = _earlier_value(doc.text, q)
            item.definite = _definite(doc.text, q)
            item.places = {
                e
                for m in mentions.starting_in(q.sentence_start, q.sentence_end)
                if m.type in ("GPE", "LOC", "FACILITY")
                and (e := corpus.entity(doc.id, m.cluster)) is not None
            }
            items.append(item)
    by_key: dict[tuple, list[_Item]] = {}
    alone: list[list[_Item]] = []
    for it in items:
        key = _key(it, w)
        if key is None:
            alone.append([it])
        else:
            by_key.setdefault(key, []).append(it)
    # a generic figure ('12 bodies', '40 people killed') joins the one specific group of
    # its predicate, where there is exactly one; people join only a kind of people
    # ('four persons kidnapped' joins 'four employees kidnapped', not '31 kidnappings')
    people = set(w.claims.get("person_kinds", []))
    for key in [k for k in by_key if _generic(k, w)]:
        specific = [k for k in by_key if k[:5] == key[:5] and not _generic(k, w)]
        if key[-1] in people and len(specific) > 1:
            specific = [k for k in specific if k[-1] in people]
        if len(specific) == 1:
            joining = [it for it in by_key[key] if _agrees_with_all(it, by_key[specific[0]], w)]
            by_key[specific[0]].extend(joining)
            by_key[key] = [it for it in by_key[key] if it not in joining]
        elif len(specific) > 1:
            # '7 bodies' where soldiers, rebels and civilians were killed: the one kind of
            # victim whose figures of its time it agrees with, else none; a toll that names
            # no noun ('the toll is five') counts every kind and joins none
            bodies = w.claims.get("toll_kinds", [])
            for it in [i for i in by_key[key] if i.q.kind in bodies]:
                fits = [k for k in specific if _agrees_with_all(it, by_key[k], w)]
                if len(fits) == 1:
                    by_key[fits[0]].append(it)
                    by_key[key].remove(it)
        if not by_key[key]:
            del by_key[key]
    _attach_shares_of_people(by_key, w, people)
    _attach_plain(by_key, w)
    _attach_definite(by_key, w)
    runs = [part for group in by_key.values() for part in _split_in_time(group, w)]
    runs += alone
    position = {id(it): k for k, it in enumerate(items)}  # not items.index: linear time
    runs.sort(key=lambda run: min(position[id(i)] for i in run))
    groups: list[ClaimGroup] = []
    for run in runs:
        group_items = sorted(run, key=lambda i: int(i.claim.id[1:]))
        status, revision, note = _status(group_items, w)
        gid = f"g{len(groups) + 1}"
        for it in group_items:
            it.claim.group, it.claim.status, it.claim.revision = gid, status, revision  # type: ignore[assignment]
        whats = Counter(it.q.what for it in group_items if it.q.what)
        groups.append(
            ClaimGroup(
                id=gid,
                what=whats.most_common(1)[0][0] if whats else None,
                unit=group_items[0].q.unit,
                status=status,  # type: ignore[arg-type]
                claims=[it.claim.id for it in group_items],
                documents=sorted(
                    {it.claim.document for it in group_items},
                    key=lambda d: int(d[1:]) if d[1:].isdigit() else 0,
                ),
                revision=revision,
                note=note,
            )
        )
    return [it.claim for it in items], groups
