"""Extraction speed on news text, beside its baselines, one core and all cores.

Text: `benchmarks/news.py` (the 5 development articles and the 16 dev-set articles, joined
into documents of about 80 kB, every copy of a line made distinct). Printed in one run:

1. one core, in this process: figures (`korea-russia extract`), events as the `events`
   command runs them (figures first, for their periods) and as `build` runs them (figures
   given); a bare compiled currency regex; quantulum3 on a slice (it is too slow for more);
   and, with `--against REV`, the same extractors as they were at commit REV, side by side;
2. all cores: `extract --jobs N` and `events --jobs N` over files of 80 kB, for N = 1, 2, …
   up to the cores, with the scaling efficiency (rate with N / (N × rate with 1)) and the
   peak memory of a process;
3. `archive` on a local Dask cluster of 1 and of all cores, over the same files.

Run: `python benchmarks/speed.py [--megabytes 20] [--files-megabytes 40] [--against 6fa539e]`.
"""

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import news

from korea_russia.extract import events, figures

ROOT = Path(__file__).resolve().parents[1]
BARE_MONEY = re.compile(
    r"(?:US\$|\$|€|₩|USD|EUR|KRW)\s?\d[\d,.]*(?:\s?(?:trillion|billion|million|bn|mn|m|tn))?"
    r"|\d[\d,.]*\s?(?:trillion|billion|million|trn|bn)?\s?(?:dollars|won|roubles|rubles|euros)"
)


def one_core(megabytes: float) -> dict[str, float]:
    """MB/s of each scanner on `megabytes` of news text (best of two passes; one warm-up)."""
    docs = list(news.documents(megabytes))
    size = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    found = {}

    def timed(work) -> float:
        work(docs[0])  # compile the patterns, load the vocabulary
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            for doc in docs:
                work(doc)
            best = min(best, time.perf_counter() - start)
        return size / best

    rates = {"figures": timed(figures.figures)}
    for doc in docs:
        found[doc.id] = figures.figures(doc)
    rates["events (command: figures, then events)"] = timed(events.events)
    actors = events.load_actors()
    rates["events (build: figures given)"] = timed(
        lambda d: events.events(d, actors, found.get(d.id) or figures.figures(d))
    )
    rates["bare currency regex"] = timed(lambda d: sum(1 for _ in BARE_MONEY.finditer(d.text)))
    try:
        with warnings.catch_warnings():  # it warns on import that an optional part is absent
            warnings.simplefilter("ignore")
            from quantulum3 import parser
    except ImportError:
        return rates | {"MB": size}
    sample = docs[0].text[:60_000]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parser.parse(sample[:1000])
        start = time.perf_counter()
        parser.parse(sample)
    rates["quantulum3 (60 kB slice)"] = (
        len(sample.encode("utf-8")) / 1e6 / (time.perf_counter() - start)
    )
    return rates | {"MB": size}


def against(rev: str, megabytes: float) -> dict[str, float]:
    """The one-core rates of the extractors at commit `rev` (its src/ in a temporary folder)."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, "src"], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        code = (
            "import json, sys; sys.path.insert(0, 'benchmarks'); import speed; "
            f"print(json.dumps(speed.one_core({megabytes})))"
        )
        env = {**os.environ, "PYTHONPATH": f"{tmp}/src"}
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, check=True
        )
        import json

        return json.loads(out.stdout)


def write_files(folder: Path, megabytes: float) -> tuple[list[str], float]:
    """News documents of about 80 kB as files; their paths and total MB."""
    paths, size = [], 0
    for doc in news.documents(megabytes):
        path = folder / doc.path.name
        path.write_text(doc.text, encoding="utf-8")
        paths.append(str(path))
        size += len(doc.text.encode("utf-8"))
    return paths, size / 1e6


def command(args: list[str]) -> tuple[float, float]:
    """Seconds of one `korea-russia` run and the peak memory (MiB) of its processes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "korea_russia", *args], check=True, capture_output=True)
    seconds = time.perf_counter() - start
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return seconds, peak


def main(argv: list[str] | None = None) -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--megabytes", type=float, default=20.0, help="text for one core")
    options.add_argument("--files-megabytes", type=float, default=40.0, help="text for --jobs")
    options.add_argument("--against", default=None, help="also measure this commit's extractors")
    options.add_argument("--no-archive", action="store_true", help="skip the Dask runs")
    options.add_argument("--one-core", action="store_true", help="only the one-core table")
    opts = options.parse_args(argv)
    cores = os.cpu_count() or 1
    print(f"## Extraction speed on news text ({cores} cores, {sys.platform})\n")
    now = one_core(opts.megabytes)
    before = against(opts.against, opts.megabytes) if opts.against else {}
    head = f"| scanner (one core, {now['MB']:.1f} MB of news text) | MB/s now |"
    print(head + (f" MB/s at {opts.against} | speed-up |" if before else ""))
    print("|---|---|" + ("---|---|" if before else ""))
    for name, rate in now.items():
        if name == "MB":
            continue
        row = f"| {name} | {rate:.3g} |"
        if before and name in before:
            row += f" {before[name]:.3g} | {rate / before[name]:.1f}× |"
        elif before:
            row += " | |"
        print(row)

    if opts.one_core:
        return
    with tempfile.TemporaryDirectory() as tmp:
        files, size = write_files(Path(tmp), opts.files_megabytes)
        print(f"\n## All cores: {len(files)} files, {size:.1f} MB of news text\n")
        print("| command | processes | seconds | MB/s | scaling efficiency | peak MiB |")
        print("|---|---|---|---|---|---|")
        counts = sorted({1, 2, cores} | ({4, 8, 16} & set(range(1, cores + 1))))
        for name in ("extract", "events"):
            first = None
            for n in counts:
                out = str(Path(tmp, f"{name}{n}.csv"))
                seconds, peak = command([name, *files, "--jobs", str(n), "-o", out])
                rate = size / seconds
                first = first or rate
                print(
                    f"| {name} | {n} | {seconds:.1f} | {rate:.2f} | "
                    f"{rate / (n * first):.0%} | {peak:.0f} |"
                )
        if not opts.no_archive:
            first = None
            for n in sorted({1, cores}):
                out = str(Path(tmp, f"archive{n}"))
                seconds, peak = command(["archive", tmp, out, "--workers", str(n)])
                rate = size / seconds
                first = first or rate
                print(
                    f"| archive (Dask, figures + events) | {n} | {seconds:.1f} | "
                    f"{rate:.2f} | {rate / (n * first):.0%} | {peak:.0f} |"
                )


if __name__ == "__main__":
    main()
