"""The archive's timestamps: UTC, ISO 8601 to the second.

A module of its own so that code which only needs a timestamp (editing, saved searches) does
not import the whole import pipeline, which the GUI would otherwise load before its first paint.
"""

from __future__ import annotations

from datetime import UTC, datetime

__all__ = ["now_iso"]


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
