"""Numeric claims: numbers, their hedges, what they count, their unit and who claims them.

A number phrase is found by pattern (digits, number words, ACLED-style vague counts),
then read through the dependency parse: the counted noun phrase ('Islamic State
fighters'), the toll it belongs to ('killed'), and the claimant: the speaker of a quote
that covers it, else the subject of a speech verb it hangs off ('Russia … claims to have
killed 300'), else the reporter.

Not claims (documented in docs/quality.md): years, dates, times and durations (anything
a time expression covers), phone-like and slashed numbers, ordinals, numbers inside
names ('G20', 'Apollo 11'), partitives ('two of whom', 'one of the'), a bare 'one', and
reader comments (they are not in the text).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from storyline.extract.references import References
from storyline.extract.time_lexicon import alternation, load, parse_number
from storyline.extract.time_rules import match_times
from storyline.models import LocalMention, LocalQuote, Quantity

_NUMS = load("numbers")
_HEDGES = load("hedges")
_CLAIMS = load("claims")

_WORD = alternation([w for w in _NUMS["units"] if " " not in w])
_SCALE = alternation([s for s in _NUMS["scales"] if len(s) > 2])
_VAGUE = alternation(_NUMS["vague"])
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = (
    rf"(?:(?P<cur>US\$|[$€£¥])\s?)?"
    rf"(?P<num>(?:{_DIGITS})(?:[-–](?P<high>{_DIGITS}))?(?:\s*(?i:{_SCALE}|bn|mn|m|k)\b)?|"
    rf"(?i:(?:(?:a|several|a\s+few)\s+)?(?:{_WORD}|{_SCALE})(?:(?:[\s-]+(?:and\s+)?)(?:{_WORD}|{_SCALE}))*)"
    rf"|(?i:{_VAGUE}))"
    rf"(?:\s*(?P<pct>%|(?i:percent|per\s+cent)))?"
)
NUMBER_RX = re.compile(rf"(?<![\w$€£¥.,/:-]){_NUMBER}(?![\w/:]|[.,]\d|-\d)")
_RANGE_RX = re.compile(r"^\s*(?:-|–|—|to|and)\s*")
_HEDGE_BEFORE = re.compile(rf"(?i:\b(?:{alternation(_HEDGES['before'])}))\s*$")
_HEDGE_AFTER = re.compile(rf"^\s*(?i:(?:{alternation(_HEDGES['after'])}))\b")
_PARTITIVE = re.compile(rf"^\s+(?i:{alternation(_CLAIMS['partitives'])}|of\s+\w+['’]s?\s)")
_NAME_LABELS = {"ORG", "PERSON", "PRODUCT", "EVENT", "FAC", "LAW", "WORK_OF_ART", "NORP"}
_SPEECH = set(_CLAIMS["speech"])
_TOLL = _CLAIMS["toll"]
_MEASURES = sorted(_NUMS["measures"], key=len, reverse=True)
_CURRENCY = _NUMS["currencies"]


def _token_index(doc: Doc) -> list[int]:
    return [t.idx for t in doc]


def _tokens(doc: Doc, starts: list[int], start: int, end: int) -> Span:
    i = max(0, bisect_right(starts, start) - 1)
    j = max(i + 1, bisect_right(starts, end - 1))
    return doc[i:j]


def _value(m: re.Match[str]) -> tuple[float | None, str]:
    """The number's value and how it is hedged by its own words ('dozens' -> more_than)."""
    num = re.sub(r"\s+", " ", m["num"]).strip()
    if m["high"]:
        num = num.replace(f"-{m['high']}", "").replace(f"–{m['high']}", "")
    low = num.lower()
    if low in _NUMS["vague"]:
        return float(_NUMS["vague"][low]), "more_than"
    sm = re.match(rf"^({_DIGITS})\s*([a-zA-Z]+)$", num)
    if sm:
        scale = _NUMS["scales"].get(sm[2].lower())
        if scale is None:
            return None, "exact"
        return float(sm[1].replace(",", "")) * scale, "exact"
    value = parse_number(num)
    approx = "more_than" if low.startswith(("several", "a few")) else "exact"
    return value, approx


def _excluded(m: re.Match[str], doc: Doc, span: Span, text: str, times) -> bool:
    num = m["num"].lower()
    if num in ("one", "a", "an") or re.fullmatch(r"(?:a|an|several|a few)\s*", num):
        return True  # a bare 'one' is a pronoun or determiner far more often than a count
    if any(s < m.end() and m.start() < e for s, e in times):
        return True
    if _PARTITIVE.match(text[m.end() :]) and num not in _NUMS["vague"]:
        return True  # 'two of whom', 'one of the', 'Two of Syria's troops': a part of a set
    for tok in span:
        if tok.ent_type_ == "ORDINAL":
            return True
        if tok.ent_type_ in _NAME_LABELS and tok.ent_iob_ != "B" and tok.like_num:
            return True  # inside a name: 'Group of 20', 'Apollo 11'
    digits = re.sub(r"\D", "", m["num"])
    if re.fullmatch(r"1[89]\d\d|20\d\d", m["num"].strip()) and not m["cur"]:
        return True  # a year
    if len(digits) >= 7 and "," not in m["num"] and "." not in m["num"]:
        return True  # phone or reference number
    return bool(re.match(r"^(?:st|nd|rd|th)\b", text[m.end() : m.end() + 3]))


