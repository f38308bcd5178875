"""Users extend the bundled data files with same-named files in STORYLINE_DATA folders."""

import json
import subprocess
import sys

import pytest

from storyline.knowledge import ENV, load_lines, load_structured, merge


def test_merge_appends_lists_merges_tables_replaces_scalars():
    base = {"a": [1], "t": {"x": 1, "y": [1]}, "s": "old"}
    out = merge(base, {"a": [2], "t": {"y": [2], "z": 3}, "s": "new"})
    assert out == {"a": [1, 2], "t": {"x": 1, "y": [1, 2], "z": 3}, "s": "new"}
    assert base["a"] == [1]  # the bundled data is not mutated


def test_extension_folder_extends_json_and_tsv(tmp_path, monkeypatch):
    bundled = load_structured("framing_concepts.json")
    (tmp_path / "framing_concepts.json").write_text(
        json.dumps(
            {"concepts": [{"concept": "the junta", "terms": ["junta", "military council"]}]}
        ),
        encoding="utf-8",
    )
    (tmp_path / "actors.tsv").write_text("zz\tORG\tZed Union\tZU\n", encoding="utf-8")
    monkeypatch.setenv(ENV, str(tmp_path))
    extended = load_structured("framing_concepts.json")
    assert len(extended["concepts"]) == len(bundled["concepts"]) + 1
    assert load_lines("actors.tsv")[-1].startswith("zz\tORG")


@pytest.mark.slow
def test_cli_data_folder_adds_a_boilerplate_pattern(tmp_path):
    article = tmp_path / "in" / "a.txt"
    article.parent.mkdir()
    article.write_text(
        "Ferry service resumes\n\nThe island ferry resumed service on Monday after a "
        "week of storms, the operator said.\n\nSponsored by the Harbour Bakery\n",
        encoding="utf-8",
    )
    data = tmp_path / "data"
    data.mkdir()
    (data / "boilerplate.toml").write_text(
        "[lines]\nsponsor = ['''Sponsored by\\b.{0,80}''']\n", encoding="utf-8"
    )
    exe = [sys.executable, "-m", "storyline.cli", "analyze", str(article.parent), "-q"]
    plain = subprocess.run([*exe, "-o", str(tmp_path / "o1")], capture_output=True, text=True)
    extended = subprocess.run(
        [*exe, "-o", str(tmp_path / "o2"), "--data", str(data)], capture_output=True, text=True
    )
    assert plain.returncode == 0 and extended.returncode == 0, extended.stderr
    before = json.loads((tmp_path / "o1" / "storyline.json").read_text())["documents"][0]
    after = json.loads((tmp_path / "o2" / "storyline.json").read_text())["documents"][0]
    assert "Sponsored by" in before["text"]
    assert "Sponsored by" not in after["text"]
    assert "Sponsored by the Harbour Bakery" in after["removed"]
