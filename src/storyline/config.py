"""Run settings shared by the CLI, the Python API and the web app."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field


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
    aliases: list[Path] = Field(default_factory=list, description="Extra actor-alias files.")
    db: str | None = Field(None, description="Store path or SQLAlchemy URL; None: no store.")
    embed: bool = Field(True, description="Compute sentence embeddings for story clustering.")
