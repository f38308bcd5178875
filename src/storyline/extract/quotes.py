"""Quotes: direct quotations and reported speech, each tied to its speaker.

Direct quotations come from paired quotation marks (`quote_marks`), attributed by the
cue next to them ('…,” Townsend said', 'said Caillet', 'Townsend said, “…”', colon
introductions), by the cue verb governing a partial quote ('claiming to have “…”'), or
by the quote they continue (split quotes, follow-on paragraphs). Reported speech comes
from the dependency parse (`speech`). Pronoun speakers ('he said') are resolved to the
last compatible named speaker; speakers are linked to the entity mentions they head.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import partial

from spacy.tokens import Doc, Token

from storyline.extract.quote_marks import QuoteSpan, pair_quotes
from storyline.extract.quote_speakers import (
    Attribution,
    MentionIndex,
    attach_speaker,
    doc_text,
    inverted_subject,
    is_pronoun,
    speaker_span,
    subject_of,
    token_paragraphs,
)
from storyline.extract.references import References
from storyline.extract.speech import indirect_speech
from storyline.lexicon import Knowledge
from storyline.lexicon.cues import Cues
from storyline.models import LocalMention, LocalQuote

SENTENCE_END = frozenset({".", "!", "?"})
AFTER_WINDOW = 10  # tokens after a closing mark searched for 'X said'
APPOSITION_WINDOW = 12  # more tokens when a name's apposition comes first ('X, a …, said')
# A sentence end in narration between two quotations (the one right before the second
# quotation's mark is not seen): a sentence of its own, not the first one's tag.
NARRATION_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z])")
NEW_SENTENCE_TAG = 4  # after a quotation closed by '.', a cue only this close is its tag
BEFORE_WINDOW = 14  # tokens before an opening mark searched for 'X said:'
OUTSIDE_WORDS = 4  # a reported clause with this many words outside its quotation stands


def find_quotes(
    doc: Doc, mentions: list[LocalMention], knowledge: Knowledge, refs: References | None = None
) -> list[LocalQuote]:
    """Direct and indirect quotes of one document, in text order; speakers resolved
    through the document's reference resolver (built here unless given)."""
    cues = knowledge.cues
    refs = refs if refs is not None else References(doc, mentions, knowledge)
    spans = pair_quotes(doc_text(doc), cues.elisions)
    tok_of = _token_index(doc)
    inside: set[int] = set()  # tokens within a quotation, marks included
    for q in spans:
        inside.update(_tokens(doc, tok_of, q.open, q.outer_end))
    index = MentionIndex(mentions, cues.role_terms)
    paras = token_paragraphs(doc)
    pending: list[tuple[Attribution, Token]] = []
    direct = _direct_quotes(
        doc, spans, tok_of, inside, cues, pending, paras, knowledge.entity_words["titles"]
    )
    reported = []
    person_words = frozenset(
        w for m in mentions if m.type == "PERSON" for w in m.text.split() if w[:1].isupper()
    )
    found = indirect_speech(doc, cues, person_words)
    labelled = [att for att, _ in found if att.name_span is not None]
    if labelled:
        # 'PENCE: …' inside a transcript's quotation marks: the label's line, not a quote
        # with no speaker
        direct = [
            d
            for d in direct
            if not any(d.start <= a.name_span[0] < d.end for a in labelled)  # type: ignore[index]
        ]
        pending = [(a, s) for a, s in pending if any(a is d for d in direct)]
    contrasts = _contrasts(doc, tok_of, found, cues)
    for att, subject in found:
        if _covered(att, spans, doc_text(doc)) and att.name_span is None:
            continue  # the clause is itself a quotation: the direct quote stands
        if att.name_span is None and (
            subject.i in inside or (id(att) not in contrasts and _nested(att, subject, found))
        ):
            continue
        content = doc_text(doc)[att.start : att.end]
        if _crosses_bracket(content) or _headline(content):
            continue  # a fragment begun inside a parenthesis, or run-together headlines
        att.end = att.start + _before_open_bracket(content)
        att.end = _through_quotation(att, spans)
        reported.append(att)
        pending.append((att, subject))
    for att, subject in sorted(pending, key=lambda p: p[1].i):
        _resolve(att, doc, subject, index, inside, cues, pending, paras, refs)
    text = doc_text(doc)
    links = _link_lines(text, cues)
    out = []
    for att in sorted(direct + reported, key=lambda a: (a.start, a.kind)):
        if any(s <= att.start < e for s, e in links):
            continue  # 'Army says it retook the town -- Outlet': a link, not a statement
        src = att
        while src.inherit_from is not None and src.inherit_from is not src:
            src = src.inherit_from
        if src.speaker_start is None and att.kind == "indirect":
            continue
        out.append(
            LocalQuote(
                kind=att.kind,  # type: ignore[arg-type]
                start=att.start,
                end=att.end,
                text=text[att.start : att.end],
                cue=text[src.cue_start : src.cue_end] if src.cue_start is not None else None,
                cue_start=src.cue_start,
                cue_end=src.cue_end,
                speaker_start=src.speaker_start,
                speaker_end=src.speaker_end,
                speaker_text=src.speaker_text,
                speaker_cluster=src.speaker_cluster,
            )
        )
    return out


