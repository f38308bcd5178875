"""Knowledge as data: the bundled files in `storyline/data/` plus users' extensions.

Users extend any bundled file (actor aliases, cue verbs, boilerplate patterns, hedges,
number and time words, framing concepts…) by putting a file of the same name in a data
folder: `Settings.data` (`--data DIR` on the command line; the `STORYLINE_DATA`
environment variable, several folders separated by `os.pathsep`, is read once into the
settings' default). TOML and JSON extensions are merged into the bundled data (lists
appended, tables merged, scalars replaced); TSV extensions are appended line by line.
"""

from __future__ import annotations

import json
import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

ENV = "STORYLINE_DATA"


def folders_from_env() -> list[Path]:
    """The data folders named by STORYLINE_DATA (the settings' default; read, never set)."""
    return [Path(p) for p in os.environ.get(ENV, "").split(os.pathsep) if p.strip()]


def bundled_text(name: str) -> str:
    """The text of a bundled data file, e.g. `bundled_text("cues.toml")`."""
    return resources.files("storyline.data").joinpath(name).read_text(encoding="utf-8")


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """`extra` over `base`: lists appended, tables merged, scalars replaced."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + value
        else:
            out[key] = value
    return out


def _parse(name: str, text: str) -> dict[str, Any]:
    return tomllib.loads(text) if name.endswith(".toml") else json.loads(text)


class DataFiles:
    """The bundled data files seen through an ordered list of extension folders."""

    def __init__(self, folders: tuple[Path, ...] | list[Path] = ()) -> None:
        self.folders = tuple(Path(f) for f in folders)

    def extensions(self, name: str) -> list[Path]:
        """Users' files named `name` in the data folders, in the order given."""
        return [f / name for f in self.folders if (f / name).is_file()]

    def structured(self, name: str, extra: tuple[str | Path, ...] = ()) -> dict[str, Any]:
        """A bundled TOML or JSON file merged with `extra` files and users' extensions."""
        data = _parse(name, bundled_text(name))
        for path in [*map(Path, extra), *self.extensions(name)]:
            data = merge(data, _parse(name, path.read_text(encoding="utf-8")))
        return data

    def lines(self, name: str, extra: tuple[str | Path, ...] = ()) -> list[str]:
        """A bundled line-based file (TSV) followed by `extra` files and users' extensions."""
        lines = bundled_text(name).splitlines()
        for path in [*map(Path, extra), *self.extensions(name)]:
            lines += path.read_text(encoding="utf-8").splitlines()
        return lines
