"""`korea-russia archive`: figures and events from a news archive, on a Dask cluster.

The files (a folder or glob of .txt and .html files, local or behind any fsspec URL) are
cut into batches in sorted order; each batch is one Dask task that reads its files, runs
the same extractors as `extract` and `events`, checks its rows against the same schemas,
and writes one Parquet part per dataset:

    OUT_DIR/figures/part-00000.parquet   OUT_DIR/events/part-00000.parquet
    OUT_DIR/documents/part-00000.parquet OUT_DIR/errors/part-00000.parquet

A file that cannot be read or extracted from is a row of `errors` (file, one-line reason)
and nothing else; it never stops the run. The same files give the same parts, byte for
byte, whatever the number of workers. The parts are written to a staging folder inside
OUT_DIR and moved into place only when every batch has succeeded, so an interrupted run
leaves the previous datasets as they were.
"""

import hashlib
import io as bytes_io
import logging
import os
from pathlib import Path, PurePosixPath

from korea_russia import progress, schemas
from korea_russia.errors import InputError
from korea_russia.extract import events, figures
from korea_russia.sources import corpus

SUFFIXES = (".txt", ".html", ".htm")
DATASETS = {
    "figures": schemas.FIGURES,
    "events": schemas.EVENTS,
    "documents": schemas.DOCUMENTS,
    "errors": schemas.ARCHIVE_ERRORS,
}
BATCH = 64  # files per task: enough work to hide the scheduler's overhead per task
STAGING = ".archive-staging"


def listing(sources: str) -> tuple[object, list[str]]:
    """The filesystem and the sorted paths of the text and HTML files `sources` names: a
    folder (searched recursively), a glob, or one file; a local path or an fsspec URL."""
    import fsspec

    try:
        fs, root = fsspec.core.url_to_fs(sources)
    except (ImportError, ValueError) as exc:  # an unknown protocol, or its package missing
        raise InputError(sources, f"cannot be opened ({exc})") from None
    try:
        if any(c in root for c in "*?["):
            paths = fs.glob(root)
        elif fs.isdir(root):
            paths = fs.find(root)
        elif fs.isfile(root):
            paths = [root]
        else:
            raise InputError(sources, "not found (no such folder, file or glob)")
    except OSError as exc:
        raise InputError(sources, f"cannot be listed ({exc})") from None
    found = sorted(p for p in paths if PurePosixPath(p).suffix.lower() in SUFFIXES)
    if not found:
        raise InputError(sources, "holds no .txt or .html files")
    return fs, found


def batches(paths: list[str], size: int = BATCH) -> list[list[str]]:
    """The paths in consecutive batches of `size` (the last may be shorter)."""
    return [paths[i : i + size] for i in range(0, len(paths), size)]


def _read(fs: object, path: str) -> tuple[bytes, str]:
    """A file's bytes and text, or InputError saying why there are none."""
    if _is_local(fs):
        data = corpus.read_bytes(Path(path))
    else:
        size = fs.size(path)  # type: ignore[attr-defined]
        if size is not None and size > corpus.MAX_BYTES:
            raise InputError(path, f"is {size:,} bytes, too big to be an article")
        data = fs.cat_file(path)  # type: ignore[attr-defined]
    return data, corpus.text_of(data, PurePosixPath(path).name, path)


def _is_local(fs: object) -> bool:
    """fsspec's local filesystem (its protocol is "file", or a tuple holding it)."""
    return "file" in getattr(fs, "protocol", ())


