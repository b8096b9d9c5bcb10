"""``python packaging/build.py``: build Newsroom Archive's installers for the system it runs on.

1. PyInstaller builds the one-folder app from ``packaging/newsroom-archive.spec``
   (``dist/newsroom-archive/``; on macOS also ``dist/Newsroom Archive.app``).
2. The frozen app runs its self-test (``--self-test --gui``, offscreen) against a temporary
   archive: import, search, tags, a Word briefing, the main window opened and closed.
3. The installer for this system is made, and the app is run again from what it installs:
   - Linux: ``.tar.gz`` of the one-folder build and a ``.deb`` (dpkg-deb, xz), unpacked with
     ``dpkg-deb -x`` for the second self-test;
   - Windows: an Inno Setup ``-setup.exe`` (needs ``ISCC.exe``), installed silently into a
     temporary folder, self-tested and uninstalled;
   - macOS: a ``.dmg`` (hdiutil), mounted for the second self-test.
4. Budgets: the Linux one-folder build's size and the .deb's, and the frozen app's start-up time
   (to the first painted window, offscreen) against the app run from source. Figures are printed
   and written to ``dist/build-report.json``; a budget missed fails the build unless
   ``--ignore-budgets``.

Needs the project's environment plus PyInstaller (``pip install -e ".[build]"``), and on Linux
``dpkg-deb``; on Windows Inno Setup 6; on macOS the Xcode command-line tools' hdiutil.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import project

#: Budgets in MB (decimal megabytes, the stricter reading: 130 MB is 124 MiB), and a ratio of medians.
BUDGET_ONEFOLDER_MB = 130
BUDGET_DEB_MB = 60
BUDGET_STARTUP_RATIO = 1.5
#: Seconds one self-test may take before it counts as hung.
SELF_TEST_TIMEOUT = 180

MB = 1_000_000


def log(message: str) -> None:
    print(f"[build] {message}", flush=True)


def tree_size(path: Path) -> int:
    """Bytes in the files under ``path`` (symlinks counted as links, not twice)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if not p.is_dir() or p.is_symlink())


def app_env(platform: str = "offscreen") -> dict[str, str]:
    """The environment the frozen and source apps run in for tests and timings."""
    env = dict(os.environ, QT_QPA_PLATFORM=platform)
    env.pop("NEWSROOM_ARCHIVE", None)
    return env


# -- building -----------------------------------------------------------------------------------


def run_pyinstaller(dist: Path, work: Path, *, clean: bool) -> Path:
    try:
        import PyInstaller.__main__ as pyinstaller
    except ImportError:
        raise SystemExit('PyInstaller is missing: pip install -e ".[build]"') from None
    log(f"PyInstaller -> {dist} (work folder {work})")
    args = [str(project.PACKAGING / "newsroom-archive.spec"), "--noconfirm", "--log-level", "WARN",
            "--distpath", str(dist), "--workpath", str(work)]
    pyinstaller.run(args + (["--clean"] if clean else []))
    built = dist / project.APP_ID
    if not built.is_dir():
        raise SystemExit(f"PyInstaller made no {built}")
    return built


# -- running the app ----------------------------------------------------------------------------