# ----------------------------------------------------------------------- helpers


def _token_index(doc: Doc) -> list[int]:
    """Character offset -> token index (the token starting at or before it)."""
    idx = [0] * (len(doc_text(doc)) + 1)
    for t in doc:
        for c in range(t.idx, t.idx + len(t.text_with_ws)):
            idx[c] = t.i
    idx[len(doc_text(doc))] = len(doc) - 1 if len(doc) else 0
    return idx


def _tokens(doc: Doc, tok_of: list[int], start: int, end: int) -> range:
    if not len(doc) or end <= start:
        return range(0)
    return range(tok_of[start], tok_of[max(start, end - 1)] + 1)


def _covered(att: Attribution, spans: list[QuoteSpan], text: str = "") -> bool:
    """True where most of a reported clause lies inside quotation marks, and what lies
    outside is only a few words ('said that “…”'); 'said he would advise Trump on the
    “…”' is reported speech with a partial quote in it."""
    size = att.end - att.start
    within = sum(max(0, min(att.end, q.end) - max(att.start, q.start)) for q in spans)
    if size <= 0 or within / size <= 0.5:
        return False
    if not text:
        return True
    outside = list(text[att.start : att.end])
    for q in spans:
        for k in range(max(att.start, q.open), min(att.end, q.outer_end)):
            outside[k - att.start] = " "
    return len(re.findall(r"[A-Za-z]+", "".join(outside))) < OUTSIDE_WORDS


def _link_lines(text: str, cues: Cues) -> list[tuple[int, int]]:
    """Character ranges of 'Headline -- Outlet' lines of a list of links."""
    out = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        for sep in cues.link_separators:
            head, found, outlet = line.rpartition(sep)
            if not found or not head.strip() or not outlet.strip():
                continue
            words = outlet.split()
            headline = head.rstrip().rstrip("”’\"'")
            if (
                len(words) <= cues.link_max_words
                and outlet.strip()[:1].isupper()
                and not outlet.rstrip().endswith((".", "!", "?", ":"))
                and not headline.endswith((".", "!", "?", ":"))
            ):
                out.append((start, start + len(line)))
            break
    return out


def _contrasts(
    doc: Doc, tok_of: list[int], found: list[tuple[Attribution, Token]], cues: Cues
) -> set[int]:
    """'MINUSCA said 12 had been killed, while the government maintains that none died':
    a statement in a contrasting clause inside another's content is a statement of its
    own; the other one ends before its mark. Returns the ids of such statements."""
    out: set[int] = set()
    for att, subject in found:
        if att.cue_start is None:
            continue
        cue = doc[tok_of[att.cue_start]]
        mark = next(
            (c for c in cue.children if c.dep_ == "mark" and c.lower_ in cues.contrast_marks),
            None,
        )
        if mark is None or not mark.i < subject.i < cue.i:
            continue
        for other, _ in found:
            if other is not att and other.start < mark.idx < other.end <= att.end:
                end = mark.idx
                while end > other.start and doc_text(doc)[end - 1] in " ,;":
                    end -= 1
                other.end = end
                out.add(id(att))
    return out


def _through_quotation(att: Attribution, spans: list[QuoteSpan]) -> int:
    """'he hopes the day sends a message that “communities are standing up.”': reported
    speech that ends inside a quotation it opened ends with it, closing mark included."""
    for q in spans:
        if q.start > att.start and q.start <= att.end < q.outer_end:
            return q.outer_end
    return att.end


