"""Run settings shared by the CLI, the Python API and the web app.

`Settings` says what a run may do and which knowledge it reads (data folders, alias
files); `storyline.lexicon.Knowledge.of(settings)` loads that knowledge once per process.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from storyline.lexicon.files import folders_from_env

VERSION = version("storyline")


@dataclass(frozen=True)
class StoryParams:
    """Weights and thresholds of the story score (tuned on ECB+ train/dev topics)."""

    w_embedding: float = 0.35
    w_terms: float = 0.45
    w_entities: float = 0.20
    join_threshold: float = 0.36
    grace_days: float = 7.0  # a story's reports spread over a week or so at no cost
    w_near: float = 0.06  # bonus for reports within the grace period of the story
    w_time: float = 0.15  # cost of a gap just short of `max_gap_days`
    max_gap_days: float = 30.0  # further apart than this: never the same story
    max_span_days: float = 30.0  # a story's dated reports never span more than this
    w_place: float = 0.3  # cost of naming other main places than the story's
    place_share: float = 0.3  # a story's main place: main place of this share of members
    lsh_tables: int = 8
    lsh_bits: int = 10
    max_candidates: int = 60
    entity_postings: int = 40  # entities in more stories than this propose none
    storyline_threshold: float = 0.55


def core_count() -> int:
    """CPUs this process may use (its affinity mask where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


class Settings(BaseModel):
    """What a run may do. Defaults suit a laptop, offline."""

    fetch: bool = Field(False, description="Fetch http(s) inputs (off by default: no network).")
    fetch_timeout: float = Field(15.0, description="Seconds per URL when fetching.")
    max_bytes: int = Field(5_000_000, description="Inputs larger than this are rejected.")
    workers: int = Field(
        default_factory=core_count,
        description="Processes for the per-document map (1: in-process); default: every core.",
    )
    batch: int = Field(
        32,
        ge=1,
        description="Documents per encoder call and per engine task (vectors depend in "
        "their last bits on the batch, so runs to compare use the same).",
    )
    engine: Literal["local", "ray"] = Field(
        "local", description="Where the per-document map runs: local processes, or Ray."
    )
    address: str | None = Field(
        None, description="Ray cluster address (engine ray); None: a private local Ray."
    )
    data: list[Path] = Field(
        default_factory=folders_from_env,
        description="Folders of users' data files merged, in order, into the bundled ones "
        "(default: the folders named by STORYLINE_DATA).",
    )
    aliases: list[Path] = Field(default_factory=list, description="Extra actor-alias files.")
    stories: StoryParams = Field(
        default_factory=StoryParams, description="Weights and thresholds of story placing."
    )
    db: str | None = Field(None, description="Store path or SQLAlchemy URL; None: no store.")
    rebuild: bool = Field(
        False,
        description="Adding to a store: re-run the whole reduce over every stored document "
        "instead of the incremental add (which reduces only the batch's time window).",
    )
    embed: bool = Field(True, description="Compute sentence embeddings for story clustering.")
