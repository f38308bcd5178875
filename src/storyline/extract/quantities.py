"""Numeric claims: numbers, their hedges, what they count, their unit and who claims them.

A number phrase is found by pattern (digits, number words, fractions, ACLED-style vague
counts, amounts after a currency sign or ISO code), then read through the dependency
parse: the counted noun phrase ('Islamic State fighters'), the toll it belongs to
('killed'), the rate it is given per ('a month'), and the claimant: the speaker of a
quote that covers it, else the subject of a speech verb it hangs off ('Russia … claims
to have killed 300'), else the reporter. Zero claims ('no civilians died') and a lone
victim ('a firefighter was killed') come from `claim_forms`.

Not claims, each kept with its reason in `DocExtraction.rejected_numbers`: years, dates,
times and durations (anything a time expression covers), the data rules of
`number_rules` (ages, clock times, distances, list and reference numbers, scores, …),
phone-like and slashed numbers, ordinals, numbers inside names ('G20', 'Apollo 11'),
pronoun partitives ('two of whom', 'one of the'), a bare 'one', and reader comments
(they are not in the text).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from storyline.extract.claim_forms import find_zero_and_lone_claims
from storyline.extract.number_rules import parse_reason, text_reason
from storyline.extract.quote_speakers import doc_text
from storyline.extract.references import References
from storyline.extract.sentences import semicolon_between
from storyline.extract.time_rules import match_times, time_rules
from storyline.lexicon import Knowledge
from storyline.lexicon.words import alternation, parse_number
from storyline.models import LocalMention, LocalQuote, Quantity, RejectedNumber

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# '26, 000': thousands the source spaced (tokenised text); a year never follows
_SPACED_THOUSANDS = r"\d{1,3}(?:,\s\d{3})+(?![\d,])"
_RANGE_RX = re.compile(r"^\s*(?:-|–|—|to|and)\s*")
_PARTICLES = {"over", "under", "about", "above", "below"}
_PARTICLE = re.compile(
    r"\b(?:presid\w*|t[ao]ok|tak\w+|hand\w*|won|fought|argu\w+|talk\w*|thought|turn\w*|watch\w*)\s+$",
    re.IGNORECASE,
)
_SCORE_PAIR = re.compile(r"^\s*[-–]\s*\d+")
_DOUBLED = re.compile(r"^\s*\((\d[\d,.]*)\)")
_NAME_LABELS = {"ORG", "PERSON", "PRODUCT", "EVENT", "FAC", "LAW", "WORK_OF_ART", "NORP"}
_TALLY = {"number", "toll", "figure", "total", "count", "tally"}
_APPOSITION = {",", ";", ":", "—", "–"}  # a counted noun never lies past these
_ANAPHORIC = {"other", "more"}  # 'four soldiers died and seven others were wounded'


@dataclass(frozen=True, eq=False)
class QuantityTables:
    """Number, hedge and claim words (`numbers.json`, `hedges.json`, `claims.json`), the
    patterns compiled from them, and the knowledge they came from (one per knowledge)."""

    knowledge: Knowledge
    nums: Any
    hedges: Any
    claims: Any
    word: Any
    scale: Any
    vague: Any
    fraction_not_half: Any
    currency: Any
    money: Any
    codes: Any
    symbols: Any
    number: Any
    number_rx: Any
    hedge_before: Any
    hedge_after: Any
    partitive: Any
    hedge_words: Any
    period: Any
    speech: Any
    toll: Any
    kinds: Any
    generic: Any
    people: Any
    measures: Any
    parent_of: Any
    share_label: Any


def quantity_tables(knowledge: Knowledge) -> QuantityTables:
    """The tables for this knowledge, compiled once."""
    return knowledge.derived("quantity_tables", lambda: _compile(knowledge))


def _compile(knowledge: Knowledge) -> QuantityTables:
    _NUMS = knowledge.numbers
    _HEDGES = knowledge.hedges
    _CLAIMS = knowledge.claims

    _WORD = alternation([w for w in _NUMS["units"] if " " not in w])
    _SCALE = alternation([s for s in _NUMS["scales"] if len(s) > 2])
    _VAGUE = alternation(_NUMS["vague"])
    _FRACTION_NOT_HALF = alternation([f for f in _NUMS.get("fractions", {}) if "half" not in f])
    _CURRENCY = {**_NUMS["currencies"], **_NUMS.get("currency_words", {})}
    _MONEY = set(_CURRENCY.values()) | set(_NUMS.get("currency_codes", []))
    _CODES = "|".join(_NUMS.get("currency_codes", []))
    _SYMBOLS = "".join(k for k in _CURRENCY if len(k) == 1 and not k.isalnum())
    _PLUS_ALL = _NUMS.get("fraction_suffixes", {})
    _PLUS = alternation([w for w in _PLUS_ALL if w[:1].isalnum()]) or "(?!)"
    _PLUS_GLUED = alternation([w for w in _PLUS_ALL if not w[:1].isalnum()]) or "(?!)"
    # '110 b. euro', '5 mln dollars': a scale cut short, read only before a currency
    _ABBREV = (
        rf"\s*(?i:{alternation(_NUMS.get('scale_abbreviations', {})) or '(?!)'})"
        rf"(?=\s*(?i:{alternation([w for w in _CURRENCY if w.isalpha()])})\b)"
    )
    _SPACED = (
        rf"\d{{1,3}}\.\s\d{{1,2}}(?![\d,])"
        rf"(?=\s*[-–]?\s*(?i:{_SCALE}|bn|mn|m)\b|\s*%|\s*(?i:percent|per\s+cent)\b)"
    )
    _NUMBER = (
        rf"(?:(?P<cur>US\$|[{re.escape(_SYMBOLS)}]|(?:{_CODES})(?=\s?\d))\s?)?"
        # '$2. 6 - million': a decimal point the source spaced, kept where a scale or a
        # share follows (a bare '9. 35' may be a clock time or two sentences)
        rf"(?P<num>(?:{_SPACED}|{_SPACED_THOUSANDS}|{_DIGITS})(?:[-–](?P<high>{_DIGITS}))?"
        rf"(?:(?:\s*|\s*[-–]\s*)(?i:{_SCALE}|bn|mn|m|k)\b|{_ABBREV})?|"
        rf"(?P<frac>(?i:(?:a\s+|one\s+)?half(?=\s+of\b)|{_FRACTION_NOT_HALF})"
        rf"(?=\s+of\b|\s+(?:since|from|to|in)\b|[.,;]|\s*$))|"  # 'a third person': an ordinal
        rf"(?i:(?:(?:a|several|a\s+few)\s+)?(?:{_WORD}|{_SCALE})(?:(?:[\s-]+(?:and\s+)?)(?:{_WORD}|{_SCALE}))*)"
        rf"|(?i:{_VAGUE}))"
        rf"(?:(?P<plus>\s+(?:{_PLUS})|(?:{_PLUS_GLUED})))?"  # '3 1/2', 'three and a half'
        rf"(?:\s*(?P<pct>%|(?i:percent|per\s+cent)))?"
    )
    NUMBER_RX = re.compile(rf"(?<![\w$€£¥₦.,/:-]){_NUMBER}(?![\w/:]|[.,]\d|-\d)")
    _HEDGE_BEFORE = re.compile(rf"(?i:\b(?:{alternation(_HEDGES['before'])}))\s*$")
    _HEDGE_AFTER = re.compile(rf"^\s*(?i:(?:{alternation(_HEDGES['after'])}))\b")
    _PARTITIVE = re.compile(rf"^\s+(?i:{alternation(_CLAIMS['partitives'])})\b")
    _HEDGE_WORDS = {w for phrase in _HEDGES["before"] for w in phrase.split()}
    _PERIOD = re.compile(rf"^\s*,?\s*(?i:{alternation(_CLAIMS.get('periods', {}))})\b")
    _SPEECH = set(_CLAIMS["speech"])
    _TOLL = {**_CLAIMS.get("predicates", {}), **_CLAIMS["toll"]}
    _KINDS = {w: kind for kind, words in _CLAIMS.get("kinds", {}).items() for w in words}
    _GENERIC = set(_CLAIMS.get("generic_kinds", []))
    _PEOPLE = set(_CLAIMS.get("person_kinds", []))
    _MEASURES = sorted(_NUMS["measures"], key=len, reverse=True)
    _PARENT_OF = re.compile(
        rf"\b({alternation(_CLAIMS.get('parent_nouns', {})) or '(?!)'})\s*-?\s*of\s*-?\s*$",
        re.IGNORECASE,
    )

    return QuantityTables(
        knowledge,
        nums=_NUMS,
        hedges=_HEDGES,
        claims=_CLAIMS,
        word=_WORD,
        scale=_SCALE,
        vague=_VAGUE,
        fraction_not_half=_FRACTION_NOT_HALF,
        currency=_CURRENCY,
        money=_MONEY,
        codes=_CODES,
        symbols=_SYMBOLS,
        number=_NUMBER,
        number_rx=NUMBER_RX,
        hedge_before=_HEDGE_BEFORE,
        hedge_after=_HEDGE_AFTER,
        partitive=_PARTITIVE,
        hedge_words=_HEDGE_WORDS,
        period=_PERIOD,
        speech=_SPEECH,
        toll=_TOLL,
        kinds=_KINDS,
        generic=_GENERIC,
        people=_PEOPLE,
        measures=_MEASURES,
        parent_of=_PARENT_OF,
        share_label=re.compile(
            rf"\b(?:{alternation(_CLAIMS.get('share_nouns', ())) or '(?!)'})\s+of\s+"
            r"(?P<whole>(?:[\w'’-]+\s+){0,4}?[\w'’-]+)\s*:\s*$",
            re.IGNORECASE,
        ),
    )


def _token_index(doc: Doc) -> list[int]:
    return [t.idx for t in doc]


def _tokens(doc: Doc, starts: list[int], start: int, end: int) -> Span:
    i = max(0, bisect_right(starts, start) - 1)
    j = max(i + 1, bisect_right(starts, end - 1))
    return doc[i:j]


def _value(m: re.Match[str], qt: QuantityTables) -> tuple[float | None, str]:
    """The number's value and how it is hedged by its own words ('dozens' -> more_than)."""
    num = re.sub(r"\s+", " ", m["num"]).strip()
    if m["frac"]:
        return float(qt.nums["fractions"][num.lower()]), "exact"
    if m["high"]:
        num = num.replace(f"-{m['high']}", "").replace(f"–{m['high']}", "")
    num = re.sub(r"(?<=\d)\. (?=\d)", ".", num)  # '2. 6 million': a spaced decimal point
    num = re.sub(r"(?<=\d), (?=\d{3})", ",", num)  # '26, 000': spaced thousands
    low = num.lower()
    if low in qt.nums["vague"]:
        return float(qt.nums["vague"][low]), "more_than"
    # a fraction written after the whole ('3 1/2', 'three and a half'): added to it
    plus = qt.nums.get("fraction_suffixes", {}).get(re.sub(r"\s+", " ", m["plus"] or "").strip())
    sm = re.match(rf"^({_DIGITS})\s*(?:[-–]\s*)?([a-zA-Z]+\.?)$", num)  # '$140-million'
    if sm:
        low2 = sm[2].lower()
        scale = qt.nums["scales"].get(low2, qt.nums.get("scale_abbreviations", {}).get(low2))
        if scale is None:
            return None, "exact"
        return (float(sm[1].replace(",", "")) + (plus or 0)) * scale, "exact"
    value = parse_number(num, qt.nums)
    if value is not None and plus:
        value += plus
    approx = "more_than" if low.startswith(("several", "a few")) else "exact"
    return value, approx


