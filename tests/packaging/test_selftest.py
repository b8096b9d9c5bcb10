"""``newsroom-archive --self-test`` from source (fast), and the small packaging helpers."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import selftest

ROOT = Path(__file__).resolve().parents[2]


def test_self_test_passes_from_source() -> None:
    out = io.StringIO()
    assert selftest.run_self_test(out) == 0
    report = out.getvalue()
    assert "from source" in report and "self-test PASSED" in report
    for step in ("resources", "import", "formats", "indexer", "search", "tag", "briefing"):
        assert f"ok   {step}" in report


def test_a_failing_step_fails_the_self_test_and_the_rest_still_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(ctx: dict) -> str:
        raise selftest.StepFailed("the index is empty")

    monkeypatch.setattr(selftest, "STEPS", [
        (name, broken if name == "search" else step) for name, step in selftest.STEPS])
    out = io.StringIO()
    assert selftest.run_self_test(out) == 1
    report = out.getvalue()
    assert "FAIL search    StepFailed: the index is empty" in report
    assert "ok   briefing" in report and "self-test FAILED (1 step(s))" in report
    assert report.index("FAIL search") < report.index("ok   briefing")


def test_self_test_leaves_no_trace_in_the_users_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSROOM_DATA_DIR", str(tmp_path / "data"))
    assert selftest.run_self_test(io.StringIO()) == 0
    assert os.environ["NEWSROOM_DATA_DIR"] == str(tmp_path / "data")
    assert not (tmp_path / "data").exists()


def test_gui_self_test_and_startup_probe_through_the_launcher(tmp_path: Path) -> None:
    """The way the frozen app runs it: the launcher script, offscreen, with --out."""
    launcher = ROOT / "packaging" / "launcher.py"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    log = tmp_path / "report.txt"
    done = subprocess.run([sys.executable, str(launcher), "--self-test", "--gui", "--out", str(log)],
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok   gui       main window on offscreen" in log.read_text(encoding="utf-8")
    probe = subprocess.run([sys.executable, str(launcher), "--self-test", "--startup"], env=env,
                           capture_output=True, text=True, timeout=120, check=False)
    assert probe.returncode == 0 and probe.stdout.startswith("first-paint-epoch: ")


def test_icns_holds_the_app_icon_pngs(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        from icns import ICNS_TYPES, write_icns
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    data = write_icns(ROOT / "resources" / "icons", tmp_path / "app.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    kinds, offset = [], 8
    while offset < len(data):
        kind, length = data[offset:offset + 4].decode(), struct.unpack(">I", data[offset + 4:offset + 8])[0]
        assert data[offset + 8:offset + 16] == b"\x89PNG\r\n\x1a\n"
        kinds.append(kind)
        offset += length
    assert set(kinds) == set(ICNS_TYPES)


def test_version_comes_from_pyproject() -> None:
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import project
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    import tomllib

    expected = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert project.version() == expected
    assert not [p for p in project.resource_files() if p.name.startswith(("make_", "build_"))]
    assert (project.RESOURCES / "gazetteer.json") in project.resource_files()
