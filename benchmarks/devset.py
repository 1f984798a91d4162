"""Figures and events on the labelled dev set (`../shared/devset/`: 16 news articles that the
extractor was never tuned on), scored by the rules in the dev set's README: strict facts
(BORDERLINE and IMPLICIT labels left out), a fact stated twice counts once, a prediction
matches when its span overlaps the labelled quote, the unit agrees and the value is within
0.5%. Reports recall, precision, period right, metric right, declines read as declines and
trap hits; events: recall and precision (date agreeing to the label's precision, quote
overlapping). Run `python benchmarks/devset.py [DEVSET]`."""

import json
import sys
from pathlib import Path

from korea_russia.extract import events, figures
from korea_russia.sources.corpus import Document, Source

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset"
UNITS = {"tonnes": "t"}  # the dev set's unit names where they differ from ours
METRICS = {  # dev-set metric -> ours, where the mapping is one to one
    "bilateral_trade": "bilateral_trade",
    "trade_target": "bilateral_trade",
    "investment": "investment",
    "project_value": "project_value",
    "fund_value": "fund_value",
    "lng_imports": "lng_imports",
    "imports_kr_from_ru": "imports_kr_from_ru",
    "exports_kr_to_ru": "exports_kr_to_ru",
    "energy_imports_other": "energy_imports",
    "count": "export_controls",
}


def _spans(text: str, quote: str) -> list[tuple[int, int]]:
    out, at = [], text.find(quote)
    while at >= 0:
        out.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    return out


def _hits(row, text: str, label: dict) -> bool:
    unit = UNITS.get(label["unit"], label["unit"])
    gold = float(label["value_normalized"])
    # Labels are unsigned (a decline says so in its note); our changes carry their sign.
    if row.unit != unit or abs(abs(row.value) - gold) > 0.005 * abs(gold):
        return False
    return any(a < row.end and row.start < b for a, b in _spans(text, label["quote"]))


def _period(label_period: str | None) -> tuple[str, str]:
    first, _, last = (label_period or "").partition("/")
    return first, last or first


def _document(article: Path, source: dict) -> Document:
    published = source.get("published") or ""
    precision = source.get("published_precision") or ""
    if precision not in ("year", "month", "day"):
        published, precision = "", ""
    meta = Source(article.stem, article.name, published=published, published_precision=precision)
    return Document(article.stem, article, article.read_text(encoding="utf-8"), meta)


class _Row:
    """A baseline's figure or date as the scorer reads it."""

    def __init__(self, **values: object) -> None:
        self.__dict__.update(values)


def baselines(devset: Path) -> dict[str, float]:
    """quantulum3 (figures) and dateparser (dates) on the same texts, scored the same way:
    they find quantities and dates, not Korea–Russia figures or events, so their precision
    counts every quantity or date they return."""
    from events import dateparser_table  # benchmarks/, beside this file
    from figures import quantulum_table

    labels = {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in (devset / "labels").glob("*.json")
    }
    docs = [
        _document(devset / "articles" / f"{k}.txt", v["source"]) for k, v in sorted(labels.items())
    ]
    q = quantulum_table(docs)
    d = dateparser_table(docs)
    facts = found = predicted = right = ev_gold = ev_found = ev_pred = 0
    for doc in docs:
        lab = labels[doc.id]
        rows = (
            [
                _Row(value=r.value, unit=UNITS.get(r.unit, r.unit), start=r.start, end=r.end)
                for r in q[q["file"] == doc.path.name].itertuples()
            ]
            if len(q)
            else []
        )
        strict = [f for f in lab["figures"] if "BORDERLINE" not in (f.get("note") or "")]
        groups: dict[tuple, list[dict]] = {}
        for f in strict:
            groups.setdefault(
                (f["metric"], f["unit"], f["value_normalized"], f["period"]), []
            ).append(f)
        facts += len(groups)
        found += sum(any(_hits(r, doc.text, m) for r in rows for m in ms) for ms in groups.values())
        predicted += len(rows)
        right += sum(any(_hits(r, doc.text, f) for f in lab["figures"]) for r in rows)
        gold = [e for e in lab["events"] if "BORDERLINE" not in (e.get("note") or "")]
        dates = d[d["file"] == doc.path.name] if len(d) else d
        ev_gold += len(gold)
        ev_pred += len(dates)
        for e in gold:
            spans = _spans(doc.text, e["quote"])
            ev_found += any(
                str(r.date_start).startswith(e["date"])
                and any(a < r.end and r.start < b for a, b in spans)
                for r in dates.itertuples()
            )
    return {
        "quantulum3 figures: recall": found / facts,
        "quantulum3 figures: precision": right / predicted if predicted else 1.0,
        "dateparser dates: recall": ev_found / ev_gold,
        "dateparser dates: precision (any date counts)": ev_found / ev_pred if ev_pred else 1.0,
    }


