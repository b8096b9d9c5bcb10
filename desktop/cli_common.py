"""What every command-line module shares: the exit codes, JSON and error output, and bringing
the search index up to date after a change.

One place, so ``import``, the entity, export and related-story commands cannot drift apart on
what an exit code means or how ``--json`` prints.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .core.archive import Archive

__all__ = [
    "EXIT_ARCHIVE", "EXIT_INTERRUPTED", "EXIT_NOT_FOUND", "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE",
    "catch_up", "emit_json", "print_err", "wants_json",
]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_ARCHIVE = 3
EXIT_NOT_FOUND = 4
EXIT_INTERRUPTED = 130


def wants_json(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "json", False))


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_err(message: str) -> None:
    print(f"newsroom-archive: {message}", file=sys.stderr)


def catch_up(archive: Archive) -> None:
    """After a change from the command line: the index reflects it before the command returns."""
    from .core.operations import bring_index_up_to_date

    bring_index_up_to_date(archive)
