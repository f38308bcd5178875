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


def _q(
    value,
    approx="exact",
    head="fighter",
    predicate=None,
    high=None,
    unit=None,
    by="reporter",
    kind=None,
):
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
        claimant_text=by,
        predicate=predicate,
        kind=kind,
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


def test_count_after_a_denial_is_no_revision():
    _, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(0, head="civilian", predicate="killed", by="army")]),
            ("2020-05-02", [_q(11, head="civilian", predicate="killed", by="mission")]),
        )
    )
    assert [(g.status, g.revision) for g in groups] == [("conflicting", False)]


def test_snapshots_days_apart_join_where_they_give_one_figure():
    _, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(2, head="aircraft", kind="aircraft", by="agency")]),
            ("2020-05-04", [_q(2, head="aircraft", kind="aircraft")]),
            ("2020-05-04", [_q(9, head="aircraft", kind="aircraft")]),
        )
    )
    assert sorted((len(g.claims), g.status) for g in groups) == [(1, "single"), (2, "agreed")]


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


def _scope(text, figure, published="2025-06-01"):
    """The scope of the figure `figure` in the one-sentence document `text`."""
    start = text.index(figure)
    doc = Document(id="d1", source="1.txt", text=text, published=published)
    q = Quantity(
        start=start,
        end=start + len(figure),
        text=figure,
        value=1,
        sentence_start=0,
        sentence_end=len(text),
    )
    return claims.claim_scope(doc, q, claims.claim_words(K))


def test_background_years_date_only_the_figures_near_them():
    assert _scope("In May 2019 a flood drowned 41 people in the valley.", "41 people") == (
        "background"
    )
    assert _scope("The quake left 300 families homeless in 2018.", "300 families") == "background"
    # a year at the far end of a long sentence dates something else
    far = (
        "Ruritania, a country of about 3.1 million people that has asked to join the customs"
        " union, has seen a steady rise in floods since the dam was built in 2011."
    )
    assert _scope(far, "about 3.1 million people") == "story"
    # the current year is no background, in a cue either
    assert _scope("The council will spend EUR 9 million on dykes in 2025.", "EUR 9 million") == (
        "story"
    )
    assert _scope("The 2025 flood has cost EUR 9 million.", "EUR 9 million") == "story"
    assert _scope("The 2021 flood cost EUR 9 million.", "EUR 9 million") == "background"


def test_restated_figure_weeks_later_joins_its_group():
    _, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(4, head="engineer", predicate="kidnapped")]),
            ("2020-06-20", [_q(4, head="engineer", predicate="kidnapped")]),
        )
    )
    assert [g.status for g in groups] == ["agreed"]


def test_new_figure_weeks_later_is_a_new_event():
    _, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(4, head="soldier", predicate="killed")]),
            ("2020-06-20", [_q(9, head="soldier", predicate="killed")]),
            # an open hedge proves nothing across weeks
            ("2020-06-21", [_q(3, "more_than", head="soldier", predicate="killed")]),
        )
    )
    assert len(groups) == 2 and len(groups[0].claims) == 1


def test_two_sources_counting_one_noun_differently_conflict():
    _, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(11, "more_than", head="clinic", by="ministry")]),
            ("2020-05-02", [_q(2, head="clinic", by="embassy")]),
        )
    )
    assert [g.status for g in groups] == ["conflicting"]
    assert "ministry: more than 11" in (groups[0].note or "")
    assert "embassy: 2" in (groups[0].note or "")


def test_plain_counts_that_are_different_quantities_stay_apart():
    _, groups = reconcile_claims(
        _corpus(
            # one source's two counts: two quantities
            (
                "2020-05-01",
                [
                    _q(3, head="clinic", by="ministry"),
                    _q(40, head="clinic", by="ministry"),
                ],
            ),
            # far apart: different things counted
            ("2020-05-02", [_q(900, head="clinic", by="embassy")]),
            # resources in place on different days are snapshots
            ("2020-05-01", [_q(200, head="vehicle", by="agency")]),
            ("2020-05-04", [_q(300, head="vehicle", by="council")]),
        )
    )
    assert {g.status for g in groups} == {"single"}


