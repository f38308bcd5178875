"""Whole-pipeline throughput: `analyze` on a generated corpus, against the spaCy pass.

Generates N synthetic news articles of news-like length (330-470 words) about events of
nine kinds in 40 places over three years (`--days`): each event has its own district, site, named
officials, figures and dates, and gets one to eight reports from different outlets,
published over a few days under a dateline the ingest reads; some events have a
follow-up months later in the same place (a town falls, then is retaken). It writes
them as .txt files, runs the whole `storyline.analyze` over them, then the bare spaCy
pass (`nlp.pipe` over the same cleaned texts, one process) to state the rest as a share
of it. Times are CPU seconds (this process and its worker processes), which a shared,
loaded machine disturbs far less than wall time; wall time is printed too. Story
quality is checked against the generated events (B³ over documents): the more events
of one kind fall in the same weeks, the harder they are to tell apart.

    .venv/bin/python bench/pipeline.py --n 5000 --workers 2
    .venv/bin/python bench/pipeline.py --n 5000 --workers 2 --days 9000  # sparser events
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

# kind: (title templates, lead templates, detail sentences, words for the follow-up)
KINDS: dict[str, dict[str, list[str]]] = {
    "flood": {
        "title": [
            "Floods swamp {place} after days of rain",
            "{toll} dead as river bursts its banks in {place}",
            "Thousands flee rising water in {district}",
        ],
        "lead": [
            "Floodwaters swept through {district} in {place} on {weekday}, killing at least "
            "{toll} people and forcing {displaced} from their homes, {agency} said.",
            "The {river} burst its banks near {place} early on {weekday}, flooding {district} "
            "and leaving {toll} people dead, according to {agency}.",
        ],
        "detail": [
            "Rescue boats ferried families from rooftops in {district} while the water kept "
            "rising around {site}.",
            "Farmers said the harvest in the low fields along the {river} was lost, and the "
            "road to {place} was cut in two places.",
            "Engineers warned that an embankment near {site} could give way if the rain "
            "continued into the weekend.",
            "Power was cut to about {pct} percent of {place}, and bottled water ran short in "
            "the shelters set up in schools.",
        ],
    },
    "fire": {
        "title": [
            "Blaze at {site} kills {toll} in {place}",
            "Fire guts {site}; {toll} dead",
            "{place} fire: crews battle flames through the night",
        ],
        "lead": [
            "A fire tore through {site} in {place} on {weekday} night, killing {toll} people "
            "and injuring {injured}, {agency} said.",
            "Flames engulfed {site} in the {district} area of {place} on {weekday}, leaving at "
            "least {toll} dead, fire officials said.",
        ],
        "detail": [
            "Fire crews from three stations needed almost six hours to bring the blaze at "
            "{site} under control.",
            "Witnesses said the alarm did not sound and that a side exit was chained shut.",
            "Investigators were examining the wiring on the ground floor, where the fire is "
            "thought to have started.",
            "Smoke drifted across {district} and schools nearby were closed as a precaution.",
        ],
    },
    "airstrike": {
        "title": [
            "Air strike on {site} kills {toll} in {place}",
            "{toll} civilians dead after strike hits {district}",
            "Strike on {place} market draws condemnation",
        ],
        "lead": [
            "An air strike hit {site} in {district}, on the edge of {place}, on {weekday}, "
            "killing {toll} people including children, {agency} said.",
            "Warplanes struck {district} in {place} on {weekday} morning; {toll} people died "
            "and {injured} were wounded, according to {agency}.",
        ],
        "detail": [
            "Rescuers dug through the rubble of {site} with their hands as ambulances queued "
            "on the street outside.",
            "The {army} denied targeting civilians and said it had struck a weapons store used "
            "by {group}.",
            "Local doctors said the hospital in {district} had run out of blood for transfusions.",
            "It was the third strike on {place} in a month, residents said.",
        ],
    },
    "earthquake": {
        "title": [
            "Magnitude {magnitude} quake shakes {place}",
            "Earthquake near {place} kills {toll}",
            "{place} counts the dead after earthquake",
        ],
        "lead": [
            "An earthquake of magnitude {magnitude} struck near {place} on {weekday}, "
            "collapsing buildings in {district} and killing at least {toll} people, {agency} "
            "said.",
            "A strong earthquake shook {place} on {weekday}; {toll} people were confirmed "
            "dead and {injured} injured, {agency} said.",
        ],
        "detail": [
            "Search teams with dogs worked through the night at {site}, where a six-storey "
            "block had folded onto itself.",
            "Several aftershocks followed, the strongest of magnitude 4.8, sending residents "
            "back into the streets.",
            "Old stone houses in {district} suffered most; newer buildings mostly stood.",
            "The authorities opened tent camps in parks and sports grounds around {place}.",
        ],
    },
    "protest": {
        "title": [
            "Thousands march in {place} against fuel price rise",
            "Police fire tear gas at protesters in {place}",
            "{place} protests enter {ordinal} day",
        ],
        "lead": [
            "Thousands of protesters marched through {district} in {place} on {weekday} to "
            "demand the reversal of a fuel price rise, and {toll} people were hurt in "
            "clashes, {agency} said.",
            "Police used tear gas and water cannon against protesters outside {site} in "
            "{place} on {weekday}, as anger over prices spread.",
        ],
        "detail": [
            "Shops along the main avenue stayed shuttered and the metro closed two stations "
            "near {site}.",
            "Organisers said they would march again unless the government cut prices within "
            "a week.",
            "Human rights groups said {arrests} people had been detained, among them two "
            "journalists.",
            "The protests began after bus fares in {place} doubled overnight.",
        ],
    },
    "election": {
        "title": [
            "Voters in {country} go to the polls",
            "{candidate} claims victory in {country} vote",
            "Counting under way after tight race in {country}",
        ],
        "lead": [
            "Voters across {country} went to the polls on {weekday} in a close race between "
            "{candidate} and the incumbent, with turnout in {place} at {pct} percent.",
            "{candidate} claimed victory in {country}'s election on {weekday} after partial "
            "results gave the opposition {pct} percent of the vote.",
        ],
        "detail": [
            "Observers from {agency} reported long queues at polling stations in {district}.",
            "The electoral commission said final results would be published within ten days.",
            "The campaign was dominated by unemployment and the price of bread.",
            "The incumbent's party accused its rivals of buying votes in rural areas.",
        ],
    },
    "offensive": {
        "title": [
            "{group} seizes {place}",
            "{place} falls to {group} after days of fighting",
            "Troops withdraw from {place} as {group} advances",
        ],
        "lead": [
            "Fighters of {group} overran {place} on {weekday} after {army} troops withdrew "
            "from {district}, {agency} said.",
            "{group} took control of {place} on {weekday}, days after launching an offensive "
            "from the desert to the east; at least {toll} soldiers were killed.",
        ],
        "detail": [
            "Thousands of civilians fled toward the west along the only open road.",
            "The {army} said its forces had regrouped at {site} and would counter-attack.",
            "The town's museum and its ancient ruins were left in the hands of the militants.",
            "Analysts said the fall of {place} exposed how thinly the army was stretched.",
        ],
    },
    "recapture": {
        "title": [
            "{army} retakes {place} from {group}",
            "Troops back in {place} months after its fall",
        ],
        "lead": [
            "{army} troops recaptured {place} on {weekday}, months after {group} seized it, "
            "and began clearing mines from {district}, {agency} said.",
            "Government forces entered {place} on {weekday} and raised the flag over {site} "
            "after {group} pulled out.",
        ],
        "detail": [
            "Engineers began clearing explosives left behind in {district}.",
            "Residents who had fled returned to find their houses looted.",
            "The {army} said {toll} militants were killed in the final assault.",
            "Reporters taken to {site} saw burnt vehicles and damaged walls.",
        ],
    },
    "explosion": {
        "title": [
            "Blast at {site} rocks {place}",
            "{toll} killed in explosion at {place} chemical plant",
        ],
        "lead": [
            "A powerful explosion ripped through {site} outside {place} on {weekday}, "
            "killing {toll} workers and shattering windows across {district}, {agency} said.",
            "An explosion at {site} near {place} killed {toll} people on {weekday}; the "
            "cause was not yet known.",
        ],
        "detail": [
            "The blast was felt ten kilometres away and left a crater where a storage shed "
            "had stood.",
            "The plant's owner said safety checks had been carried out in the spring.",
            "Residents were told to keep windows shut because of fumes from {site}.",
            "Prosecutors opened an inquiry into possible negligence.",
        ],
    },
}
SEQUEL = {"offensive": "recapture", "flood": "flood", "protest": "protest"}
QUOTES = [
    "\u201cWe have counted {toll} dead so far and the number may rise,\u201d said {person}, "
    "{role}.",
    "\u201cThe situation in {district} is very difficult, and we need help now,\u201d "
    "{person}, {role}, told reporters.",
    "{person}, {role}, said: \u201cNobody expected this. We are doing everything we can for "
    "the families.\u201d",
    "\u201cThose responsible will be held to account,\u201d {person}, {role}, said in a "
    "statement on {weekday}.",
    "{person}, {role}, said about {displaced} people had been given shelter and that food "
    "would last for {weeks} weeks.",
]
BACKGROUND = [
    "{place} has about {population} inhabitants and is the main market town of the "
    "{region} region.",
    "The economy of {district} rests on {trade}, small workshops and money sent home by "
    "relatives working abroad.",
    "{country} has struggled with high inflation, which reached {pct} percent last year "
    "according to official figures.",
    "Aid groups have long warned that {hospital} and the clinics around {village} lack "
    "staff and equipment.",
    "The government has promised to rebuild {street}, but shopkeepers there say little "
    "has changed since {year_before}.",
    "In {year_before}, a similar disaster near {village} killed more than {old_toll} "
    "people, a memory many residents still carry.",
    "The {region} region borders two provinces where the authorities have limited "
    "control, and the road through {village} is often closed.",
    "Local media reported that the mayor of {place}, {mayor}, had cut short a trip to {abroad}.",
    "{company}, which employs about {staff} people in {district}, said it had suspended "
    "work until further notice.",
    "Volunteers from {committee} handed out bread and blankets on {street}.",
    "Mobile networks around {village} were patchy, making it hard to confirm the reports "
    "independently.",
    "{analyst} of {institute} said the events in {place} showed how little had been "
    "learned since {year_before}.",
]
LOCAL = [  # sentences that live on the event's own names: what tells two events apart
    "At {hospital}, {doctor} said the wards were full and that patients from {village} "
    "were being treated in the corridors.",
    "{committee} opened a shelter in a school on {street}; {organiser}, who runs it, said "
    "{displaced} people had registered by evening.",
    "Drivers said the road between {place} and {village} was blocked near the {company} yard.",
    "A video shared by residents of {village} showed crowds gathered outside {site}.",
    "Prices of bread and fuel in {district} rose by a third, traders on {street} said.",
    "\u201cMy brother was at {site} when it happened,\u201d said {organiser}, who lives on "
    "{street}.",
    "{doctor} said the staff at {hospital} had not been paid for {weeks} months.",
    "Families from {village} gathered at the mosque on {street} to wait for news.",
]
PLACES = [
    ("Aleppo", "Syria"), ("Mosul", "Iraq"), ("Kharkiv", "Ukraine"), ("Lagos", "Nigeria"),
    ("Dhaka", "Bangladesh"), ("Manila", "the Philippines"), ("Quito", "Ecuador"),
    ("Izmir", "Turkey"), ("Tripoli", "Libya"), ("Kabul", "Afghanistan"), ("Lima", "Peru"),
    ("Sanaa", "Yemen"), ("Goma", "Congo"), ("Mandalay", "Myanmar"), ("Homs", "Syria"),
    ("Odesa", "Ukraine"), ("Kano", "Nigeria"), ("Cebu", "the Philippines"),
    ("Benghazi", "Libya"), ("Herat", "Afghanistan"), ("Basra", "Iraq"), ("Aden", "Yemen"),
    ("Palmyra", "Syria"), ("Kirkuk", "Iraq"), ("Mariupol", "Ukraine"), ("Maiduguri", "Nigeria"),
    ("Chittagong", "Bangladesh"), ("Davao", "the Philippines"), ("Cuenca", "Ecuador"),
    ("Adana", "Turkey"), ("Misrata", "Libya"), ("Kandahar", "Afghanistan"),
    ("Arequipa", "Peru"), ("Taiz", "Yemen"), ("Bukavu", "Congo"), ("Yangon", "Myanmar"),
    ("Nairobi", "Kenya"), ("Mombasa", "Kenya"), ("Beira", "Mozambique"),
    ("Dondo", "Mozambique"),
]  # fmt: skip
FIRST = [
    "Amina", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Grace", "Hassan", "Irina",
    "Jonas", "Kemal", "Leila", "Marco", "Nadia", "Omar", "Priya", "Rashid", "Sofia",
    "Tariq", "Ursula", "Viktor", "Wanjiru", "Yusuf", "Zeynep", "Ahmed", "Bianca", "Chidi",
    "Daria", "Emre", "Fatima", "Gustavo", "Hana", "Ibrahim", "Jamal", "Katya", "Luis",
    "Mariam", "Nikolai", "Olga", "Pedro",
]  # fmt: skip
LAST = [
    "Haddad", "Petrov", "Silva", "Okafor", "Rahman", "Novak", "Mendez", "Yilmaz", "Costa",
    "Ivanova", "Karimi", "Dube", "Santos", "Kovalenko", "Adeyemi", "Chowdhury", "Reyes",
    "Demir", "Alvarez", "Mansour", "Hosseini", "Mwangi", "Tembo", "Nguyen", "Sato",
    "Lindqvist", "Moreau", "Fischer", "Rossi", "Kaya", "Bakr", "Obi", "Aziz", "Castillo",
    "Morales", "Weber",
]  # fmt: skip
ROLES = [
    "the interior minister", "the provincial governor", "a police spokesman",
    "an aid official", "a doctor at the main hospital", "the head of the rescue service",
    "an army spokesman", "a local council member", "a resident", "a shopkeeper",
]  # fmt: skip
AGENCIES = [
    "the Red Crescent", "the United Nations", "the health ministry", "a monitoring group",
    "the civil defence", "the interior ministry", "state television", "local officials",
]  # fmt: skip
GROUPS = ["Islamic State", "the Northern Front", "the Liberation Army", "Al-Shabaab"]
ARMIES = ["the army", "the Syrian army", "government forces", "the national guard"]
SITES = [
    "Grain Terminal", "Central Market", "Old Bridge", "Textile Factory", "Al-Noor Hospital",
    "Bus Station", "Riverside Mall", "Chemical Works", "Central Mosque", "Port Warehouse",
    "Police Academy", "University Campus", "Power Station", "Fuel Depot",
]  # fmt: skip
SYLLABLES = [
    "ka", "ra", "mi", "tel", "so", "van", "dor", "bi", "lu", "sha", "ne", "qa", "zim",
    "fe", "ol", "ar", "tu", "ben", "gor", "ya",
]  # fmt: skip
OUTLETS = [
    "Daily Wire Service", "The Evening Post", "Channel Nine", "Regional Herald",
    "World Desk", "Frontline Notebook", "The Morning Ledger", "Radio Horizon",
]  # fmt: skip
DATELINES = [
    "{d:%A}, {d:%B} {d.day}, {d.year}",
    "{d.day} {d:%B} {d.year}",
    "{d:%b}. {d.day}, {d.year}",
]


def _name(rng: random.Random) -> str:
    """A person: common first names, surnames common or rare (few people share a name)."""
    last = rng.choice(LAST) if rng.random() < 0.3 else _word(rng)
    return f"{rng.choice(FIRST)} {last}"


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randrange(2, 4))).capitalize()


def make_event(event: int, days: int, parent: dict | None) -> dict:
    """What an event is: shared by all of its reports (seeded by its number)."""
    er = random.Random(event * 7919 + 1)
    if parent is not None:  # a follow-up months later in the same place
        facts = dict(parent)
        facts["kind"] = SEQUEL[parent["kind"]]
        facts["day"] = parent["day"] + timedelta(days=er.randrange(60, 200))
    else:
        place, country = er.choice(PLACES)
        facts = {
            "kind": er.choice([k for k in KINDS if k != "recapture"]),
            "place": place,
            "country": country,
            "region": _word(er),
            "day": date(2025, 6, 1) - timedelta(days=er.randrange(days)),
            "group": er.choice(GROUPS),
            "army": er.choice(ARMIES),
        }
    facts.update(
        district=f"the {_word(er)} district",
        site=f"the {_word(er)} {er.choice(SITES)}",
        river=f"{_word(er)} river",
        people=[(_name(er), er.choice(ROLES)) for _ in range(3)],
        candidate=_name(er),
        mayor=_name(er),
        analyst=_name(er),
        doctor=f"Dr {_name(er)}",
        organiser=_name(er),
        local=er.sample(LOCAL, 6),
        village=_word(er),
        street=f"{_word(er)} Street",
        company=f"{_word(er)} {er.choice(['Holdings', 'Foods', 'Cement', 'Textiles'])}",
        committee=f"the {_word(er)} Relief Committee",
        institute=f"the {_word(er)} Institute",
        hospital=f"the {_word(er)} Hospital",
        trade=er.choice(["farming", "fishing", "cotton", "oil", "tourism", "trade", "mining"]),
        abroad=er.choice(["Paris", "Dubai", "Istanbul", "Cairo", "Berlin", "Doha", "Rome"]),
        staff=er.randrange(80, 4000),
        background=er.sample(BACKGROUND, 9),  # each event's reports draw on its own angles
        agency=er.choice(AGENCIES),
        toll=er.randrange(3, 300),
        injured=er.randrange(10, 900),
        displaced=f"{er.randrange(2, 60) * 100:,}",
        magnitude=f"{er.randrange(50, 78) / 10:.1f}",
        population=f"{er.randrange(50, 3000) * 1000:,}",
        event=event,
    )
    return facts


def article(rng: random.Random, facts: dict) -> str:
    """One report of an event: title, dateline, lead, then details, quotes and background
    in a varied order; 330-470 words."""
    kind = KINDS[facts["kind"]]
    published = facts["day"] + timedelta(days=rng.choice([0, 0, 1, 1, 2, 3]))
    person, role = rng.choice(facts["people"])
    slots = dict(
        facts,
        weekday=f"{facts['day']:%A}",
        person=person,
        role=role,
        toll=facts["toll"] + rng.choice([0, 0, 0, 2, -1, 7]),  # reports disagree a little
        pct=rng.randrange(5, 90),
        weeks=rng.randrange(2, 9),
        arrests=rng.randrange(10, 400),
        ordinal=rng.choice(["second", "third", "fourth"]),
        year_before=facts["day"].year - rng.randrange(3, 20),
        old_toll=rng.randrange(20, 900),
        money=rng.randrange(5, 400),
    )
    fill = lambda template: template.format(**slots)  # noqa: E731
    paras = [fill(rng.choice(kind["lead"])) + " " + fill(rng.choice(kind["detail"]))]
    body = [fill(t) for t in rng.sample(kind["detail"], 2)]
    body += [fill(t) for t in rng.sample(facts["local"], rng.randrange(3, 5))]
    body += [fill(t) for t in rng.sample(QUOTES, rng.randrange(2, 4))]
    for other, other_role in facts["people"][:2]:
        body.append(rng.choice(QUOTES).format(**{**slots, "person": other, "role": other_role}))
    background = [fill(t) for t in rng.sample(facts["background"], rng.randrange(6, 9))]
    while background:  # background comes in paragraphs of two or three sentences
        body.append(" ".join(background[:3]))
        background = background[3:]
    rng.shuffle(body)
    paras += body
    paras.append(
        f"{fill(rng.choice(facts['local']))} {fill(rng.choice(facts['background']))} "
        f"{fill(rng.choice(QUOTES))}"
    )
    dateline = rng.choice(DATELINES).format(d=published)
    title = fill(rng.choice(kind["title"]))
    return (
        f"{title}\n\n{dateline}\n\n" + "\n\n".join(paras) + (f"\n\nSource: {rng.choice(OUTLETS)}\n")
    )


def generate(n: int, folder: Path, seed: int = 7, days: int = 1100) -> dict[str, int]:
    """N articles about some N/4 events (1-8 reports each) spread over the `days` days
    before June 2025; file name -> event number."""
    rng = random.Random(seed)
    events: list[dict] = []
    gold: dict[str, int] = {}
    i = 0
    while i < n:
        parent = None
        sequels = [e for e in events[-40:] if e["kind"] in SEQUEL and "sequel" not in e]
        if sequels and rng.random() < 0.15:
            parent = rng.choice(sequels)
            parent["sequel"] = True
        facts = make_event(len(events), days, parent)
        events.append(facts)
        for _ in range(min(n - i, rng.choice([1, 2, 3, 4, 4, 5, 6, 8]))):
            name = f"{i:05d}.txt"
            (folder / name).write_text(article(rng, facts), "utf-8")
            gold[name] = facts["event"]
            i += 1
    return gold


def b_cubed(pred: dict[str, str], gold: dict[str, int]) -> tuple[float, float, float]:
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for item in gold:
        by_pred[pred[item]].add(item)
        by_gold[gold[item]].add(item)
    p = sum(len(by_pred[pred[x]] & by_gold[gold[x]]) / len(by_pred[pred[x]]) for x in gold)
    r = sum(len(by_pred[pred[x]] & by_gold[gold[x]]) / len(by_gold[gold[x]]) for x in gold)
    p, r = p / len(gold), r / len(gold)
    return p, r, 2 * p * r / (p + r)


def cpu_seconds() -> float:
    """CPU time of this process and of its finished worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=5000, help="articles to generate")
    ap.add_argument("--workers", type=int, default=1, help="processes for the per-document map")
    ap.add_argument(
        "--days", type=int, default=1100, help="days the events are spread over (density)"
    )
    args = ap.parse_args()

    import storyline
    from storyline.config import Settings
    from storyline.extract.mentions import MENTIONS
    from storyline.extract.nlp import load_encoder, load_nlp

    load_nlp()  # models load once per process: not part of either measurement
    encoder = load_encoder()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        gold = generate(args.n, folder, days=args.days)
        words = sum(len(p.read_text("utf-8").split()) for p in folder.iterdir())
        c0, t0 = cpu_seconds(), time.perf_counter()
        analysis = storyline.analyze([str(folder)], Settings(workers=args.workers))
        total_cpu, total_wall = cpu_seconds() - c0, time.perf_counter() - t0
        peak_main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        peak_worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    texts = [d.text for d in analysis.documents if d.duplicate_of is None]
    nlp = load_nlp()
    c0, t0 = cpu_seconds(), time.perf_counter()
    with nlp.select_pipes(disable=[MENTIONS]):  # the bare spaCy pass
        for _ in nlp.pipe(texts, batch_size=16):
            pass
    spacy_cpu, spacy_wall = cpu_seconds() - c0, time.perf_counter() - t0
    outside = total_cpu - spacy_cpu
    n_docs = len(analysis.documents)
    pred = {Path(d.source).name: d.story or d.id for d in analysis.documents}
    p, r, f = b_cubed(pred, {k: v for k, v in gold.items() if k in pred})
    print(
        f"documents: {n_docs} ({len(texts)} originals, {words / max(1, n_docs):.0f} words "
        f"each), events: {len(set(gold.values()))}, stories: {len(analysis.stories)}, "
        f"storylines: {len(analysis.storylines)}; stories vs events B3 P {p:.3f} R {r:.3f} "
        f"F1 {f:.3f}"
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"encoder: {encoder.backend}; workers: {args.workers}; load average {load}")
    print(
        f"analyze: {total_cpu:.1f} s CPU, {total_wall:.1f} s wall, "
        f"{n_docs / total_wall:.1f} docs/s wall, {n_docs / total_cpu:.1f} docs per CPU-second"
    )
    print(
        f"spaCy pass alone (1 process): {spacy_cpu:.1f} s CPU, {spacy_wall:.1f} s wall, "
        f"{len(texts) / spacy_cpu:.1f} docs per CPU-second"
    )
    print(
        f"outside the spaCy pass: {outside:.1f} s CPU = {100 * outside / spacy_cpu:.0f}% "
        f"of the spaCy pass"
    )
    print(
        f"peak memory (max RSS): main process {peak_main:.0f} MiB"
        + (f", largest worker {peak_worker:.0f} MiB" if args.workers > 1 else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
