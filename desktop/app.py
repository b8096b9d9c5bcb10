"""Entry point of ``newsroom-archive`` and ``python -m desktop``.

With a subcommand it runs the command-line interface; without one it opens the desktop
window on the default archive (or ``--archive DIR``). The GUI is imported only when needed, so
the CLI starts fast and works on machines without a display.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
from collections.abc import Sequence

__all__ = ["EXIT_INTERNAL", "main"]

#: Exit status of a command that failed on an error the app did not expect (BSD's EX_SOFTWARE).
EXIT_INTERNAL = 70


def _wants_cli(argv: Sequence[str]) -> bool:
    """Anything beyond ``--archive DIR`` is for the CLI (which also reports usage errors)."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--archive" and rest:
            rest.pop(0)
        elif not arg.startswith("--archive="):
            return True
    return False


def _run_cli_logged(args: list[str]) -> int:
    """The CLI, with an unexpected error written to the log and told in one line, not lost."""
    from .cli import run_cli  # only for a subcommand: the window does not need the CLI
    from .core.logs import setup_logging

    log_path = setup_logging()
    try:
        return run_cli(args)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: log it, say it, exit
        logging.getLogger("desktop.cli").exception("unexpected error in: newsroom-archive %s", " ".join(args))
        where = f"; the details are in {log_path}" if log_path is not None else ""
        print(f"newsroom-archive: unexpected error ({type(exc).__name__}: {str(exc)[:300]}){where}",
              file=sys.stderr)
        return EXIT_INTERNAL


def main(argv: Sequence[str] | None = None) -> int:
    # The search indexer runs in a spawned process; a frozen (PyInstaller) build must let the
    # child run its task instead of starting another copy of the app.
    multiprocessing.freeze_support()
    args = list(sys.argv[1:] if argv is None else argv)
    if "--self-test" in args:  # smoke test of this install (packaging/build.py, CI, help desk)
        from .selftest import main as self_test

        return self_test(args)
    if _wants_cli(args):
        return _run_cli_logged(args)
    try:
        from .ui.main import run_gui  # noqa: PLC0415 - the GUI is optional at import time
    except ImportError:
        from .cli import build_parser

        build_parser().print_help()
        print("\nThe desktop window is not part of this build yet; use the commands above.")
        return 0
    return run_gui(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
