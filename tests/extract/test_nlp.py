"""The spaCy pipeline names everything that runs per document, and the mention finder is
a registered component configured with the run's knowledge."""

from __future__ import annotations

import pytest
import spacy

from storyline.config import Settings
from storyline.extract.mentions import MENTIONS, find_mentions
from storyline.extract.nlp import load_nlp
from storyline.extract.sentences import LINE_BREAKS


def test_pipe_names_show_our_components(nlp):
    names = nlp.pipe_names
    assert names.index(LINE_BREAKS) < names.index("parser")
    assert names[-1] == MENTIONS
    assert nlp.get_pipe_config(MENTIONS) == {"factory": MENTIONS, "data": [], "aliases": []}


def test_mentions_are_left_on_the_doc(nlp):
    doc = nlp("Rebels of the Zed Union entered Palmyra on Monday, the army said.")
    assert [m.text for m in find_mentions(doc)] == [m.text for m in doc._.get(MENTIONS)]


def test_a_doc_from_another_pipeline_is_refused_with_the_reason():
    doc = spacy.blank("en")("A plain pipeline never ran the mention finder.")
    with pytest.raises(ValueError, match=MENTIONS):
        find_mentions(doc)


def test_the_component_reads_the_run_s_alias_files(tmp_path, nlp):
    aliases = tmp_path / "actors.tsv"
    aliases.write_text("zz\tARMED_GROUP\tZed Union\tZU\n", encoding="utf-8")
    custom = load_nlp(Settings(aliases=[aliases], data=[]))
    assert custom.get_pipe_config(MENTIONS)["aliases"] == [str(aliases)]
    text = "Fighters of the ZU entered the town on Monday."
    found = {m.text: m.type for m in find_mentions(custom(text))}
    assert found.get("ZU") == "ARMED_GROUP"
    assert {m.text: m.type for m in find_mentions(nlp(text))}.get("ZU") != "ARMED_GROUP"


def test_a_failing_mention_finder_costs_only_that_document(nlp, monkeypatch):
    finder = nlp.get_pipe(MENTIONS)

    def broken(doc):
        if "boom" in doc.text:
            raise KeyError("boom")
        return []

    monkeypatch.setattr(finder, "find", broken)
    good, bad = list(nlp.pipe(["The ferry sailed.", "The boom came."]))
    assert find_mentions(good) == []
    with pytest.raises(RuntimeError, match="KeyError"):
        find_mentions(bad)