def test_people_join_the_group_of_a_kind_of_people():
    claims_, groups = reconcile_claims(
        _corpus(
            (
                "2020-05-01",
                [
                    _q(4, head="employee", predicate="kidnapped", kind="worker"),
                    _q(31, "more_than", head="kidnapping", predicate="kidnapped"),
                ],
            ),
            ("2020-05-02", [_q(4, head="person", predicate="kidnapped", kind="person")]),
        )
    )
    by_value = {c.value: c.group for c in claims_}
    assert len(groups) == 2 and by_value[4.0] == claims_[0].group


def test_bare_amount_joins_only_a_sum_it_restates():
    w = claims.claim_words(K)
    budget = _q(4_600_000, "about", head="amount", predicate="budgeted", unit="EUR")
    local = _q(90_000_000, head="amount", predicate="budgeted", unit="MDL")
    _, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [local]),
            ("2020-05-02", [budget]),
            # another source's bare sum of like size is another sum
            ("2020-05-03", [_q(5_000_000, head="amount", unit="EUR", by="commission")]),
        )
    )
    assert claims.compatible(local, budget, w)
    assert [len(g.claims) for g in groups] == [2, 1]
    assert groups[0].status == "agreed"


def test_open_bound_far_away_does_not_join_on_weak_evidence():
    wage = _q(30_000, head="amount", predicate="earned", unit="NGN", by="union")
    bound = _q(900_000_000, "less_than", head="naira", unit="NGN", by="union")
    _, groups = reconcile_claims(_corpus(("2020-05-01", [wage]), ("2020-05-02", [bound])))
    assert len(groups) == 2


def test_tolls_that_name_no_victim_are_one_toll():
    toll = dict(head=None, predicate="killed")
    _, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(3, kind="body", by="agency", **toll)]),
            ("2020-05-02", [_q(5, by="agency", **toll)]),
            ("2020-05-03", [_q(6, by="mayor", **toll)]),
            # a count of one kind of victim is not the toll
            ("2020-05-03", [_q(2, head="firefighter", predicate="killed")]),
        )
    )
    statuses = sorted((len(g.claims), g.status, g.revision) for g in groups)
    assert statuses == [(1, "single", False), (3, "conflicting", True)]
    # tolls of two incidents lie further apart
    _, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(16, head=None, predicate="injured")]),
            ("2020-05-02", [_q(55, head=None, predicate="injured", by="mission")]),
        )
    )
    assert [g.status for g in groups] == ["single", "single"]


def test_a_share_and_a_percentage_of_one_thing_agree():
    third = _q(0.33, "about", head="worker", unit="share", kind="worker", by="union")
    pct = _q(35, head="workforce", unit="%", kind="worker", by="ministry")
    _, groups = reconcile_claims(_corpus(("2020-05-01", [third]), ("2020-05-02", [pct])))
    assert [g.status for g in groups] == ["agreed"]
    assert "union: about 33%" in (groups[0].note or "")


def test_bare_amount_goes_to_the_group_that_names_the_same_sum():
    budget = _q(70_000_000, head="amount", predicate="budgeted", unit="MDL", by="government")
    paid = _q(3_600_000, head="amount", predicate="paid", unit="EUR")
    bare = _q(70_000_000, head="amount", unit="MDL")
    _, groups = reconcile_claims(_corpus(("2020-05-01", [budget]), ("2020-05-02", [paid, bare])))
    assert sorted(len(g.claims) for g in groups) == [1, 2]
    joined = next(g for g in groups if len(g.claims) == 2)
    assert joined.status == "agreed" and "government" in (joined.note or "")


