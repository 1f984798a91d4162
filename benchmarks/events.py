"""Event extraction against the hand list `benchmarks/gold_events.json`, beside dateparser
and datefinder (the off-the-shelf date finders), with throughput. Run with `make bench`."""

import time
import warnings
from datetime import datetime
from pathlib import Path

import evaluate
import pandas as pd

from korea_russia.extract import events
from korea_russia.sources import corpus
from korea_russia.sources.corpus import Document

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold_events.json"
warnings.filterwarnings("ignore")  # dateparser warns about pytz/timezone deprecations


def _base(doc: Document) -> datetime:
    """The publication date as a datetime, for relative dates (mid-year when only a year)."""
    pub = doc.source.published or "2000"
    parts = [int(p) for p in pub.split("-")] + [7, 1][len(pub.split("-")) - 1 :]
    return datetime(*parts[:3])


def ours(documents: list[Document]) -> pd.DataFrame:
    frame = events.table(documents)
    frame["file"] = frame["source_id"].map({d.id: d.path.name for d in documents})
    return frame


def datefinder_table(documents: list[Document]) -> pd.DataFrame:
    import datefinder

    rows = []
    for doc in documents:
        for when, _, (start, end) in datefinder.find_dates(
            doc.text, source=True, index=True, base_date=_base(doc)
        ):
            iso = when.date().isoformat()
            rows.append(
                {
                    "file": doc.path.name,
                    "start": start,
                    "end": end,
                    "date_start": iso,
                    "date_end": iso,
                }
            )
    return pd.DataFrame(rows)


def dateparser_table(documents: list[Document]) -> pd.DataFrame:
    from dateparser.search import search_dates

    rows = []
    for doc in documents:
        found = (
            search_dates(doc.text, languages=["en"], settings={"RELATIVE_BASE": _base(doc)}) or []
        )
        at = 0
        for surface, when in found:
            start = doc.text.find(surface, at)
            if start < 0:
                continue
            at = start + len(surface)
            iso = when.date().isoformat()
            rows.append(
                {
                    "file": doc.path.name,
                    "start": start,
                    "end": at,
                    "date_start": iso,
                    "date_end": iso,
                }
            )
    return pd.DataFrame(rows)


def main() -> None:
    documents = corpus.load(ROOT / "data" / "raw", ROOT / "data" / "sources.csv")
    gold = evaluate.load_gold_events(GOLD, {d.path.name: d.text for d in documents})
    print(f"## Event extraction on {len(gold)} hand-listed dated events (gold_events.json)\n")
    print(
        "| extractor | found | matched | recall | precision | date right (of matched) | seconds |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, build, exact in (
        ("korea_russia", ours, True),
        ("dateparser (start date only)", dateparser_table, False),
        ("datefinder (start date only)", datefinder_table, False),
    ):
        start = time.perf_counter()
        table = build(documents)
        seconds = time.perf_counter() - start
        s = evaluate.score_events(table, gold, exact_end=exact)
        share = f"{s.date_right / s.matched:.2f}" if s.matched else "-"
        cells = [name, s.predicted, s.matched, f"{s.recall:.2f}", f"{s.precision:.2f}", share]
        print("| " + " | ".join(str(c) for c in cells) + f" | {seconds:.2f} |")
    print("\nThe baselines find dates, not events: they return no summary, category or actors, and")
    print("their end dates are not scored (they give one datetime per match).")


if __name__ == "__main__":
    main()