def _hedge(text: str, start: int, end: int) -> tuple[str | None, str | None, int]:
    """(approx, hedge words, new start) from the words just before or after the number."""
    before = text[max(0, start - 30) : start]
    hb = _HEDGE_BEFORE.search(before)
    if hb:
        phrase = re.sub(r"\s+", " ", hb[0].strip().lower())
        return _HEDGES["before"].get(phrase), hb[0].strip(), start - (len(before) - hb.start())
    ha = _HEDGE_AFTER.match(text[end:])
    if ha:
        phrase = re.sub(r"\s+", " ", ha[0].strip().lower())
        return _HEDGES["after"].get(phrase), ha[0].strip(), start
    return None, None, start


def _counted(span: Span) -> tuple[Token | None, str | None]:
    """The counted noun and its phrase (modifiers after the number)."""
    last = span[-1]
    noun = last.head if last.dep_ in ("nummod", "quantmod", "compound", "amod") else None
    if noun is not None and noun.i > last.i and noun.pos_ in ("NOUN", "PROPN"):
        # the phrase runs from just after the number to the noun
        words = [t for t in span.doc[last.i + 1 : noun.i + 1] if t.dep_ != "punct" or t.text == "-"]
        phrase = " ".join(t.text for t in words if t.pos_ != "DET")
        return noun, re.sub(r"\s+-\s+", "-", phrase) or None
    nxt = span.doc[last.i + 1] if last.i + 1 < len(span.doc) else None
    if nxt is not None and nxt.lower_ == "of":
        # 'hundreds of people', 'dozens of fighters'
        obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
            words = [t for t in span.doc[nxt.i + 1 : obj.i + 1] if t.pos_ != "DET"]
            return obj, " ".join(t.text for t in words)
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.dep_ != "npadvmod":
        return nxt, nxt.text
    return None, None


def _unit(m: re.Match[str], phrase: str | None) -> str | None:
    if m["pct"]:
        return "%"
    if m["cur"]:
        return _CURRENCY.get(m["cur"].lower(), m["cur"])
    low = (phrase or "").lower()
    for word, code in _CURRENCY.items():
        if word.isalpha() and (low == word or low.startswith(word + " ")):
            return code
    for measure in _MEASURES:
        if low == measure or low.startswith(measure + " "):
            return measure
    return None


def _predicate(number: Token, noun: Token | None) -> str | None:
    """The toll the count belongs to: 'killed 300', '40 people were killed', '12 dead'."""
    for tok in (noun, number):
        if tok is None:
            continue
        if tok.lemma_.lower() in _TOLL and tok.pos_ in ("NOUN", "ADJ", "VERB"):
            return _TOLL[tok.lemma_.lower()]
        head = tok.head
        if tok.dep_ in ("dobj", "nsubjpass", "nsubj", "pobj", "attr") and head.pos_ in (
            "VERB",
            "AUX",
            "ADJ",
            "ADP",
        ):
            verb = head.head if head.pos_ == "ADP" else head
            if verb.lemma_.lower() in _TOLL:
                return _TOLL[verb.lemma_.lower()]
            if tok.dep_ in ("nsubj", "attr"):
                for c in verb.children:
                    if c.dep_ in ("acomp", "attr") and c.lemma_.lower() in _TOLL:
                        return _TOLL[c.lemma_.lower()]
        for c in tok.children:
            if c.dep_ in ("acl", "amod", "relcl") and c.lemma_.lower() in _TOLL:
                return _TOLL[c.lemma_.lower()]
    return None


def _subject(verb: Token) -> Token | None:
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
            verb = verb.head
            continue
        break
    return None


def _speaker(number: Token) -> Token | None:
    """The subject of a speech verb the number hangs off, or the X of 'according to X'."""
    sent = number.sent
    for tok in sent:
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if obj is not None:
                return obj
    node = number
    for _ in range(12):
        if node.head is node:
            break
        child, node = node, node.head
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in _SPEECH:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return None  # the number is the speaker, not the said
            subj = _subject(node)
            if subj is not None and subj.i != child.i:
                return subj
    return _trailing_speaker(number)


def _trailing_speaker(number: Token) -> Token | None:
    """'… had burned 4,000 hectares, the regional commander, Rui Teixeira, said.': a
    speech verb after the content that the parse hung under the content's verb."""
    node = number
    for _ in range(12):
        for c in node.children:
            if (
                c.dep_ in ("parataxis", "ccomp", "advcl", "conj")
                and c.i > number.i
                and c.pos_ in ("VERB", "AUX")
                and c.lemma_.lower() in _SPEECH
                and not any(g.dep_ in ("ccomp", "dobj") for g in c.children)
            ):
                subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
                if subj is not None and subj.i < c.i:
                    return subj
        if node.head is node:
            break
        node = node.head
    return None