def test_measures_of_one_dimension_are_compared_in_one_unit():
    w = claims.claim_words(K)
    area_km = _q(40, head="km2", unit="square kilometres")
    area_ha = _q(4000, "about", head="hectare", unit="hectares")
    assert claims.comparable(area_km, area_ha, w) and claims.compatible(area_km, area_ha, w)
    assert not claims.compatible(_q(90, unit="square kilometres"), area_ha, w)
    # another dimension is never compared
    assert not claims.comparable(_q(40, unit="kilometres"), area_ha, w)
    _, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(40, head="area", predicate="burned", unit="square kilometres")]),
            ("2020-05-02", [_q(4000, "about", head="area", predicate="burned", unit="hectares")]),
        )
    )
    assert [g.status for g in groups] == ["agreed"]


def test_amounts_without_a_rate_are_never_compared():
    ransom = dict(head="ransom", predicate="paid", kind="ransom")
    _, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(1_200_000, unit="USD", **ransom)]),
            ("2020-05-02", [_q(4_500_000_000, unit="peso", **ransom)]),
        )
    )
    assert [g.status for g in groups] == ["single", "single"]


def test_wording_varies_within_one_group():
    _, groups = reconcile_claims(
        _corpus(
            (
                "2020-05-01",
                [_q(4600, "about", head="people", predicate="displaced", kind="person")],
            ),
            (
                "2020-05-02",
                [_q(5000, "about", head="resident", predicate="displaced", kind="person")],
            ),
        )
    )
    assert [g.status for g in groups] == ["agreed"]


def test_different_predicates_and_measures_never_join():
    _, groups = reconcile_claims(
        _corpus(
            (
                "2020-05-01",
                [
                    _q(12, head="person", predicate="missing", kind="person"),
                    _q(30, head="share price", unit="USD", predicate="paid", kind="share price"),
                ],
            ),
            (
                "2020-05-02",
                [
                    _q(4, head="person", predicate="killed", kind="person"),
                    _q(2e9, head="valuation", unit="USD", predicate="paid", kind="valuation"),
                ],
            ),
        )
    )
    assert sorted(g.status for g in groups) == ["single"] * 4


def _doc_with(text, published, figures):
    """A document and quantities for `figures` ((substring, value) pairs) of `text`."""
    qs = []
    for needle, value in figures:
        start = text.index(needle)
        qs.append(
            Quantity(
                start=start,
                end=start + len(needle),
                text=needle,
                value=value,
                what="trucks waiting",
                what_head="truck",
                kind="truck",
                predicate="waiting",
                claimant_text="the port",
                sentence_start=0,
                sentence_end=len(text),
            )
        )
    return text, published, qs


def test_a_count_and_the_value_it_rose_from_are_one_revised_quantity():
    docs, exts = [], []
    items = [
        _doc_with("The port said 40 trucks were waiting.", "2020-05-01", [("40 trucks", 40)]),
        _doc_with(
            "The port said 65 trucks were waiting, up from 40 on Friday.",
            "2020-05-03",
            [("65 trucks", 65), ("40", 40)],
        ),
        # a later text that restates the history is no new value
        _doc_with(
            "The port's count went from 40 on Friday to 65 on Sunday.",
            "2020-05-05",
            [("40", 40), ("65", 65)],
        ),
    ]
    for i, (text, published, qs) in enumerate(items, 1):
        docs.append(
            Document(id=f"d{i}", source=f"{i}.txt", text=text, published=published, story="s1")
        )
        exts.append(DocExtraction(document=f"d{i}", quantities=qs))
    _, groups = reconcile_claims(Corpus.from_records(docs, exts))
    assert len(groups) == 1
    g = groups[0]
    assert g.status == "conflicting" and g.revision
    assert "rose from 40 to 65 between 1 May 2020 and 3 May 2020" in (g.note or "")


