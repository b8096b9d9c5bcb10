"""Headline, site lines, credit and date figures on web captures, imported as the app imports them.

Each set is imported as one batch into a fresh archive (the importer may learn from the batch),
then every stored article is compared with the gold:

* synthetic: made-up outlets mixed in one batch (``tests/core/web_capture_gold.py``);
* heldout: three more made-up outlets written after the rules were tuned (same module);
* seeds: the five seed files, gold read by hand (same module);
* fakes_syria: 804 stories; headline = the CSV title without the site suffix, date = what the
  opening states (the patterns of ``tests/core/test_metadata_fakes.py``), "invented" = a date
  where the opening states none that the patterns read, or a different one.

Prints: headlines right, bodies with a site line left, wire stories with their agency credit,
invented dates.

    python tests/benchmarks/eval_web_captures.py [--root DIR]   # --root: another checkout's code
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"
SEEDS = ROOT.parent / "shared" / "samples" / "seeds"


def _import(folder: Path, tmp: Path) -> dict[str, dict]:
    from desktop.core.archive import Archive
    from desktop.core.importing.pipeline import import_paths

    with Archive.open(tmp / f"archive-{folder.name}") as archive:
        import_paths(archive, [folder], durable=False)
        rows = {r["original_name"]: dict(r) for r in archive.db.query("SELECT * FROM articles")}
    return rows


def _report(name: str, total: int, headline_ok: int, site_left: int, wire: int, credited: int,
            invented: int) -> None:
    print(f"{name:<12} headlines {headline_ok}/{total} ({100 * headline_ok / max(total, 1):.1f}%)  "
          f"site lines left {site_left}/{total} ({100 * site_left / max(total, 1):.1f}%)  "
          f"credit {credited}/{wire}  invented dates {invented}")


def synthetic(tmp: Path, name: str = "synthetic") -> None:
    from tests.core.web_capture_gold import heldout_batch, synthetic_batch, write_batch

    captures = synthetic_batch(120) if name == "synthetic" else heldout_batch(60)
    rows = _import(write_batch(tmp / name, captures), tmp)
    ok = left = wire = credited = invented = 0
    for c in captures:
        row = rows[c.name]
        ok += row["headline"] == c.headline
        left += any(line in row["body"] for line in c.site_lines)
        if c.credit:
            wire += 1
            credited += row.get("credit") == c.credit
        invented += (row["pub_date"] or None) != c.date
    _report(name, len(captures), ok, left, wire, credited, invented)


def seeds(tmp: Path) -> None:
    from tests.core.web_capture_gold import SEED_GOLD

    rows = _import(SEEDS, tmp)
    ok = left = invented = 0
    for name, row in rows.items():
        gold = SEED_GOLD[name[:3]]
        ok += row["headline"] == gold.headline
        left += any(line in row["body"] for line in gold.site_lines)
        invented += (row["pub_date"] or None) != gold.date
    _report("seeds", len(rows), ok, left, 0, 0, invented)


def fakes(tmp: Path) -> None:
    from desktop.core.importing.types import PartialDate
    from tests.core.test_metadata_fakes import SITE_SUFFIX, _text_date

    folder = CORPORA / "fakes_syria"
    with (folder / "articles_metadata.csv").open(encoding="utf-8", newline="") as handle:
        meta = {r["file"]: r for r in csv.DictReader(handle)}
    rows = _import(folder / "articles", tmp)
    ok = invented = 0
    for name, row in rows.items():
        text = (folder / "articles" / name).read_text(encoding="utf-8")
        ok += row["headline"] == SITE_SUFFIX.sub("", meta[name]["title"].strip())
        body_start = text.split("\n", 2)[2][:200] if text.count("\n") >= 2 else ""
        expected = _text_date(body_start)
        got = PartialDate.parse_iso(row["pub_date"]) if row["pub_date"] else None
        invented += got is not None and got != expected
    _report("fakes_syria", len(rows), ok, 0, 0, 0, invented)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=None, help="import the app's code from this folder")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.root:
        sys.path.insert(0, str(args.root))
    import desktop

    print(f"code from {Path(desktop.__file__).parent}")
    with tempfile.TemporaryDirectory(prefix="eval-captures-") as tmp:
        synthetic(Path(tmp))
        synthetic(Path(tmp), "heldout")
        seeds(Path(tmp))
        fakes(Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
