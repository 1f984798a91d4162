"""The `korea-russia` command: build the tables, extract from any file, cite, run the notebooks.

Bad input ends in one line and exit status 1; a bug (a table that fails its schema, a
notebook check that no longer holds) in one line and exit status 2.

Each command imports what it needs when it runs (pandas, the extractors, trafilatura), so
`--help` and `cite` start fast."""

import argparse
import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO

from korea_russia import config, io  # io and citations load pandas only when they run
from korea_russia.analysis import citations
from korea_russia.errors import InputError, InternalError
from korea_russia.sources import corpus

Handler = Callable[[argparse.Namespace], int]


def _cmd_corpus(args: argparse.Namespace) -> int:
    """Print the documents with their metadata and sizes."""
    from korea_russia import build

    documents = corpus.load(args.raw, args.sources)
    frame = build.documents_table(documents)
    columns = ["source_id", "file", "published", "chars", "words"]
    print(frame[columns].to_string(index=False))
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    """Write every table of `data/processed/`."""
    from korea_russia import build

    for path, changed in build.build_all(args.raw, args.sources, args.out):
        print(f"{'wrote    ' if changed else 'unchanged'} {corpus.display(path)}")
    return 0


def _cmd_notebooks(args: argparse.Namespace) -> int:
    """Execute the notebooks in place; they export their charts to reports/figures/."""
    from korea_russia import progress
    from korea_russia.present import notebooks

    targets = args.notebooks or sorted(config.notebooks_dir().glob("[0-9][0-9]-*.ipynb"))
    bar = progress.Bar("notebooks", len(targets), "notebooks")
    for path in targets:
        changed = notebooks.execute(Path(path))
        bar.close()  # the line below goes where the bar was
        print(f"{'executed ' if changed else 'unchanged'} {corpus.display(Path(path))}")
        bar.advance()
    bar.close()
    return 0


def _extract_one(document: corpus.Document, parties: str = "korea-russia") -> list[dict]:
    """Worker: the figures of one document as rows; `parties` "korea-russia" keeps the
    figures about the two, "any" keeps every figure."""
    from korea_russia.extract import figures

    found = figures.figures(document)
    if parties != "any":
        found = figures.korea_russia(found)
    return [figures.row(f) for f in found]


def _cmd_extract(args: argparse.Namespace) -> int:
    """Extract figures from any files (default: the corpus) and write the table."""
    from korea_russia.extract import figures

    worker = functools.partial(_extract_one, parties=args.parties)
    return _run_table(args, worker, figures.COLUMNS, "figures")


# What every worker process holds, set once when it starts (not sent with every file).
_WORK: dict = {}


def _start_worker(rows: Callable, sources: dict, parts: io.Parts) -> None:
    _WORK.update(rows=rows, sources=sources, parts=parts)


def _part(path: Path) -> tuple[bytes, int, int]:
    """Worker: read one file, extract its rows and encode them as its part of the output
    table (so the parent only copies bytes); also the row count and the text's size."""
    [document] = corpus.iter_documents([path], _WORK["sources"])
    rows = sorted(_WORK["rows"](document), key=lambda r: (r["start"], r["end"]))
    size = len(document.text.encode("utf-8"))
    return _WORK["parts"].body(rows), len(rows), size


