"""The import report: what happened to each file, in words a reporter can act on."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, field
from enum import Enum

__all__ = ["FileOutcome", "ImportReport", "Status"]


class Status(str, Enum):
    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass
class FileOutcome:
    path: str
    status: Status
    #: For failed, duplicate and skipped files: why. For imported ones: warnings, if any.
    reason: str = ""
    article_id: int | None = None
    headline: str | None = None

    def line(self) -> str:
        """One line for the CLI and logs: ``failed     notes.pdf: password-protected PDF``."""
        text = f"{self.status.value:<10} {self.path}"
        if self.article_id is not None:
            text += f"  [#{self.article_id}]"
        if self.headline:
            text += f"  {self.headline[:80]}"
        if self.reason:
            text += f"  ({self.reason})" if self.status is Status.IMPORTED else f": {self.reason}"
        return text


@dataclass
class ImportReport:
    outcomes: list[FileOutcome] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0
    batch_id: int | None = None
    #: The disk filled up: the batch stopped after the file that could not be stored.
    disk_full: bool = False
    #: Problems of the batch as a whole, beyond any one file (one line each, for the reporter).
    problems: list[str] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status is status)

    @property
    def imported(self) -> int:
        return self.count(Status.IMPORTED)

    @property
    def duplicates(self) -> int:
        return self.count(Status.DUPLICATE)

    @property
    def failed(self) -> int:
        return self.count(Status.FAILED)

    @property
    def skipped(self) -> int:
        return self.count(Status.SKIPPED)

    @property
    def imported_ids(self) -> list[int]:
        return [o.article_id for o in self.outcomes if o.status is Status.IMPORTED and o.article_id]

    def summary(self) -> str:
        text = (
            f"{len(self.outcomes)} file{'s' if len(self.outcomes) != 1 else ''}: "
            f"{self.imported} imported, {self.duplicates} duplicate, {self.failed} failed"
        )
        if self.skipped:
            text += f", {self.skipped} skipped"
        if self.cancelled:
            text += " (cancelled: the remaining files were not imported)"
        text += f" in {self.seconds:.1f} s"
        if self.disk_full:
            text += f"\n{self.disk_full_line()}"
        for problem in self.problems:
            text += f"\n{problem}"
        return text

    def disk_full_line(self) -> str:
        """``disk full: 3 imported, the rest not started``: why a batch stopped early."""
        return f"disk full: {self.imported} imported, the rest not started"

    def to_json(self) -> dict[str, object]:
        return {
            "batch_id": self.batch_id,
            "cancelled": self.cancelled,
            "disk_full": self.disk_full,
            "stopped": self.disk_full_line() if self.disk_full else None,
            "problems": list(self.problems),
            "seconds": round(self.seconds, 3),
            "counts": {s.value: self.count(s) for s in Status},
            "files": [{**asdict(o), "status": o.status.value} for o in self.outcomes],
        }

    def to_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["path", "status", "reason", "article_id", "headline"])
        for o in self.outcomes:
            writer.writerow([o.path, o.status.value, o.reason, o.article_id or "", o.headline or ""])
        return buffer.getvalue()
