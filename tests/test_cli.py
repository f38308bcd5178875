import json

from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("storyline ")


def test_schema_is_generated_from_models():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    for section in (
        "documents",
        "stories",
        "entities",
        "quotes",
        "claims",
        "events",
        "accusations",
    ):
        assert section in schema["properties"]
