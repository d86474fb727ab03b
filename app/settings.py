"""Configuration from the environment, with the embedded SQLite default."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{ROOT / 'data' / 'timeline.db'}"


@dataclass(frozen=True)
class Settings:
    database_url: str
    host: str
    port: int
    max_file_bytes: int
    cluster: str = ""  # a Dask scheduler's address for `ingest` (DASK_SCHEDULER)

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            database_url=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
            host=os.environ.get("HOST", "127.0.0.1"),
            port=int(os.environ.get("PORT", "8000")),
            max_file_bytes=int(os.environ.get("MAX_FILE_BYTES", str(2 * 1024 * 1024))),
            cluster=os.environ.get("DASK_SCHEDULER", ""),
        )
