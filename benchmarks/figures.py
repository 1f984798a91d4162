"""Figure extraction: accuracy against the gold list and throughput, beside their baselines.

Baselines, measured in the same run: quantulum3 (the off-the-shelf quantity extractor an
analyst would otherwise use) and a bare compiled regex that only finds currency amounts
(the practical ceiling for a Python scanner). Run with `make bench`.
"""

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
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

# Currency amounts only, in the spellings the extractor reads (prefix sign or code, or a
# number with a scale and a currency word), with nothing else: no periods, metrics, spans.
BARE_MONEY = re.compile(
    r"(?:US\$|\$|€|₩|USD|EUR|KRW)\s?\d[\d,.]*(?:\s?(?:trillion|billion|million|bn|mn|m|tn))?"
    r"|\d[\d,.]*\s?(?:trillion|billion|million|trn|bn)?\s?(?:dollars|won|roubles|rubles|euros)"
)
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


def repeated(documents: list[Document], megabytes: float) -> Iterator[Document]:
    """The documents again and again until `megabytes` of text have gone by (streamed)."""
    total, target = 0, megabytes * 1e6
    while total < target:
        for doc in documents:
            total += len(doc.text.encode("utf-8"))
            yield doc
            if total >= target:
                return


def throughput(documents: list[Document], megabytes: float) -> list[tuple[str, float, float]]:
    """(name, MB of text, MB/s) for the full pipeline, the bare regex and quantulum3."""
    results = []
    start, size = time.perf_counter(), 0
    for doc in repeated(documents, megabytes):
        size += len(doc.text.encode("utf-8"))
        extract.figures(doc)
    results.append(
        ("korea_russia (full pipeline)", size / 1e6, size / 1e6 / (time.perf_counter() - start))
    )
    start, size = time.perf_counter(), 0
    for doc in repeated(documents, megabytes):
        size += len(doc.text.encode("utf-8"))
        sum(1 for _ in BARE_MONEY.finditer(doc.text))
    results.append(("bare money regex", size / 1e6, size / 1e6 / (time.perf_counter() - start)))
    from quantulum3 import parser

    sample = "\n".join(d.text for d in documents)[:60_000]
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parser.parse(sample)
    size = len(sample.encode("utf-8")) / 1e6
    results.append(("quantulum3 (60 kB slice)", size, size / (time.perf_counter() - start)))
    return results


def jobs(documents: list[Document], megabytes: float) -> list[tuple[int, float, float]]:
    """`korea-russia extract --jobs N` over files of about 1 MB: (N, seconds, peak MiB)."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        block = "\n\n".join(d.text for d in documents)
        copies = max(1, int(1e6 // len(block.encode("utf-8"))))
        n_files = max(2, int(megabytes))
        for i in range(n_files):
            # Every line is made unique, so no file is just the same sentences again (which
            # the extractor would analyse once) and the timing is that of new text.
            text = "\n".join(
                f"{line} [{i}.{k}]" if line.strip() else line
                for k in range(copies)
                for line in block.split("\n")
            )
            Path(tmp, f"doc{i:03d}.txt").write_text(text, encoding="utf-8")
        files = sorted(str(p) for p in Path(tmp).glob("*.txt"))
        for n in (1, 2):
            cmd = [
                sys.executable,
                "-m",
                "korea_russia",
                "extract",
                *files,
                "--jobs",
                str(n),
                "-o",
                str(Path(tmp, f"out{n}.csv")),
            ]
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            seconds = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            out.append((n, seconds, peak))
    return out


def main(argv: list[str] | None = None) -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--megabytes", type=float, default=50.0, help="size of the repeated corpus")
    opts = args.parse_args(argv)
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

    print(f"## Throughput on {opts.megabytes:.0f} MB of repeated corpus text, one core\n")
    print("| scanner | MB scanned | MB/s | korea_russia's speed relative to it |")
    print("|---|---|---|---|")
    rows = throughput(documents, opts.megabytes)
    ours = rows[0][2]
    for name, size, rate in rows:
        print(f"| {name} | {size:.2f} | {rate:.3f} | {ours / rate:.2f}× |")
    print("\nTargets: ≥ 5 MB/s; at least 1/4 of the bare regex's speed; over 200× quantulum3.")

    print(f"\n## `korea-russia extract --jobs N` on {max(2, int(opts.megabytes))} files of ~1 MB\n")
    print("| jobs | seconds | MB/s | peak RSS of a child process (MiB) |")
    print("|---|---|---|---|")
    for n, seconds, peak in jobs(documents, opts.megabytes):
        print(f"| {n} | {seconds:.1f} | {max(2, int(opts.megabytes)) / seconds:.2f} | {peak:.0f} |")


if __name__ == "__main__":
    main()
