"""Shared fixtures: paths to the read-only corpora beside the project, and fresh archives.

``QT_QPA_PLATFORM=offscreen`` is set here, before any QApplication can exist, so GUI tests run
without a display.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSROOM_SHARED", ROOT.parent / "shared")).resolve()
SEEDS = SHARED / "samples" / "seeds"
CORPORA = SHARED / "corpora"


def _require(path: Path) -> Path:
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: the tests read ../shared beside the project root "
            "(or the folder named by NEWSROOM_SHARED)"
        )
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return _require(SEEDS)


@pytest.fixture(scope="session")
def corpora_dir() -> Path:
    return _require(CORPORA)


@pytest.fixture(scope="session")
def seed_files(seeds_dir: Path) -> dict[str, Path]:
    """``{"000": path, "001": path, ...}`` for the five seed articles."""
    return {p.name[:3]: p for p in sorted(seeds_dir.glob("*.txt"))}