def self_test(exe: Path, label: str, *, platform: str = "offscreen", wrapper: list[str] = ()) -> str:
    """Run ``exe --self-test --gui`` on Qt's ``platform`` (through ``wrapper``, e.g. xvfb-run) and
    return its report; SystemExit if it fails."""
    with tempfile.TemporaryDirectory(prefix="newsroom-build-") as tmp:
        report = Path(tmp) / "self-test.txt"
        cmd = [*wrapper, str(exe), "--self-test", "--gui", "--out", str(report)]
        log(f"self-test ({label}, {platform}): {' '.join(cmd)}")
        try:
            done = subprocess.run(cmd, check=False, env=app_env(platform), capture_output=True,
                                  text=True, timeout=SELF_TEST_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise SystemExit(f"self-test ({label}) did not finish in {SELF_TEST_TIMEOUT} s") from None
        text = report.read_text(encoding="utf-8") if report.is_file() else done.stdout
    print(text.rstrip(), flush=True)
    if done.returncode != 0:
        print(done.stderr[-4000:], file=sys.stderr)
        raise SystemExit(f"self-test ({label}) failed with exit status {done.returncode}")
    return text


def first_paint(cmd: list[str]) -> float:
    """Seconds from starting ``cmd --self-test --startup`` to its first painted window."""
    started = time.time()
    done = subprocess.run([*cmd, "--self-test", "--startup"], check=False, env=app_env(),
                          capture_output=True, text=True, timeout=SELF_TEST_TIMEOUT)
    for line in done.stdout.splitlines():
        if line.startswith("first-paint-epoch:"):
            return float(line.split(":", 1)[1]) - started
    raise SystemExit(f"no first paint from {cmd[0]} (exit {done.returncode}):\n{done.stderr[-2000:]}")


def measure_startup(frozen_exe: Path, runs: int) -> dict[str, object]:
    """Median time to the first paint, frozen vs from source, runs interleaved after a warm-up."""
    source = [sys.executable, str(project.PACKAGING / "launcher.py")]
    frozen = [str(frozen_exe)]
    first_paint(source), first_paint(frozen)  # warm the disk cache for both
    times: dict[str, list[float]] = {"source": [], "frozen": []}
    for _ in range(runs):
        times["source"].append(first_paint(source))
        times["frozen"].append(first_paint(frozen))
    medians = {k: statistics.median(v) for k, v in times.items()}
    ratio = medians["frozen"] / medians["source"]
    log("start-up to first paint (offscreen), median of "
        f"{runs}: source {medians['source']:.2f} s, frozen {medians['frozen']:.2f} s, ratio {ratio:.2f} "
        f"(budget {BUDGET_STARTUP_RATIO})")
    log("  runs: source " + " ".join(f"{t:.2f}" for t in times["source"])
        + " | frozen " + " ".join(f"{t:.2f}" for t in times["frozen"]))
    return {"runs": times, "source_median_s": medians["source"], "frozen_median_s": medians["frozen"],
            "ratio": ratio}


def missing_linux_libraries(onefolder: Path) -> list[str]:
    """System libraries the bundle's ELF files need that this machine lacks (ldd "not found")."""
    internal = onefolder / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}")
    missing: set[str] = set()
    for path in internal.rglob("*.so*"):
        if path.is_symlink() or not path.is_file() or path.read_bytes()[:4] != b"\x7fELF":
            continue
        out = subprocess.run(["ldd", str(path)], check=False, env=env, capture_output=True,
                             text=True).stdout
        missing.update(line.split()[0] for line in out.splitlines() if "not found" in line)
    return sorted(missing)


# -- the installers -----------------------------------------------------------------------------


def linux_installers(onefolder: Path, dist: Path, work: Path, version: str, report: dict) -> None:
    from linux.deb import build_deb, build_tarball

    missing = missing_linux_libraries(onefolder)
    if missing:
        log("not on this machine (the .deb depends on them; Qt's xcb platform needs them): "
            + ", ".join(missing))
    elif shutil.which("xvfb-run"):  # the real X11 platform too, not only offscreen
        self_test(project.frozen_executable(onefolder), "one-folder build", platform="xcb",
                  wrapper=["xvfb-run", "-a"])
    tarball = build_tarball(onefolder, dist, version)
    log(f"tarball {tarball.name}: {tarball.stat().st_size / MB:.1f} MB")
    log("dpkg-deb (xz) ...")
    deb = build_deb(onefolder, dist, version, work=work)
    deb_mb = deb.stat().st_size / MB
    log(f"deb {deb.name}: {deb_mb:.1f} MB (budget {BUDGET_DEB_MB})")
    report["installers"] = [str(tarball), str(deb)]
    report["deb_mb"] = deb_mb
    report["tarball_mb"] = tarball.stat().st_size / MB
    with tempfile.TemporaryDirectory(prefix="newsroom-deb-") as tmp:
        subprocess.run(["dpkg-deb", "-x", str(deb), tmp], check=True)
        self_test(Path(tmp) / "opt" / project.APP_ID / project.APP_ID, "unpacked .deb")


def find_iscc() -> str:
    found = shutil.which("ISCC") or shutil.which("iscc")
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
        candidate = Path(base or "C:/") / "Inno Setup 6" / "ISCC.exe"
        if not found and candidate.is_file():
            found = str(candidate)
    if not found:
        raise SystemExit("Inno Setup 6 (ISCC.exe) is missing: https://jrsoftware.org/isdl.php "
                         "or `choco install innosetup`")
    return found