def _name_span(tok: Token) -> Span:
    """The name a subject token heads: 'Russia's Defense Ministry', 'The U.S.'."""
    left = [
        t
        for t in tok.subtree
        if t.i <= tok.i and t.dep_ in ("compound", "poss", "case", "amod", "det", "nmod")
    ]
    start = min([t.i for t in left] + [tok.i])
    doc = tok.doc
    while start < tok.i and doc[start].pos_ == "DET":
        start += 1
    return doc[start : tok.i + 1]


def _mention_for(span: Span, mentions: list[LocalMention]) -> LocalMention | None:
    best = None
    for m in mentions:
        overlaps = m.start < span.end_char and span.start_char < m.end
        if overlaps and (best is None or (m.end - m.start) > (best.end - best.start)):
            best = m
    return best


def _claimant(
    number: Token, start: int, end: int, quotes: list[LocalQuote], refs: References
) -> tuple[str, str | None]:
    """Who gives the number: the speaker of the quote around it, else the subject of the
    speech verb it hangs off (resolved: 'he' -> the minister, 'the ministry' -> the
    ministry named), else the body issuing an official statement, else the reporter."""
    for q in quotes:
        if q.start <= start and end <= q.end and (q.speaker_text or q.speaker_cluster):
            return q.speaker_text or q.speaker_cluster or "reporter", q.speaker_cluster
    subj = _speaker(number)
    if subj is not None:
        subj = refs.real_subject(subj)
        res = refs.resolve(subj)
        if res.resolved and res.text:
            return res.text, res.cluster
        body = refs.body_of(subj)
        if body is not None:
            return body.name, body.cluster  # 'a ministry official said': the ministry's
        named = subj.pos_ == "PROPN" or subj.ent_type_ in ("ORG", "GPE", "NORP", "PERSON")
        framed = res.how == "pronoun" or res.reason in ("dateline", "byline")
        if not framed and (named or refs.is_party_noun(subj)):
            return _name_span(subj).text, None
    issuer = refs.issuer()
    if issuer is not None:
        return issuer.name, issuer.cluster
    return "reporter", None


def find_quantities(
    doc: Doc,
    mentions: list[LocalMention],
    quotes: list[LocalQuote],
    refs: References | None = None,
) -> list[Quantity]:
    """Numeric claims in a parsed document, in text order."""
    refs = refs if refs is not None else References(doc, mentions)
    text = doc.text
    starts = _token_index(doc)
    times = [(c.start, c.end) for c in match_times(text) if c.kind != "set"]
    found = list(NUMBER_RX.finditer(text))
    out: list[Quantity] = []
    skip_until = -1
    for k, m in enumerate(found):
        if m.start() < skip_until:
            continue
        span = _tokens(doc, starts, m.start(), m.end())
        if len(span) == 0 or _excluded(m, doc, span, text, times):
            continue
        value, approx = _value(m)
        if value is None:
            continue
        end = m.end()
        value_high = None
        hedge, words, start = _hedge(text, m.start(), end)
        # ranges: 'between 10 and 20', '10-20', '10 to 20'
        nxt = found[k + 1] if k + 1 < len(found) else None
        gap = text[end : nxt.start()] if nxt else ""
        if nxt and _RANGE_RX.fullmatch(gap + " ") and len(gap) <= 5:
            joiner = gap.strip().lower()
            high, _ = _value(nxt)
            word_before = text[max(0, start - 9) : start].lower()
            if (
                high is not None
                and high > value
                and (joiner != "and" or "between" in word_before)
                and "from" not in word_before
            ):
                value_high, approx, hedge, words = high, "range", None, words
                if "between" in word_before:
                    start = start - (len(word_before) - word_before.rfind("between"))
                end = nxt.end()
                skip_until = end
                span = _tokens(doc, starts, m.start(), end)
        if m["high"]:
            high = parse_number(m["high"])
            if high is None or high <= value or len(re.sub(r"\D", "", m["num"])) >= 7:
                continue  # '555-1234' is a phone number, not a range
            value_high, approx = high, "range"
        if hedge is not None and approx != "range":
            approx = hedge
        number = span[-1]
        noun, phrase = _counted(span)
        sent = number.sent
        claimant_text, cluster = _claimant(number, start, end, quotes, refs)
        if words is None and _HEDGE_AFTER.match(text[end:]):
            pass
        out.append(
            Quantity(
                start=start,
                end=end if noun is None else max(end, noun.idx + len(noun.text)),
                text=text[start : end if noun is None else max(end, noun.idx + len(noun.text))],
                value=value,
                value_high=value_high,
                approx=approx,  # type: ignore[arg-type]
                what=phrase,
                what_head=noun.lemma_.lower() if noun is not None else None,
                unit=_unit(m, phrase),
                claimant_text=claimant_text,
                claimant_cluster=cluster,
                sentence_start=sent.start_char,
                sentence_end=sent.end_char,
                predicate=_predicate(number, noun),
                hedge=words,
            )
        )
    return out
