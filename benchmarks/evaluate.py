"""Score extracted figures against a hand-made gold list (`benchmarks/gold_figures.json`)."""

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd


@dataclass(frozen=True)
class Gold:
    """One hand-labelled figure, located in its document by quote and mention."""

    file: str
    start: int
    end: int
    value: float
    unit: str
    metric: str
    measure: str
    period_start: str
    period_end: str
    qualifier: str
    explicit: bool


def load_gold(path: Path, texts_by_file: Mapping[str, str]) -> list[Gold]:
    """The gold figures with their mention spans (first occurrence of quote, then mention)."""
    entries = json.loads(Path(path).read_text(encoding="utf-8"))["figures"]
    out = []
    for e in entries:
        text = texts_by_file[e["file"]]
        start = text.index(e["quote"]) + e["quote"].index(e["mention"])
        first, _, last = (e["period"] or "").partition("/")
        out.append(
            Gold(
                file=e["file"],
                start=start,
                end=start + len(e["mention"]),
                value=float(e["value"]),
                unit=e["unit"],
                metric=e["metric"],
                measure=e["measure"],
                period_start=first,
                period_end=last or first,
                qualifier=e["qualifier"] or "",
                explicit=e["explicit"],
            )
        )
    return out


@dataclass(frozen=True)
class Counts:
    """How many gold items, predictions, and matches: recall and precision."""

    gold: int
    predicted: int
    matched: int

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0


@dataclass(frozen=True)
class Score(Counts):
    """Recall and precision of (value, unit, span), and how often period and metric are right."""

    period_right: int
    metric_right: int
    qualifier_right: int

    @property
    def period_and_metric(self) -> float:
        return min(self.period_right, self.metric_right) / self.matched if self.matched else 0.0


def _same(g: Gold, row: Mapping[str, object]) -> bool:
    """A prediction matches a gold figure: overlapping span, same value and unit."""
    return (
        int(row["start"]) < g.end  # type: ignore[arg-type]
        and g.start < int(row["end"])  # type: ignore[arg-type]
        and row["unit"] == g.unit
        and math.isclose(float(row["value"]), g.value, rel_tol=1e-9)  # type: ignore[arg-type]
    )


def score(predicted: pd.DataFrame, gold: list[Gold], explicit_only: bool = True) -> Score:
    """Score a figures table (with a `file` column) against the gold list.

    With `explicit_only`, gold figures with no numeral in the text are left out, and so are
    the predictions that match them: they are neither rewarded nor punished.
    """
    kept = [g for g in gold if g.explicit or not explicit_only]
    skipped = [g for g in gold if g not in kept]
    rows = [
        r
        for r in predicted.to_dict("records")
        if not any(r["file"] == g.file and _same(g, r) for g in skipped)
    ]
    used: set[int] = set()
    period = metric = qualifier = 0
    for g in kept:
        hit = next(
            (
                i
                for i, r in enumerate(rows)
                if i not in used and r["file"] == g.file and _same(g, r)
            ),
            None,
        )
        if hit is None:
            continue
        used.add(hit)
        r = rows[hit]
        period += (r["period_start"], r["period_end"]) == (g.period_start, g.period_end)
        metric += r["metric"] == g.metric
        qualifier += r["qualifier"] == g.qualifier
    return Score(len(kept), len(rows), len(used), period, metric, qualifier)


@dataclass(frozen=True)
class GoldEvent:
    """One hand-listed dated event, located by quote and date mention."""

    file: str
    start: int
    end: int
    date_start: str
    date_end: str


def load_gold_events(path: Path, texts_by_file: Mapping[str, str]) -> list[GoldEvent]:
    """The gold events with the spans of their date mentions."""
    out = []
    for e in json.loads(Path(path).read_text(encoding="utf-8"))["events"]:
        start = texts_by_file[e["file"]].index(e["quote"]) + e["quote"].index(e["mention"])
        out.append(
            GoldEvent(e["file"], start, start + len(e["mention"]), e["date_start"], e["date_end"])
        )
    return out


@dataclass(frozen=True)
class EventScore(Counts):
    """Recall and precision of dated events (span overlap), and how often the date is right."""

    date_right: int


def score_events(
    predicted: pd.DataFrame, gold: list[GoldEvent], exact_end: bool = True
) -> EventScore:
    """Score a table with file, start, end, date_start, date_end against the gold events.

    A found date counts as right when its start equals the gold start at the gold's
    precision (and, with `exact_end`, its end too): baselines that only give full
    datetimes are compared at the precision the text supports.
    """
    rows = predicted.to_dict("records")
    used: set[int] = set()
    right = 0
    for g in gold:
        hit = next(
            (
                i
                for i, r in enumerate(rows)
                if i not in used
                and r["file"] == g.file
                and r["start"] < g.end
                and g.start < r["end"]
            ),
            None,
        )
        if hit is None:
            continue
        used.add(hit)
        r = rows[hit]
        ok = str(r["date_start"])[: len(g.date_start)] == g.date_start
        if exact_end:
            ok = ok and str(r["date_end"])[: len(g.date_end)] == g.date_end
        right += ok
    return EventScore(len(gold), len(rows), len(used), right)
