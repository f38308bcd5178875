"""Timeline events and publication-date inference."""

from __future__ import annotations

from storyline.models import DocExtraction, Document, LocalMention, Span, TimeExpression
from storyline.reconcile.corpus import Corpus
from storyline.reconcile.dates import infer_publication_dates
from storyline.reconcile.timeline import build_timeline


def _weekday(text, start, weekday):
    return TimeExpression(
        start=start,
        end=start + len(text),
        text=text,
        kind="date",
        value=f"XXXX-WXX-{weekday + 1}",
        rule={"type": "weekday", "weekday": weekday, "dir": "auto", "tense": "past"},
    )


def test_missing_date_inferred_from_story_and_weekdays():
    text = "The envoy spoke on Monday. Rebels attacked on Saturday."
    docs = [
        Document(
            id="d1", source="a", text="x", published="2016-12-11", published_from="text", story="s1"
        ),
        Document(id="d2", source="b", text=text, story="s1"),
        Document(
            id="d3", source="c", text="x", published="2016-12-16", published_from="text", story="s1"
        ),
    ]
    times = [
        _weekday("Monday", text.index("Monday"), 0),
        _weekday("Saturday", text.index("Saturday"), 5),
    ]
    corpus = Corpus.from_records(docs, [DocExtraction(document="d2", times=times)])
    infer_publication_dates(corpus)
    d2 = corpus.by_id["d2"]
    assert (d2.published, d2.published_from) == ("2016-12-12", "inferred")
    assert [t.value for t in times] == ["2016-12-12", "2016-12-10"]  # re-resolved


def test_without_weekdays_the_story_month_is_inferred():
    docs = [
        Document(
            id="d1", source="a", text="x", published="2016-12-11", published_from="text", story="s1"
        ),
        Document(id="d2", source="b", text="y", story="s1"),
    ]
    corpus = Corpus.from_records(docs, [DocExtraction(document="d2")])
    infer_publication_dates(corpus)
    assert corpus.by_id["d2"].published == "2016-12"


def test_first_pass_leaves_weak_evidence_alone():
    text = "x" * 400 + " It began in May 2015."
    t = TimeExpression(
        start=404,
        end=412,
        text="May 2015",
        value="2015-05",
        precision="month",
        rule={"type": "absolute", "year": 2015, "month": 5},
    )
    docs = [Document(id="d1", source="a", text=text)]
    corpus = Corpus.from_records(docs, [DocExtraction(document="d1", times=[t])])
    infer_publication_dates(corpus)  # no stories yet: a mentioned date is only a bound
    assert corpus.by_id["d1"].published is None


def _doc_with_event(doc_id, text, when, value, published, cluster="army"):
    start = text.index(when)
    t = TimeExpression(
        start=start, end=start + len(when), text=when, kind="date", value=value, precision="day"
    )
    m = LocalMention(start=0, end=4, text=text[:4], type="ORG", name=text[:4], cluster=cluster)
    doc = Document(
        id=doc_id,
        source=doc_id,
        text=text,
        published=published,
        published_from="metadata",
        story="s1",
    )
    ext = DocExtraction(
        document=doc_id, times=[t], mentions=[m], sentences=[Span(start=0, end=len(text))]
    )
    return doc, ext


def test_same_event_from_two_documents_is_one_event():
    d1, x1 = _doc_with_event(
        "d1", "Army troops retook the old fortress on Friday.", "Friday", "2020-01-03", "2020-01-04"
    )
    d2, x2 = _doc_with_event(
        "d2",
        "Army units retook the fortress on Friday after a siege.",
        "Friday",
        "2020-01-03",
        "2020-01-06",
    )
    corpus = Corpus.from_records([d1, d2], [x1, x2])
    corpus.entity_of = {("d1", "army"): "e1", ("d2", "army"): "e1"}
    events = [e for e in build_timeline(corpus) if e.when == "Friday"]
    assert len(events) == 1
    assert events[0].documents == ["d1", "d2"] and events[0].actors == ["e1"]


def test_dateline_is_not_an_event():
    text = "Sunday, May 3, 2020\n\nFloods cut the road to the port."
    t = TimeExpression(
        start=0,
        end=19,
        text="Sunday, May 3, 2020",
        kind="date",
        value="2020-05-03",
        precision="day",
    )
    doc = Document(
        id="d1", source="a", text=text, published="2020-05-03", published_from="text", story="s1"
    )
    ext = DocExtraction(
        document="d1", times=[t], sentences=[Span(start=0, end=19), Span(start=21, end=len(text))]
    )
    events = build_timeline(Corpus.from_records([doc], [ext]))
    assert [(e.date, e.when) for e in events] == [("2020-05-03", None)]  # the lead, not the line
    assert events[0].description.startswith("Floods")


def test_seed_timeline(seeds_analysis):
    a = seeds_analysis
    dates = {e.date for e in a.events}
    for wanted in (
        "2016-03",
        "2016-12-10",
        "2016-12-11",
        "2016-12-12",
        "2016-12-14",
        "2016-12-15",
        "2017-03-02",
    ):
        assert wanted in dates, (wanted, sorted(dates))
    docs = {d.id: d for d in a.documents}
    # the Kremlin's complaint comes from the report that prints no date
    monday = [e for e in a.events if e.date == "2016-12-12" and e.when == "Monday"]
    assert monday
    source = docs[monday[0].documents[0]]
    assert source.published_from == "inferred" and source.published.startswith("2016-12")
    # the spring liberation, told by two documents, is one event
    march = [e for e in a.events if e.date == "2016-03"]
    assert max(len(e.documents) for e in march) >= 2
    # durations are not dates
    assert not any((e.date or "").startswith("P") for e in a.events)


def test_weeks_weekends_and_seasons_become_iso_intervals():
    from storyline.reconcile.timeline import iso_date

    assert iso_date("2016-W49") == "2016-12-05/2016-12-11"
    assert iso_date("2016-W49-WE") == "2016-12-10/2016-12-11"
    assert iso_date("2016-SU") == "2016-06/2016-08"
    assert iso_date("2016-WI") == "2016-12/2017-02"
    assert iso_date("2016-12-11") == "2016-12-11"
