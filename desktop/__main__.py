"""``python -m desktop``: the same as the ``newsroom-archive`` command."""

from __future__ import annotations

import sys

from .app import main

sys.exit(main())
