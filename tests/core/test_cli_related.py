"""``newsroom-archive related|link|unlink|threads`` in a subprocess, on a real archive of the
five seeds: text and JSON output, the links seen from both stories, exit codes for a missing
story (4), a refused link (1) and a bad type (2), and a proposed thread accepted under a name."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

#: Until desktop/cli.py lists the related commands, the same CLI with them added.
_DRIVER = """
import argparse, sys
from desktop import cli, cli_related
if "related" not in cli._COMMANDS:
    built = cli.build_parser
    def build_parser():
        parser = built()
        commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        cli_related.add_related_commands(commands, cli._common())
        return parser
    cli.build_parser = build_parser
    cli._COMMANDS.update(cli_related.COMMANDS)
sys.exit(cli.run_cli(sys.argv[1:]))
"""


@pytest.fixture
def run(tmp_path: Path):
    env = {**os.environ, "NEWSROOM_DATA_DIR": str(tmp_path / "data")}
    env.pop("NEWSROOM_ARCHIVE", None)

    def runner(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", _DRIVER, *args], check=False, capture_output=True, text=True,
                              timeout=120, env=env)

    return runner


@pytest.fixture
def seeded(run, tmp_path: Path, seeds_dir: Path) -> str:
    folder = str(tmp_path / "arch")
    result = run("import", str(seeds_dir), "--archive", folder)
    assert result.returncode == 0, result.stderr
    return folder


def test_link_shows_on_both_stories_and_unlink_removes_it(run, seeded: str) -> None:
    made = run("link", "2", "5", "--type", "follow-up", "--note", "next day", "--archive", seeded, "--json")
    assert made.returncode == 0, made.stderr
    link = json.loads(made.stdout)
    assert (link["a_id"], link["b_id"], link["type"], link["note"]) == (2, 5, "follow_up", "next day")
    two = json.loads(run("related", "2", "--archive", seeded, "--json").stdout)
    five = json.loads(run("related", "5", "--archive", seeded, "--json").stdout)
    assert [(r["other_id"], r["label"]) for r in two["links"]] == [(5, "followed up by")]
    assert [(r["other_id"], r["label"]) for r in five["links"]] == [(2, "follow-up of")]
    assert 5 not in {s["other_id"] for s in two["suggestions"]}, "a linked story is no longer suggested"
    assert all(s["reasons"] for s in two["suggestions"])
    text = run("related", "2", "--archive", seeded)
    assert text.returncode == 0 and "followed up by" in text.stdout and "why:" in text.stdout
    assert "next day" in text.stdout
    found = run("search", "related:2", "--archive", seeded, "--json")
    assert found.returncode == 0 and [h["id"] for h in json.loads(found.stdout)["hits"]] == [5]
    gone = run("unlink", str(link["id"]), "--archive", seeded)
    assert gone.returncode == 0, gone.stderr
    assert json.loads(run("related", "2", "--archive", seeded, "--json").stdout)["links"] == []
    assert run("unlink", str(link["id"]), "--archive", seeded).returncode == 4


def test_exit_codes(run, seeded: str) -> None:
    assert run("related", "99", "--archive", seeded).returncode == 4
    assert run("link", "1", "99", "--archive", seeded).returncode == 4
    refused = run("link", "3", "3", "--archive", seeded)
    assert refused.returncode == 1 and "itself" in refused.stderr
    assert run("link", "1", "2", "--type", "cousin", "--archive", seeded).returncode == 2
    assert run("threads", "show", "No such thread", "--archive", seeded).returncode == 4
    assert run("threads", "accept", "42", "--archive", seeded).returncode == 4


def test_propose_accept_and_show_a_thread(run, seeded: str) -> None:
    proposed = run("threads", "propose", "--archive", seeded, "--json")
    assert proposed.returncode == 0, proposed.stderr
    data = json.loads(proposed.stdout)
    assert data["new"] == 1 and data["proposals"][0]["article_ids"] == [1, 2, 3, 4, 5]
    proposal = data["proposals"][0]["id"]
    listed = run("threads", "list", "--archive", seeded)
    assert f"proposal #{proposal}" in listed.stdout
    accepted = run("threads", "accept", str(proposal), "--name", "Camp Taji, March 2020", "--archive", seeded)
    assert accepted.returncode == 0, accepted.stderr
    shown = json.loads(run("threads", "show", "camp taji, march 2020", "--archive", seeded, "--json").stdout)
    dates = [s["date"] for s in shown["timeline"]]
    dated = [d for d in dates if d]
    assert shown["name"] == "Camp Taji, March 2020" and len(dates) == 5
    assert dates == dated + [None] * (5 - len(dated)) and dated == sorted(dated), "by date, undated last"
    text = run("threads", "show", str(shown["id"]), "--archive", seeded)
    assert text.returncode == 0 and "Camp Taji, March 2020" in text.stdout
    listed = json.loads(run("threads", "list", "--archive", seeded, "--json").stdout)
    assert [t["stories"] for t in listed["threads"]] == [5] and listed["proposals"] == []
    found = run("search", 'thread:"Camp Taji, March 2020"', "--archive", seeded, "--json")
    assert sorted(h["id"] for h in json.loads(found.stdout)["hits"]) == [1, 2, 3, 4, 5]
