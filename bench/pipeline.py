"""Whole-pipeline throughput: `analyze` on a generated corpus, against the spaCy pass.

Generates N varied synthetic news articles (events of several kinds in many places,
with officials quoted, figures given, dates in datelines), writes them as .txt files,
runs the whole `storyline.analyze` over them, then runs the bare spaCy pass
(`nlp.pipe` over the same cleaned texts) to state the rest as a share of it.

    .venv/bin/python bench/pipeline.py --n 5000
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

KINDS = {
    "flood": ("floodwaters", "swept through", "residents were evacuated", "rescue boats"),
    "fire": ("a fire", "tore through", "families fled their homes", "fire crews"),
    "strike": ("an air strike", "hit", "buildings collapsed", "ambulances"),
    "quake": ("an earthquake", "shook", "walls cracked", "search teams"),
    "protest": ("protesters", "marched through", "police closed roads", "riot police"),
    "election": ("voters", "turned out across", "polls closed late", "observers"),
    "siege": ("militants", "overran", "soldiers withdrew", "reinforcements"),
}
PLACES = [
    ("Aleppo", "Syria"), ("Mosul", "Iraq"), ("Kharkiv", "Ukraine"), ("Lagos", "Nigeria"),
    ("Dhaka", "Bangladesh"), ("Manila", "the Philippines"), ("Quito", "Ecuador"),
    ("Izmir", "Turkey"), ("Tripoli", "Libya"), ("Kabul", "Afghanistan"), ("Lima", "Peru"),
    ("Sanaa", "Yemen"), ("Goma", "Congo"), ("Mandalay", "Myanmar"), ("Homs", "Syria"),
    ("Odesa", "Ukraine"), ("Kano", "Nigeria"), ("Cebu", "the Philippines"),
    ("Benghazi", "Libya"), ("Herat", "Afghanistan"), ("Basra", "Iraq"), ("Aden", "Yemen"),
]  # fmt: skip
FIRST = [
    "Amina",
    "Boris",
    "Carla",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hassan",
    "Irina",
    "Jonas",
    "Kemal",
    "Leila",
    "Marco",
    "Nadia",
]
LAST = [
    "Haddad",
    "Petrov",
    "Silva",
    "Okafor",
    "Rahman",
    "Novak",
    "Mendez",
    "Yilmaz",
    "Costa",
    "Ivanova",
    "Karimi",
    "Dube",
]
ROLES = ["the interior minister", "a local governor", "a police spokesman", "an aid official"]
ORGS = ["the Red Crescent", "the United Nations", "the health ministry", "a monitoring group"]
OUTLETS = ["Daily Wire Service", "The Evening Post", "Channel Nine", "Regional Herald"]


def article(rng: random.Random, event: int) -> str:
    """One article about event number `event` (several articles share an event)."""
    er = random.Random(event)  # what the event is: shared by its articles
    kind = er.choice(list(KINDS))
    place, country = er.choice(PLACES)
    day = date(2016, 1, 1) + timedelta(days=er.randrange(900))
    what, verb, effect, helpers = KINDS[kind]
    official = f"{er.choice(FIRST)} {er.choice(LAST)}"
    role = er.choice(ROLES)
    org = er.choice(ORGS)
    toll = er.randrange(3, 400)
    published = day + timedelta(days=rng.randrange(3))
    told = toll + rng.choice([0, 0, 2, -1, 10])
    title = rng.choice(
        [
            f"{what.capitalize()} {verb} {place}",
            f"{toll} dead after {what} in {place}",
            f"{place}: {helpers} at work after {what}",
        ]
    )
    paras = [
        f"{published:%A, %B} {published.day}, {published.year}",
        f"{what.capitalize()} {verb} {place}, {country}, on {day:%A}, and {effect}, {org} said.",
        f"\u201cWe have counted {told} dead so far and the number may rise,\u201d said "
        f"{official}, {role}, speaking to reporters in {place}.",
        f"{helpers.capitalize()} worked through the night. {rng.choice(FIRST)} "
        f"{rng.choice(LAST)}, a resident, said more than {rng.randrange(20, 900)} people had "
        f"lost their homes in the {rng.choice(['old town', 'eastern districts', 'market area'])}.",
        f"Officials in {country} blamed {rng.choice(['the weather', 'rebels', 'poor planning'])} "
        f"and promised an inquiry within {rng.randrange(2, 9)} weeks.",
    ]
    paras += [
        f"{rng.choice(ORGS).capitalize()} said about {rng.randrange(5, 90)} percent of "
        f"{rng.choice(['roads', 'clinics', 'schools'])} in the area were closed on "
        f"{rng.choice(['Monday', 'Tuesday', 'Friday'])}."
        for _ in range(rng.randrange(1, 4))
    ]
    return f"{title}\n\n" + "\n\n".join(paras) + f"\n\nSource: {rng.choice(OUTLETS)}\n"


def generate(n: int, folder: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    events = max(1, n // 4)
    for i in range(n):
        (folder / f"{i:05d}.txt").write_text(article(rng, rng.randrange(events)), "utf-8")


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=5000, help="articles to generate")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()

    import storyline
    from storyline.config import Settings
    from storyline.nlp import load_encoder, load_nlp

    load_nlp()  # models load once per process: not part of either measurement
    load_encoder()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(args.n, folder)
        t0 = time.perf_counter()
        analysis = storyline.analyze([str(folder)], Settings(workers=args.workers))
        total = time.perf_counter() - t0
        peak_total = peak_mib()
    texts = [d.text for d in analysis.documents if d.duplicate_of is None]
    nlp = load_nlp()
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    spacy_s = time.perf_counter() - t0
    outside = total - spacy_s * (1 if args.workers == 1 else 1 / args.workers)
    print(
        f"documents: {len(analysis.documents)} ({len(texts)} originals), "
        f"stories: {len(analysis.stories)}, storylines: {len(analysis.storylines)}"
    )
    print(f"analyze: {total:.1f} s, {len(analysis.documents) / total:.1f} docs/s")
    print(f"spaCy pass alone: {spacy_s:.1f} s, {len(texts) / spacy_s:.1f} docs/s")
    print(
        f"outside the spaCy pass: {outside:.1f} s = "
        f"{100 * outside / spacy_s:.0f}% of the spaCy pass"
    )
    print(f"peak memory (max RSS) during analyze: {peak_total:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
