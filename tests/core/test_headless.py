"""The house rule: desktop/core never imports Qt, so it runs headless and in the CLI."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "desktop" / "core"
_QT_IMPORT = re.compile(r"^\s*(from|import)\s+(PySide6|PyQt5|PyQt6|shiboken6)\b", re.MULTILINE)


def test_no_module_in_core_imports_qt() -> None:
    offenders = [str(p.relative_to(CORE)) for p in CORE.rglob("*.py") if _QT_IMPORT.search(p.read_text())]
    assert offenders == []


def test_cli_runs_without_loading_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from desktop.cli import run_cli\n"
        f"run_cli(['list', '--archive', {str(tmp_path / 'a')!r}])\n"
        "print('PySide6' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "False"
