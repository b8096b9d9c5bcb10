"""Briefing benchmark: write a Word briefing of 100 Reuters stories with their full text.

Builds the stories straight from the Reuters-21578 files (headline on line 1, a blank line, the
body; date, dateline, places and organisations from ``articles_metadata.csv``), with every option
on, and prints the time :func:`write_briefing` takes (best and median of several runs), the
document's size, and its paragraph count. The goal is under 3 s on the project's 2-core machine,
so the GUI can show a progress dialog only for unusually large briefings.

    python tests/benchmarks/bench_briefing.py [--corpus DIR] [--stories 100] [--runs 5] [--keep OUT.docx]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.core.briefing.docx_writer import write_briefing  # noqa: E402
from desktop.core.briefing.model import (  # noqa: E402
    Briefing,
    BriefingOptions,
    BriefingStory,
    EntityRef,
    StoryLink,
)

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578"


def _iso(value: str) -> str | None:
    try:
        return datetime.strptime(value.strip().split(".")[0], "%d-%b-%Y %H:%M:%S").date().isoformat()
    except ValueError:
        return None


def load_stories(corpus: Path, count: int) -> list[BriefingStory]:
    stories: list[BriefingStory] = []
    with open(corpus / "articles_metadata.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if int(row["body_chars"] or 0) < 400:
                continue
            text = (corpus / "articles" / row["file"]).read_text(encoding="utf-8", errors="replace")
            headline, _, body = text.partition("\n\n")
            entities = [EntityRef(p.upper() if len(p) <= 3 else p.replace("-", " ").title(), "place")
                        for p in row["places"].split(";") if p]
            entities += [EntityRef(o.upper(), "organisation") for o in row["orgs"].split(";") if o]
            stories.append(BriefingStory(
                article_id=int(row["newid"]), headline=headline.strip().title(), outlet="Reuters",
                date=_iso(row["date"]), dateline=row["dateline"].rstrip(" -") or None,
                url=f"https://archive.example.org/reuters/{row['newid']}", full_text=body,
                language="en", entities=entities,
            ))
            if len(stories) == count:
                break
    return stories


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--stories", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="also write the briefing here, to look at it")
    args = parser.parse_args()

    stories = load_stories(args.corpus, args.stories)
    links = [StoryLink(a.article_id, b.article_id, "related", "same commodity")
             for a, b in zip(stories[::7], stories[3::7])]
    briefing = Briefing(
        title=f"Reuters wire, {len(stories)} stories", author="Benchmark", date="1987-03-01",
        summary="A benchmark briefing built from the Reuters-21578 corpus.", stories=stories,
        options=BriefingOptions(full_text=True), links=links,
    )
    chars = sum(len(s.full_text) for s in stories)
    times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "briefing.docx"
        for _ in range(args.runs):
            start = time.perf_counter()
            write_briefing(briefing, out)
            times.append(time.perf_counter() - start)
        size = out.stat().st_size
        if args.keep:
            args.keep.write_bytes(out.read_bytes())
    print(f"{len(stories)} stories, {chars:,} characters of text, document {size / 1024:.0f} KiB")
    print(f"write_briefing: best {min(times):.3f} s, median {statistics.median(times):.3f} s "
          f"over {len(times)} runs (goal < 3 s)")
    whole = from_archive(args.corpus, args.stories)
    print(f"from the archive as the app does it (read the stories with their entities, quotes and links, "
          f"then write): {whole:.3f} s")
    return 0 if min(times) < 3 and whole < 3 else 1


def from_archive(corpus: Path, count: int) -> float:
    """The app's whole path: import the stories, then build and write the briefing from the archive."""
    from desktop.core.archive import Archive
    from desktop.core.briefing.from_archive import briefing_from_articles
    from desktop.core.operations import import_and_index

    files = sorted((corpus / "articles").glob("*.txt"))[:count]
    with tempfile.TemporaryDirectory() as tmp:
        with Archive.open(Path(tmp) / "archive") as archive:
            import_and_index(archive, files, durable=False)
            ids = archive.ids()
            assert len(ids) >= count * 0.9, f"imported {len(ids)} of {count}"  # a few are duplicates
            start = time.perf_counter()
            briefing = briefing_from_articles(archive, ids, title="Reuters wire",
                                              options=BriefingOptions(full_text=True), suggested_entities=True)
            write_briefing(briefing, Path(tmp) / "briefing.docx")
            return time.perf_counter() - start


if __name__ == "__main__":
    raise SystemExit(main())