def _crosses_bracket(text: str) -> bool:
    """'using SLS): as many as three …': content that closes a parenthesis it did not
    open is a fragment begun inside it."""
    depth = 0
    for c in text:
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return True
    return False


def _before_open_bracket(text: str) -> int:
    """The length of the content before a parenthesis it opens and never closes
    ('revenue that is flat ($13.5 billion'): the statement ends where the remark begins."""
    depth, opened = 0, None
    for k, c in enumerate(text):
        if c == "(":
            if depth == 0:
                opened = k
            depth += 1
        elif c == ")" and depth > 0:
            depth -= 1
    if depth == 0 or opened is None:
        return len(text)
    end = opened
    while end > 0 and (text[end - 1].isspace() or text[end - 1] in ",;:-–—"):
        end -= 1
    return end if end > 0 else len(text)


GLUED = re.compile(r"[a-z]{3}[A-Z][a-z]")


def _headline(text: str) -> bool:
    """'Will Join in Recount Effort Despite Finding No Voter FraudTrump': headlines of a
    page's link list run together (title case, one word glued to the next)."""
    words = [w for w in text.split() if w[:1].isalpha()]
    if len(words) < 5 or not GLUED.search(text):
        return False
    capitalised = sum(1 for w in words[1:] if w[:1].isupper())
    return capitalised >= 0.8 * (len(words) - 1)


def _nested(att: Attribution, subject: Token, found: list[tuple[Attribution, Token]]) -> bool:
    """'X said he supports Y': the inner statement is part of X's, not one of its own."""
    cue = att.cue_start if att.cue_start is not None else att.start
    return any(
        other is not att
        and other.start <= cue < other.end
        and other.start <= subject.idx < other.end
        for other, _ in found
    )


def _is_cue(token: Token, cues: Cues) -> bool:
    """A speech verb used as a verb: not a participle modifying a noun ('the so-called
    RPO', 'a much-quoted remark')."""
    return (
        token.pos_ in ("VERB", "AUX")
        and token.lemma_.lower() in cues.speech_verbs
        and token.dep_ not in ("amod", "compound")
    )


def _content_span(doc: Doc, q: QuoteSpan) -> tuple[int, int]:
    """Content without the marks and without a trailing comma or colon."""
    s, e = q.start, q.end
    while e > s and doc_text(doc)[e - 1] in ",;: \n":
        e -= 1
    return s, e


def _direct_quotes(
    doc: Doc,
    spans: list[QuoteSpan],
    tok_of: list[int],
    inside: set[int],
    cues: Cues,
    pending: list[tuple[Attribution, Token]],
    paras: list[int],
    titles: frozenset[str] = frozenset(),
) -> list[Attribution]:
    chains: dict[int, list[QuoteSpan]] = defaultdict(list)
    for q in spans:
        chains[q.chain].append(q)
    kept: list[Attribution] = []
    last_by_paragraph: dict[int, Attribution] = {}
    last_end: dict[int, int] = {}  # where the paragraph's last quotation closed
    for chain in sorted(chains.values(), key=lambda c: c[0].open):
        atts = [Attribution("direct", s, e) for s, e in map(partial(_content_span, doc), chain)]
        atts = [a for a in atts if a.end > a.start]
        if not atts:
            continue
        cue, subject, how = _attribute_chain(doc, chain, tok_of, inside, cues, paras)
        if how == "governed" and cue is not None and any(c.dep_ == "neg" for c in cue.children):
            cue = subject = how = None  # 'X has not said the case is “reopened”': not X's words
        words = _word_count(doc, tok_of, chain)
        if (
            how == "governed"
            and cue is not None
            and words <= cues.scare_max_words
            and cue.lemma_.lower() in cues.weak_verbs
            and not _has_verb(doc, tok_of, chain)
        ):
            continue  # 'a study found that … gave an edge to the “leave” camp': a finding
        if how == "sentence" and words <= cues.scare_max_words:
            continue  # a short phrase with a cue somewhere in the sentence: scare quote
        if (
            how == "governed"
            and cue is not None
            and cue.lemma_.lower() in cues.naming_verbs
            and words <= cues.scare_max_words
            and not _has_verb(doc, tok_of, chain)
        ):
            continue  # 'the group calls these units “mobile teams”': a term, not a statement
        # A short fragment a speech or judgement verb governs ('denounced the «cowardly»
        # attack', 'rejected as «pure propaganda»') is the speaker's own words and stays.
        if (how != "adjacent" and _is_term(doc, chain[0], cues)) or _titled_work(
            doc, chain[0], cues, tok_of
        ):
            continue  # a title or a defined term; a work's title, however it is placed
        head = atts[0]
        for att in atts[1:]:
            att.inherit_from = head
        if cue is not None and subject is not None:
            head.cue_start, head.cue_end = cue.idx, cue.idx + len(cue.text)
            pending.append((head, subject))
        else:
            # Unattributed: a follow-on of the previous quote, a long statement, or not
            # a quotation at all.
            prior = _previous_speaker(chain[0], last_by_paragraph, doc, last_end, titles)
            if prior is not None and words > cues.scare_max_words:
                head.inherit_from = prior
            elif _after_narration(chain[0], doc, last_end, titles) and words > cues.scare_max_words:
                pass  # a quotation still, but whose is not certain: kept with no speaker
            elif not _long_statement(doc, tok_of, chain, cues):
                continue
        kept.extend(atts)
        if words <= cues.scare_max_words:
            continue  # a quoted fragment is no turn of speech for a later quote to continue
        for q in chain:
            last_by_paragraph[q.paragraph] = head
            last_end[q.paragraph] = q.close + 1 if q.close is not None else q.end
    return kept


