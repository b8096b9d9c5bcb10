"""Shared fixtures: paths to the read-only corpora beside the project, and fresh archives.

``QT_QPA_PLATFORM=offscreen`` is set here, before any QApplication can exist, so GUI tests run
without a display.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
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


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Path]:
    """``convert(docx) -> pdf`` with LibreOffice headless and a fresh profile for this session.

    Skips without LibreOffice, unless ``NEWSROOM_REQUIRE_LIBREOFFICE`` is set (as in CI), when a
    missing LibreOffice fails the test instead."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("NEWSROOM_REQUIRE_LIBREOFFICE"):
            pytest.fail("NEWSROOM_REQUIRE_LIBREOFFICE is set but soffice is not installed")
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = tmp_path_factory.mktemp("lo-profile")

    def convert(path: Path) -> Path:
        outdir = path.parent / "pdf"
        outdir.mkdir(exist_ok=True)
        result = subprocess.run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(outdir), str(path)],
            check=False, capture_output=True, text=True, timeout=240,
        )
        pdf = outdir / (path.stem + ".pdf")
        assert result.returncode == 0, result.stderr
        assert "Error" not in result.stderr, result.stderr
        assert pdf.is_file() and pdf.stat().st_size > 1000, (result.stdout, result.stderr)
        assert pdf.read_bytes().startswith(b"%PDF")
        return pdf

    return convert
