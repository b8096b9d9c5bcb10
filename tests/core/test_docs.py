"""The README tells the truth: the query reference in it is the one the app shows."""

from __future__ import annotations

from pathlib import Path

from desktop.core.search.query_help import QUERY_HELP

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_shows_the_query_help_verbatim() -> None:
    assert QUERY_HELP.strip() in README.read_text(encoding="utf-8")


def test_readme_names_the_two_commands_and_ci_runs_the_test_one() -> None:
    text = README.read_text(encoding="utf-8")
    assert "make run" in text and "make test" in text
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.strip().splitlines()[-1] == "make test"


def test_the_version_is_the_same_everywhere() -> None:
    """About, --version, the installers (from pyproject.toml) and the package agree."""
    import tomllib

    import desktop

    project = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert desktop.__version__ == project["project"]["version"]
