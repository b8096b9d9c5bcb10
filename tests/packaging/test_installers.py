"""The Linux installers, built for real: PyInstaller one-folder build, .deb and .tar.gz.

One build per test session (about a minute of PyInstaller and a minute of xz here), into a
temporary folder, with the same functions ``packaging/build.py`` uses. Then the frozen app's
self-test runs offscreen from the build, from the unpacked .deb and from the unpacked tarball,
and the budgets are checked. Needs PyInstaller (``pip install -e ".[build]"``) and dpkg-deb;
skipped without them, and on other systems (CI builds those with packaging/build.py).
"""

from __future__ import annotations

import configparser
import importlib.util
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(1200),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux installers build on Linux"),
    pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is not installed"),
    pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None,
                       reason='PyInstaller is not installed (pip install -e ".[build]")'),
]


def _load(name: str, path: Path) -> ModuleType:
    if str(PACKAGING) not in sys.path:
        sys.path.insert(0, str(PACKAGING))
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def build() -> ModuleType:
    return _load("newsroom_packaging_build", PACKAGING / "build.py")


@pytest.fixture(scope="session")
def deb_module() -> ModuleType:
    return _load("newsroom_packaging_deb", PACKAGING / "linux" / "deb.py")


@pytest.fixture(scope="session")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("installers")


@pytest.fixture(scope="session")
def onefolder(build: ModuleType, out_dir: Path) -> Path:
    """The one-folder build (PyInstaller runs once per session, without its cache)."""
    return build.run_pyinstaller(out_dir / "dist", out_dir / "work", clean=False)


@pytest.fixture(scope="session")
def deb(deb_module: ModuleType, build: ModuleType, onefolder: Path, out_dir: Path) -> Path:
    return deb_module.build_deb(onefolder, out_dir / "dist", build.project.version(), work=out_dir / "work")


def _self_test(exe: Path, build: ModuleType) -> str:
    report = build.self_test(exe, exe.parent.name)
    assert "self-test PASSED" in report
    assert "(frozen," in report, "the self-test ran from source, not from the frozen app"
    for step in ("resources", "import", "formats", "indexer", "search", "tag", "briefing", "gui"):
        assert f"ok   {step}" in report
    return report


def test_frozen_app_passes_its_self_test(onefolder: Path, build: ModuleType) -> None:
    exe = build.project.frozen_executable(onefolder)
    report = _self_test(exe, build)
    assert str(onefolder) in report  # resources came from the bundle, not the source tree


def test_frozen_app_runs_on_x11(onefolder: Path, build: ModuleType) -> None:
    """The xcb platform plugin and its system libraries, under a virtual X server."""
    if shutil.which("xvfb-run") is None:
        pytest.skip("xvfb-run is not installed")
    missing = build.missing_linux_libraries(onefolder)
    if missing:
        pytest.skip(f"this machine lacks system libraries the .deb depends on: {', '.join(missing)}")
    report = build.self_test(build.project.frozen_executable(onefolder), "xcb", platform="xcb",
                             wrapper=["xvfb-run", "-a"])
    assert "main window on xcb" in report


def test_frozen_app_leaves_out_unused_qt(onefolder: Path) -> None:
    qt = onefolder / "_internal" / "PySide6"
    modules = {p.name.split(".")[0] for p in qt.glob("Qt*.so")}
    assert modules == {"QtCore", "QtGui", "QtWidgets", "QtSvg"}
    libs = {p.name.split(".")[0] for p in (qt / "Qt" / "lib").iterdir()}
    assert not {n for n in libs if any(k in n for k in ("Qml", "Quick", "Network", "Pdf", "WebEngine"))}
    plugins = {p.parent.name for p in (qt / "Qt" / "plugins").rglob("*.so")}
    assert {"platforms", "imageformats", "iconengines"} <= plugins
    assert not plugins & {"sqldrivers", "tls", "networkinformation", "qmltooling", "generic", "printsupport"}
    platforms = {p.name for p in (qt / "Qt" / "plugins" / "platforms").iterdir()}
    assert platforms == {"libqxcb.so", "libqoffscreen.so", "libqwayland.so"}
    assert not (qt / "Qt" / "translations").exists() or not any((qt / "Qt" / "translations").iterdir())
    assert not list((onefolder / "_internal" / "resources").rglob("make_*.py"))


def test_onefolder_build_is_within_budget(onefolder: Path, build: ModuleType) -> None:
    size_mb = build.tree_size(onefolder) / build.MB
    assert size_mb < build.BUDGET_ONEFOLDER_MB, f"{size_mb:.1f} MB"


def test_deb_installs_the_app_with_a_menu_entry(deb: Path, build: ModuleType, tmp_path: Path) -> None:
    assert deb.stat().st_size / build.MB < build.BUDGET_DEB_MB
    fields = subprocess.run(["dpkg-deb", "-f", str(deb)], check=True, capture_output=True, text=True).stdout
    assert f"Version: {build.project.version()}" in fields
    for lib in ("libegl1", "libgl1", "libxkbcommon0", "libfontconfig1", "libdbus-1-3", "libxcb-cursor0"):
        assert lib in fields
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp_path)], check=True)
    launcher = tmp_path / "usr" / "bin" / "newsroom-archive"
    assert launcher.stat().st_mode & 0o111
    assert "/opt/newsroom-archive/newsroom-archive" in launcher.read_text()
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(tmp_path / "usr" / "share" / "applications" / "newsroom-archive.desktop")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Exec"].split()[0] == "newsroom-archive"
    assert desktop["Icon"] == "newsroom-archive"
    hicolor = tmp_path / "usr" / "share" / "icons" / "hicolor"
    assert (hicolor / "256x256" / "apps" / "newsroom-archive.png").is_file()
    assert (hicolor / "scalable" / "apps" / "newsroom-archive.svg").is_file()
    # and the app runs from where the package puts it
    _self_test(tmp_path / "opt" / "newsroom-archive" / "newsroom-archive", build)


def test_tarball_holds_the_onefolder_build(onefolder: Path, build: ModuleType, deb_module: ModuleType,
                                           out_dir: Path, tmp_path: Path) -> None:
    tarball = deb_module.build_tarball(onefolder, out_dir / "dist", build.project.version())
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp_path, filter="tar")
    assert (tmp_path / "newsroom-archive" / "newsroom-archive").stat().st_mode & 0o111


def test_frozen_app_starts_as_fast_as_from_source(onefolder: Path, build: ModuleType) -> None:
    timing = build.measure_startup(build.project.frozen_executable(onefolder), runs=3)
    assert timing["ratio"] <= build.BUDGET_STARTUP_RATIO, timing