def test_names_for_one_population_are_one_count():
    _, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(300, "about", head="rebel", kind="fighter", by="mayor")]),
            ("2020-05-02", [_q(80, "less_than", head="bandit", kind="fighter", by="minister")]),
            # two roles of one kind are two populations
            ("2020-05-01", [_q(3000, head="employee", kind="worker", by="company")]),
            ("2020-05-02", [_q(7000, head="member", kind="worker", by="union")]),
        )
    )
    statuses = sorted((len(g.claims), g.status) for g in groups)
    assert statuses == [(1, "single"), (1, "single"), (2, "conflicting")]


def test_what_is_earned_is_what_is_paid():
    pay = dict(head="naira", unit="NGN")
    _, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(2000, predicate="paid", by="union", **pay)]),
            ("2020-05-02", [_q(2000, predicate="earned", by="worker", **pay)]),
        )
    )
    assert [g.status for g in groups] == ["agreed"]


def test_the_reporters_counts_and_counts_of_a_part_are_no_dispute():
    # the reporter's own count against a source's
    _, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(156_000, head="job", by="the bureau")]),
            ("2020-05-02", [_q(178_000, head="job")]),
        )
    )
    assert [g.status for g in groups] == ["single", "single"]
    # a part of the set ('two of the mines') against the set
    part = _q(2, head="mine", by="the mission").model_copy(update={"text": "two of the mines"})
    _, groups = reconcile_claims(
        _corpus(("2020-05-01", [_q(4, head="mine", by="the army")]), ("2020-05-02", [part]))
    )
    assert [g.status for g in groups] == ["single", "single"]
    # two counts of one noun in one text are two sets ('two states' named, 'seven states')
    _, groups = reconcile_claims(
        _corpus(
            (
                "2020-05-01",
                [_q(2, head="state", by="the senator"), _q(7, head="state", by="the party")],
            )
        )
    )
    assert [g.status for g in groups] == ["single", "single"]
    # two named sources counting the whole
    _, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(4, head="mine", by="the army")]),
            ("2020-05-02", [_q(2, head="mine", by="the mission")]),
        )
    )
    assert [g.status for g in groups] == ["conflicting"]


def test_an_open_hedge_reaches_only_so_far_on_weak_evidence():
    injured = _q(70, "more_than", head="person", predicate="injured", kind="person")
    far = _q(520, head="person", kind="person")
    near = _q(150, head="person", kind="person")
    _, groups = reconcile_claims(_corpus(("2020-05-01", [injured]), ("2020-05-02", [far])))
    assert len(groups) == 2
    _, groups = reconcile_claims(_corpus(("2020-05-01", [injured]), ("2020-05-02", [near])))
    assert [g.status for g in groups] == ["agreed"]


def test_agreement_never_chains_two_clashing_values_through_an_open_hedge():
    _, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(86, head="yard")]),
            ("2020-05-02", [_q(80, "more_than", head="yard")]),
            ("2020-05-03", [_q(80, head="yard")]),
        )
    )
    assert "conflicting" not in {g.status for g in groups}


def _group_of(claims_, value):
    return {c.group for c in claims_ if c.value == value}


def test_a_plain_count_joins_the_group_of_its_own_time():
    # 'nine trucks captured' in May and 'three trucks captured' in July: a plain 'three
    # trucks' in July restates July's figure, though May's disagrees with it
    trucks = dict(head="truck", kind="vehicle")
    claims_, _ = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(9, predicate="captured", by="rebels", **trucks)]),
            ("2020-07-01", [_q(3, predicate="captured", by="army", **trucks)]),
            ("2020-07-03", [_q(3, by="blogger", **trucks)]),
        )
    )
    assert _group_of(claims_, 3) != _group_of(claims_, 9)
    assert len(_group_of(claims_, 3)) == 1


def _bodies_and_civilians():
    """'more than 8 bodies' and 'more than 9 civilians killed', one document each."""
    return [
        ("2020-05-01", [_q(8, "more_than", head="body", kind="body", predicate="killed")]),
        ("2020-05-01", [_q(9, "more_than", head="civilian", kind="civilian", predicate="killed")]),
    ]


