"""Hostile-file benchmark: the time and peak memory of importing each resource case.

Each case of ``tests/hostile_files.RESOURCE_CASES`` (a .docx with paragraphs nested 245 deep,
HTML nested 100,000 deep, a 19.9 MB text on one line, a 5,000-page PDF), plus a small normal
article for the baseline, is imported as the CLI and the app import it (entities, quotations and
the search index included) into a fresh archive in its own child process, so the
peak memory printed is that child's maximum resident set size (``ru_maxrss`` from ``wait4``)
and nothing one case allocates inflates the next. Prints wall time, peak memory, the outcome
and its reason (or the article's length) per case.

    python tests/benchmarks/bench_hostile.py [--case NAME ...] [--timeout SECONDS]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.hostile_files import RESOURCE_CASES, build_resource_case  # noqa: E402

_CHILD = r"""
import json, sys
from pathlib import Path
from desktop.core.archive import Archive
from desktop.core.operations import import_and_index
with Archive.open(Path(sys.argv[1])) as archive:
    report = import_and_index(archive, [sys.argv[2]], durable=False)
    outcome = report.outcomes[0]
    body = archive.get(outcome.article_id).body if outcome.article_id else ""
print(json.dumps({"status": outcome.status.value, "reason": outcome.reason, "chars": len(body)}))
"""

_BASELINE = "normal_article"


def _build(case: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if case == _BASELINE:
        path = folder / "normal.txt"
        path.write_text("Shelling resumes in Idlib\n\nGovernment forces shelled villages in southern "
                        "Idlib on Tuesday, residents said, despite a ceasefire agreed last week.\n" * 40)
        return path
    return build_resource_case(case, folder)


def run_case(case: str, folder: Path, timeout: float) -> dict[str, object]:
    path = _build(case, folder / case)
    archive = folder / f"archive-{case}"
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(archive), str(path)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                             start_new_session=True)
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            os.killpg(child.pid, signal.SIGKILL)  # our own child's session, nothing else
            pid, status, usage = os.wait4(child.pid, 0)
            break
        time.sleep(0.05)
    wall = time.perf_counter() - started
    out = child.stdout.read().decode() if child.stdout else ""
    err = child.stderr.read().decode() if child.stderr else ""
    result: dict[str, object] = {"case": case, "bytes": path.stat().st_size, "seconds": wall,
                                 "peak_mb": usage.ru_maxrss / 1024}
    if wall > timeout:
        result.update(status="killed", reason=f"still running after {timeout:.0f} s")
    elif os.waitstatus_to_exitcode(status) != 0:
        result.update(status="crashed", reason=(err.strip().splitlines() or ["?"])[-1][:150])
    else:
        result.update(json.loads(out.strip().splitlines()[-1]))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", action="append", choices=[_BASELINE, *RESOURCE_CASES],
                        help="run only this case (repeatable); default: all")
    parser.add_argument("--timeout", type=float, default=400.0, help="kill a case after this long")
    args = parser.parse_args()
    cases = args.case or [_BASELINE, *RESOURCE_CASES]
    print(f"{'case':<26} {'size':>10} {'seconds':>8} {'peak MB':>8}  outcome")
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        for case in cases:
            r = run_case(case, Path(tmp), args.timeout)
            detail = r.get("reason") or ""
            if r.get("status") == "imported":
                detail = f"{r['chars']:,} characters stored" + (f"; {detail}" if detail else "")
            print(f"{case:<26} {r['bytes']:>10,} {r['seconds']:>8.1f} {r['peak_mb']:>8.0f}  "
                  f"{r['status']}: {str(detail)[:110]}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
