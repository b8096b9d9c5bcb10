"""An unexpected error in a command is written to the log and told in one line, never a bare
traceback and never lost (the log is what a help desk asks for)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop import cli
from desktop.app import EXIT_INTERNAL, main
from desktop.core.archive import Archive
from desktop.core.logs import log_file, setup_logging


def test_an_unexpected_error_is_logged_and_told_in_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NEWSROOM_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / "archive"
    Archive.open(folder).close()

    def broken(archive: Archive, args: object) -> int:
        raise KeyError("a value nobody expected")

    # Fault injection at the shell's edge: the command itself fails in a way the app did not plan for.
    monkeypatch.setitem(cli._COMMANDS, "list", broken)
    status = main(["list", "--archive", str(folder)])
    err = capsys.readouterr().err
    assert status == EXIT_INTERNAL
    assert "unexpected error (KeyError" in err and str(log_file()) in err
    assert "Traceback" not in err
    logged = log_file().read_text(encoding="utf-8")
    assert "a value nobody expected" in logged and "Traceback" in logged


def test_the_log_goes_under_the_data_folder_and_rotates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSROOM_DATA_DIR", str(tmp_path / "data"))
    path = setup_logging()
    assert path == tmp_path / "data" / "logs" / "newsroom-archive.log"
    import logging

    for _ in range(1200):
        logging.getLogger("desktop.test").error("x" * 1000)
    assert path.with_name(path.name + ".1").is_file(), "a full log rotates instead of growing for ever"
    assert path.stat().st_size <= 1024 * 1024