def _pronoun_partitive(
    text: str, end: int, doc: Doc, starts: list[int], qt: QuantityTables
) -> bool:
    """'two of whom', 'one of them': a part of a set named elsewhere ('three of them private
    clinics' names its set and counts)."""
    pm = qt.partitive.match(text[end:])
    if pm is None:
        return False
    after = _tokens(doc, starts, end + pm.end(), min(len(text), end + pm.end() + 1))
    nxt = after[0].doc[after[0].i + 1] if len(after) and after[0].i + 1 < len(doc) else None
    names_set = (
        nxt is not None and nxt.pos_ in ("ADJ", "NOUN", "PROPN") and nxt.idx > end + pm.end()
    )
    return not names_set


def _excluded(
    m: re.Match[str], doc: Doc, span: Span, text: str, times, starts, qt: QuantityTables
) -> str | None:
    """Why the number is not a claim (None where it may be one)."""
    num = m["num"].lower()
    if num in ("one", "a", "an") or re.fullmatch(r"(?:a|an|several|a few)\s*", num):
        return "a bare 'one' or a vague determiner"  # a pronoun or determiner, not a count
    if any(s < m.end() and m.start() < e for s, e in times):
        return "date, time or duration"
    if (
        not m["frac"]
        and num not in qt.nums["vague"]
        and _pronoun_partitive(text, m.end(), doc, starts, qt)
    ):
        return "partitive of a set named elsewhere"
    if num.startswith("one") and re.match(r"^\s+of\b", text[m.end() :]):
        return "bare 'one'"  # 'one of the victims': its set is the count
    if m["frac"]:  # 'the upper half of the laptop': a part of a thing, no share
        return text_reason(text, m.start(), m.end(), qt.knowledge, fraction=True)
    if m["cur"] or m["pct"]:
        return None  # an amount or a share: 'MDL 90 million' may be tagged as a name
    for tok in span:
        if tok.ent_type_ == "ORDINAL":
            return "ordinal"
        if tok.ent_type_ in _NAME_LABELS and tok.ent_iob_ != "B" and tok.like_num:
            return "inside a name"  # 'Group of 20', 'Apollo 11'
    last = span[-1]
    if (
        last.dep_ == "nummod"
        and last.head.i == last.i + 1
        and last.head.tag_ == "NNP"
        and last.head.is_title  # not a unit ('2.1 GW', 'USD')
        and num.strip() not in ("1", "one")
    ):
        return "inside a name"  # '8 Block' (a gang), '3 Series': a count's noun is plural
    if re.fullmatch(r"0\d+", m["num"].strip()):
        return "number fragment (leading zero)"  # '000' of a split '26, 000', '07'
    digits = re.sub(r"\D", "", m["num"])
    if re.fullmatch(r"1[89]\d\d|20\d\d", m["num"].strip()) and not m["cur"]:
        return "year"
    if len(digits) >= 7 and "," not in m["num"] and "." not in m["num"]:
        return "phone or reference number"
    if re.match(r"^(?:st|nd|rd|th)\b", text[m.end() : m.end() + 3]):
        return "ordinal"
    return text_reason(text, m.start(), m.end(), qt.knowledge)


def _list_items(text: str, qt: QuantityTables) -> frozenset[int]:
    """Where the item numbers of a numbered list start: numbers that open a line where the
    number before or after them opens another line (`list_item` in data/numbers.json)."""
    pattern = qt.nums.get("list_item")
    if not pattern:
        return frozenset()
    opens = [(int(m[1]), m.start(1)) for m in re.finditer(pattern, text)]
    values = {n for n, _ in opens}
    return frozenset(at for n, at in opens if n - 1 in values or n + 1 in values)


HEADLINE_MAX = 160


def _headline_end(text: str) -> int:
    """Where a headline that opens the text ends (0 where there is none): a short first
    line with no closing punctuation, followed by more text ('Fire contained; five dead').
    A headline restates figures its body gives with their source: no claims there."""
    first, sep, rest = text.partition("\n")
    line = first.rstrip()
    if not sep or not rest.strip() or not line or len(line) > HEADLINE_MAX:
        return 0
    if line[-1] in ".!?:;\"'\u201d\u2019)]":
        return 0
    return len(first)


def _numeric(tok: Token) -> bool:
    """A number token, or one with its scale glued on ('175million')."""
    return tok.like_num or any(ch.isdigit() for ch in tok.text)


def _hedge(
    text: str, start: int, end: int, qt: QuantityTables
) -> tuple[str | None, str | None, int]:
    """(approx, hedge words, new start) from the words just before or after the number."""
    before = text[max(0, start - 30) : start]
    hb = qt.hedge_before.search(before)
    if hb and _PARTICLE.search(before[: hb.start()]) and hb[0].strip().lower() in _PARTICLES:
        hb = None  # 'presided over three tests', 'took over two towns': a verb's particle
    if hb:
        phrase = re.sub(r"\s+", " ", hb[0].strip().lower())
        return qt.hedges["before"].get(phrase), hb[0].strip(), start - (len(before) - hb.start())
    ha = qt.hedge_after.match(text[end:])
    if ha:
        phrase = re.sub(r"\s+", " ", ha[0].strip().lower())
        return qt.hedges["after"].get(phrase), ha[0].strip(), start
    return None, None, start


def _phrase(tokens: list[Token], qt: QuantityTables) -> str:
    while tokens and (
        tokens[0].lower_ in ("of", "them", "those", "these", "the")
        or tokens[0].like_num
        or tokens[0].lower_ in qt.hedge_words
    ):
        tokens = tokens[1:]  # 'of the roughly 12,000 people' -> 'people'
    words = [
        t
        for t in tokens
        if t.pos_ not in ("DET", "PRON", "NUM")
        and not t.like_num
        and (t.dep_ != "punct" or t.text == "-")
        and (t.text == "-" or any(ch.isalnum() for ch in t.text))  # a table's '|' says nothing
    ]
    # a hyphen left from a compound whose number was dropped ('two-thirds', '99-man')
    while words and words[0].text == "-":
        words = words[1:]
    while words and words[-1].text == "-":
        words = words[:-1]
    return re.sub(r"\s+-\s+", "-", " ".join(t.text for t in words))


