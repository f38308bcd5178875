"""One `Knowledge` per run, built from `Settings`: users' data folders extend the bundled
files for every stage, whenever the folders are given, and nothing loads at import."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from storyline.config import Settings
from storyline.extract.quantities import quantity_tables
from storyline.extract.time_rules import match_times, time_rules
from storyline.ingest import ingest
from storyline.ingest.rules import boilerplate
from storyline.lexicon import Knowledge
from storyline.lexicon.files import ENV, DataFiles, merge
from storyline.lexicon.words import parse_number

SPONSOR = "Sponsored by the Harbour Bakery"
ARTICLE = (
    "Ferry service resumes\n\nThe island ferry resumed service on Monday after a "
    f"week of storms, the operator said.\n\n{SPONSOR}\n"
)


def _extension(folder):
    """A data folder touching an ingest, an extract and a reduce file."""
    folder.mkdir(exist_ok=True)
    (folder / "boilerplate.toml").write_text(
        "[lines]\nsponsor = ['''Sponsored by\\b.{0,80}''']\n", encoding="utf-8"
    )
    (folder / "numbers.json").write_text(json.dumps({"units": {"umpteen": 40}}), "utf-8")
    (folder / "time_words.json").write_text(json.dumps({"weekdays": {"moonday": 0}}), "utf-8")
    (folder / "framing_concepts.json").write_text(
        json.dumps({"concepts": [{"concept": "the junta", "terms": ["junta"]}]}), "utf-8"
    )
    (folder / "actors.tsv").write_text("zz\tORG\tZed Union\tZU\n", encoding="utf-8")
    return folder


def test_merge_appends_lists_merges_tables_replaces_scalars():
    base = {"a": [1], "t": {"x": 1, "y": [1]}, "s": "old"}
    out = merge(base, {"a": [2], "t": {"y": [2], "z": 3}, "s": "new"})
    assert out == {"a": [1, 2], "t": {"x": 1, "y": [1, 2], "z": 3}, "s": "new"}
    assert base["a"] == [1]  # the bundled data is not mutated


def test_data_files_extend_json_and_tsv(tmp_path):
    folder = _extension(tmp_path / "data")
    bundled, extended = DataFiles(), DataFiles([folder])
    assert len(extended.structured("framing_concepts.json")["concepts"]) == (
        len(bundled.structured("framing_concepts.json")["concepts"]) + 1
    )
    assert extended.lines("actors.tsv")[-1].startswith("zz\tORG")
    assert not bundled.lines("actors.tsv")[-1].startswith("zz")


def test_a_folder_given_after_import_reaches_every_stage(tmp_path):
    # every module above is already imported: the folder must still be read
    knowledge = Knowledge([_extension(tmp_path / "data")])
    plain = Knowledge()
    assert parse_number("umpteen", knowledge.numbers) == 40
    assert parse_number("umpteen", plain.numbers) is None
    assert quantity_tables(knowledge).number_rx.search("umpteen boats")
    assert not quantity_tables(plain).number_rx.search("umpteen boats")
    assert [c.name for c in match_times("We met on Moonday.", time_rules(knowledge))] == ["weekday"]
    assert match_times("We met on Moonday.", time_rules(plain)) == []
    assert boilerplate(knowledge).kind_of(SPONSOR) == "sponsor"
    assert boilerplate(plain).kind_of(SPONSOR) is None
    assert "zz" in knowledge.actors and "zz" not in plain.actors


def test_settings_choose_the_knowledge_for_the_python_api(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    folder = _extension(tmp_path / "data")
    plain = ingest([str(source)], Settings(data=[])).documents[0]
    extended = ingest([str(source)], Settings(data=[folder])).documents[0]
    assert SPONSOR in plain.text
    assert SPONSOR not in extended.text and SPONSOR in extended.removed


def test_one_knowledge_per_process_for_the_same_folders(tmp_path, monkeypatch):
    folder = _extension(tmp_path / "data")
    first = Knowledge.of(Settings(data=[folder]))
    assert Knowledge.of(Settings(data=[folder])) is first
    assert Knowledge.of(Settings(data=[])) is not first
    calls: list[str] = []
    structured = DataFiles.structured

    def counting(self, name, extra=()):
        calls.append(name)
        return structured(self, name, extra)

    monkeypatch.setattr(DataFiles, "structured", counting)
    fresh = Knowledge([folder])
    for _ in range(3):
        fresh.numbers, fresh.cues, time_rules(fresh), boilerplate(fresh)
    assert sorted(calls) == sorted(set(calls))  # each file read once


def test_settings_read_the_environment_once_and_never_write_it(tmp_path, monkeypatch):
    folder = _extension(tmp_path / "data")
    monkeypatch.setenv(ENV, str(folder))
    before = dict(os.environ)
    assert Settings().data == [folder]
    Knowledge.of(Settings()).numbers  # noqa: B018
    assert dict(os.environ) == before


def test_nothing_is_loaded_at_import(tmp_path):
    # a broken extension file only fails when knowledge is used, never on import
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("numbers.json", "time_words.json", "hedges.json", "claims.json"):
        (broken / name).write_text("{not json", encoding="utf-8")
    (broken / "cues.toml").write_text("not = [toml", encoding="utf-8")
    code = (
        "import storyline, storyline.extract, storyline.reconcile, storyline.ingest, "
        "storyline.render, storyline.store, storyline.web, storyline.cli"
    )
    env = {**os.environ, ENV: str(broken)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_cli_data_folder_adds_a_boilerplate_pattern(tmp_path, run_cli):
    article = tmp_path / "in" / "a.txt"
    article.parent.mkdir()
    article.write_text(ARTICLE, encoding="utf-8")
    data = _extension(tmp_path / "data")
    plain = run_cli("analyze", article.parent, "-q", "-o", tmp_path / "o1")
    extended = run_cli("analyze", article.parent, "-q", "-o", tmp_path / "o2", "--data", data)
    assert plain.returncode == 0 and extended.returncode == 0, extended.stderr
    before = json.loads((tmp_path / "o1" / "storyline.json").read_text())["documents"][0]
    after = json.loads((tmp_path / "o2" / "storyline.json").read_text())["documents"][0]
    assert SPONSOR in before["text"]
    assert SPONSOR not in after["text"]
    assert SPONSOR in after["removed"]


def test_every_analysing_command_takes_data(run_cli):
    for command in ("analyze", "serve"):
        done = run_cli(command, "--help", env={**os.environ, "COLUMNS": "200"})
        assert "--data" in done.stdout, command


def test_canadian_province_short_names_are_in_the_gazetteer():
    from storyline.lexicon import Knowledge

    gz = Knowledge().gazetteer
    for short, name in (
        ("N.B.", "New Brunswick"),
        ("Ont.", "Ontario"),
        ("P.E.I.", "Prince Edward Island"),
    ):
        assert any(gz.places[i][1] == name for i in gz.exact(short))