def test_a_body_count_joins_the_one_kind_of_victim_it_agrees_with():
    claims_, groups = reconcile_claims(
        _corpus(
            *_bodies_and_civilians(),
            ("2020-05-01", [_q(40, head="rebel", kind="fighter", predicate="killed")]),
            ("2020-05-01", [_q(2, head="soldier", kind="soldier", predicate="killed")]),
        )
    )
    assert _group_of(claims_, 8) == _group_of(claims_, 9)
    assert len(groups) == 3


def test_a_body_count_that_fits_two_kinds_joins_none():
    claims_, _ = reconcile_claims(
        _corpus(
            *_bodies_and_civilians(),
            ("2020-05-01", [_q(10, head="soldier", kind="soldier", predicate="killed")]),
        )
    )
    assert len({c.group for c in claims_}) == 3


def _money_doc(did, text, value, unit, predicate, kind=None, by="reporter"):
    start = text.index(f"{unit} ")
    end = start + len(f"{unit} {value:,}")
    doc = Document(
        id=did,
        source=f"{did}.txt",
        text=text,
        published="2020-05-01",
        published_from="metadata",
        story="s1",
    )
    q = Quantity(
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        unit=unit,
        claimant_text=by,
        predicate=predicate,
        kind=kind,
        what=kind,
    )
    return doc, DocExtraction(document=did, quantities=[q])


def test_a_definite_sum_joins_the_group_that_holds_it():
    pairs = [
        _money_doc(
            "d1",
            "The kidnappers demanded GBP 300,000 on Monday.",
            300_000,
            "GBP",
            "demanded",
            "ransom",
            "police",
        ),
        _money_doc(
            "d2", "The family refused to pay the GBP 300,000 in the end.", 300_000, "GBP", "paid"
        ),
        _money_doc(
            "d3",
            "The family refused to pay GBP 300,000 in the end.",
            300_000,
            "GBP",
            "paid",
            "bail",
        ),
    ]
    corpus = Corpus.from_records([p[0] for p in pairs], [p[1] for p in pairs])
    claims_, _ = reconcile_claims(corpus)
    by_doc = {c.document: c.group for c in claims_}
    assert by_doc["d1"] == by_doc["d2"]  # 'the GBP 300,000': the sum already named
    assert by_doc["d3"] != by_doc["d1"]  # an indefinite sum with its own kind stays apart


def test_rising_lower_bounds_are_a_revision():
    _, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(7, "more_than", head="civilian", predicate="killed", by="mission")]),
            ("2020-05-03", [_q(7, "more_than", head="civilian", predicate="killed", by="agency")]),
            ("2020-05-06", [_q(9, "more_than", head="civilian", predicate="killed", by="mission")]),
        )
    )
    (g,) = groups
    assert (g.status, g.revision) == ("conflicting", True)
    assert "from at least 7 to at least 9" in (g.note or "")


def test_steady_lower_bounds_agree():
    _, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(7, "more_than", head="civilian", predicate="killed", by="mission")]),
            ("2020-05-03", [_q(7, "more_than", head="civilian", predicate="killed", by="agency")]),
        )
    )
    assert [(g.status, g.revision) for g in groups] == [("agreed", False)]


def test_the_sides_names_for_one_population_dispute_one_toll():
    # the army's '23 bandits killed' and the group's 'three of our comrades killed'
    claims_, groups = reconcile_claims(
        _corpus(
            ("2020-05-01", [_q(23, head="bandit", kind="fighter", predicate="killed", by="army")]),
            (
                "2020-05-02",
                [_q(3, head="comrade", kind="fighter", predicate="killed", by="rebels")],
            ),
        )
    )
    assert len({c.group for c in claims_}) == 1
    assert groups[0].status == "conflicting"