def _counted(span: Span, qt: QuantityTables) -> tuple[Token | None, str | None]:
    """The counted noun and its phrase (modifiers after the number)."""
    last = span[-1]
    doc = span.doc
    if last.text == ")" and len(span) > 1:
        last = span[-2] if span[-2].like_num else last  # 'three (3) pick-ups'
    noun = last.head if last.dep_ in ("nummod", "quantmod", "compound", "amod") else None
    if noun is not None and noun.like_num and noun.i == last.i + 1 and noun.head.i > noun.i:
        noun = noun.head  # 'five 787 Dreamliner sales': the model number names the sales
    if noun is not None and any(t.text in _APPOSITION for t in doc[span[-1].i + 1 : noun.i]):
        return None, None  # 'more than 20,000, two-thirds of the town': an apposition
    if noun is not None and noun.i > last.i and noun.pos_ in ("NOUN", "PROPN"):
        # the phrase runs from just after the number to the noun
        return noun, _phrase(list(doc[span[-1].i + 1 : noun.i + 1]), qt) or None
    nxt = doc[span[-1].i + 1] if span[-1].i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ == "of":
        # 'hundreds of people', 'four of our soldiers', 'three of them private clinics'
        obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.pos_ == "PRON":
            obj = next((t for t in doc[obj.i + 1 : obj.i + 4] if t.pos_ in ("NOUN", "PROPN")), None)
            if obj is not None:
                return obj, _phrase(list(doc[nxt.i + 2 : obj.i + 1]), qt)
        if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
            return obj, _phrase(list(doc[nxt.i + 1 : obj.i + 1]), qt)
    if (
        nxt is not None
        and nxt.pos_ in ("NOUN", "PROPN")
        and nxt.dep_ != "npadvmod"
        and any(ch.isalnum() for ch in nxt.text)  # a table's '|' counts nothing
    ):
        return nxt, nxt.text
    # '312 planned surgical operations', parsed as two subjects: modifiers, then the noun
    ahead = list(doc[span[-1].i + 1 : span[-1].i + 4])
    for k, tok in enumerate(ahead):
        if tok.pos_ == "NOUN" and k > 0 and tok.dep_ not in ("npadvmod", "pobj"):
            return tok, _phrase(ahead[: k + 1], qt) or tok.text
        if tok.pos_ != "ADJ" and tok.tag_ != "VBN" and tok.dep_ != "amod":
            break
    return None, None


def _unit(m: re.Match[str], phrase: str | None, qt: QuantityTables) -> str | None:
    if m["pct"]:
        return "%"
    if m["frac"]:
        return "share"
    if m["cur"]:
        return qt.currency.get(m["cur"].lower(), m["cur"])
    low = (phrase or "").lower()
    for word, code in sorted(qt.currency.items(), key=lambda kv: -len(kv[0])):
        if not word.isalnum() and " " not in word:
            continue
        if low == word or low.startswith(word + " "):
            return code
    names = qt.nums.get("measure_units", {})
    for measure in qt.measures:
        if low == measure or low.startswith(measure + " "):
            return names.get(measure, measure)  # 'mm' and 'millimetres': one unit
    return None


def _predicate(number: Token, noun: Token | None, qt: QuantityTables) -> str | None:
    """The toll the count belongs to: 'killed 300', '40 people were killed', '12 dead';
    a conjunct shares its first conjunct's ('12 soldiers and 11 civilians had been
    killed')."""
    own = _own_predicate(number, noun, qt)
    if own is None and noun is not None and noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
        return _own_predicate(noun.head, noun.head, qt)
    return own


def _own_predicate(number: Token, noun: Token | None, qt: QuantityTables) -> str | None:
    # 'some 9,000 of the 12,000 people who sheltered there have returned': the part's own
    # verb before the whole's modifiers
    partitive = noun is not None and noun.head.lower_ == "of" and noun.head.head == number
    # 'three public bodies' are institutions, not corpses
    bodies = set(qt.claims.get("institution_modifiers", []))
    institutional = noun is not None and any(c.lower_ in bodies for c in noun.children)
    for tok in (number, noun) if partitive else (noun, number):
        if tok is None:
            continue
        own = not (tok is noun and institutional)
        if own and tok.lemma_.lower() in qt.toll and tok.pos_ in ("NOUN", "ADJ", "VERB"):
            if tok.pos_ == "NOUN" and _survived(tok, qt):
                return None  # 'the three victims were taken to the hospital': no deaths
            verb = tok.head if tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "nsubjpass") else None
            if verb is not None and verb.pos_ == "VERB" and verb.lemma_.lower() in qt.toll:
                return qt.toll[verb.lemma_.lower()]  # 'two victims were injured'
            return qt.toll[tok.lemma_.lower()]
        # a participle on the noun is its own ('three policemen killed and nine injured',
        # where the parse makes 'policemen' the subject of 'injured')
        for c in tok.children:
            if c.dep_ in ("acl", "amod", "relcl") and c.lemma_.lower() in qt.toll:
                return qt.toll[c.lemma_.lower()]
        head = tok.head
        if tok.dep_ in ("dobj", "nsubjpass", "nsubj", "pobj", "attr") and head.pos_ in (
            "VERB",
            "AUX",
            "ADJ",
            "ADP",
        ):
            verb = head.head if head.pos_ == "ADP" else head
            if verb.lemma_.lower() in qt.toll:
                return qt.toll[verb.lemma_.lower()]
            if tok.dep_ in ("nsubj", "attr"):
                for c in verb.children:
                    if c.dep_ in ("acomp", "attr") and c.lemma_.lower() in qt.toll:
                        return qt.toll[c.lemma_.lower()]
    return None


def _survived(noun: Token, qt: QuantityTables) -> bool:
    """'the three victims were taken to the hospital', 'two victims were treated': a toll
    noun whose own verb says the people lived (`survivor_verbs`, data/claims.json) counts
    no deaths, whatever the noun says alone."""
    verbs = set(qt.claims.get("survivor_verbs", ()))
    heads = [noun.head] if noun.dep_ in ("nsubj", "nsubjpass") else []
    heads += [c for c in noun.children if c.dep_ in ("acl", "relcl")]
    return any(v.pos_ in ("VERB", "AUX") and v.lemma_.lower() in verbs for v in heads)


def _toll_after(span: Span, noun: Token | None, qt: QuantityTables) -> str | None:
    """A bare count followed by its toll word: 'seven (07) wounded', 'five dead'."""
    if noun is not None:
        return None
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text == ")" and span.end + 1 < len(doc):
        after = doc[span.end + 1]
    if after is None or after.pos_ not in ("ADJ", "VERB", "NOUN"):
        return None
    return qt.toll.get(after.lemma_.lower()) or qt.toll.get(after.lower_)


# 'fell into an ambush', 'fell back', 'fell ill': a fall that is no death
_NOT_A_DEATH = {"into", "to", "from", "under", "behind", "back", "off", "out", "below", "ill"}


