"""TempEval-3 Task A (TIMEX3): extent and value scores of Storyline's time tagger.

    .venv/bin/python bench/tempeval.py                 # TE3-platinum (the test set)
    .venv/bin/python bench/tempeval.py --train         # TBAQ-cleaned (development)
    .venv/bin/python bench/tempeval.py --train --limit 40 --errors

Scores as the TempEval-3 scorer does: strict (exact extent) and relaxed (overlap) P/R/F1;
value F1 = relaxed-match F1 x value accuracy among relaxed matches. The DCT is the anchor
and is not scored. Reads ../shared/bench/tempeval3 (never copied into the repository).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "bench" / "tempeval3"


def read_tml(path: Path) -> tuple[str, str, list[tuple[int, int, str, str]]]:
    """(text, DCT value, gold [(start, end, type, value)]) of one TimeML file."""
    raw = path.read_text("utf-8")
    dct = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"([^\"]+)\"", raw)
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    assert dct and body, path
    root = ElementTree.fromstring(f"<TEXT>{body[1]}</TEXT>")
    parts: list[str] = []
    gold: list[tuple[int, int, str, str]] = []

    def walk(node) -> None:
        if node.tag == "TIMEX3":
            start = sum(len(p) for p in parts)
            inner = "".join(node.itertext())
            parts.append(inner)
            gold.append((start, start + len(inner), node.get("type", ""), node.get("value", "")))
        else:
            parts.append(node.text or "")
            for child in node:
                walk(child)
        if node.tag != "TEXT":
            parts.append(node.tail or "")

    walk(root)
    return "".join(parts), dct[1], gold


def score(files: list[Path], show_errors: bool = False) -> dict[str, float]:
    from storyline.extract.nlp import load_nlp
    from storyline.extract.time_rules import time_rules
    from storyline.extract.times import find_times
    from storyline.lexicon import Knowledge

    nlp = load_nlp()
    rules = time_rules(Knowledge.shared())
    tp_strict = tp_relaxed = value_ok = n_sys = n_gold = 0
    tagger_s = spacy_s = 0.0
    for path in files:
        text, dct, gold = read_tml(path)
        t0 = time.perf_counter()
        doc = nlp(text)
        t1 = time.perf_counter()
        found = [t for t in find_times(doc, anchor=dct, rules=rules)]
        tagger_s += time.perf_counter() - t1
        spacy_s += t1 - t0
        n_sys += len(found)
        n_gold += len(gold)
        used: set[int] = set()
        for t in found:
            match = None
            for i, (s, e, _, _) in enumerate(gold):
                if i not in used and s < t.end and t.start < e:
                    match = i
                    break
            if match is None:
                if show_errors:
                    print(f"FP  {path.stem}: {t.text!r} -> {t.value}")
                continue
            used.add(match)
            s, e, typ, val = gold[match]
            tp_relaxed += 1
            tp_strict += (s, e) == (t.start, t.end)
            ok = (t.value or "") == val
            value_ok += ok
            if show_errors and (not ok or (s, e) != (t.start, t.end)):
                print(
                    f"{'VAL' if not ok else 'EXT'} {path.stem}: {t.text!r} -> {t.value} "
                    f"| gold {text[s:e]!r} {typ} {val} [dct {dct}]"
                )
        if show_errors:
            for i, (s, e, typ, val) in enumerate(gold):
                if i not in used:
                    print(f"FN  {path.stem}: {text[s:e]!r} {typ} {val}")

    def f1(tp: int) -> tuple[float, float, float]:
        p = tp / n_sys if n_sys else 0.0
        r = tp / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    sp, sr, sf = f1(tp_strict)
    rp, rr, rf = f1(tp_relaxed)
    _, _, vf = f1(value_ok)
    return {
        "docs": len(files),
        "gold": n_gold,
        "system": n_sys,
        "strict_p": sp,
        "strict_r": sr,
        "strict_f1": sf,
        "relaxed_p": rp,
        "relaxed_r": rr,
        "relaxed_f1": rf,
        "value_accuracy": value_ok / tp_relaxed if tp_relaxed else 0.0,
        "value_f1": vf,
        "tagger_s": tagger_s,
        "spacy_s": spacy_s,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", action="store_true", help="score TBAQ-cleaned instead")
    ap.add_argument("--limit", type=int, default=0, help="only the first N files")
    ap.add_argument("--errors", action="store_true", help="print every error")
    args = ap.parse_args()
    if args.train:
        files = sorted((DATA / "Training" / "TBAQ-cleaned").rglob("*.tml"))
    else:
        files = sorted((DATA / "Evaluation" / "te3-platinum").glob("*.tml"))
    if args.limit:
        files = files[: args.limit]
    if not files:
        sys.exit(f"no .tml files under {DATA}")
    r = score(files, args.errors)
    print(
        f"TempEval-3 {'TBAQ' if args.train else 'platinum'}: {r['docs']} docs, "
        f"{r['gold']} gold TIMEX3, {r['system']} found"
    )
    print(f"strict  P {r['strict_p']:.4f} R {r['strict_r']:.4f} F1 {r['strict_f1']:.4f}")
    print(f"relaxed P {r['relaxed_p']:.4f} R {r['relaxed_r']:.4f} F1 {r['relaxed_f1']:.4f}")
    print(f"value accuracy {r['value_accuracy']:.4f}  value F1 {r['value_f1']:.4f}")
    print(
        f"time tagger {r['tagger_s']:.2f}s = {r['tagger_s'] / r['spacy_s']:.1%} of spaCy "
        f"({r['spacy_s']:.2f}s)"
    )


if __name__ == "__main__":
    main()
