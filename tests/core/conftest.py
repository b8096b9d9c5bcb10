"""Fixtures for core tests: a fresh real archive per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.archive import Archive


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    return tmp_path / "archive"


@pytest.fixture
def archive(archive_dir: Path) -> Iterator[Archive]:
    opened = Archive.open(archive_dir)
    yield opened
    opened.close()


def snapshot(archive: Archive) -> dict[str, object]:
    """Everything a reporter could lose: rows and the bytes of every original."""
    rows = [tuple(r) for r in archive.db.execute("SELECT * FROM articles ORDER BY id").fetchall()]
    originals = {
        p.name: p.read_bytes()
        for p in sorted(archive.originals_dir.glob("??/*"))
        if p.is_file()
    }
    return {"rows": rows, "originals": originals}