def _person_toll(number: Token, noun: Token | None, people: bool, qt: QuantityTables) -> str | None:
    """A count whose verb says a death: of a kind of people (`people`), a verb that says
    it only of people ('four soldiers fell', 'two (02) soldiers fallen on the field of
    honour'; `person_predicates`), or of anything, a verb with a fatal object ('paid with
    their lives'; `fatal_objects`). 'fell ill' or 'fell into an ambush' is not a death."""
    words = qt.claims.get("person_predicates", {})
    fatal = set(qt.claims.get("fatal_objects", []))
    heads = [t for t in (number, noun) if t is not None]
    verbs = [c for t in heads for c in t.children if c.dep_ in ("acl", "relcl")]
    verbs += [t.head for t in heads if t.dep_ == "nsubj"]
    # people made to leave where they live: 'were moved out of their homes'
    moved = [t.head for t in heads if t.dep_ == "nsubjpass"]
    moved += [c for t in heads for c in t.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    if people and any(_out_of_home(verb, qt) for verb in moved):
        return "displaced"
    for verb in verbs:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        if any(
            c.lower_ in _NOT_A_DEATH or c.dep_ in ("prt", "acomp", "oprd") for c in verb.children
        ):
            continue
        if people and verb.lemma_.lower() in words:
            return str(words[verb.lemma_.lower()])
        objects = [c for c in verb.children if c.dep_ == "dobj"] + [
            g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
        ]
        if any(o.lemma_.lower() in fatal for o in objects):
            return "killed"
    return None


def _out_of_home(verb: Token, qt: QuantityTables) -> bool:
    """'800 people had been moved out of their homes', 'forced from their villages':
    people taken out of where they live are displaced (`homes` in data/claims.json); the
    caller passes only verbs the people undergo (passive), not 'came out of their
    houses'."""
    homes = set(qt.claims.get("homes", []))
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("out", "from", "of"):
            continue
        objs = [g for g in prep.children if g.dep_ == "pobj"]
        objs += [h for g in prep.children if g.lower_ == "of" for h in g.children]
        if any(o.lemma_.lower() in homes for o in objs):
            return True
    return False


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


def _speaker(number: Token, qt: QuantityTables, refs: References) -> Token | None:
    """The subject of a speech verb the number hangs off, or the X of 'according to X'
    (a figure's own agent, 'the 1,450 counted by X', is read before: `_claimant`)."""
    sent = number.sent
    for tok in sent:
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if obj is not None:
                return _keeper(obj, refs)
    node = number
    for _ in range(12):
        if node.head is node:
            break
        child, node = node, node.head
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in qt.speech:
            if child.dep_ in ("nsubj", "nsubjpass"):
                # 'Five dead, says Civil Protection': the said, fronted, read as a second
                # subject of the inverted speech verb; the subject after the verb speaks
                inverted = next(
                    (c for c in node.children if c.dep_ == "nsubj" and c.i > node.i > child.i),
                    None,
                )
                return inverted  # else the number is the speaker, not the said
            if semicolon_between(number.doc, number.i, node.i) is not None:
                break  # 'X's figures went from 23 to 31; the union insists …'
            subj = _subject(node)
            if subj is not None and subj.i != child.i:
                return subj
    return _trailing_speaker(number, qt) or _data_keeper(number, refs)


def _figure_agent(number: Token, qt: QuantityTables) -> Token | None:
    """The X of 'the 1,450 counted by X', 'the figure of 2.5bn quoted by X': a reporting
    participle qualifying the number (or its noun) whose agent gives the figure."""
    giving = qt.claims.get("figure_giving_verbs", ())
    heads = [number, number.head] if number.dep_ in ("nummod", "quantmod") else [number]
    for h in heads:
        for acl in h.children:
            if acl.dep_ != "acl" or acl.tag_ != "VBN" or acl.lemma_.lower() not in giving:
                continue
            for agent in acl.children:
                if agent.dep_ == "agent":
                    obj = next((g for g in agent.children if g.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj
    return None


def _keeper(tok: Token, refs: References) -> Token:
    """The body behind a record ('an assessment by the Authority', 'the NPA's figures'),
    else the token itself."""
    keepers = refs.keepers_of(tok)
    return keepers[0] if keepers else tok


def _data_keeper(number: Token, refs: References) -> Token | None:
    """'The NPA's own figures on ships went from 23 to 31': the subject of the number's
    verb is a body's data, and the body gives the number."""
    node = number
    for _ in range(6):
        if node.head is node:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            break
    subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i > number.i:
        return None
    keeper = _keeper(subj, refs)
    return keeper if keeper is not subj else None


def _trailing_speaker(number: Token, qt: QuantityTables) -> Token | None:
    """'… had burned 4,000 hectares, the regional commander, Rui Teixeira, said.': a
    speech verb after the content that the parse hung under the content's verb."""
    node = number
    for _ in range(12):
        for c in node.children:
            if (
                c.dep_ in ("parataxis", "ccomp", "advcl", "conj")
                and c.i > number.i
                and c.pos_ in ("VERB", "AUX")
                and c.lemma_.lower() in qt.speech
                and not any(g.dep_ in ("ccomp", "dobj") for g in c.children)
                and semicolon_between(number.doc, number.i, c.i) is None
            ):
                # '..., the commander said' and, inverted, '..., says Civil Protection'
                subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
                if subj is not None:
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


def _last_speaker(
    number: Token, quotes: list[LocalQuote], earlier: Sequence[Quantity]
) -> tuple[str, str | None] | None:
    """The one named speaker of the sentence before ('Atururi said a girl was killed. …
    seven bridges collapsed, he said.'): the speaker a 'he' or 'she' the resolver left
    open refers back to. None where that sentence has none, or more than one."""
    doc = number.doc
    i = number.sent.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0:
        return None
    prev = doc[i].sent
    lo, hi = prev.start_char, prev.end_char
    named = {
        (q.speaker_text, q.speaker_cluster) for q in quotes if q.speaker_text and lo <= q.start < hi
    } | {
        (q.claimant_text, q.claimant_cluster)
        for q in earlier
        if q.claimant_text != "reporter" and lo <= q.start < hi
    }
    names = {text for text, _ in named}
    if len(names) != 1:
        return None
    text = names.pop()
    return text, next((c for t, c in named if t == text and c), None)


def _claimant(
    number: Token,
    start: int,
    end: int,
    quotes: list[LocalQuote],
    refs: References,
    qt: QuantityTables,
    earlier: Sequence[Quantity] = (),
) -> tuple[str, str | None]:
    """Who gives the number: the speaker of the quote around it, else the subject of the
    speech verb it hangs off (resolved: 'he' -> the minister, 'the ministry' -> the
    ministry named), else the body issuing an official statement, else the reporter.
    A figure credited where it stands ('the 1,450 counted by X') is X's, even inside
    someone else's statement."""
    if _describes_person(number, qt):
        # 'The video shows Ana Reis, a mother of 12, …': the writer's description of
        # the person, not a figure the video or anyone else gives
        for q in quotes:
            direct = q.kind == "direct" and (q.speaker_text or q.speaker_cluster)
            if direct and q.start <= start and end <= q.end:
                return q.speaker_text or q.speaker_cluster or "reporter", q.speaker_cluster
        return "reporter", None
    agent = _figure_agent(number, qt)
    if agent is not None:
        res = refs.resolve(refs.real_subject(agent))
        if res.resolved and res.text:
            return res.text, res.cluster
        return _name_span(agent).text, None
    subj = _speaker(number, qt, refs)
    said_by = _subject_claimant(subj, refs) if subj is not None else None
    if said_by is None and subj is not None and subj.lower_ in ("he", "she"):
        said_by = _last_speaker(number, quotes, earlier)  # '…, he said.'
    for q in quotes:
        if q.start <= start and end <= q.end and (q.speaker_text or q.speaker_cluster):
            if said_by is not None and subj is not None and q.start <= subj.idx < start:
                # '..., while the government maintains that no civilians died': the
                # reported speech's own speaker, not the quote's
                return said_by
            return q.speaker_text or q.speaker_cluster or "reporter", q.speaker_cluster
    if said_by is not None:
        return said_by
    issuer = refs.issuer()
    if issuer is not None:
        return issuer.name, issuer.cluster
    return "reporter", None


def _describes_person(number: Token, qt: QuantityTables) -> bool:
    """A figure inside an apposition to a person's name ('Ana Reis, a mother of 12,')."""
    tok = number
    for _ in range(4):
        if tok.head.i == tok.i:
            return False
        if tok.dep_ == "appos":
            # 'Horton, a mother of 12': a name the parse did not tag, described as a person
            person = tok.lemma_.lower() in qt.claims.get("parent_nouns", {})
            return tok.head.ent_type_ == "PERSON" or (person and tok.head.pos_ == "PROPN")
        tok = tok.head
    return False


def _subject_claimant(subj: Token, refs: References) -> tuple[str, str | None] | None:
    """The claimant a speech verb's subject names (resolved: 'he' -> the minister, 'the
    ministry' -> the ministry named), or None where it names nobody."""
    subj = refs.real_subject(subj)
    res = refs.resolve(subj)
    if res.resolved and res.text:
        return res.text, res.cluster
    body = refs.body_of(subj)
    if body is not None:
        return body.name, body.cluster  # 'a ministry official said': the ministry's
    named = subj.pos_ == "PROPN" or subj.ent_type_ in ("ORG", "GPE", "NORP", "PERSON")
    described = refs.described_antecedent(res)
    if described is not None:
        return _name_span(described).text, None  # 'the nurses' union … it says'
    framed = res.how == "pronoun" or res.reason in ("dateline", "byline")
    if not framed and (named or refs.is_party_noun(subj)):
        return _name_span(subj).text, None
    return None


def _modified(tok: Token) -> str:
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i]
    return " ".join(t.lemma_.lower() for t in sorted([*mods, tok], key=lambda t: t.i))


def _worded(tok: Token) -> str:
    """A noun with its modifiers before it, as written ('registered voters')."""
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i]
    words = sorted([*mods, tok], key=lambda t: t.i)
    return " ".join(t.text if t.pos_ == "PROPN" else t.lower_ for t in words)


def _lead_before(number: Token, qt: QuantityTables) -> Token | None:
    """The verb of a poll race before the figure in its sentence ('leading'), if any."""
    verbs = set(qt.claims.get("lead_verbs", ()))
    sent = number.sent
    return next(
        (t for t in reversed(sent[: number.i - sent.start]) if t.lemma_.lower() in verbs), None
    )


def _of_what(tok: Token) -> Token:
    """'the number of affected institutions' -> 'institutions'; 'the figures on ships
    waiting' -> 'ships'."""
    if tok.lemma_.lower() in _TALLY:
        of = next((c for c in tok.children if c.lower_ in ("of", "on", "for")), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if obj is not None and obj.pos_ == "NOUN":
            return obj
    return tok


def _said(number: Token, qt: QuantityTables) -> bool:
    """A figure that is what a speech verb says ('says 14,200', 'says at most 400,000')."""
    tok = number
    for _ in range(3):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in qt.speech:
            return True
        if tok.pos_ in ("VERB", "AUX", "NOUN", "PROPN"):
            return False
    return False


def _refers_back(number: Token, measure: Token | None) -> bool:
    """'MINUSCA put the figure at 5,200', 'he put it at fewer than 500': the figure counts
    what the text counted just before."""
    if measure is not None:
        # 'the death toll' or 'the toll' says what it counts; 'the (real) figure' does not
        lemma = measure.lemma_.lower()
        return (
            lemma in _TALLY
            and lemma != "toll"
            and not any(c.dep_ == "compound" for c in measure.children)
        )
    head = number.head
    while head.dep_ in ("quantmod", "nummod", "conj") and head.head.i != head.i:
        head = head.head  # 'at between 200 and 250'
    if number.dep_ != "pobj" and head.dep_ != "pobj":
        return False
    prep = head if head.lower_ in ("at", "to") else head.head
    if prep.lower_ not in ("at", "to"):
        return False
    return any(c.dep_ == "dobj" and c.lower_ == "it" for c in prep.head.children)


def _change_verbs(knowledge: Knowledge) -> frozenset[str]:
    """Verbs of a figure that changes: 'rose to five', 'went from 23 to 31', 'rose by 37
    percent', 'topped 65 percent' (`change_verbs` in data/claims.json)."""
    return knowledge.derived(
        "change_verbs", lambda: frozenset(knowledge.claims.get("change_verbs", ()))
    )


def _tally_above(verb: Token) -> Token | None:
    """A change verb whose subject the parse lost ('The death toll from the fire that has
    burned since Sunday rose to five', read as a clause of 'burned'): the tally noun
    ('toll', 'number') it hangs under."""
    for tok in verb.ancestors:
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in _TALLY:
            return tok
    return None


def _measure(
    number: Token,
    noun: Token | None,
    lead: Token | None = None,
    shares: frozenset[str] = frozenset(),
    change: frozenset[str] = frozenset(),
) -> Token | None:
    """The noun a figure measures where the figure is not a count of things: 'a minimum
    monthly wage of NGN 120,000', 'the average is 96,500 naira', 'put the cost at NGN
    2.5 billion', 'the number of victims has risen to three'."""
    amount = noun if noun is not None and noun.i > number.i else number
    if lead is not None and amount.head.i == lead.i and lead.i < amount.i:
        amount = lead  # 'a wage of NGN 120,000': the figure hangs on its currency code
    while amount.dep_ == "conj" and amount.head.like_num and amount.head.i < amount.i:
        amount = amount.head  # 'between 200 and 250': the range hangs on its first number
    while amount.dep_ in ("nummod", "quantmod", "compound") and amount.head.i > amount.i:
        amount = amount.head
    head = amount.head
    if amount.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        if head.head.lower_ in shares or head.head.like_num:
            return None  # 'half of the NGN 120,000': a part of the sum, not what it measures
        return _of_what(head.head)
    # 'rose from 3 to 29': the figure a change starts from measures what the change's
    # subject counts
    changing = head.lower_ in ("from", "by") and head.head.lemma_.lower() in change
    # 'favourability topped 65 percent': the figure a change reaches measures its subject
    reached = amount.dep_ == "dobj" and head.lemma_.lower() in change
    if reached:
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ == "NOUN":
            return _of_what(subj)
    if amount.dep_ == "pobj" and (head.lower_ in ("at", "to") or changing):
        verb = head.head
        if verb.lower_ in ("from", "by"):
            verb = verb.head  # 'rose from 3 to 29', 'to' read as part of 'from'
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None and verb.lemma_.lower() in change:
            obj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if obj is None and verb.dep_ == "acl":
                obj = verb.head  # 'pixel density going from 220 to 226'
            if obj is None:
                obj = _tally_above(verb)
        if obj is not None and obj.pos_ == "NOUN":
            return _of_what(obj)
    if amount.dep_ == "attr" and head.lemma_.lower() == "be":
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ == "NOUN":
            return _of_what(subj)
    return None


def _amount_of(number: Token) -> Token:
    """The token an amount's figure heads: '1.5' -> 'percent', '2' -> 'million'."""
    amount = number
    while amount.dep_ in ("nummod", "quantmod", "compound") and amount.head.i > amount.i:
        amount = amount.head
    return amount


def _subject_of(verb: Token) -> Token | None:
    return next(
        (
            c
            for c in verb.children
            if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")
        ),
        None,
    )


def _amount_what(number: Token, qt: QuantityTables) -> str | None:
    """What an amount (money, a percentage, a rate) measures, read from the parse where
    the amount counts no noun of its own (`amounts` in data/claims.json):
    'jewellery worth $2m' and '$2m worth of jewellery' -> 'jewellery value'; 'the phone is
    priced at $300' -> 'phone price'; 'the project cost $5m' -> 'project cost'; 'the
    dollar bought 103 yen' -> 'dollar rate'; 'the Nikkei fell 1.5 percent' -> 'change in
    nikkei'; 'gold prices climbed above $1,300' -> 'gold price'; 'the CPM is 30% lower'
    -> 'cpm lower'. None where the parse names nothing."""
    data = qt.claims.get("amounts", {})
    change = _change_verbs(qt.knowledge)
    amount = _amount_of(number)
    head = amount.head
    if amount.lower_ == "worth":  # '$2 million worth of jewellery'
        of = next((c for c in amount.children if c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        return f"{_modified(obj)} value" if obj is not None and obj.pos_ == "NOUN" else None
    if head.lower_ == "worth" and head.head.pos_ in ("NOUN", "PROPN") and head.head.i < head.i:
        return f"{_modified(head.head)} value"  # 'jewellery worth $2 million'
    prices = data.get("price_verbs", {})
    if amount.dep_ == "pobj" and head.pos_ == "ADP":
        verb = head.head
        lemma = verb.lemma_.lower()
        if head.lower_ in ("at", "for") and lemma in prices and verb.pos_ == "VERB":
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            obj = obj if obj is not None and obj.pos_ in ("NOUN", "PROPN") else _subject_of(verb)
            if obj is None and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
                obj = verb.head  # 'a mill sold for $900,000'

            return f"{_modified(obj)} {prices[lemma]}" if obj is not None else None
        if lemma in change and verb.pos_ == "VERB":
            subj = _subject_of(verb)
            if subj is None or subj.lemma_.lower() in _TALLY:
                return None
            if head.lower_ == "by":  # 'rose by 6 cents': the change
                return f"change in {_modified(subj)}"
            if head.lower_ in data.get("level_prepositions", ()):
                return _modified(subj)  # 'climbed above $1,300', 'fell to 90 pence'
        return None
    if amount.dep_ in ("dobj", "npadvmod") and head.pos_ == "VERB":
        lemma = head.lemma_.lower()
        subj = _subject_of(head)
        if subj is None or subj.lemma_.lower() in _TALLY:
            return None
        if amount.dep_ == "dobj" and lemma in prices and prices[lemma] == "cost":
            return f"{_modified(subj)} cost"  # 'the project cost $5m'
        currencies = qt.currency
        if lemma in data.get("rate_verbs", ()) and subj.lower_ in currencies:
            return f"{_modified(subj)} rate"  # 'the dollar bought 103.20 yen'
        if lemma in change and lemma not in data.get("level_verbs", ()):
            return f"change in {_modified(subj)}"  # 'the Nikkei fell 1.5 percent'
        if lemma in data.get("level_verbs", ()):
            return _modified(subj)  # 'turnout hit 15 percent': the level it reached
        return None
    if amount.dep_ == "npadvmod" and head.tag_ in ("JJR", "RBR") and head.dep_ == "acomp":
        subj = _subject_of(head.head)  # 'the effective CPM is 30% lower'
        return f"{_modified(subj)} {head.lower_}" if subj is not None else None
    return None


def _share_what(number: Token, noun: Token | None, phrase: str, qt: QuantityTables) -> str | None:
    """What a percentage of a whole measures where a clause says whose share it is:
    'women account for 19 percent of Congress' -> 'women share of Congress' (`share_verbs`
    in data/claims.json); '43 percent of likely voters back the plan' -> 'share of likely
    voters who back plan'. None where the parse says neither."""
    amount = _amount_of(number)
    nxt = amount.doc[amount.i + 1] if amount.i + 1 < len(amount.doc) else None
    if nxt is None or nxt.lower_ != "of":
        return None  # only 'N percent of X': a share of a named whole
    head = amount.head
    verb = head.head if amount.dep_ == "pobj" and head.pos_ == "ADP" else head
    verbs = qt.claims.get("share_verbs", ())
    if amount.dep_ in ("pobj", "dobj", "attr") and verb.lemma_.lower() in verbs:
        subj = _subject_of(verb)
        if subj is not None:
            return f"{_worded(subj)} share of {phrase}"
    if amount.dep_ == "nsubj" and verb.pos_ == "VERB":
        # '43 percent of likely voters back Smith': the share that does what the verb says
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr")), None)
        if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
            return None  # '62 percent of the forest burned': the whole names the share
        rel = "that" if noun is None or noun.tag_ not in ("NNS", "NNPS") else "who"
        return f"share of {phrase} {rel} {verb.lemma_.lower()} {_worded(obj)}"
    return None


_PCT = r"\d[\d.,]*\s*(?:%|percent\b|per\s+cent\b)"
_FIRST_OF_PAIR = re.compile(rf"^\s*to\s+{_PCT}", re.IGNORECASE)
_SECOND_OF_PAIR = re.compile(rf"{_PCT}\s+to\s+$", re.IGNORECASE)


def _poll_what(number: Token, start: int, end: int, qt: QuantityTables) -> str | None:
    """'a poll showed Smith leading Jones 48 percent to 44 percent among likely voters':
    the first share is the leader's, the second the other's ('Smith share among likely
    voters'; `lead_verbs` in data/claims.json). None where a side is not named."""
    text = doc_text(number.doc)
    first = _FIRST_OF_PAIR.match(text[end : end + 30]) is not None
    second = _SECOND_OF_PAIR.search(text[max(0, start - 30) : start]) is not None
    sent = number.sent
    if first == second:
        return _polled_at(number, qt)
    verb = _lead_before(number, qt)
    if verb is None:
        return None
    # the names written right before and right after the verb (the parse of such a line
    # varies: 'Trump' may hang on 'percent')
    doc, name = number.doc, []
    step = -1 if first else 1
    i = verb.i + step
    while 0 <= i < number.i and doc[i].pos_ == "PROPN":
        name.append(doc[i])
        i += step
    if not name:
        return None
    return f"{' '.join(t.text for t in sorted(name, key=lambda t: t.i))} share{_among(sent)}"


def _among(tokens) -> str:
    """' among older voters' where the tokens give the group a share is of, else ''."""
    among = next((t for t in tokens if t.lower_ == "among"), None)
    group = next((c for c in among.children if c.dep_ == "pobj"), None) if among else None
    named = group is not None and group.pos_ in ("NOUN", "PROPN")
    return f" among {_worded(group)}" if named else ""


def _polled_at(number: Token, qt: QuantityTables) -> str | None:
    """'Marsh is polling at 38 percent among women', 'Quill scored 9 percent': a named
    candidate's share (`poll_verbs` in data/claims.json)."""
    amount = _amount_of(number)
    verb = amount.head.head if amount.dep_ == "pobj" and amount.head.lower_ == "at" else amount.head
    if verb.lemma_.lower() not in qt.claims.get("poll_verbs", ()) or verb.pos_ not in (
        "VERB",
        "NOUN",
    ):
        return None  # 'polling' may be tagged a noun
    subj = _subject_of(verb)
    if subj is None and verb.dep_ in ("advcl", "xcomp", "conj"):
        subj = _subject_of(verb.head)  # 'Marsh is struggling here, polling at 38 percent'
    if subj is None or subj.pos_ != "PROPN":
        return None
    name = [c for c in subj.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    words = " ".join(t.text for t in sorted([*name, subj], key=lambda t: t.i))
    return f"{words} share{_among(list(verb.subtree))}"


def _weighed(number: Token, qt: QuantityTables) -> bool:
    """A figure whose clause weighs something (`weight_verbs`): its pounds are a weight."""
    verbs = set(qt.nums.get("weight_verbs", ()))
    return any(t.lemma_.lower() in verbs for t in number.sent)


def _after_aside(doc: Doc, end: int) -> str | None:
    """'a €2 million ($2.6 million) booty': the noun after an amount's converted twin in
    brackets is what the amount (and the twin, before its closing bracket) measures."""
    text = doc_text(doc)
    am = re.match(r"\s*\([^()\n]{1,40}\)\s*|\)\s*", text[end : end + 60])
    if am is None or (am[0].strip() != ")" and not re.search(r"\d", am[0])):
        return None  # an aside with no figure is no converted twin
    span = doc.char_span(end + am.end(), end + am.end() + 1, alignment_mode="expand")
    tok = span[0] if span is not None and len(span) else None
    if tok is None or tok.pos_ != "NOUN":
        return None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return None if nxt is not None and nxt.pos_ == "NOUN" else tok.text


def _off(number: Token) -> str | None:
    """'$10 off the console': a discount; 'discount on console' where the parse names
    what it comes off."""
    amount = _amount_of(number)
    off = next((c for c in amount.children if c.lower_ == "off"), None)
    if off is None:
        nxt = amount.doc[amount.i + 1] if amount.i + 1 < len(amount.doc) else None
        off = nxt if nxt is not None and nxt.lower_ == "off" else None
    if off is None:
        return None
    obj = next((c for c in off.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None)
    return f"discount on {_modified(obj)}" if obj is not None else "discount"


def _who_phrase(number: Token) -> str | None:
    """'including three who allege ...' -> 'women who allege' where the set is named
    ('women ..., including three'), else 'people who allege': a bare figure qualified by
    a 'who' clause counts people."""
    rel = next((c for c in number.children if c.dep_ == "relcl" and c.pos_ == "VERB"), None)
    if rel is None or not any(c.lower_ == "who" and c.dep_ == "nsubj" for c in rel.children):
        return None
    head = number.head
    named = None
    if number.dep_ == "pobj" and head.lower_ in ("including", "among"):
        named = head.head  # 'women …, including three'
        if named.pos_ in ("VERB", "AUX"):  # 'five guests were questioned, including two'
            named = next(
                (c for c in named.children if c.dep_ in ("dobj", "nsubjpass") and c.tag_ == "NNS"),
                None,
            )
        elif named.tag_ != "NNS":
            named = None
    return f"{named.lower_ if named is not None else 'people'} who {rel.lemma_.lower()}"


def _label_what(before: str, share: bool, qt: QuantityTables) -> str | None:
    """What an amount in a labelled line of figures measures ('Euro/dollar: UP at
    $1.1104', 'London – FTSE 100: DOWN 1.0 percent at 6,845.42'; `labelled_line` in
    data/claims.json): the label, a pair of currencies being a rate, and a percentage or
    an amount right after UP or DOWN being its change. `before` is the line up to the
    amount, which must give UP, DOWN, at or from before it."""
    pattern = qt.claims.get("amounts", {}).get("labelled_line")
    lm = re.match(pattern, before) if pattern else None
    if lm is None:
        return None
    label = lm["label"].strip()
    if not lm["rest"].strip():
        return None  # 'Police: 5 were hurt', 'Deal of the day: 35% off': no market line
    pair = [w.strip().lower() for w in label.split("/")]
    if len(pair) == 2 and all(w in qt.currency for w in pair):
        return f"{label.lower()} rate"
    rest = lm["rest"].strip().lower()
    if rest in ("up", "down") or (share and rest.startswith(("up ", "down "))):
        return f"change in {label}"
    return label


def _lead_what(number: Token, before: str, qt: QuantityTables) -> str | None:
    """'Marsh up by 4 points', 'Jones is ahead by 1': a race's lead, named for the one who
    leads (a capitalised name right before a `lead_words` word and 'by')."""
    words = alternation(qt.claims.get("lead_words", ())) or "(?!)"
    m = re.search(
        rf"(?-i:\b([A-Z][\w'’.-]+))\s+(?:(?:is|was|are|were|now)\s+)?(?i:{words})\s+by\s+$",
        before,
    )
    if m is None:
        return None
    at = number.sent.start_char + m.start(1)
    name = next((t for t in number.sent if t.idx == at), None)
    if name is None or name.pos_ != "PROPN" or name.dep_ == "pobj":
        return None  # 'Sales were up by 5 percent', 'shares in Acme were up': no race
    if name.ent_type_ not in ("PERSON", "NORP", ""):
        return None  # a firm or a place up by a figure: a change
    return f"{m[1]} lead"


def _part_of_set(
    text: str, end: int, earlier: list[Quantity], qt: QuantityTables
) -> tuple[str, str | None] | None:
    """'At least four of the lobbyists … Two of the four also raised funds': a part of a
    bare set ('of the four') counts what the paragraph's figure of that size counts."""
    m = re.match(r"\s+of\s+(?:the|these|those)\s+([\w,]+)(?![\w-])", text[end : end + 40])
    if m is None:
        return None
    size = parse_number(m[1], qt.nums)
    if size is None:
        return None
    para = text.rfind("\n\n", 0, end) + 1
    for prev in reversed(earlier):
        if prev.start < para:
            break  # the set is counted in the same paragraph
        if prev.value == size and prev.what_head is not None and prev.unit is None:
            what = prev.what or ""
            if prev.predicate:
                what = what.replace(prev.predicate, "").strip()
            return (what, prev.kind) if what else None
    return None


def _only_unit(phrase: str, qt: QuantityTables) -> bool:
    """A counted phrase that is only a measure's or a share's word ('GW', 'percent')."""
    return phrase.lower() in qt.measures


def _unit_word(phrase: str, qt: QuantityTables) -> bool:
    """A counted phrase that is only a unit's word: a measure ('gigawatts'), a currency
    ('yen') or a subunit of one ('cents', 'pence', 'points'; `unit_words`)."""
    low = phrase.lower()
    return low in qt.measures or low in qt.currency or low in qt.nums.get("unit_words", ())


def _of_phrase(noun: Token | None, qt: QuantityTables) -> str | None:
    """'GW of cell capacity' -> 'cell capacity': what a measure word measures."""
    if noun is None:
        return None
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
        return None
    return _phrase(list(noun.doc[of.i + 1 : obj.i + 1]), qt) or None


def _money_phrase(doc: Doc, end: int, qt: QuantityTables) -> str | None:
    """'$12.7 million in undisclosed payments' -> 'undisclosed payments'."""
    rest = doc.char_span(end, min(len(doc_text(doc)), end + 60), alignment_mode="expand")
    if rest is None or len(rest) < 2 or rest[0].lower_ != "in":
        return None
    obj = next((c for c in rest[0].children if c.dep_ == "pobj"), None)
    if obj is None or obj.pos_ != "NOUN":
        return None
    return _phrase(list(doc[rest[0].i + 1 : obj.i + 1]), qt) or None


def _money_predicate(number: Token, qt: QuantityTables) -> str | None:
    """A money figure's predicate from the clause before it ('Our demands remain: a minimum
    wage of NGN 120,000'), where its own parse gives none."""
    governing, tok = set(), number
    while tok.head.i != tok.i and tok.dep_ != "conj":
        tok = tok.head  # the clauses the figure is in (not a clause joined to another)
        governing.add(tok.i)
    for tok in reversed(list(number.sent)[: number.i - number.sent.start]):
        if tok.text in (";", ".") and tok.i < number.i - 1:
            break
        pred = qt.claims.get("predicates", {}).get(tok.lemma_.lower())
        if pred not in qt.claims.get("money_predicates", []):
            continue
        if tok.dep_ == "compound" or (tok.i > 0 and tok.nbor(-1).text == "-"):
            continue  # 'a hedge-fund manager': a name's part says nothing of the money
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if tok.pos_ == "VERB" and tok.i not in governing and obj is not None:
            # 'Kerry lost the race and ended with $14 million unspent': a verb with an
            # object of its own says nothing of the money
            continue
        return pred
    return None


def _money_verb(number: Token, noun: Token | None, qt: QuantityTables) -> str | None:
    """The predicate of a verb that says it only of money ('a casual makes 30,000 naira':
    earned; `money_verbs`), where the amount is the verb's object."""
    verbs = qt.claims.get("money_verbs", {})
    if noun is not None and noun.lower_ not in qt.currency:
        noun = None  # 'made a $140-million bid': the object is the bid, not the money
    for tok in (noun, number):
        if tok is not None and tok.dep_ == "dobj" and tok.head.pos_ in ("VERB", "AUX"):
            return verbs.get(tok.head.lemma_.lower())
    return None


def _head_lemma(noun: Token) -> str:
    """The counted noun's lemma; a hyphenated compound is one word ('pick-ups' ->
    'pick-up', not 'up'; 'water-bombers' -> 'water-bomber')."""
    doc, i = noun.doc, noun.i
    lemma = noun.lemma_.lower()
    if (
        i >= 2
        and doc[i - 1].text in ("-", "‑")
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
        and doc[i - 2].is_alpha
    ):
        return f"{doc[i - 2].lower_}-{lemma}"
    return lemma


def _kind(noun: Token | None, qt: QuantityTables) -> str | None:
    if noun is None:
        return None
    lemma, low = _head_lemma(noun), noun.lower_
    if lemma in _TALLY:
        return None  # 'the figure', 'the toll': what it counts is said elsewhere
    kind = qt.kinds.get(lemma) or qt.kinds.get(low) or lemma
    if kind in qt.generic or kind in qt.claims.get("toll_kinds", ()):
        # 'civilian deaths', 'civilian casualties': the modifier names whose deaths
        for mod in noun.children:
            if mod.dep_ in ("amod", "compound") and mod.i < noun.i:
                named = qt.kinds.get(mod.lemma_.lower()) or qt.kinds.get(mod.lower_)
                if named in qt.people:
                    return named
    return kind


def _what(phrase: str | None, predicate: str | None, per: str | None) -> str | None:
    """'soldiers' + 'killed' -> 'soldiers killed'; 'naira' + per 'month' -> 'naira per month'."""
    parts = [phrase] if phrase else []
    if predicate and predicate not in (phrase or ""):
        parts.append(predicate)
    if per:
        parts.append(f"per {per}")
    return " ".join(parts) or None


def _unit_before(
    q: Quantity, earlier: list[Quantity], paragraph: int, qt: QuantityTables
) -> Quantity:
    """A figure whose `what` is only its unit ('19.36 pesos') measures what the nearest
    figure before it in its paragraph, in the same unit, names ('the dollar bought 19.29
    pesos' -> 'dollar rate'); unchanged where there is none."""
    for prev in reversed(earlier[-6:]):
        if prev.start < paragraph:
            break
        if prev.unit != q.unit or not prev.what or _unit_word(prev.what.split(" per ")[0], qt):
            continue
        return q.model_copy(
            update={"what": prev.what, "kind": prev.kind, "what_head": prev.what_head}
        )
    return q


def _inherit(
    q: Quantity, earlier: list[Quantity], measures: Sequence[str] = (), back: int | None = None
) -> Quantity:
    """A figure with no counted noun ('fewer than 500', 'put the figure at 5,200') counts
    what the nearest figure before it in the same sentence counts, given the same unit:
    the text sets one figure against another. A bare figure that a source says after a
    measure takes its unit ('12,900 hectares; Civil Protection says 14,200'); pass
    `measures` only for such a figure. A figure that refers back ('put the figure at
    5,200') may take what an earlier sentence of its paragraph counts: `back` is where
    the paragraph starts."""
    for prev in reversed(earlier[-4:]):
        in_paragraph = back is not None and prev.start >= back
        if prev.sentence_start != q.sentence_start and not in_paragraph:
            break
        if any(o is not prev and o.start <= prev.start and prev.end <= o.end for o in earlier):
            continue  # '12,000' in 'some 9,000 of the 12,000 people': the part counts
        measured = q.unit is None and prev.unit in measures
        # a toll that names nothing ('Five dead') still gives its predicate to a later
        # figure that refers back to it ('Six, says the mayor')
        told = back is not None and prev.predicate is not None and prev.unit == q.unit
        if (prev.what_head is None and not told) or prev.value == q.value:
            continue
        if prev.unit != q.unit and not measured:
            continue
        if measured:
            q = q.model_copy(update={"unit": prev.unit})
        what = prev.what
        if what and q.predicate and prev.predicate and q.predicate != prev.predicate:
            what = what.replace(prev.predicate, q.predicate)  # 'four killed and seven wounded'
        return q.model_copy(
            update={
                "what_head": prev.what_head,
                "kind": prev.kind,
                "what": what,
                "predicate": q.predicate or prev.predicate,
                "per": q.per or prev.per,
            }
        )
    return q


def find_quantities(
    doc: Doc,
    mentions: list[LocalMention],
    quotes: list[LocalQuote],
    knowledge: Knowledge,
    rejected: list[RejectedNumber] | None = None,
    refs: References | None = None,
) -> list[Quantity]:
    """Numeric claims in a parsed document, in text order; the numbers that are not claims
    go to `rejected` with their reason. The words and rules come from `knowledge`."""
    qt = quantity_tables(knowledge)
    refs = refs if refs is not None else References(doc, mentions, knowledge)
    text = doc_text(doc)
    starts = _token_index(doc)
    times = [
        (c.start, c.end) for c in match_times(text, time_rules(qt.knowledge)) if c.kind != "set"
    ]
    found = list(qt.number_rx.finditer(text))
    items = _list_items(text, qt)
    headline = _headline_end(text)
    # the words of a share ('half', 'thirds'): 'half of the NGN 120,000' measures no half
    shares = frozenset(re.split(r"[\s-]", f)[-1] for f in qt.nums.get("fractions", {}))
    out: list[Quantity] = []
    skip_until = -1

    def reject(start: int, end: int, reason: str) -> None:
        if rejected is not None:
            rejected.append(
                RejectedNumber(start=start, end=end, text=text[start:end], reason=reason)
            )

    for k, m in enumerate(found):
        if m.start() < skip_until:
            continue
        span = _tokens(doc, starts, m.start(), m.end())
        if len(span) == 0:
            continue
        reason = _excluded(m, doc, span, text, times, starts, qt)
        if m.start() in items:
            reason = "item number of a numbered list"
        if m.start() < headline:
            reason = "headline (the body gives its figures)"
        if reason is not None:
            pair = _SCORE_PAIR.match(text[m.end() :]) if "score" in reason else None
            reject(m.start(), m.end() + (pair.end() if pair else 0), reason)
            if pair:
                skip_until = m.end() + pair.end()  # '54 - 46': the score's other half
            continue
        value, approx = _value(m, qt)
        if value is None:
            reject(m.start(), m.end(), "no value")
            continue
        end = m.end()
        value_high = None
        hedge, words, start = _hedge(text, m.start(), end, qt)
        doubled = _DOUBLED.match(text[end:])
        if doubled and parse_number(doubled[1], qt.nums) == value:
            end += doubled.end()  # 'twenty-three (23)': one figure written twice
            skip_until = end
            span = _tokens(doc, starts, m.start(), end)
        # ranges: 'between 10 and 20', '10-20', '10 to 20'
        nxt = found[k + 1] if k + 1 < len(found) else None
        gap = text[end : nxt.start()] if nxt else ""
        if nxt and _RANGE_RX.fullmatch(gap + " ") and len(gap) <= 5:
            joiner = gap.strip().lower()
            high, _ = _value(nxt, qt)
            word_before = text[max(0, start - 9) : start].lower()
            if (m["pct"] and nxt["cur"]) or (m["cur"] and nxt["pct"]):
                high = None  # 'rose 4 percent to $12.50': a change and a level, no range
            if m["pct"] and nxt["pct"] and joiner == "to" and _lead_before(span[0], qt):
                high = None  # 'Smith leads Jones 48% to 44%': two shares, no range
            if high is not None and high <= value and joiner in ("-", "–") and " " in gap:
                # '54 - 46', '15 - 2 run': a falling pair is a score or record, never a range
                reject(m.start(), nxt.end(), "score or record")
                skip_until = nxt.end()
                continue
            if (
                high is not None
                and high > value
                and (joiner != "and" or "between" in word_before)
                and "from" not in word_before
            ):
                range_reason = text_reason(text, nxt.start(), nxt.end(), qt.knowledge)
                if range_reason is not None:
                    reject(m.start(), nxt.end(), range_reason)  # 'between 24 and 26 October'
                    skip_until = nxt.end()
                    continue
                value_high, approx, hedge, words = high, "range", None, words
                if "between" in word_before:
                    start = start - (len(word_before) - word_before.rfind("between"))
                end = nxt.end()
                skip_until = end
                span = _tokens(doc, starts, m.start(), end)
        if m["high"]:
            high = parse_number(m["high"], qt.nums)
            if high is None or high <= value or len(re.sub(r"\D", "", m["num"])) >= 7:
                reject(m.start(), m.end(), "score, record, phone or reference number")
                continue  # '555-1234' is a phone number, not a range
            value_high, approx = high, "range"
        if hedge is not None and approx != "range":
            approx = hedge
        # '$175million': the figure glued to its scale is one token, and the number
        number = span[-1] if _numeric(span[-1]) or len(span) == 1 else span[0]
        noun, phrase = _counted(span, qt)
        reason = parse_reason(span, noun, qt.knowledge)
        if reason is not None:
            reject(m.start(), end, reason)
            continue
        sent = number.sent
        claimant_text, cluster = _claimant(number, start, end, quotes, refs, qt, out)
        stop = end if noun is None else max(end, noun.idx + len(noun.text))
        period = qt.period.match(text[stop:])
        per = (
            qt.claims["periods"][re.sub(r"[\s,]+", " ", period[0]).strip().lower()]
            if period
            else None
        )
        predicate = _predicate(number, noun, qt) or _toll_after(span, noun, qt)
        unit = _unit(m, phrase, qt)
        weight = unit == "GBP" and not m["cur"] and _weighed(number, qt)
        if weight:
            unit = "pounds"  # 'he weighed about 120 pounds': a weight
        if phrase and unit is not None and unit not in qt.money and _only_unit(phrase, qt):
            # '3.7 GW of cell capacity' measures the capacity; a bare '41 percent' says
            # nothing of what it measures
            bare = phrase.lower() in ("%", "percent", "per cent")
            phrase = _of_phrase(noun, qt) or (None if bare else phrase)
        if phrase and unit in qt.money and phrase.lower() in qt.currency:
            # 'several million dollars of additional funding' measures the funding
            phrase = _of_phrase(noun, qt) or phrase
        kind = _kind(noun, qt)
        if weight:
            phrase = kind = "weight"
        parent = (
            qt.parent_of.search(text[max(0, start - 30) : start])
            if unit is None and noun is None
            else None
        )
        if parent is not None:
            # 'a mother of 12', 'a father-of-two': the description counts children
            phrase = kind = qt.claims["parent_nouns"][parent[1].lower()]
        share = _share_what(number, noun, phrase, qt) if unit == "%" and phrase else None
        if share is not None:
            phrase = share  # 'women account for 19 percent of Congress'
        amount_what = None
        unit_only = bool(phrase) and _unit_word(phrase, qt)
        if (unit is not None and not phrase) or unit_only:
            # '1.5 percent', '103.20 yen', '$300': an amount names what it measures
            # through its verb or noun ('the Nikkei fell', 'priced at')
            amount_what = _amount_what(number, qt) or _label_what(
                text[number.sent.start_char : start], bool(m["pct"]), qt
            )
            if amount_what is not None:
                phrase = amount_what
                kind = " ".join(w for w in phrase.split() if w not in qt.claims["periods"])
        if noun is None and not phrase and unit is None and amount_what is None:
            part = _part_of_set(text, end, out, qt)
            if part is not None:  # 'Two of the four also raised funds': four lobbyists
                phrase, kind = part
        if noun is None and not phrase and unit is None and amount_what is None:
            who = _who_phrase(number)  # 'three who allege': people who allege
            if who is not None:
                phrase, kind = who, "person"
        if amount_what is None and noun is None and not phrase and unit is None:
            # 'FTSE 100: DOWN 1.0 percent at 6,845.42': an index level in a labelled line
            label = _label_what(text[number.sent.start_char : start], False, qt)
            if label is not None:
                amount_what = phrase = kind = label
        if amount_what is None and (noun is None or unit_only) and unit in (None, "%"):
            lead_what = _lead_what(number, text[number.sent.start_char : start], qt)
            if lead_what is not None:  # 'polls show Marsh up by 4 points'
                amount_what = phrase = lead_what
                kind = "lead"
        # '15 percent' alone: what it measures is in its clause ('Turnout hit 15 percent')
        bare_share = unit == "%" and not phrase
        lead = span[0] if span[0].i < number.i and not span[0].like_num else None
        measure = _measure(number, noun, lead, shares, _change_verbs(qt.knowledge))
        if amount_what is not None or parent is not None:
            measure = None
        if measure is not None and measure.lower_ in qt.measures:
            measure = None  # '43 percent to 41 percent': a unit word measures nothing
        if measure is not None and kind in qt.generic and measure.head.lower_ != "of":
            measure = None  # 'a town of 30,000 people' counts people, not towns
        if measure is not None and (
            unit in qt.money or noun is None or kind in qt.generic or unit_only or bare_share
        ):
            # 'wage of NGN 120,000': what is measured, with its modifiers
            kind, phrase = _kind(measure, qt), _modified(measure)
            if phrase in qt.claims.get("vague_measures", ()):
                kind = phrase = None  # 'a level of 0.07 percent': a level of what?
            if unit in qt.money and kind is not None:
                # 'the minimum wage' and 'the average wage' are two sums: a sum's kind
                # keeps its modifiers, less its period ('monthly' is `per`)
                kind = " ".join(w for w in phrase.split() if w not in qt.claims["periods"])
            if predicate is None and measure.lemma_.lower() in qt.toll:
                predicate = qt.toll[measure.lemma_.lower()]  # 'the toll is six'
            if predicate is None and unit not in qt.money:
                # 'the figures on ships waiting': the measured noun's participle
                predicate = next(
                    (
                        qt.toll[c.lemma_.lower()]
                        for c in measure.children
                        if c.dep_ in ("acl", "amod") and c.lemma_.lower() in qt.toll
                    ),
                    None,
                )
            if unit in qt.money and measure.lemma_.lower() in qt.toll:
                predicate = predicate or qt.toll[measure.lemma_.lower()]
            per = per or qt.claims["periods"].get(
                next((c.lower_ for c in measure.children if c.lower_ in qt.claims["periods"]), "")
            )
        if unit in qt.money and predicate is None:
            predicate = _money_verb(number, noun, qt) or _money_predicate(number, qt)
        if unit in qt.money and not phrase:
            phrase = _money_phrase(doc, stop, qt) or _after_aside(doc, stop) or _off(number)
            # '$150 million in the bank': the place names the money held, not what it is
            phrase = qt.claims.get("money_places", {}).get((phrase or "").lower(), phrase)
            phrase = phrase or ("amount" if predicate else None)
        if unit not in qt.money:
            predicate = _person_toll(number, noun, kind in qt.people, qt) or predicate
        if predicate == "lost" and unit not in qt.money and kind in qt.people:
            predicate = "killed"  # 'lost four men'
        destroyed = qt.claims.get("lost_means_destroyed", ())
        if predicate == "lost" and unit is None and kind in destroyed:
            predicate = "destroyed"  # '37 houses lost'
        quantity = Quantity(
            start=start,
            end=stop,
            text=text[start:stop],
            value=value,
            value_high=value_high,
            approx=approx,  # type: ignore[arg-type]
            what=_what(phrase, predicate, per),
            what_head=_head_lemma(noun) if noun is not None else None,
            unit=unit,
            claimant_text=claimant_text,
            claimant_cluster=cluster,
            sentence_start=sent.start_char,
            sentence_end=sent.end_char,
            predicate=predicate,
            hedge=words,
            kind=kind,
            per=per,
        )
        # 'seven others': the others are of the kind the figure before counts
        anaphoric = noun is not None and noun.lemma_.lower() in _ANAPHORIC
        if unit_only and amount_what is None and quantity.what == phrase and _unit_word(phrase, qt):
            # '..., against 19.36 pesos in the US': a bare unit measures what the
            # paragraph's figure before it in that unit measures
            quantity = _unit_before(quantity, out, text.rfind("\n\n", 0, start) + 1, qt)
        poll = _poll_what(number, start, end, qt) if unit == "%" and not quantity.what else None
        label = qt.share_label.search(text[sent.start_char : start]) if unit == "%" else None
        if poll is None and label is not None and not quantity.what:
            # 'the largest proportion of black residents: 22 percent'
            poll = f"share of {label['whole'].lower()}"
        if poll is not None:
            quantity = quantity.model_copy(update={"what": poll, "kind": "share"})
        if kind is None or anaphoric:
            # 'Civil Protection says 14,200', 'The firm says 1.1 million': a bare figure a
            # source says answers the figure before it
            said = noun is None and _said(number, qt)
            back = said or _refers_back(number, measure)
            paragraph = text.rfind("\n\n", 0, start) + 1 if back else None
            units = [*qt.measures, *qt.nums.get("measure_units", {}).values()] if said else []
            quantity = _inherit(quantity, out, units, paragraph)
        if unit == "%" and quantity.what is None and _amount_of(number).head.lower_ != "by":
            # '43 percent to 41 percent', 'win 100 percent': a share of nothing named
            # ('rose by 25 percent' changes the figure the clause names)
            reject(start, stop, "a percentage that names nothing it measures")
            continue
        out.append(quantity)
    for zero in find_zero_and_lone_claims(doc, out, qt.knowledge):
        if zero.start < headline:
            reject(zero.start, zero.end, "headline (the body gives its figures)")
            continue
        claimant_text, cluster = _claimant(zero.anchor, zero.start, zero.end, quotes, refs, qt, out)
        out.append(
            Quantity(
                start=zero.start,
                end=zero.end,
                text=text[zero.start : zero.end],
                value=zero.value,
                what=_what(zero.phrase, zero.predicate, None),
                what_head=_head_lemma(zero.noun),
                claimant_text=claimant_text,
                claimant_cluster=cluster,
                sentence_start=zero.anchor.sent.start_char,
                sentence_end=zero.anchor.sent.end_char,
                predicate=zero.predicate,
                kind=_kind(zero.noun, qt),
            )
        )
    return sorted(out, key=lambda q: q.start)