def extract_batch(
    fs: object,
    paths: list[str],
    sources: dict[str, corpus.Source],
    parties: str = "korea-russia",
) -> dict[str, list[dict]]:
    """The rows of every dataset for one batch of files; a file that fails is one error row."""
    actors = events.load_actors()
    out: dict[str, list[dict]] = {name: [] for name in DATASETS}
    group: list[tuple[str, dict[str, list[dict]] | str, str]] = []  # path, rows or why, text
    held = 0  # characters of text the group holds
    for number, path in enumerate(paths):
        try:
            rows, text = _extract_file(fs, path, sources, actors, parties)
        except Exception as exc:  # a bug on one odd file must not stop an archive of millions
            rows, text = _why(exc), ""
        group.append((path, rows, text))
        held += len(text)
        if number < len(paths) - 1 and held < CHECKED_TOGETHER:
            continue
        for path_done, found in _settled(group):
            if isinstance(found, str):
                out["errors"].append({"file": path_done, "reason": found})
                continue
            for dataset, found_rows in found.items():
                out[dataset] += found_rows
        group, held = [], 0
    return out


# The rows of files are checked against the schemas together (a table per dataset costs
# more than its rows), up to this many characters of their texts (which are held till then).
CHECKED_TOGETHER = 4_000_000


def _settled(
    group: list[tuple[str, dict[str, list[dict]] | str, str]],
) -> list[tuple[str, dict[str, list[dict]] | str]]:
    """Each file's rows once checked, or why not: the group's rows are checked at once, and
    where that fails each file's on their own, so the file that fails is its error row."""
    try:
        _check([(rows, text) for _, rows, text in group if not isinstance(rows, str)])
    except Exception:
        return [(path, _checked(rows, text)) for path, rows, text in group]
    return [(path, rows) for path, rows, _ in group]


def _extract_file(
    fs: object,
    path: str,
    sources: dict[str, corpus.Source],
    actors: list[events.Actor],
    parties: str,
) -> tuple[dict[str, list[dict]], str]:
    """The rows of one file (not yet checked against the schemas) and its text."""
    name = PurePosixPath(path).name
    data, text = _read(fs, path)
    source = sources.get(name) or corpus.unknown_source(Path(name))
    doc = corpus.Document(source.source_id, Path(name), text, source)
    found = figures.figures(doc)
    kept = found if parties == "any" else figures.korea_russia(found)
    rows = {
        "figures": [figures.row(f) for f in kept],
        "events": [events.row(e) for e in events.events(doc, actors, found)],
        "documents": [corpus.document_row(doc, data)],
    }
    for dataset in ("figures", "events"):
        rows[dataset].sort(key=lambda r: (r["start"], r["end"]))
    return rows, text


def _check(done: list[tuple[dict[str, list[dict]], str]]) -> None:
    """Check the rows of files against the schemas and their spans against their texts."""
    # Two files of one source_id (one name in two folders) keep one text here; the
    # documents' primary key then fails, and each file is checked on its own.
    texts = {str(row["source_id"]): text for rows, text in done for row in rows["documents"]}
    checks = schemas.span_checks(texts)
    for dataset, schema in DATASETS.items():
        if dataset != "errors":
            found = [row for rows, _ in done for row in rows[dataset]]
            spans = checks if dataset != "documents" else ()
            schemas.validate(_frame(found, schema), schema, spans)


def _checked(rows: dict[str, list[dict]] | str, text: str) -> dict[str, list[dict]] | str:
    """One file's rows, or why they fail their check (rows that are already an error stay so)."""
    if isinstance(rows, str):
        return rows
    try:
        _check([(rows, text)])
    except Exception as exc:
        return _why(exc)
    return rows


def _why(exc: Exception) -> str:
    """The reason an error row gives: a bad file's problem, or a bug in one line."""
    if isinstance(exc, InputError):
        return exc.problem
    reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
    return f"internal error: {reason}"


def _frame(rows: list[dict], schema: schemas.Schema):
    import pandas as pd

    frame = pd.DataFrame(rows, columns=schema.names)
    for column in schema.columns:
        if column.dtype == "float":
            frame[column.name] = frame[column.name].astype(float)
        elif column.dtype == "int":
            frame[column.name] = frame[column.name].astype("int64")
        else:
            frame[column.name] = frame[column.name].fillna("").astype(str)
    return frame


def _arrow_schema(schema: schemas.Schema):
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
    return pa.schema([pa.field(c.name, types[c.dtype]) for c in schema.columns])


