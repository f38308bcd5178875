"""`storyline changes`: four invented articles about an invented assault on the town of
Marrowick, fed one at a time through `analyze --db`; after each, the delta names what
the new document adds and nothing else (every line cites only it)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()

# Invented for this test: no real event, place or person.
ARTICLES = [
    (
        "a1.txt",
        "Rebels seize Marrowick after overnight assault\n\nMarrowick Daily Courier\n"
        "Published: 2026-03-02\n\n"
        "Fighters of the Velan Liberation Front seized the town of Marrowick on Sunday after "
        "an overnight assault, residents said.\n\n"
        "At least 12 people were killed in the fighting, according to the regional health "
        "office.\n\n"
        '"The town is calm now and our fighters are protecting civilians," said Tomas '
        "Brekker, a spokesman for the Velan Liberation Front.\n",
    ),
    (
        "a2.txt",
        "Army denies losing Marrowick as toll rises\n\nEastbridge Herald\n"
        "Published: 2026-03-03\n\n"
        "The army said on Monday that Marrowick has not fallen and that its units remain in "
        "the town.\n\n"
        "The death toll rose to 19 people killed, the regional health office said on Monday.\n\n"
        '"Our soldiers hold every district of Marrowick," said General Ilse Varnow, the army '
        "commander.\n\n"
        "Varnow accused the Velan Liberation Front of shelling the hospital in Marrowick.\n",
    ),
    (
        "a3.txt",
        "Aid convoy reaches Marrowick after rebel assault\n\nNorthline News\n"
        "Published: 2026-03-04\n\n"
        "An aid convoy reached Marrowick on Tuesday, two days after fighters of the Velan "
        "Liberation Front seized the town in an overnight assault, the Red Lantern Society "
        "said.\n\n"
        '"We delivered food and medicine to 3,000 families," said Petra Olund, who leads the '
        "Red Lantern Society convoy.\n\n"
        "The Velan Liberation Front said 30 people were killed in the fighting for "
        "Marrowick, a figure the health office did not confirm.\n",
    ),
    (
        "a4.txt",
        "Chess prodigy wins Lindqvar open\n\nCoastal Gazette\nPublished: 2026-03-04\n\n"
        "Eleven-year-old Nadia Kirsch won the Lindqvar open chess championship on Tuesday, "
        "beating three grandmasters.\n\n"
        '"I studied endgames every evening for a year," said Kirsch after the final round.\n',
    ),
]


def _cited(story: dict) -> set[str]:
    """Every document a story's delta cites."""
    docs = {d["id"] for d in story["documents"]}
    for part in ("events", "quotes", "accusations", "figures", "controls"):
        for item in story[part]:
            docs.update(item["documents"])
    return docs


def _step(tmp_path, db: str, name: str, text: str) -> dict:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    done = runner.invoke(app, ["analyze", str(path), "--db", db, "-o", str(tmp_path / "out")])
    assert done.exit_code == 0, done.output
    shown = runner.invoke(app, ["changes", "--db", db, "--format", "json"])
    assert shown.exit_code == 0, shown.output
    return json.loads(shown.stdout)


def test_each_article_adds_exactly_its_own_changes(tmp_path, nlp):
    db = str(tmp_path / "store.sqlite")
    speakers: list[set[str]] = []
    deltas = []
    for n, (name, text) in enumerate(ARTICLES, 1):
        delta = _step(tmp_path, db, name, text)
        deltas.append(delta)
        new_doc = f"d{n}"
        assert delta["run"]["id"] == n and delta["run"]["new_documents"] == [new_doc]
        assert [s for s in delta["stories"] if s["documents"]], delta
        for story in delta["stories"]:  # everything it tells rests on the new document
            assert _cited(story) == {new_doc}, story
        speakers.append({q["who"] for s in delta["stories"] for q in s["quotes"]})
    first, second, third, fourth = deltas

    # 1: a new story, its first figure.
    (story,) = first["stories"]
    assert story["new"] and "Tomas Brekker" in speakers[0]
    assert [f["kind"] for f in story["figures"]] == ["new"]
    # 2: the same story; the health office was quoted before, the general was not; the
    # accusation; the toll revised (12 -> 19) by the same office.
    (story,) = second["stories"]
    assert not story["new"]
    assert "Ilse Varnow" in speakers[1] and "the regional health office" not in speakers[1]
    assert [(a["who"], a["whom"]) for a in story["accusations"]] == [
        ("Ilse Varnow", ["Velan Liberation Front"])
    ]
    (toll,) = [f for f in story["figures"] if f["what"] == "people killed"]
    assert toll["new"] == ["19"] and toll["kind"] in ("revised", "disputed")
    # 3: the rebels' 30 puts the toll in dispute; a new figure and new speakers.
    (story,) = [s for s in third["stories"] if s["documents"]]
    (toll,) = [f for f in story["figures"] if f["what"] == "people killed"]
    assert toll["kind"] == "disputed" and toll["new"] == ["30"]
    assert toll["by"] == ["Velan Liberation Front"]
    assert {"Petra Olund", "Velan Liberation Front"} <= speakers[2]
    assert not speakers[2] & (speakers[0] | speakers[1])
    # 4: the chess article adds its own speaker and nothing about the toll.
    assert speakers[3] == {"Nadia Kirsch"}
    assert not [f for s in fourth["stories"] for f in s["figures"] if f["what"] == "people killed"]

    # Since run 2: runs 3 and 4 together, nothing from d1 or d2 told again.
    since = runner.invoke(app, ["changes", "--db", db, "--since", "2", "--format", "md"])
    assert since.exit_code == 0, since.output
    bullets = [line for line in since.stdout.splitlines() if line.startswith("- ")]
    assert bullets and all(line.endswith("]") for line in bullets)
    cited = {d for line in bullets for d in line.rsplit("[", 1)[1].rstrip("]").split(", ")}
    assert cited == {"d3", "d4"}
    html = runner.invoke(app, ["changes", "--db", db, "--since", "2", "--format", "html"])
    assert html.exit_code == 0 and "<script" not in html.stdout and "<link" not in html.stdout


def test_changes_names_a_missing_store_a_bad_point_and_an_empty_store(tmp_path):
    missing = runner.invoke(app, ["changes", "--db", str(tmp_path / "none.sqlite")])
    assert missing.exit_code == 1 and "no store" in missing.output
    from storyline.store import open_store

    db = str(tmp_path / "empty.sqlite")
    open_store(db).close()
    empty = runner.invoke(app, ["changes", "--db", db])
    assert empty.exit_code == 0 and "no runs yet" in empty.stdout
    bad = runner.invoke(app, ["changes", "--db", db, "--since", "yesterday-ish"])
    assert bad.exit_code == 0  # no runs at all: nothing to compare, nothing refused
    wrong = runner.invoke(app, ["changes", "--db", db, "--format", "pdf"])
    assert wrong.exit_code == 2