def _run_table(args: argparse.Namespace, worker: Callable, columns: list[str], what: str) -> int:
    """Run `worker` over the files (in --jobs processes) and write one table, sorted by
    source and position.

    Files go to the workers as paths, never as text: each worker reads its own files and
    sends back its part of the table already encoded, which the parent writes out in
    source order as it arrives. Nothing is held for the whole run but the list of paths."""
    import multiprocessing

    from korea_russia import progress

    sources_path = args.sources if args.sources is not None else config.sources_csv()
    sources = corpus.read_sources(sources_path) if sources_path.exists() or args.sources else {}
    files = [Path(p) for p in (args.files or corpus.text_files(config.raw_dir()))]
    for path in files:  # fail on a missing or special file before any work is done
        if not path.is_file():
            corpus.read_bytes(path)  # says what it is instead, without reading it
    if args.output is not None:
        io.check_target(args.output)  # before any work: -o must name a regular file
    # The table is sorted by source_id, then position: files in source_id order, each
    # file's rows by position.
    files.sort(key=lambda p: ((sources.get(p.name) or corpus.unknown_source(p)).source_id, str(p)))
    parts = io.Parts(columns, args.format)
    workers = min(args.jobs, len(files), os.cpu_count() or 1)  # never more than files or cores
    count = 0
    setup = (worker, sources, parts)
    if workers > 1:
        pool = multiprocessing.get_context("spawn").Pool(workers, _start_worker, setup)
    else:
        _start_worker(*setup)  # in this process
        pool = contextlib.nullcontext()
    with pool, _output(args.output) as out:
        chunk = max(1, min(32, len(files) // (workers * 16)))
        found = pool.imap(_part, files, chunksize=chunk) if workers > 1 else map(_part, files)
        out.write(parts.opening())
        bar = progress.Bar(what, len(files))
        for body, rows, size in found:
            out.write(parts.join(body))
            count += rows
            bar.advance(size=size)
        bar.close()
        out.write(parts.closing())
    if args.output:
        print(f"{count} {what} -> {corpus.display(args.output)}", file=sys.stderr)
    return 0


@contextlib.contextmanager
def _output(path: Path | None) -> Iterator[IO[bytes]]:
    """Where the table goes: `path`, written whole or not at all, or standard output."""
    if path is None:
        yield sys.stdout.buffer
        sys.stdout.flush()
    else:
        with io.streamed(path) as handle:
            yield handle


def _events_one(document: corpus.Document) -> list[dict]:
    """Worker: the events of one document as rows."""
    from korea_russia.extract import events

    return [events.row(e) for e in events.events(document)]


def _cmd_events(args: argparse.Namespace) -> int:
    """Extract dated events from any files (default: the corpus) and write the table."""
    from korea_russia.extract import events

    return _run_table(args, _events_one, events.COLUMNS, "events")


def _cmd_archive(args: argparse.Namespace) -> int:
    """Extract figures and events from a news archive on Dask; write Parquet datasets."""
    try:
        from korea_russia import archive
    except ImportError as exc:  # the optional extra is not installed
        raise InputError(
            "archive", f"needs Dask ({exc.name} is missing): pip install 'korea-russia[archive]'"
        ) from None
    sources = corpus.read_sources(args.sources) if args.sources else {}
    totals = archive.archive(
        args.source_files,
        args.out_dir,
        sources,
        scheduler=args.scheduler,
        workers=args.workers,
        parties=args.parties,
    )
    print(
        f"{totals['files']} files: {totals['figures']} figures, {totals['events']} events, "
        f"{totals['errors']} skipped (see errors/) -> {args.out_dir}"
    )
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    """Browse the tables in Datasette: data/processed/korea_russia.db with its metadata."""
    import json
    import socket
    import subprocess
    import tempfile

    from korea_russia.present import database, reports

    port = _port(args.port)
    db = args.db if args.db is not None else config.processed_dir() / database.NAME
    if not Path(db).is_file():
        raise InputError(db, "not found; run `make` (or `korea-russia build`) to build it")
    try:
        import datasette  # noqa: F401  (the optional extra)
    except ImportError:
        raise InputError("serve", "needs Datasette: pip install 'korea-russia[serve]'") from None
    with socket.socket() as probe:  # a port in use is one line here, not a traceback there
        try:
            probe.bind((args.host, port))
        except OSError as exc:
            raise InputError(f"--port {port}", f"cannot be used ({exc.strerror})") from None
    package = reports.descriptor()
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as meta:
        json.dump(database.metadata(package), meta, ensure_ascii=False)
        meta.flush()
        command = [sys.executable, "-m", "datasette", "serve", str(db), "--metadata", meta.name]
        command += ["--host", args.host, "--port", str(port)]
        print(f"serving {corpus.display(Path(db))} on http://{args.host}:{port}/ (Ctrl-C stops)")
        return subprocess.run(command, check=False).returncode


def _port(text: str) -> int:
    """A TCP port number, 1 to 65535, or one line saying it is none."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 65535:
        raise InputError(f"--port {text}", "is not a port number (1 to 65535)")
    return value


def _cmd_cite(args: argparse.Namespace) -> int:
    """Print the figures for a metric and year (or one figure id) with their citations."""

    found = citations.cite(
        args.metric, args.year, source=args.source, style=args.style, figure_id=args.id
    )
    print(found)
    return 0


def _cmd_claims(args: argparse.Namespace) -> int:
    """Print each article figure beside its official counterpart, with the verdict."""
    from korea_russia import schemas, tables

    frame = tables.claims()
    for row in frame.itertuples():
        known = row.official_value == row.official_value  # not NaN
        official = f"US${float(row.official_value) / 1e9:.2f}bn" if known else "—"
        period = schemas.period_label(row.period_start, row.period_end, "no year")
        print(
            f"{row.verdict:<13} {row.mention:<22} {period:<10} official {official:<10} "
            f"{citations.short(row.source_id)}"
        )
        print(f"{'':13} {row.note}")
    counts = frame["verdict"].value_counts()
    print(", ".join(f"{counts.get(v, 0)} {v}" for v in schemas.VERDICTS))
    return 0


def _cmd_add(args: argparse.Namespace) -> int:
    """Add a saved article to the corpus and show what was found in it."""
    from korea_russia import intake as add
    from korea_russia import schemas
    from korea_russia.extract import events, figures

    overrides = {k: getattr(args, k) for k in ("outlet", "author", "title", "published", "url")}
    doc = add.add(args.path, overrides, force=args.force, notify=_note)
    every = figures.figures(doc)
    dated = events.events(doc, figures=every)
    found = figures.korea_russia(every)
    print(f"added {corpus.display(doc.path)} as {doc.id!r}: {len(doc.text):,} characters")
    for name in ("outlet", "author", "title", "published", "url", "language"):
        print(f"  {name:<10} {getattr(doc.source, name) or '(unknown)'}")
    others = len(every) - len(found)
    print(
        f"{len(found)} Korea–Russia figures"
        + (f" ({others} about other economies)" if others else "")
        + ":"
    )
    for f in found:
        period = schemas.period_label(f.period_start, f.period_end, "no year")
        value = citations.amount(f.value, f.unit)
        print(f"  {value:<14} {f.metric:<20} {f.measure:<7} {period:<10} “{f.mention}”")
    print(f"{len(dated)} events:")
    for e in dated:
        print(f"  {e.date_start:<10} {e.category:<10} {e.summary[:80]}")
    print(
        f"run `make` to rebuild the tables and charts; `korea-russia remove {doc.id}` undoes this"
    )
    return 0


def _cmd_remove(args: argparse.Namespace) -> int:
    """Take an added article out of the corpus again."""
    from korea_russia import intake as add

    source = add.remove(args.source_id, notify=_note)
    print(f"removed {source.source_id!r}: data/raw/{source.file}, its sources row and checksum")
    print("run `make` to rebuild the tables and charts")
    return 0


def _note(message: str) -> None:
    """A one-line notice on stderr (what was done besides the command itself)."""
    print(f"korea-russia: note: {message}", file=sys.stderr)


def _positive(text: str) -> int:
    """A whole number of at least 1 (argparse turns the ValueError into a one-line usage error)."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return value


class _Version(argparse.Action):
    """--version, reading the installed version only when asked (importlib.metadata is slow)."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        import korea_russia

        print(f"{parser.prog} {korea_russia.__version__}")
        parser.exit()


def _add_corpus_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--raw", type=Path, default=None, help="folder of .txt files (default: data/raw)"
    )
    parser.add_argument(
        "--sources", type=Path, default=None, help="sources CSV (default: data/sources.csv)"
    )


def _add_parties(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--parties",
        choices=("korea-russia", "any"),
        default="korea-russia",
        help="keep the figures about Korea and Russia (default) or any figure",
    )


def parser() -> argparse.ArgumentParser:
    """The argument parser, with one subcommand per task."""
    top = argparse.ArgumentParser(
        prog="korea-russia",
        description="Tidy, cited tables and charts on South Korea–Russia economic relations.",
    )
    top.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    sub = top.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("corpus", help="list the source documents with their metadata")
    _add_corpus_options(p)
    p.set_defaults(handler=_cmd_corpus)

    p = sub.add_parser("build", help="write the tables of data/processed/")
    _add_corpus_options(p)
    p.add_argument("--out", type=Path, default=None, help="output folder (default: data/processed)")
    p.set_defaults(handler=_cmd_build)

    for name, handler, what in (
        ("extract", _cmd_extract, "the economic figures"),
        ("events", _cmd_events, "the dated events"),
    ):
        p = sub.add_parser(name, help=f"extract {what} from any text files")
        p.add_argument("files", nargs="*", type=Path, help="text files (default: data/raw/*.txt)")
        p.add_argument("--sources", type=Path, default=None, help="sources CSV: ids, dates")
        p.add_argument("--format", choices=io.FORMATS, default="csv")
        p.add_argument("-o", "--output", type=Path, default=None, help="output (default: stdout)")
        p.add_argument(
            "--jobs",
            type=_positive,
            default=1,
            help="worker processes, one file each (capped at the files and the CPU cores)",
        )
        if name == "extract":
            _add_parties(p)
        p.set_defaults(handler=handler)

    p = sub.add_parser(
        "archive", help="figures and events of a news archive, on Dask, as Parquet datasets"
    )
    p.add_argument(
        "source_files",
        metavar="SOURCES",
        help="folder, glob or file of .txt/.html files; a local path or an fsspec URL",
    )
    p.add_argument(
        "out_dir", metavar="OUT_DIR", help="folder for figures/ events/ documents/ errors/"
    )
    p.add_argument("--sources", type=Path, default=None, help="sources CSV: ids, dates")
    p.add_argument(
        "--scheduler", default=None, help="address of a running Dask scheduler (tcp://host:8786)"
    )
    p.add_argument(
        "--workers",
        type=_positive,
        default=None,
        help="worker processes of the local cluster (default: the CPU cores)",
    )
    _add_parties(p)
    p.set_defaults(handler=_cmd_archive)

    p = sub.add_parser("serve", help="browse the tables in Datasette (make serve)")
    p.add_argument("--port", default="8001", help="port to listen on (default 8001)")
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: this machine)"
    )
    p.add_argument(
        "--db", type=Path, default=None, help="database (default: data/processed/korea_russia.db)"
    )
    p.set_defaults(handler=_cmd_serve)

    p = sub.add_parser("cite", help="a figure with its citation, e.g. cite bilateral_trade 2024")
    p.add_argument("metric", nargs="?", help="metric name or part of it (trade, lng, investment…)")
    p.add_argument("year", nargs="?", type=int, help="a year the figure covers")
    p.add_argument("--source", help="only this source_id")
    p.add_argument("--style", choices=citations.STYLES, default="short")
    p.add_argument("--id", help="one figure by its figure_id")
    p.set_defaults(handler=_cmd_cite)

    p = sub.add_parser("add", help="add a saved article (HTML page or text file) to the corpus")
    p.add_argument("path", type=Path, help="the saved page (.html) or text (.txt)")
    for name in ("outlet", "author", "title", "published", "url"):
        p.add_argument(f"--{name}", default=None, help=f"{name} (overrides what the page says)")
    p.add_argument(
        "--force",
        action="store_true",
        help="add a text that is short or names neither South Korea nor Russia",
    )
    p.set_defaults(handler=_cmd_add)

    p = sub.add_parser("remove", help="undo an add: the raw file, its sources row and checksum")
    p.add_argument("source_id", help="the source_id `add` printed (see `korea-russia corpus`)")
    p.set_defaults(handler=_cmd_remove)

    p = sub.add_parser("claims", help="the articles' figures against official statistics")
    p.set_defaults(handler=_cmd_claims)

    for name in ("notebooks", "charts"):  # `charts`: the name users look for to redraw them
        p = sub.add_parser(name, help="execute the notebooks in place, export reports/figures/")
        p.add_argument(
            "notebooks", nargs="*", type=Path, help="notebooks (default: notebooks/NN-*.ipynb)"
        )
        p.set_defaults(handler=_cmd_notebooks)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; bad input ends in one line on stderr and exit status 1, never a traceback."""
    try:
        args = parser().parse_args(argv)
        if not getattr(args, "handler", None):
            parser().print_help()
            return 2
        return args.handler(args)
    except InputError as exc:
        print(f"korea-russia: error: {exc}", file=sys.stderr)
        return 1
    except InternalError as exc:
        print(f"korea-russia: internal error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("korea-russia: interrupted; outputs already written are complete", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug, not bad input: still one line, the traceback on request
        if os.environ.get("KOREA_RUSSIA_DEBUG"):
            raise
        print(
            f"korea-russia: internal error: {type(exc).__name__}: {exc} "
            "(set KOREA_RUSSIA_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return 2