def _previous_speaker(
    q: QuoteSpan,
    last_by_paragraph: dict[int, Attribution],
    doc: Doc,
    last_end: dict[int, int] | None = None,
    titles: frozenset[str] = frozenset(),
) -> Attribution | None:
    """An unattributed quotation continues the previous speaker when it follows a quote
    in the same paragraph (a split quote) or makes up a paragraph of its own right
    after a paragraph with a quote."""
    if q.paragraph in last_by_paragraph:
        if _after_narration(q, doc, last_end, titles):
            return None  # narration of its own between them: '… responded. He then …. “…”'
        return last_by_paragraph[q.paragraph]
    if _opens_paragraph(doc, q):
        return last_by_paragraph.get(q.paragraph - 1)
    return None


def _after_narration(
    q: QuoteSpan, doc: Doc, last_end: dict[int, int] | None, titles: frozenset[str] = frozenset()
) -> bool:
    """A sentence of narration between the paragraph's last quotation and this one. The
    dot after a title ('Lt. Col. Ana Obi, a spokeswoman, said') ends no sentence."""
    end = (last_end or {}).get(q.paragraph)
    if end is None:
        return False
    text = doc_text(doc)
    for m in NARRATION_END.finditer(text, end, q.open):
        word = re.search(r"(\w+)$", text[end : m.start()])
        if word is None or word.group(1).lower() not in titles:
            return True
    return False


def _opens_paragraph(doc: Doc, q: QuoteSpan) -> bool:
    i = q.open - 1
    while i >= 0 and doc_text(doc)[i] in " \t\u00a0":
        i -= 1
    return i < 0 or doc_text(doc)[i] == "\n"


def _word_count(doc: Doc, tok_of: list[int], chain: list[QuoteSpan]) -> int:
    return sum(1 for q in chain for i in _tokens(doc, tok_of, q.start, q.end) if doc[i].is_alpha)


def _has_verb(doc: Doc, tok_of: list[int], chain: list[QuoteSpan]) -> bool:
    toks = (doc[i] for q in chain for i in _tokens(doc, tok_of, q.start, q.end))
    return any(t.pos_ in ("VERB", "AUX") for t in toks)


def _long_statement(doc: Doc, tok_of: list[int], chain: list[QuoteSpan], cues: Cues) -> bool:
    """A long quotation with a verb stands as a direct quote even with no speaker."""
    toks = [doc[i] for q in chain for i in _tokens(doc, tok_of, q.start, q.end)]
    words = sum(1 for t in toks if t.is_alpha)
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in toks)
    return words >= cues.min_unattributed_words and has_verb and _opens_paragraph(doc, chain[0])


