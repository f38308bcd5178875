"""Numeric claims across sources: group claims about the same quantity, then say whether
the sources agree, conflict, or a toll was revised over time.

Same quantity: the same counted noun (lemma), the same toll ('killed' is never grouped
with a plain count), the same unit, compatible modifiers (the entities they name, else
their words), documents of the same story (or within `WINDOW_DAYS` where there are no
stories).

Compatibility honours hedges: each claim is an interval ('about' ±15%, 'more than' open
above, 'up to' open below, exact ±2%) and two claims agree where their intervals meet.

`revision` (Claim and ClaimGroup): True where a toll's values rise with the documents'
dates (4, then 13, then 26 dead): the later reports revise the earlier ones, so the group
is `agreed`, not `conflicting`, and `note` says so.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from itertools import combinations, pairwise
from typing import Any

from storyline.lexicon.timeml import parse_anchor
from storyline.models import Claim, ClaimGroup, Quantity
from storyline.reconcile.corpus import Corpus
from storyline.reconcile.spans import ByStart

WINDOW_DAYS = 31


def interval(q: Quantity | Claim, hedges: dict[str, Any]) -> tuple[float, float]:
    """The values a claim allows, honouring its hedge (`hedges`: `Knowledge.hedges`)."""
    tol = hedges["tolerance"]
    v = float(q.value)
    if q.approx == "range" and q.value_high is not None:
        return v, float(q.value_high)
    if q.approx == "more_than":
        return v, float("inf")
    if q.approx == "less_than":
        return 0.0, v
    slack = tol.get(q.approx, 0.0) if q.approx == "about" else hedges["exact_tolerance"]
    return v * (1 - slack), v * (1 + slack)


def compatible(a: Quantity | Claim, b: Quantity | Claim, hedges: dict[str, Any]) -> bool:
    """Whether two claims can both be true ('64' and 'more than 60': yes)."""
    lo1, hi1 = interval(a, hedges)
    lo2, hi2 = interval(b, hedges)
    return lo1 <= hi2 and lo2 <= hi1


def _day(value: str | None) -> date | None:
    a = parse_anchor(value)
    return date(a.year, a.month or 1, a.day or 1) if a else None


class _Item:
    def __init__(
        self, claim: Claim, q: Quantity, entities: set[str], day: date | None, story: str | None
    ):
        self.claim, self.q, self.entities, self.day, self.story = claim, q, entities, day, story


def _same_quantity(a: _Item, b: _Item) -> bool:
    qa, qb = a.q, b.q
    if qa.what_head is None or qa.what_head != qb.what_head:
        return False
    if qa.predicate != qb.predicate or qa.unit != qb.unit:
        return False
    if a.story and b.story and a.story != b.story:
        return False
    if a.day and b.day and abs((a.day - b.day).days) > WINDOW_DAYS:
        return False
    if a.entities and b.entities:
        return bool(a.entities & b.entities)
    # without resolved entities, differing words may still name one thing (ISIS and
    # Islamic State): only words that both sides resolve tell two groups apart
    return True


def _within_window(items: list[_Item], idxs: list[int]) -> bool:
    """Every two of these claims' dates are within the window (a long document's claims
    all share its date): `_same_quantity` then rests on the entities alone."""
    days = [items[i].day for i in idxs if items[i].day is not None]
    return not days or (max(days) - min(days)).days <= WINDOW_DAYS


def _linked_pairs(items: list[_Item], idxs: list[int]) -> list[tuple[int, int]]:
    """Pairs whose union gives the same groups as testing `_same_quantity` on every pair
    of a group of one head, predicate, unit and story, dated within the window: in linear
    time, not quadratic. A claim without resolved entities matches every claim, so it
    joins them all; else claims join through each entity they share."""
    bare = [i for i in idxs if not items[i].entities]
    if bare:
        return [(bare[0], j) for j in idxs if j != bare[0]]
    first: dict[str, int] = {}
    pairs = []
    for i in idxs:
        for e in sorted(items[i].entities):
            if e in first:
                pairs.append((first[e], i))
            else:
                first[e] = i
    return pairs


def _status(items: list[_Item], hedges: dict[str, Any]) -> tuple[str, bool, str]:
    docs = {i.claim.document for i in items}
    if len(docs) < 2:
        return "single", False, "one document"
    clash = [
        (x, y)
        for x, y in combinations(items, 2)
        if x.claim.document != y.claim.document and not compatible(x.q, y.q, hedges)
    ]
    if not clash:
        return "agreed", False, "values compatible across documents"
    if items[0].q.predicate and all(i.day for i in items):
        ordered = sorted(items, key=lambda i: (i.day, i.q.value))
        rising = all(a.q.value <= b.q.value for a, b in pairwise(ordered))
        dated_apart = all(x.day != y.day for x, y in clash)
        if rising and dated_apart:
            return "agreed", True, "toll revised upward over time"
    return "conflicting", False, "incompatible values across documents"


def reconcile_claims(
    corpus: Corpus, hedges: dict[str, Any]
) -> tuple[list[Claim], list[ClaimGroup]]:
    """Claims from every original document, grouped across documents, with a status;
    `hedges` (`Knowledge.hedges`) says how far a hedged value may stretch."""
    names = {e.id: e.name for e in corpus.entities}
    items: list[_Item] = []
    for doc, ext in corpus.extracted():
        mentions = ByStart(ext.mentions)
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
                group="",
                status="single",
            )
            ents = {
                e
                for m in mentions.starting_in(q.start, q.end)
                if m.end <= q.end
                if (e := corpus.entity(doc.id, m.cluster)) is not None
                and m.cluster != q.claimant_cluster
            }
            items.append(_Item(claim, q, ents, _day(doc.published), doc.story))
    # union-find over pairs that count the same thing
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_head: dict[tuple, list[int]] = {}
    for i, it in enumerate(items):
        key = (it.q.what_head, it.q.predicate, it.q.unit, it.story)
        by_head.setdefault(key, []).append(i)
    for idxs in by_head.values():
        if not items[idxs[0]].q.what_head:
            continue
        if _within_window(items, idxs):
            for i, j in _linked_pairs(items, idxs):
                parent[find(j)] = find(i)
            continue
        for i, j in combinations(idxs, 2):
            if _same_quantity(items[i], items[j]):
                parent[find(j)] = find(i)
    members: dict[int, list[int]] = {}
    for i in range(len(items)):
        members.setdefault(find(i), []).append(i)
    groups: list[ClaimGroup] = []
    for root in sorted(members, key=lambda r: min(members[r])):
        group_items = [items[i] for i in sorted(members[root])]
        status, revision, note = _status(group_items, hedges)
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
