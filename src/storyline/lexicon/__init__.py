"""Knowledge: what every stage knows that is data, below the stages that use it.

`Knowledge` is built from the run's settings (data folders, `--aliases` files) and
loads each data file once, on first use: the cue lists, the actor list, the entity word
lists, the gazetteer, number, time, hedge and claim words, framing concepts and the
ingest rule files. It is passed explicitly to `ingest`, `extract` and `reconcile`; a
stage that compiles something from it (time patterns, boilerplate regexes) keeps the
compiled form on the same object through `derived`, so it too is built once per
knowledge and never at import. `Knowledge.of(settings)` gives one instance per process
for the same folders (and one per worker process).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from storyline.lexicon.actors import Actor, load_actors, load_entity_words
from storyline.lexicon.cues import Cues, load_cues
from storyline.lexicon.files import DataFiles
from storyline.lexicon.gazetteer import Gazetteer, load_gazetteer

if TYPE_CHECKING:
    from storyline.config import Settings

T = TypeVar("T")

_INSTANCES: dict[tuple[tuple[Path, ...], tuple[Path, ...]], Knowledge] = {}
_LOCK = threading.Lock()


class Knowledge:
    """The data files of one run, loaded lazily and once."""

    def __init__(self, data: Sequence[str | Path] = (), aliases: Sequence[str | Path] = ()):
        self.files = DataFiles(tuple(Path(p) for p in data))
        self.aliases = tuple(Path(p) for p in aliases)
        self._derived: dict[str, Any] = {}
        self._lock = threading.RLock()  # a derived value may build from others

    @classmethod
    def of(cls, settings: Settings) -> Knowledge:
        """The process's knowledge for these settings' data folders and alias files."""
        return cls.shared(settings.data, settings.aliases)

    @classmethod
    def shared(
        cls, data: Sequence[str | Path] = (), aliases: Sequence[str | Path] = ()
    ) -> Knowledge:
        """The process's one knowledge for these data folders and alias files."""
        key = (tuple(map(Path, data)), tuple(map(Path, aliases)))
        with _LOCK:
            if key not in _INSTANCES:
                _INSTANCES[key] = cls(*key)
            return _INSTANCES[key]

    def __repr__(self) -> str:
        folders = [str(f) for f in self.files.folders]
        return f"Knowledge(data={folders}, aliases={[str(a) for a in self.aliases]})"

    def structured(self, name: str) -> dict[str, Any]:
        """Any TOML/JSON data file with users' extensions (cached per knowledge)."""
        return self.derived(f"file:{name}", lambda: self.files.structured(name))

    def lines(self, name: str) -> list[str]:
        """Any line-based data file with users' extensions (cached per knowledge)."""
        return self.derived(f"lines:{name}", lambda: self.files.lines(name))

    def derived(self, key: str, build: Callable[[], T]) -> T:
        """A value built from this knowledge once (compiled patterns, indexes)."""
        try:
            return self._derived[key]
        except KeyError:
            pass
        with self._lock:
            if key not in self._derived:
                self._derived[key] = build()
            return self._derived[key]

    # ------------------------------------------------------------------ shared lexicons

    @cached_property
    def cues(self) -> Cues:
        """Speech, indirect-speech, 'according to', pronoun and blame cues (cues.toml)."""
        return load_cues(self.files)

    @cached_property
    def actors(self) -> dict[str, Actor]:
        """The curated actor list (actors.tsv) plus `--aliases` files."""
        return load_actors(self.files, self.aliases)

    @cached_property
    def entity_words(self) -> dict[str, frozenset[str]]:
        """Titles, role nouns, not-a-name words, metonymy verbs (entity_words.toml)."""
        return load_entity_words(self.files)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """The offline place index (GeoNames plus our place files)."""
        return load_gazetteer(self.files)

    @property
    def time_words(self) -> dict[str, Any]:
        return self.structured("time_words.json")

    @property
    def numbers(self) -> dict[str, Any]:
        return self.structured("numbers.json")

    @property
    def hedges(self) -> dict[str, Any]:
        return self.structured("hedges.json")

    @property
    def claims(self) -> dict[str, Any]:
        return self.structured("claims.json")

    @property
    def framing_concepts(self) -> dict[str, Any]:
        return self.structured("framing_concepts.json")


__all__ = ["DataFiles", "Knowledge"]