def windows_installer(onefolder: Path, dist: Path, version: str, report: dict) -> None:
    script = project.PACKAGING / "windows" / "newsroom-archive.iss"
    subprocess.run([find_iscc(), "/Q", f"/DAppVersion={version}", f"/DBuildDir={onefolder}",
                    f"/DOutputDir={dist}", str(script)], check=True)
    setup = dist / f"{project.APP_ID}-{version}-windows-x86_64-setup.exe"
    log(f"setup {setup.name}: {setup.stat().st_size / MB:.1f} MB")
    report["installers"] = [str(setup)]
    with tempfile.TemporaryDirectory(prefix="newsroom-setup-") as tmp:
        target = Path(tmp) / "app"
        subprocess.run([str(setup), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/CURRENTUSER",
                        f"/DIR={target}", f"/LOG={Path(tmp) / 'setup.log'}"], check=True)
        self_test(target / f"{project.APP_ID}.exe", "installed by setup")
        subprocess.run([str(target / "unins000.exe"), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART"],
                       check=True)
        for _ in range(30):  # the uninstaller finishes in a copy of itself
            if not (target / f"{project.APP_ID}.exe").exists():
                break
            time.sleep(1)
        else:
            raise SystemExit("the uninstaller left the app in place")


def macos_installer(dist: Path, work: Path, version: str, report: dict) -> None:
    from macos.dmg import build_dmg, mounted

    app = dist / f"{project.APP_NAME}.app"
    self_test(project.frozen_executable(app), ".app")
    dmg = build_dmg(app, dist, version, work=work)
    log(f"dmg {dmg.name}: {dmg.stat().st_size / MB:.1f} MB")
    report["installers"] = [str(dmg)]
    with (
        tempfile.TemporaryDirectory(prefix="newsroom-dmg-") as tmp,
        mounted(dmg, Path(tmp) / "mnt") as volume,
    ):
        self_test(project.frozen_executable(volume / app.name), "mounted .dmg")


# -- main ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=project.DIST, help="where the builds go (default dist/)")
    parser.add_argument("--work", type=Path, default=project.WORK, help="PyInstaller's work folder")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--no-installer", action="store_true",
                        help="only the one-folder build and its self-test")
    parser.add_argument("--startup-runs", type=int, default=5, help="start-up timing runs of each (0: skip)")
    parser.add_argument("--ignore-budgets", action="store_true", help="report missed budgets, still exit 0")
    args = parser.parse_args(argv)

    system, version = project.system(), project.version()
    dist, work = args.dist.resolve(), args.work.resolve()
    log(f"{project.APP_NAME} {version} for {system} ({project.machine()}), Python {sys.version.split()[0]}")
    started = time.monotonic()
    onefolder = run_pyinstaller(dist, work, clean=args.clean)
    size_mb = tree_size(onefolder) / MB
    log(f"one-folder build {onefolder}: {size_mb:.1f} MB, "
        f"budget {BUDGET_ONEFOLDER_MB} MB")
    report: dict = {"version": version, "system": system, "onefolder": str(onefolder),
                    "onefolder_mb": size_mb}
    exe = project.frozen_executable(onefolder)
    self_test(exe, "one-folder build")

    if not args.no_installer:
        if system == "linux":
            linux_installers(onefolder, dist, work, version, report)
        elif system == "windows":
            windows_installer(onefolder, dist, version, report)
        else:
            macos_installer(dist, work, version, report)

    if args.startup_runs > 0:
        report["startup"] = measure_startup(exe, args.startup_runs)

    missed = []
    # The size budget is for Linux; macOS's universal2 Qt and Windows' DLLs differ (printed only).
    if system == "linux" and size_mb > BUDGET_ONEFOLDER_MB:
        missed.append(f"one-folder build {size_mb:.1f} MB > {BUDGET_ONEFOLDER_MB} MB")
    if report.get("deb_mb", 0) > BUDGET_DEB_MB:
        missed.append(f".deb {report['deb_mb']:.1f} MB > {BUDGET_DEB_MB} MB")
    ratio = report.get("startup", {}).get("ratio")
    if ratio is not None and ratio > BUDGET_STARTUP_RATIO:
        missed.append(f"start-up ratio {ratio:.2f} > {BUDGET_STARTUP_RATIO}")
    report["budgets_missed"] = missed
    (dist / "build-report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    made = report.get("installers", [str(onefolder)])
    log(f"done in {time.monotonic() - started:.0f} s: " + ", ".join(made))
    for line in missed:
        log(f"OVER BUDGET: {line}")
    return 1 if missed and not args.ignore_budgets else 0


if __name__ == "__main__":
    sys.exit(main())