def parquet_bytes(rows: list[dict], schema: schemas.Schema) -> bytes:
    """One Parquet part: the rows with the column types the schema gives (so parts with no
    rows, or no non-empty value in a column, still agree with the others)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(
        _frame(rows, schema), schema=_arrow_schema(schema), preserve_index=False
    )
    table = table.replace_schema_metadata(None)  # no pandas metadata: the same for any run
    buffer = bytes_io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    return buffer.getvalue()


def run_batch(
    fs_out: object,
    staging: str,
    number: int,
    fs_in: object,
    paths: list[str],
    sources: dict[str, corpus.Source],
    parties: str,
) -> dict[str, int]:
    """Dask task: extract one batch and write its part of each dataset; returns row counts."""
    found = extract_batch(fs_in, paths, sources, parties)
    for dataset, rows in found.items():
        target = f"{staging}/{dataset}/part-{number:05d}.parquet"
        with fs_out.open(target, "wb") as handle:  # type: ignore[attr-defined]
            handle.write(parquet_bytes(rows, DATASETS[dataset]))
    return {dataset: len(rows) for dataset, rows in found.items()} | {"files": len(paths)}


def archive(
    sources_arg: str,
    out_dir: str,
    sources: dict[str, corpus.Source],
    scheduler: str | None = None,
    workers: int | None = None,
    parties: str = "korea-russia",
    batch: int = BATCH,
) -> dict[str, int]:
    """Run the archive; returns the number of files and of rows per dataset."""
    import fsspec
    from distributed import Client, LocalCluster, as_completed

    fs_in, paths = listing(sources_arg)
    fs_out, out_root = fsspec.core.url_to_fs(out_dir)
    out_root = out_root.rstrip("/")
    if fs_out.exists(out_root) and not fs_out.isdir(out_root):
        raise InputError(out_dir, "is a file; give a folder for the datasets")
    staging = f"{out_root}/{STAGING}-{os.getpid()}"
    for dataset in DATASETS:
        fs_out.makedirs(f"{staging}/{dataset}", exist_ok=True)
    cluster = None
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout="30s")
            except (OSError, TimeoutError, ValueError) as exc:
                why = " ".join(str(exc).split())[:160] or type(exc).__name__
                raise InputError(scheduler, f"no Dask scheduler answers there ({why})") from None
        else:
            n = workers or os.cpu_count() or 1
            cluster = LocalCluster(
                n_workers=n,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
        with client:
            jobs = batches(paths, batch)
            # Sent to every worker once, not with every task (a list: a dict would be split).
            [shared] = client.scatter([sources], broadcast=True)
            futures = [
                client.submit(
                    run_batch,
                    fs_out,
                    staging,
                    number,
                    fs_in,
                    group,
                    shared,
                    parties,
                    key=f"archive-{_digest(group)}-{number}",
                    pure=False,
                )
                for number, group in enumerate(jobs)
            ]
            totals = {dataset: 0 for dataset in DATASETS} | {"files": 0}
            bar = progress.Bar("archive", len(paths))
            for future in as_completed(futures):
                counts = future.result()
                for key, value in counts.items():
                    totals[key] += value
                bar.advance(counts["files"])
            bar.close()
        _swap(fs_out, staging, out_root)
        return totals
    except BaseException:
        fs_out.rm(staging, recursive=True)
        raise
    finally:
        if cluster is not None:
            cluster.close()


def _digest(paths: list[str]) -> str:
    return hashlib.sha256("\n".join(paths).encode("utf-8")).hexdigest()[:12]


def _swap(fs: object, staging: str, root: str) -> None:
    """Move each staged dataset into place, replacing the one from an earlier run."""
    for dataset in DATASETS:
        target = f"{root}/{dataset}"
        if fs.exists(target):  # type: ignore[attr-defined]
            fs.rm(target, recursive=True)  # type: ignore[attr-defined]
        fs.mv(f"{staging}/{dataset}", target, recursive=True)  # type: ignore[attr-defined]
    fs.rm(staging, recursive=True)  # type: ignore[attr-defined]
