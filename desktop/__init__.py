"""Newsroom Archive: a desktop archive manager for a newsroom's conflict-coverage files."""

from __future__ import annotations

__version__ = "0.1.0"
