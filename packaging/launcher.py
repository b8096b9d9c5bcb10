"""Entry script of the frozen app (PyInstaller needs a script, not ``python -m desktop``).

``--self-test`` goes straight to :mod:`desktop.selftest` (the same dispatch ``desktop.app.main``
does), everything else to ``desktop.app.main``: the frozen app takes exactly the command line
of ``newsroom-archive`` installed from source. The build script also runs this file with the
source interpreter to compare start-up times, so both sides take the same path.
"""

from __future__ import annotations

import multiprocessing
import sys


def run() -> int:
    # First thing: in a frozen build the search indexer's spawned child re-enters here.
    multiprocessing.freeze_support()
    if "--self-test" in sys.argv[1:]:
        from desktop.selftest import main as self_test

        return self_test(sys.argv[1:])
    from desktop.app import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
