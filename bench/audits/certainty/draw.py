"""Draw the certainty audit sample from PolNeAR texts (real news, ../shared/bench).

    python bench/audits/certainty/draw.py [--seed 17] [--show]
    python bench/audits/certainty/draw.py --score bench/audits/certainty/sample-seed19.tsv
    python bench/audits/certainty/draw.py --rescore bench/audits/certainty/sample-seed19.tsv

Splits every text into rough sentences and labels each sentence as one event, as the
pipeline does: the sentence (and the one after it, for markers that point back) is
parsed, one spaCy sentence each, `find_hedges` gives the markers and their reach, and
`certainty_from` the label. Sentences with no marker word in reach are labelled from the
text alone (attributed or stated), which is what the parse would give them. Draws 20
sentences the markers call hedged (unverified or denied) and 20 they do not call hedged
but that hold a word where hedges hide (said, claim, report, verify, deny, source,
alleged...), so both precision and recall are tested. Prints file, offsets and the
system's label (with --show, the sentence too, for judging; the text is never stored).
Hand verdicts are in sample-seed<N>.tsv beside this script (sentences judged before are
left out of a new draw). `--score FILE` prints precision and recall of 'hedged'
(unverified or denied) from a judged sample's stored labels; `--rescore FILE` labels its
sentences again with today's rules and scores those labels against the verdicts.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from pathlib import Path

from spacy.tokens import Doc

from storyline.extract.hedges import find_hedges, load_markers, sentence_spans
from storyline.extract.mentions import MENTIONS
from storyline.extract.nlp import load_nlp
from storyline.extract.sentences import LINE_BREAKS
from storyline.lexicon import Knowledge
from storyline.reconcile.certainty import certainty_from

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT.parent / "shared" / "bench" / "polnear" / "data"
PARTS = ("dev", "test", "train")  # nothing is trained on these: any part will do
SAMPLES = Path(__file__).parent
HARD = re.compile(r"\b(said|claim\w*|report\w*|verif\w*|den(y|ied|ies)|sources?|alleg\w*)\b", re.I)
HEDGED = {"unverified", "denied"}


class Labeller:
    """Labels rough sentences of a text as events, through the parse."""

    def __init__(self) -> None:
        self.markers = load_markers(Knowledge())
        self.nlp = load_nlp()
        m = self.markers
        self.own = [m.verification, m.adverbs, m.adjectives, m.said_to, m.sources, m.denied]
        self.own.append(re.compile(r"\b(claim|alleg)\w*", re.I))
        self.back = [m.verification, m.denied_next]

    def _parse(self, text: str) -> Doc:
        """One sentence, parsed as one (the audit's unit is the rough sentence)."""
        doc = self.nlp.make_doc(text)
        for t in doc[1:]:
            t.is_sent_start = False
        for name, proc in self.nlp.pipeline:
            if name not in (MENTIONS, LINE_BREAKS):
                doc = proc(doc)
        return doc

    def label(self, text: str, spans: list[tuple[int, int]], k: int) -> str:
        a, b = spans[k]
        nxt = spans[k + 1] if k + 1 < len(spans) else None
        needs = any(p.search(text, a, b) for p in self.own) or (
            nxt is not None and any(p.search(text, *nxt) for p in self.back)
        )
        if not needs:
            said = self.markers.attributed.search(text, a, b)
            return "attributed" if said else "stated"
        parts = [self._parse(text[a:b])]
        if nxt is not None:
            parts.append(self._parse(text[nxt[0] : nxt[1]]))
        doc = Doc.from_docs(parts) if len(parts) > 1 else parts[0]
        return certainty_from(0, b - a, find_hedges(doc, self.markers), self.markers)


def texts():
    for path in sorted(p for part in PARTS for p in (DATA / part / "text").glob("*.txt")):
        yield f"{path.parent.parent.name}/{path.name}", path.read_text(encoding="utf-8")


def seen() -> set[tuple[str, int]]:
    """Sentences already judged in an earlier sample (a fresh sample leaves them out)."""
    out = set()
    for path in SAMPLES.glob("sample-*.tsv"):
        for r in csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"):
            out.add((r["file"], int(r["start"])))
    return out


def draw(seed: int) -> list[tuple[str, int, int, str]]:
    labeller = Labeller()
    skip = seen()
    hedged, other = [], []
    for name, text in texts():
        spans = sentence_spans(text)
        for k, (a, b) in enumerate(spans):
            if b - a < 30 or (name, a) in skip:
                continue
            label = labeller.label(text, spans, k)
            row = (name, a, b, label)
            if label in HEDGED:
                hedged.append(row)
            elif HARD.search(text, a, b):
                other.append(row)
    rng = random.Random(seed)
    return rng.sample(hedged, 20) + rng.sample(other, 20)


def _figures(pairs: list[tuple[str, str]]) -> str:
    tp = sum(1 for s, v in pairs if s in HEDGED and v in HEDGED)
    said = sum(1 for s, _ in pairs if s in HEDGED)
    gold = sum(1 for _, v in pairs if v in HEDGED)
    exact = sum(1 for s, v in pairs if s == v)
    p = f"{tp}/{said} = {tp / said:.2f}" if said else "0/0"
    r = f"{tp}/{gold} = {tp / gold:.2f}" if gold else "0/0"
    return (
        f"{len(pairs)} sentences; hedged precision {p}, recall {r}; same label {exact}/{len(pairs)}"
    )


def score(path: Path) -> None:
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    print(_figures([(r["system"], r["verdict"]) for r in rows]))


def rescore(path: Path) -> None:
    """Today's labels for a judged sample's sentences, against its verdicts."""
    labeller = Labeller()
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    pairs = []
    for r in rows:
        text = (DATA / r["file"].replace("/", "/text/")).read_text(encoding="utf-8")
        spans = sentence_spans(text)
        k = next(i for i, (a, _) in enumerate(spans) if a == int(r["start"]))
        label = labeller.label(text, spans, k)
        pairs.append((label, r["verdict"]))
        if (label in HEDGED) != (r["verdict"] in HEDGED):
            print(f"{r['file']}\t{r['start']}\t{r['end']}\tnow {label}\tverdict {r['verdict']}")
    print(_figures(pairs))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--score", type=Path, help="A judged sample-*.tsv to score.")
    parser.add_argument("--rescore", type=Path, help="A judged sample to label again and score.")
    args = parser.parse_args()
    if args.score:
        score(args.score)
        return 0
    if args.rescore:
        rescore(args.rescore)
        return 0
    for name, a, b, label in draw(args.seed):
        line = f"{name}\t{a}\t{b}\t{label}"
        if args.show:
            text = (DATA / name.replace("/", "/text/")).read_text(encoding="utf-8")
            line += "\t" + text[a:b].replace("\n", " ")
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
