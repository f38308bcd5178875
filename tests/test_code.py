"""`storyline code`: id<TAB>text in, id<TAB>type out, through the sentence encoder."""

from __future__ import annotations


def test_code_reads_stdin_and_prints_one_type_per_id(run_cli):
    lines = (
        "id\tEventSnippet\n"
        "n1\tA roadside bomb exploded as a police convoy passed, killing two officers.\n"
        "n2\tPolice fired live rounds at the peaceful marchers, killing two of them.\n"
        "n3\tThe rebels captured the town after two days of fighting with the army.\n"
        "broken line without a tab\n"
    )
    done = run_cli("code", "-", input=lines)
    assert done.returncode == 2  # one line rejected, named on stderr, the rest coded
    assert "line 5" in done.stderr
    rows = dict(line.split("\t") for line in done.stdout.splitlines())
    assert rows == {
        "n1": "REM_EXPLOS",
        "n2": "FORCE_AGAINST_PROTEST",
        "n3": "NON_STATE_ACTOR_OVERTAKES_TER",
    }


def test_schema_has_control_changes_and_event_types(run_cli):
    done = run_cli("schema")
    assert '"control_changes"' in done.stdout and '"ControlChange"' in done.stdout
    assert '"target"' in done.stdout
