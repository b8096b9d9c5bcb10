"""The entity commands of the command line, run as a reporter would run them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.core.test_cli import run  # noqa: F401 - the fixture


def test_entities_list_show_merge_undo_and_share(run, tmp_path: Path, seeds_dir: Path) -> None:  # noqa: F811
    archive = str(tmp_path / "arch")
    assert run("import", str(seeds_dir), "--archive", archive).returncode == 0

    listed = run("entities", "list", "--kind", "armed_group", "--archive", archive)
    assert listed.returncode == 0 and "Kataib Hezbollah" in listed.stdout and "Mark Esper" not in listed.stdout

    shown = json.loads(run("entities", "show", "KH", "--archive", archive, "--json").stdout)
    assert shown["name"] == "Kataib Hezbollah" and shown["stories"] == [1, 2, 3, 4, 5]
    assert shown["parent"] == "Popular Mobilization Forces"
    assert run("entities", "show", "Nobody Atall", "--archive", archive).returncode == 4

    merged = run("entities", "merge", "Popular Mobilization Forces", "KH", "--archive", archive)
    assert merged.returncode == 0 and "undo-merge" in merged.stdout
    merge_id = merged.stdout.split("undo-merge ")[1].split(")")[0]
    found = json.loads(run("search", "entity:PMU", "--archive", archive, "--json").stdout)
    assert found["total"] == 5, "the merged group's stories are found under the kept name"
    assert run("entities", "undo-merge", merge_id, "--archive", archive).returncode == 0
    again = json.loads(run("entities", "show", "KH", "--archive", archive, "--json").stdout)
    assert again["name"] == "Kataib Hezbollah" and again["stories"] == [1, 2, 3, 4, 5]

    shared = tmp_path / "desk.csv"
    assert run("entities", "export", str(shared), "--archive", archive).returncode == 0
    other = str(tmp_path / "laptop2")
    assert run("import", str(next(seeds_dir.glob("000_*.txt"))), "--archive", other).returncode == 0
    imported = run("entities", "import", str(shared), "--archive", other)
    assert imported.returncode == 0 and " new," in imported.stdout
    bad = tmp_path / "bad.json"
    bad.write_text("{oops", encoding="utf-8")
    refused = run("entities", "import", str(bad), "--archive", other)
    assert refused.returncode == 1 and "not valid JSON" in refused.stderr


def test_tag_a_story_by_name(run, tmp_path: Path, seeds_dir: Path) -> None:  # noqa: F811
    archive = str(tmp_path / "arch")
    assert run("import", str(seeds_dir), "--archive", archive).returncode == 0
    # Stars and Stripes writes "Media Security Cell": the gazetteer knows it as an alias
    tagged = run("tag", "4", "Media Security Cell", "--archive", archive)
    assert tagged.returncode == 0 and "Tagged Security Media Cell in story #4" in tagged.stdout
    found = json.loads(run("search", 'entity:"Media Security Cell"', "--archive", archive, "--json").stdout)
    assert 4 in [h["id"] for h in found["hits"]]
    created = run("tag", "4", "rocket-rigged truck launcher", "--kind", "weapon", "--archive", archive)
    assert created.returncode == 0, created.stderr
    found = json.loads(run("search", 'entity:"rocket-rigged truck launcher"', "--archive", archive, "--json").stdout)
    assert [h["id"] for h in found["hits"]] == [4]
    esper = run("tag", "4", "Mark Esper", "--archive", archive)
    assert esper.returncode == 0 and "Tagged Mark Esper" in esper.stdout
    new = run("tag", "4", "Someone New", "--archive", archive)
    assert new.returncode == 2 and "give --kind" in new.stderr
    absent = run("tag", "4", "Karbala", "--archive", archive)
    assert absent.returncode == 1 and "not named in story #4" in absent.stderr
    assert run("tag", "99", "Mark Esper", "--archive", archive).returncode == 4
