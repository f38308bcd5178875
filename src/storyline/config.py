"""Run settings shared by the CLI, the Python API and the web app."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field


class Settings(BaseModel):
    """What a run may do. Defaults suit a laptop, offline."""

    fetch: bool = Field(False, description="Fetch http(s) inputs (off by default: no network).")
    fetch_timeout: float = Field(15.0, description="Seconds per URL when fetching.")
    max_bytes: int = Field(5_000_000, description="Inputs larger than this are rejected.")
    workers: int = Field(1, description="Processes for the per-document map (1: in-process).")
    aliases: list[Path] = Field(default_factory=list, description="Extra actor-alias files.")
    db: str | None = Field(None, description="Store path or SQLAlchemy URL; None: no store.")
    embed: bool = Field(True, description="Compute sentence embeddings for story clustering.")