def _is_term(doc: Doc, q: QuoteSpan, cues: Cues) -> bool:
    """A quoted phrase introduced as a name or term ('the so-called “…”'), or a title
    in title case."""
    before = doc_text(doc)[max(0, q.open - 24) : q.open].lower().rstrip()
    if any(before.endswith(m) for m in cues.term_markers):
        return True
    words = doc_text(doc)[q.start : q.end].split()
    return 0 < len(words) <= 6 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


_MINOR_WORDS = frozenset({"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "or"})


def _titled_work(doc: Doc, q: QuoteSpan, cues: Cues, tok_of: list[int]) -> bool:
    """'according to “Harbour of Glass,” a book written by …', 'the film “Lights Out”':
    a quoted title, capitalised but for its small words, beside a noun for a work."""
    words = doc_text(doc)[q.start : q.end].strip(" ,.").split()
    if not 0 < len(words) <= 10 or not words[0][:1].isupper():
        return False
    if not all(w[:1].isupper() or w.lower() in _MINOR_WORDS for w in words if w[:1].isalpha()):
        return False
    close = q.close + 1 if q.close is not None else q.end
    first = tok_of[min(close, len(tok_of) - 1)]
    if doc[first].idx < close:
        first += 1
    after = list(doc[first : first + 5])
    last = tok_of[q.open]  # the token holding the opening mark, or after it
    before = [t for t in doc[max(0, last - 3) : last + 1] if t.idx + len(t.text) <= q.open]
    for t in after:
        if t.is_punct or t.is_quote or t.dep_ in ("det", "poss") or t.pos_ == "ADJ":
            continue
        if t.pos_ == "NOUN" and t.dep_ != "compound" and t.lemma_.lower() in cues.work_nouns:
            return True
        break
    for t in reversed(before):
        if t.is_punct or t.is_quote:
            continue
        return t.pos_ == "NOUN" and t.lemma_.lower() in cues.work_nouns
    return False


def _attribute_chain(
    doc: Doc,
    chain: list[QuoteSpan],
    tok_of: list[int],
    inside: set[int],
    cues: Cues,
    paras: list[int],
) -> tuple[Token | None, Token | None, str | None]:
    """(cue token, subject token, how) for a chain of quote spans."""
    # 1. '…,” X said' / '…” said X': a cue right after a closing mark.
    for q in chain:
        if q.close is None:
            continue
        window = []
        first_after = tok_of[q.close] + 1
        reach = AFTER_WINDOW + (APPOSITION_WINDOW if _apposition_after(doc, first_after) else 0)
        for t in doc[first_after : first_after + reach]:
            if t.i in inside or t.text in SENTENCE_END or t.text == ";" or "\n" in t.text:
                break  # '…”; the ministry says …' opens another clause with its own speaker
            window.append(t)
        signed = _signature_after(doc, first_after, paras)
        if signed is not None:  # '“…” ― Ana Ruiz' ends the line
            return signed[0], signed[1], "adjacent"
        if _ends_sentence(doc, q) and window and window[0].text[:1].isupper():
            # '“… hide.” The offensive, which the army calls …': a new sentence; only a
            # short tag right after the mark ('Mbrindi said.') speaks for the quotation.
            window = window[:NEW_SENTENCE_TAG] if len(window) <= 2 * NEW_SENTENCE_TAG else []
        for t in window:
            if _is_cue(t, cues):
                subject = subject_of(t, cues)
                if subject is None or subject.i in inside:
                    subject = inverted_subject(t, window[-1].i + 1)
                if subject is None:
                    subject = _noun_before(window, t)
                if subject is not None:
                    return t, subject, "adjacent"
    # 2. 'X said, “…”' / 'X told reporters: “…”' / colon introductions.
    first = chain[0]
    window = _before_window(doc, first, tok_of, inside)
    fallback: tuple[Token | None, Token | None, str | None] = (None, None, None)
    if window:
        last = window[-1]
        for t in reversed(window):
            if _is_cue(t, cues):
                subject = subject_of(t, cues)
                if subject is not None and subject.i not in inside:
                    subject = _outer_speaker(t, subject, cues, inside) or subject
                    if last.text in (",", ":") or t.i >= last.i - 1:
                        return t, subject, "adjacent"
                    fallback = (t, subject, "sentence")
                break
        if fallback[0] is None and last.text == ":":
            name = _noun_before(window, last)
            if name is not None and name.pos_ in ("PROPN", "PRON"):
                return last, name, "adjacent"
    # 3. A cue verb governing the quotation ('claiming to have “…”'), in its paragraph.
    q_tokens = [doc[i] for q in chain for i in _tokens(doc, tok_of, q.start, q.end)]
    chain_paras = {paras[t.i] for t in q_tokens}
    for t in q_tokens:
        cue = _governing_cue(t, inside, cues, chain_paras, paras)
        if cue is not None:
            subject = subject_of(cue, cues)
            if subject is not None and subject.i not in inside and paras[subject.i] in chain_paras:
                return cue, _outer_speaker(cue, subject, cues, inside) or subject, "governed"
    return fallback


SIGNATURE_DASHES = frozenset({"―", "—", "–", "--"})


def _signature_after(doc: Doc, i: int, paras: list[int]) -> tuple[Token, Token] | None:
    """'“We will be heard.” ― Ana Ruiz': a dash and a name that close the paragraph after
    a quotation sign it (testimonials, epigraphs). Returns the dash and the name's last
    word."""
    while i < len(doc) and doc[i].is_space and "\n" not in doc[i].text:
        i += 1
    if i >= len(doc) or doc[i].text not in SIGNATURE_DASHES:
        return None
    j = i + 1
    while j < len(doc) and paras[j] == paras[i] and doc[j].pos_ == "PROPN" and j - i <= 4:
        j += 1
    end = j
    while end < len(doc) and paras[end] == paras[i] and doc[end].text in (".", ","):
        end += 1
    if j == i + 1 or (end < len(doc) and paras[end] == paras[i] and not doc[end].is_space):
        return None
    return doc[i], doc[j - 1]


def _apposition_after(doc: Doc, i: int) -> bool:
    """'…,” Tom Stafford, a member of the crew, responded': a name and a comma right
    after the closing mark; the cue comes after the apposition."""
    j = i
    while j < len(doc) and doc[j].pos_ == "PROPN":
        j += 1
    return j > i and j < len(doc) and doc[j].text == ","


def _ends_sentence(doc: Doc, q: QuoteSpan) -> bool:
    """The quotation's own text ends with a full stop ('… hide.”'): what follows the mark
    is a new sentence unless it is a tag."""
    return doc_text(doc)[q.start : q.end].rstrip()[-1:] == "."


def _governing_cue(
    token: Token, inside: set[int], cues: Cues, chain_paras: set[int], paras: list[int]
) -> Token | None:
    anc = token
    for _ in range(8):
        if anc.head is anc:
            return None
        anc = anc.head
        if paras[anc.i] not in chain_paras:
            return None
        if anc.i in inside:
            continue
        lemma = anc.lemma_.lower() if anc.pos_ in ("VERB", "AUX") else ""
        if _is_cue(anc, cues) or lemma in cues.indirect_verbs or lemma in cues.object_verbs:
            return anc  # 'denounced the «cowardly» attack', 'rejected as «propaganda»'
    return None


def _outer_speaker(cue: Token, subject: Token, cues: Cues, inside: set[int]) -> Token | None:
    """A participle cue without its own subject ('…, claiming to have “…”') inside a
    statement reported by someone else speaks for that someone ('X said … claiming')."""
    if any(c.dep_ in ("nsubj", "csubj") for c in cue.children):
        return None
    anc = cue
    for _ in range(6):
        if anc.head is anc:
            return None
        anc = anc.head
        if anc.i not in inside and _is_cue(anc, cues):
            outer = subject_of(anc, cues)
            if outer is not None and outer.i not in inside:
                return outer
    return None


def _before_window(doc: Doc, q: QuoteSpan, tok_of: list[int], inside: set[int]) -> list[Token]:
    """Tokens before an opening mark back to the sentence start, outside quotations."""
    if q.open == 0:
        return []
    end = tok_of[q.open]
    window: list[Token] = []
    for t in reversed(doc[max(0, end - BEFORE_WINDOW) : end]):
        if t.i in inside or t.text in SENTENCE_END or "\n" in t.text:
            break
        window.append(t)
    window.reverse()
    return window


def _noun_before(window: list[Token], cue: Token) -> Token | None:
    for t in reversed([w for w in window if w.i < cue.i]):
        if t.pos_ in ("PROPN", "PRON", "NOUN"):
            return t.head if t.dep_ == "compound" and t.head.i < cue.i else t
    return None


def _resolve(
    att: Attribution,
    doc: Doc,
    subject: Token,
    index: MentionIndex,
    inside: set[int],
    cues: Cues,
    pending: list[tuple[Attribution, Token]],
    paras: list[int],
    refs: References,
) -> None:
    """Attach the speaker span, then the entity the resolver gives for its head; a
    pronoun or descriptor it cannot resolve is left without a speaker name."""
    subject = refs.real_subject(subject)
    if _inanimate_thinker(att, doc, subject, cues, refs):
        return  # 'the story feels like a fairy tale': no one's thought
    # the source span stays as written ('a joint statement from X'); its author speaks
    attach_speaker(att, doc, subject, index, inside, paras)
    author = _medium_author(subject, cues)
    if author is not None:
        subject = author
        att.speaker_text = att.speaker_cluster = None
    if _no_source(subject, cues):
        # the words as written stay the quote's source span, with no one named for it
        att.speaker_text = att.speaker_cluster = None
        return
    res = refs.resolve(subject)
    if res.resolved:
        att.speaker_text, att.speaker_cluster = res.text, res.cluster
        return
    if _bare_medium(subject, cues) or _unkept_record(subject, refs):
        att.speaker_text = att.speaker_cluster = None
        return
    if subject.lower_ in cues.first_person and subject.pos_ == "PRON":
        # the narrator's 'I tell my clients: …' of a column: its author, whom the text
        # does not name here (an official statement's 'we' is its issuer, resolved above)
        att.speaker_text = att.speaker_cluster = None
        return
    if res.how == "none" and res.reason in ("dateline", "byline"):
        att.speaker_text = att.speaker_cluster = None
        return
    if res.how == "pronoun":
        att.speaker_text = att.speaker_cluster = None
        described = refs.described_antecedent(res)
        if described is not None:  # 'the nurses' union … it said': the words as written
            att.speaker_text = doc[slice(*speaker_span(described, inside, paras))].text
            return
        missing = res.reason is not None and res.reason.startswith("no compatible")
        if missing and is_pronoun(subject, cues.person_pronouns):
            # A person the NER did not name at all: the last speaker named by a bare
            # proper noun before the pronoun.
            best = _last_named_speaker(subject, pending, {"PERSON"}, index)
            if best is not None and _other_speaker_between(doc, best[0], subject, cues):
                best = None  # '…,” said Ana Ruiz, a resident. She said …': not the earlier one
            if best is not None:
                att.speaker_text, att.speaker_cluster = best[1], best[2]
        return
    if res.how == "none" and not _names_a_source(subject):
        # 'most of them … told', 'banners reading': no one who can speak
        att.speaker_text = att.speaker_cluster = None
        return
    if res.how in ("descriptor", "possessive"):
        # Not the possessor ('Obi's lawyer' is not Obi) nor a guess: the words as written
        # (a medium's author's own words: 'the two agencies').
        att.speaker_cluster = None
        att.speaker_text = (
            doc.char_span(att.speaker_start, att.speaker_end, alignment_mode="expand").text
            if att.speaker_start is not None and author is None
            else doc[slice(*speaker_span(subject, inside, paras))].text
        )


def _no_source(subject: Token, cues: Cues) -> bool:
    """'You can call it …', 'those that proposed …', 'Numbers show …': a generic or
    demonstrative pronoun, or a record's bare plural noun with nothing saying whose it
    is, names no source."""
    if (
        subject.lower_ in cues.generic_pronouns
        and subject.pos_ in ("PRON", "DET", "NUM")
        and not any(c.dep_ in ("prep", "appos") for c in subject.children)
    ):
        return True  # 'one of the officials', 'those in the room' describe someone
    return (
        subject.pos_ == "NOUN"
        and subject.tag_ == "NNS"
        and subject.lemma_.lower() in cues.evidence
        and not any(c.dep_ != "punct" for c in subject.children)
    )


def _bare_medium(subject: Token, cues: Cues) -> bool:
    """'“…,” the statement continued', 'a joint statement said': a medium the resolver
    could not give an author is no speaker ('the statement' is not who spoke)."""
    return (
        subject.pos_ == "NOUN"
        and subject.lemma_.lower() in cues.media_nouns
        and all(c.dep_ in ("det", "punct", "amod") for c in subject.children)
    )


def _medium_author(subject: Token, cues: Cues) -> Token | None:
    """'said a joint statement from the two agencies', 'a letter by the governors',
    'Obi's letter': the author the medium names speaks through it."""
    if subject.pos_ != "NOUN" or subject.lemma_.lower() not in cues.media_nouns:
        return None
    owner = next((c for c in subject.children if c.dep_ == "poss"), None)
    if owner is not None and owner.pos_ in ("PROPN", "PRON", "NOUN"):
        return owner  # 'Obi's letter advising that …', 'the mayor's memo'
    for prep in subject.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "by"):
            author = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if author is not None and author.pos_ in ("PROPN", "NOUN", "PRON"):
                return author
    for acl in subject.children:
        # 'a statement released by X', 'a statement posted on the group's channel'
        if acl.dep_ != "acl" or acl.tag_ != "VBN":
            continue
        for prep in acl.children:
            for g in prep.children:
                if g.dep_ != "pobj":
                    continue
                if prep.dep_ == "agent":
                    return g
                owner = next((c for c in g.children if c.dep_ == "poss"), None)
                if prep.lower_ in ("on", "in") and owner is not None:
                    return owner
    # 'the embassy issued a statement saying …': the subject of the verb that put it out
    verb = subject.head
    if subject.dep_ == "dobj" and verb.lemma_.lower() in cues.issuing_verbs:
        issuer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if issuer is not None and issuer.pos_ in ("PROPN", "NOUN"):
            return issuer
    return None


def _unkept_record(subject: Token, refs: References) -> bool:
    """'Data collected by the telescope supported …', 'Numbers show …': a record whose
    keeper the resolver could not name is no speaker (the head noun is not who spoke)."""
    return (
        subject.pos_ == "NOUN"
        and (
            subject.lemma_.lower() in refs.words.record_nouns
            or subject.lower_ in refs.words.record_nouns
        )
        and not any(c.dep_ == "poss" for c in subject.children)
    )


def _inanimate_thinker(
    att: Attribution, doc: Doc, subject: Token, cues: Cues, refs: References
) -> bool:
    """'The story feels something like a fairy tale': a linking verb with 'like' after a
    common noun that names no one states an impression, not someone's stance."""
    if att.cue_start is None or subject.pos_ != "NOUN" or subject.tag_ != "NN":
        return False
    cue = doc.char_span(att.cue_start, att.cue_end, alignment_mode="expand")
    if cue is None or cue.root.lemma_.lower() not in cues.linking_verbs:
        return False
    verb = cue.root
    if not any(t.lower_ == "like" for t in doc[verb.i + 1 : verb.i + 4]):
        return False
    if refs.is_party_noun(subject) or subject.lemma_.lower() in cues.evidence:
        return False
    return subject.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE")


def _names_a_source(subject: Token) -> bool:
    """A noun, a name or a pronoun can speak; 'most (of them)', 'all', 'some' cannot."""
    return subject.pos_ in ("NOUN", "PROPN", "PRON")


def _other_speaker_between(doc: Doc, start: int, pronoun: Token, cues: Cues) -> bool:
    """A proper name that speaks (the subject or the inverted name of a speech verb)
    between the last resolved speaker and the pronoun: the pronoun may be that one."""
    for i in range(pronoun.i - 1, -1, -1):
        t = doc[i]
        if t.idx <= start:
            break
        head = t.head if t.dep_ == "compound" else t
        if (
            t.pos_ == "PROPN"
            and head.head.lemma_.lower() in cues.speech_verbs
            and head.dep_ in ("nsubj", "dobj", "npadvmod", "attr", "appos")
        ):
            return True
    return False


def _last_named_speaker(
    pronoun: Token, pending: list[tuple[Attribution, Token]], types: set[str], index: MentionIndex
) -> tuple[int, str, str | None] | None:
    """The last speaker named before the pronoun (covers names the NER missed)."""
    best = None
    for att, subject in pending:
        if subject.i >= pronoun.i or subject.pos_ != "PROPN" or att.speaker_start is None:
            continue
        mention = index.covering(subject.idx)
        if mention is not None and index.type_of(mention) not in types:
            continue
        if mention is None and "PERSON" in types and not subject.text[:1].isupper():
            continue
        if best is None or att.speaker_start > best[0]:
            best = (att.speaker_start, att.speaker_text or subject.text, att.speaker_cluster)
    return best
