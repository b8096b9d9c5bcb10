"""The command line, run as a user runs it: a subprocess, real archive, real exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def run(tmp_path: Path):
    env = {**os.environ, "NEWSROOM_DATA_DIR": str(tmp_path / "data")}
    env.pop("NEWSROOM_ARCHIVE", None)

    def runner(*args: str, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "desktop", *args],
            capture_output=True, text=True, timeout=120, env={**env, **(extra_env or {})},
        )

    return runner


def test_import_list_show_check_round_trip(run, tmp_path: Path, seeds_dir: Path) -> None:
    archive = str(tmp_path / "arch")
    result = run("import", str(seeds_dir), "--archive", archive)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 6 and all(line.startswith("imported") for line in lines[:5])
    assert lines[-1].startswith("5 files: 5 imported, 0 duplicate, 0 failed")

    listed = json.loads(run("list", "--archive", archive, "--json").stdout)
    assert listed["total"] == 5
    ids = sorted(a["id"] for a in listed["articles"])
    assert ids == [1, 2, 3, 4, 5]

    shown = run("show", "2", "--archive", archive)
    assert shown.returncode == 0
    assert "US Hits Back in Iraq, Targeting Militia Behind Deadly Rocket Attack" in shown.stdout
    assert "Carla Babb, Jeff Seldin" in shown.stdout and "[found]" in shown.stdout
    data = json.loads(run("show", "4", "--archive", archive, "--json").stdout)
    assert data["headline"] is None and "headline" in data["needs_review"]

    checked = run("check", "--archive", archive)
    assert checked.returncode == 0
    assert checked.stdout.strip().endswith("OK: 5 articles, 5 originals verified")


def test_default_archive_is_in_the_data_folder_and_env_overrides_it(run, tmp_path: Path, seeds_dir: Path) -> None:
    seed = str(next(seeds_dir.glob("000_*")))
    assert run("import", seed).returncode == 0
    assert (tmp_path / "data" / "archive" / "archive.db").is_file()
    other = tmp_path / "env-archive"
    assert run("import", seed, extra_env={"NEWSROOM_ARCHIVE": str(other)}).returncode == 0
    assert (other / "archive.db").is_file()


def test_exit_codes_scripts_rely_on(run, tmp_path: Path, seeds_dir: Path) -> None:
    archive = str(tmp_path / "arch")
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = run("import", str(bad), str(next(seeds_dir.glob("001_*"))), "--archive", archive)
    assert result.returncode == 1
    assert "failed     " in result.stdout and "empty file" in result.stdout

    assert run("show", "999", "--archive", archive).returncode == 4
    assert run("frobnicate").returncode == 2
    assert run("show", "not-a-number", "--archive", archive).returncode == 2

    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "letter.txt").write_text("x")
    refused = run("list", "--archive", str(folder))
    assert refused.returncode == 3
    assert "not a Newsroom Archive" in refused.stderr
    assert run("check", "--archive", str(tmp_path / "missing")).returncode == 3


def test_check_finds_an_altered_original(run, tmp_path: Path, seeds_dir: Path) -> None:
    archive = tmp_path / "arch"
    run("import", str(seeds_dir), "--archive", str(archive))
    victim = sorted((archive / "originals").glob("??/*"))[0]
    victim.write_bytes(victim.read_bytes() + b" tampered")
    result = run("check", "--archive", str(archive), "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert [f["code"] for f in report["findings"]] == ["altered-original"]


def test_help_and_version(run) -> None:
    assert "import" in run("--help").stdout
    assert run("--version").stdout.startswith("Newsroom Archive ")


def test_search_reindex_and_saved_searches(run, tmp_path: Path, seeds_dir: Path) -> None:
    archive = str(tmp_path / "arch")
    assert run("import", str(seeds_dir), "--archive", archive).returncode == 0

    found = run("search", "Esper", "--archive", archive)
    assert found.returncode == 0
    assert "of 5 articles" in found.stdout and "[Esper]" in found.stdout

    data = json.loads(run("search", '"Camp Taji"', "--sort", "newest", "--archive", archive, "--json",
                          "--exact").stdout)
    assert data["total"] == 3
    spellings = json.loads(run("search", '"Camp Taji"', "--archive", archive, "--json").stdout)
    assert spellings["total"] == 4, "Newsweek's 'Taji military camp' is the same entity"
    assert [h["id"] for h in data["hits"]][:2] == [3, 2]

    narrowed = json.loads(run("search", "Esper", "--filter", "outlet=MPR News", "--archive", archive,
                              "--json").stdout)
    assert [h["id"] for h in narrowed["hits"]] == [5]

    broken = run("search", '"camp taji', "--archive", archive)
    assert broken.returncode == 0 and broken.stdout.startswith("note: ")
    assert "Traceback" not in broken.stderr

    suggestion = run("search", "Soleimanni", "--archive", archive)
    assert "Did you mean: Soleimani" in suggestion.stdout

    assert run("search", "Esper", "--filter", "outlet", "--archive", archive).returncode == 2

    assert run("saved", "add", "Taji", '"Camp Taji"', "--sort", "oldest", "--archive", archive).returncode == 0
    listed = json.loads(run("saved", "list", "--archive", archive, "--json").stdout)
    assert [(s["name"], s["sort"]) for s in listed] == [("Taji", "oldest")]
    rerun = json.loads(run("saved", "run", "taji", "--archive", archive, "--json").stdout)
    assert [h["id"] for h in rerun["hits"]][:2] == [2, 3]
    assert run("saved", "run", "nothing", "--archive", archive).returncode == 4
    assert run("saved", "delete", "Taji", "--archive", archive).returncode == 0

    shutil.rmtree(tmp_path / "arch" / "index" / "whoosh")
    rebuilt = run("reindex", "--archive", archive)
    assert rebuilt.returncode == 0 and rebuilt.stdout.strip() == "indexed 5 articles"
    assert json.loads(run("search", "Esper", "--archive", archive, "--json").stdout)["total"] == 5


def test_search_while_the_app_has_the_archive_open(run, tmp_path: Path, seeds_dir: Path) -> None:
    from desktop.core.archive import Archive

    archive = tmp_path / "arch"
    assert run("import", str(seeds_dir), "--archive", str(archive)).returncode == 0
    with Archive.open(archive):  # another running copy holds the write lock
        found = run("search", "Esper", "--archive", str(archive), "--json")
        assert found.returncode == 0, found.stderr
        assert json.loads(found.stdout)["total"] == 5
        assert run("import", str(seeds_dir), "--archive", str(archive)).returncode == 3