def test_a_sources_lower_figure_days_later_is_another_quantity():
    battle = _q(40, head="rebel", predicate="killed", by="the army")
    later = _q(15, head="rebel", predicate="killed", by="the army")
    _, groups = reconcile_claims(_corpus(("2020-05-01", [battle]), ("2020-05-09", [later])))
    assert len(groups) == 2 and {g.status for g in groups} == {"single"}
    # the same source's figure rising is its count revised: one group
    rising = _q(55, head="rebel", predicate="killed", by="the army")
    _, groups = reconcile_claims(_corpus(("2020-05-01", [battle]), ("2020-05-03", [rising])))
    assert len(groups) == 1 and groups[0].revision


def test_an_open_hedge_on_people_in_general_joins_no_plain_count():
    town = _q(30000, "about", head="people", kind="person")
    crowd = _q(20000, "more_than", head="people", kind="person", by="the mayor")
    _, groups = reconcile_claims(_corpus(("2020-05-01", [town]), ("2020-05-02", [crowd])))
    assert len(groups) == 2
    again = _q(30000, "about", head="people", kind="person")
    _, groups = reconcile_claims(_corpus(("2020-05-01", [town]), ("2020-05-02", [again])))
    assert len(groups) == 1 and groups[0].status == "agreed"


def test_a_share_of_people_joins_the_one_share_of_a_kind_of_people():
    staff = _q(0.33, "about", head="worker", kind="worker", unit="share", by="the union")
    union = _q(35, head="workforce", kind="worker", unit="%", by="the union")
    people = _q(0.33, head="people", kind="person", unit="share")
    most = _q(0.5, "more_than", head="people", kind="person", unit="share", by="a docker")
    _, groups = reconcile_claims(
        _corpus(("2020-05-01", [staff]), ("2020-05-02", [union]), ("2020-05-04", [people, most]))
    )
    joined = next(g for g in groups if len(g.claims) == 3)
    assert joined.status == "agreed" and len(groups) == 2


def test_homes_and_houses_are_one_count():
    homes = _q(22, head="home", kind="house", predicate="destroyed", by="the agency")
    houses = _q(37, head="house", kind="house", predicate="destroyed", by="the council")
    _, groups = reconcile_claims(_corpus(("2020-05-01", [homes, houses])))
    assert len(groups) == 1 and groups[0].status == "conflicting"


def _bridge_pairs_by_all_pairs(docs, named, days):
    """What the bridges compared before the inverted index: every pair within the week."""
    out = []
    for i, a in enumerate(docs):
        for j in range(i + 1, len(docs)):
            b = docs[j]
            if days[a] is None or days[b] is None:
                continue
            if abs((days[a] - days[b]).days) > claims.BRIDGE_DAYS:
                continue
            if len(named[a] & named[b]) >= claims.BRIDGE_ENTITIES:
                out.append((i, j))
    return out


def test_bridge_pairs_equal_every_pair_within_the_week():
    import random
    from datetime import date, timedelta

    rng = random.Random(3)
    common = [f"e{k}" for k in range(4)]  # named by most documents
    rare = [f"r{k}" for k in range(40)]
    for _ in range(30):
        docs = [f"d{k}" for k in range(rng.randint(2, 60))]
        named = {
            d: set(rng.sample(common, rng.randint(0, 4)) + rng.sample(rare, rng.randint(0, 9)))
            for d in docs
        }
        start = date(2024, 3, 1)
        days = {
            d: None if rng.random() < 0.1 else start + timedelta(days=rng.randint(0, 30))
            for d in docs
        }
        expected = _bridge_pairs_by_all_pairs(docs, named, days)
        assert claims._bridge_pairs(docs, named, days) == expected


def test_bridge_pairs_need_the_shared_entities():
    from datetime import date

    six = {"a", "b", "c", "d", "e", "f"}
    docs = ["d1", "d2", "d3", "d4"]
    named = {"d1": six, "d2": six | {"g"}, "d3": six - {"f"}, "d4": six}
    days = {"d1": date(2024, 5, 1), "d2": date(2024, 5, 8), "d3": date(2024, 5, 2), "d4": None}
    # d1-d2: six shared, seven days apart; d3 names five of them; d4 is undated
    assert claims._bridge_pairs(docs, named, days) == [(0, 1)]
