"""Item models: thin QAbstractItemModel adapters that hold ids and ask core for rows lazily."""

from __future__ import annotations

from .results_model import ResultsModel

__all__ = ["ResultsModel"]