def score(devset: Path) -> dict[str, float]:
    facts = found = predicted = false = traps = period = metric = metric_n = 0
    declines = declines_right = 0
    ev_gold = ev_found = ev_pred = ev_right = 0
    for label_path in sorted((devset / "labels").glob("*.json")):
        labels = json.loads(label_path.read_text(encoding="utf-8"))
        doc = _document(devset / "articles" / f"{label_path.stem}.txt", labels["source"])
        every = figures.figures(doc)
        rows = figures.korea_russia(every)
        strict = [f for f in labels["figures"] if "BORDERLINE" not in (f.get("note") or "")]
        loose = [f for f in labels["figures"] if f not in strict]
        groups: dict[tuple, list[dict]] = {}
        for f in strict:
            key = (f["metric"], f["unit"], f["value_normalized"], f["period"])
            groups.setdefault(key, []).append(f)
        facts += len(groups)
        matched_rows: set[int] = set()
        for mentions in groups.values():
            hits = [i for i, r in enumerate(rows) for m in mentions if _hits(r, doc.text, m)]
            matched_rows |= set(hits)
            if not hits:
                continue
            found += 1
            r, g = rows[hits[0]], mentions[0]
            period += (r.period_start, r.period_end) == _period(g["period"])
            if g["metric"] in METRICS:
                metric_n += 1
                metric += r.metric == METRICS[g["metric"]]
            if "direction=decrease" in (g.get("note") or ""):
                declines += 1
                declines_right += r.value < 0
        for i, r in enumerate(rows):
            if i in matched_rows or any(_hits(r, doc.text, f) for f in loose):
                continue
            false += 1
            traps += any(
                a < r.end and r.start < b
                for t in labels["not_korea_russia"]
                for a, b in _spans(doc.text, t["quote"])
            )
        predicted += len(matched_rows) + sum(
            1
            for i, r in enumerate(rows)
            if i not in matched_rows and not any(_hits(r, doc.text, f) for f in loose)
        )
        dated = events.events(doc, figures=every)
        gold = [e for e in labels["events"] if "BORDERLINE" not in (e.get("note") or "")]
        ev_gold += len(gold)
        ev_pred += len(dated)
        used: set[int] = set()
        for e in gold:
            spans = _spans(doc.text, e["quote"])
            hit = next(
                (
                    i
                    for i, p in enumerate(dated)
                    if i not in used
                    and p.date_start.startswith(e["date"])
                    and any(a < p.quote_end and p.quote_start < b for a, b in spans)
                ),
                None,
            )
            if hit is not None:
                used.add(hit)
                ev_found += 1
        ev_right += len(used)
    return {
        "figures: facts (strict)": facts,
        "figures: recall": found / facts,
        "figures: precision": (predicted - false) / predicted if predicted else 1.0,
        "figures: period right": period / found if found else 0.0,
        "figures: metric right (mappable labels)": metric / metric_n if metric_n else 0.0,
        "figures: declines read as declines": f"{declines_right} of {declines}",
        "figures: trap hits": traps,
        "events: labels (strict)": ev_gold,
        "events: recall": ev_found / ev_gold,
        "events: precision": ev_right / ev_pred if ev_pred else 1.0,
    }


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEVSET
    print(f"Dev set ({folder}): 16 news articles the extractor was not tuned on")
    for name, value in score(folder).items():
        shown = f"{value:.2f}" if isinstance(value, float) else value
        print(f"  {name:<42} {shown}")
    try:
        rows = baselines(folder)
    except ImportError:
        print("  (baselines: `make bench` installs quantulum3 and dateparser)")
    else:
        print("Baselines on the same texts and rules:")
        for name, value in rows.items():
            print(f"  {name:<42} {value:.2f}")
