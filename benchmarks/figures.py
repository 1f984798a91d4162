"""Figure extraction: accuracy against the gold list, beside quantulum3 (the off-the-shelf
quantity extractor an analyst would otherwise use), measured in the same run. Speed is in
`speed.py`. Run with `make bench`.
"""

import argparse
import warnings
from pathlib import Path

import evaluate
import pandas as pd

from korea_russia.extract import figures as extract
from korea_russia.sources import corpus
from korea_russia.sources.corpus import Document

# quantulum3 warns on import that an optional classifier is absent; that is its default.
warnings.filterwarnings("ignore", module="quantulum3")

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold_figures.json"

QUANTULUM_UNITS = {
    "dollar": "USD",
    "euro": "EUR",
    "won": "KRW",
    "rouble": "RUB",
    "ruble": "RUB",
    "tonne": "t",
    "ton": "t",
    "percentage": "percent",
    "cubic metre": "m3",
}


def quantulum_table(documents: list[Document]) -> pd.DataFrame:
    """quantulum3's quantities mapped to our units; dimensionless ones and times dropped."""
    from quantulum3 import parser

    rows = []
    for doc in documents:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = parser.parse(doc.text)
        for q in found:
            name = q.unit.name.lower()
            unit = next((u for key, u in QUANTULUM_UNITS.items() if key in name), None)
            if unit is None:
                continue
            value = q.value * (1e6 if name.startswith("million") else 1)
            rows.append(
                {
                    "file": doc.path.name,
                    "start": q.span[0],
                    "end": q.span[1],
                    "value": value,
                    "unit": unit,
                    "metric": "",
                    "period_start": "",
                    "period_end": "",
                    "qualifier": "",
                    "mention": q.surface,
                }
            )
    return pd.DataFrame(rows)


def accuracy(documents: list[Document]) -> list[tuple[str, evaluate.Score]]:
    """Both extractors scored on the explicit gold figures."""
    gold = evaluate.load_gold(GOLD, {d.path.name: d.text for d in documents})
    ours = extract.table(documents)
    # The gold file gives a period only where the text states one; a period read from the
    # publication date (period_basis "publication") is not stated, so it is scored as none.
    inferred = ours["period_basis"] == "publication"
    ours.loc[inferred, ["period_start", "period_end"]] = ""
    ours["file"] = ours["source_id"].map({d.id: d.path.name for d in documents})
    return [
        ("korea_russia", evaluate.score(ours, gold)),
        ("quantulum3", evaluate.score(quantulum_table(documents), gold)),
    ]


def main(argv: list[str] | None = None) -> None:
    argparse.ArgumentParser(description=__doc__).parse_args(argv)
    documents = corpus.load(ROOT / "data" / "raw", ROOT / "data" / "sources.csv")

    print("## Figure extraction: accuracy on benchmarks/gold_figures.json (explicit figures)\n")
    print(
        "| extractor | gold | found | matched | recall | precision | period right | metric right |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, s in accuracy(documents):
        period = f"{s.period_right / s.matched:.2f}" if s.matched else "-"
        metric = f"{s.metric_right / s.matched:.2f}" if s.matched else "-"
        print(
            f"| {name} | {s.gold} | {s.predicted} | {s.matched} | {s.recall:.2f} | "
            f"{s.precision:.2f} | {period} | {metric} |"
        )
    print("\n(quantulum3 finds no periods or metrics; its quantities without a money, mass,")
    print("percentage or volume unit are left out, which only helps its precision.)\n")

    print("Speed on news text, one core and all cores: benchmarks/speed.py.")


if __name__ == "__main__":
    main()
