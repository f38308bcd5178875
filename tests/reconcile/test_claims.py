"""Claim groups across documents: agreement with hedges, conflicts, revisions over time."""

from __future__ import annotations

from storyline.lexicon import Knowledge
from storyline.models import DocExtraction, Document, Quantity
from storyline.reconcile import claims
from storyline.reconcile.corpus import Corpus

K = Knowledge.shared()  # the bundled knowledge, loaded on first use


def compatible(a, b):
    return claims.compatible(a, b, claims.claim_words(K))


def reconcile_claims(corpus):
    return claims.reconcile_claims(corpus, claims.claim_words(K))



def _q(value, approx="exact", head="fighter", predicate=None, high=None, unit=None):
    return Quantity(
        start=0,
        end=5,
        text=f"{value} {head}s",
        value=value,
        value_high=high,
        approx=approx,
        what=f"{head}s",
        what_head=head,
        unit=unit,
        claimant_text="reporter",
        predicate=predicate,
    )


def _corpus(*items):
    """items: (published, [quantities]) per document, all in one story."""
    docs, exts = [], []
    for i, (published, quantities) in enumerate(items, 1):
        docs.append(
            Document(
                id=f"d{i}",
                source=f"{i}.txt",
                text="x",
                published=published,
                published_from="metadata",
                story="s1",
            )
        )
        exts.append(DocExtraction(document=f"d{i}", quantities=quantities))
    return Corpus.from_records(docs, exts)


def test_hedged_values_agree():
    assert compatible(_q(4000, "about"), _q(4000, "more_than"))
    assert compatible(_q(64), _q(60, "more_than"))
    assert compatible(_q(3600, "about"), _q(4000))  # within about's 15 %
    assert compatible(_q(15, high=25, approx="range"), _q(20))
    assert not compatible(_q(12), _q(40))
    assert not compatible(_q(50, "less_than"), _q(60, "more_than"))
    assert not compatible(_q(3000, "about"), _q(4000))


def test_agreed_group_across_documents():
    claims, groups = reconcile_claims(
        _corpus(("2020-05-01", [_q(4000, "about")]), ("2020-05-02", [_q(4000, "more_than")]))
    )
    assert len(groups) == 1 and groups[0].status == "agreed"
    assert {c.status for c in claims} == {"agreed"}
    assert groups[0].documents == ["d1", "d2"]


def test_conflicting_toll_on_the_same_day():
    _claims, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(12, head="person", predicate="killed")]),
            ("2020-05-01", [_q(40, head="person", predicate="killed")]),
        )
    )
    assert [g.status for g in groups] == ["conflicting"]
    assert not groups[0].revision


def test_rising_toll_is_a_revision():
    claims, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(4, head="person", predicate="killed")]),
            ("2020-05-02", [_q(13, head="person", predicate="killed")]),
            ("2020-05-03", [_q(26, head="person", predicate="killed")]),
        )
    )
    assert len(groups) == 1
    # sources do not agree on one figure: a conflict, marked as a revision with its sequence
    assert groups[0].status == "conflicting" and groups[0].revision
    assert "rose from 4 to 26 between 1 May 2020 and 3 May 2020" in (groups[0].note or "")
    assert all(c.revision for c in claims)


def test_falling_toll_is_a_conflict():
    _, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(26, head="person", predicate="killed")]),
            ("2020-05-03", [_q(4, head="person", predicate="killed")]),
        )
    )
    assert groups[0].status == "conflicting" and not groups[0].revision


def test_different_tolls_and_units_are_not_grouped():
    _, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(300, predicate="killed"), _q(4000)]),
            ("2020-05-02", [_q(4000, "more_than"), _q(300, unit="USD")]),
        )
    )
    statuses = sorted((len(g.claims), g.status) for g in groups)
    assert statuses == [(1, "single"), (1, "single"), (2, "agreed")]


def test_single_document_group():
    claims, groups = reconcile_claims(_corpus(("2020-05-01", [_q(7, head="tank")])))
    assert groups[0].status == "single" and claims[0].claimant_name == "reporter"


def test_seed_claims(seeds_analysis):
    a = seeds_analysis
    by_text = {c.text: c for c in a.claims}
    groups = {g.id: g for g in a.claim_groups}

    def group_of(*needles):
        found = [c for t, c in by_text.items() if all(n in t for n in needles)]
        assert found, (needles, list(by_text))
        return found

    fighters = group_of("4,000")
    assert len({c.group for c in fighters}) == 1
    g = groups[fighters[0].group]
    assert g.status == "agreed" and len(g.documents) == 2
    strikes = group_of("64 strikes") + group_of("60", "strikes")
    assert len({c.group for c in strikes}) == 1
    assert groups[strikes[0].group].status == "agreed"
    (killed,) = group_of("300", "fighters")
    assert killed.status == "single"
    assert "russia" in (killed.claimant_name or "").lower()
    assert killed.predicate == "killed"
