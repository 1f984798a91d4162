"""`korea-russia add`: bring a saved article (HTML page or text file) into the corpus, and
`korea-russia remove`: take one out again.

The article's text goes to `data/raw/` under a stable, readable name, its metadata row to
`data/sources.csv`, its checksum to `data/checksums.sha256`; each file is replaced
atomically, and the same text is never added twice. A page that is too short to be an
article, or that names neither South Korea nor Russia, is refused unless forced: its figures
would otherwise reach the Korea–Russia tables.
"""

import csv
import fcntl
import hashlib
import json
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from io import StringIO
from pathlib import Path

from korea_russia import config, io, schemas
from korea_russia.errors import InputError
from korea_russia.extract import countries, dateline
from korea_russia.sources import corpus
from korea_russia.sources.corpus import SOURCE_COLUMNS, Document, Source
from korea_russia.sources.names import family_given

MIN_WORDS = 80  # a news brief is a hundred words or more; a photo caption is twenty
MIN_MENTIONS = 2  # South Korea and Russia named at least this often, together


def slug(text: str, limit: int = 48) -> str:
    """A file-name-safe, lower-case, hyphenated form of `text`."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    out = "-".join(words)[:limit].rstrip("-")
    return out or "article"


def fingerprint(text: str) -> str:
    """The text's identity for duplicate checks: white space, case, Unicode normal form
    (NFKC) and invisible format characters (zero-width spaces, soft hyphens) do not matter."""
    normal = unicodedata.normalize("NFKC", text)
    visible = "".join(ch for ch in normal if unicodedata.category(ch) != "Cf")
    return hashlib.sha256(" ".join(visible.split()).casefold().encode("utf-8")).hexdigest()


def _published(value: str, where: str) -> tuple[str, str]:
    """A date as YYYY, YYYY-MM or YYYY-MM-DD with its precision, or a clear error naming
    where the date came from. Page metadata may carry a time ("2025-11-02T09:30:00+09:00"):
    only the date is kept."""
    try:
        day, precision = schemas.parse_date(value.strip().split("T")[0])
    except ValueError as exc:
        raise InputError(where, str(exc)) from None
    if not 1900 <= int(day[:4]) <= 2100:
        raise InputError(where, f"{day!r} is outside 1900–2100")
    return day, precision


def read_article(path: Path) -> tuple[str, bytes, dict[str, str]]:
    """The article's text, the bytes to store, and the metadata the page (or the text's
    first lines) states."""
    text, stored, meta = corpus.read_page(path)
    with open(path, "rb") as handle:
        page = corpus.is_html(path, handle.read(2048))
    return text, stored, meta if page else _read_plain(text)


_COMMENT = re.compile(r"<!--.*?-->")  # "<!-- saved by hand -->": a note, not the headline


def _read_plain(text: str) -> dict[str, str]:
    """What a plain text says about itself: its first line as the title (a headline is short
    and does not end like a sentence), the publication day from its dateline."""
    found = {}
    lines = (line.strip() for line in text.splitlines())
    first = next((line for line in lines if line and not _COMMENT.fullmatch(line)), "")
    headline = len(first) <= 160 and not re.search(r"[.,;:!?]$", first)
    if first and headline and dateline.find(_draft(first)) is None:
        found["title"] = first
    line = dateline.find(_draft(text))
    if line is not None and line.day:
        found["published"] = line.day
    return found


def _draft(text: str) -> Document:
    """The text as a document with nothing known about it yet."""
    return Document(
        id="draft", path=Path("draft.txt"), text=text, source=corpus.Source("draft", "")
    )


def language(text: str) -> str:
    """The text's language as an ISO 639-1 code, by py3langid (a maintained fork of langid.py)."""
    import py3langid

    code, _score = py3langid.classify(text[:20_000])
    return code


def check_relevant(text: str, where: str) -> None:
    """Refuse a text too short to be an article, or one that is not about Korea or Russia."""
    words = len(text.split())
    if words < MIN_WORDS:
        raise InputError(
            where,
            f"has {words} words of text, too short to be an article "
            f"(at least {MIN_WORDS}); use --force to add it anyway",
        )
    counts: dict[str, int] = {}
    for code, _ in countries.named_at(text):
        counts[code] = counts.get(code, 0) + 1
    if counts.get("KR", 0) + counts.get("RU", 0) < MIN_MENTIONS:
        top = sorted(counts, key=lambda c: (-counts[c], c))[:3]
        seen = ", ".join(f"{c} {counts[c]}" for c in top) or "no country"
        raise InputError(
            where,
            f"names neither South Korea nor Russia (countries named: {seen}); "
            "use --force to add it anyway",
        )


def one_line(value: str) -> str:
    """Metadata as one line of plain text: control characters dropped, white space (newlines
    included) collapsed, so a title cannot write headings or markers into the README."""
    visible = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in value)
    return " ".join(visible.split())


def _source_id(source: Source, existing: set[str], digest: str) -> str:
    """A readable id: outlet, author's family name and year ("yonhap-kim-2024"); with no
    outlet or author, the title's first words ("seoul-moscow-trade-slumps-2024"); the year
    only when it is known."""
    parts = [slug(corpus.outlet_name(source.outlet), 24) if source.outlet else ""]
    if source.author:
        parts.append(slug(family_given(source.author)[0], 16))
    if not any(parts):
        parts.append(slug(" ".join(source.title.split()[:4]), 32) if source.title else "article")
    parts.append(source.published[:4])
    base = "-".join(p for p in parts if p)
    return base if base not in existing else f"{base}-{digest[:6]}"


def add(
    path: Path,
    overrides: dict[str, str | None],
    raw_dir: Path | None = None,
    sources_path: Path | None = None,
    checksums: Path | None = None,
    force: bool = False,
    notify: Callable[[str], None] | None = None,
) -> Document:
    """Add one article to the corpus and return it as a document. `force` adds a text that
    is short or names neither Korea nor Russia; `notify` is told of an interrupted add this
    one undid first."""
    path = Path(path)
    raw_dir = raw_dir or config.raw_dir()
    sources_path = sources_path or config.sources_csv()
    checksums = checksums or config.checksums()
    where = corpus.display(path)
    text, stored, meta = read_article(path)
    if not force:
        check_relevant(text, where)
    given = {k: v for k, v in overrides.items() if v}
    if given.get("published"):  # the user's date is checked as the option it came from
        _published(given["published"], "--published")
    meta.update(given)
    meta = {k: one_line(v) for k, v in meta.items()}
    digest = fingerprint(text)
    published, precision = (
        _published(meta["published"], where) if meta.get("published") else ("", "")
    )
    source = Source(
        source_id="",
        file="",
        outlet=meta.get("outlet", ""),
        author=meta.get("author", ""),
        title=meta.get("title", ""),
        published=published,
        published_precision=precision,
        url=meta.get("url", ""),
        language=meta.get("language") or language(text),
    )
    label = slug(source.title or source.outlet or path.stem)
    name = f"{published[:4] or 'undated'}-{label}-{digest[:8]}.txt"
    with locked(sources_path.parent):
        recover(raw_dir, sources_path, checksums, notify)
        rows = corpus.read_sources(sources_path)  # read again here: another add may just have run
        for existing in corpus.text_files(raw_dir):
            if fingerprint(corpus.read_text(existing)) == digest:
                raise InputError(where, f"is already in the corpus as {existing.name} (same text)")
        source = replace(
            source,
            source_id=_source_id(source, {r.source_id for r in rows.values()}, digest),
            file=name,
            colour=next_colour(r.colour for r in rows.values()),
        )
        new_sources = _append_row(sources_path, source)
        corpus.parse_sources(new_sources, corpus.display(sources_path))  # still valid
        # One transaction: the plan first, then the lists, the raw file last. Killed at any
        # point, the next add or remove finds the plan and finishes or undoes it (`recover`).
        target = raw_dir / name
        journal = sources_path.parent / JOURNAL
        io.write_text(journal, json.dumps({"source_id": source.source_id, "file": name}) + "\n")
        _update_checksums(checksums, raw_dir, name, stored)
        io.write_text(sources_path, new_sources)
        io.write_bytes(target, stored)
        journal.unlink()
    return Document(id=source.source_id, path=target, text=corpus.read_text(target), source=source)


JOURNAL = ".korea-russia-add.json"  # beside sources.csv while an add is under way


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the project's lock (an advisory lock on the folder of sources.csv itself, so no
    lock file is left behind) for one add or remove, so that two at once cannot both rewrite
    sources.csv from the same old copy; the second waits. Temporary files a killed add left
    behind are cleaned under it."""
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        io.remove_stale_temporaries(folder)
        yield
    finally:
        os.close(fd)  # releases the lock


def recover(
    raw_dir: Path, sources_path: Path, checksums: Path, notify: Callable[[str], None] | None
) -> None:
    """Finish or undo an add that was killed part-way (its plan, JOURNAL, is still there):
    with its raw file in place it had finished; without, its row and checksum are taken out.
    Call with the lock held."""
    journal = sources_path.parent / JOURNAL
    if not journal.is_file():
        return
    io.remove_stale_temporaries(raw_dir)
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
        source_id, name = str(plan["source_id"]), str(plan["file"])
    except (ValueError, KeyError, TypeError):
        raise InputError(
            corpus.display(journal), "is not an add's plan (JSON); delete it and run `make`"
        ) from None
    if not (raw_dir / name).is_file():
        rows = corpus.read_sources(sources_path) if sources_path.exists() else {}
        if name in rows:
            io.write_text(sources_path, _without_row(corpus.read_text(sources_path), rows[name]))
        if checksums.exists():
            io.write_text(checksums, _without_checksum(checksums, raw_dir, name))
        if notify:
            notify(f"an interrupted add of {source_id} was undone")
    journal.unlink()


def _without_row(text: str, source: Source) -> str:
    """sources.csv text without the row of `source`."""
    return "".join(line for line in text.splitlines(keepends=True) if not _is_row(line, source))


def _is_row(line: str, source: Source) -> bool:
    """Whether a line of sources.csv is the row of `source`."""
    try:
        [cells] = list(csv.reader([line]))
    except (csv.Error, ValueError):
        return False
    return cells[:2] == [source.source_id, source.file]


def _without_checksum(checksums: Path, raw_dir: Path, name: str) -> str:
    """The checksum list without the line of raw file `name`."""
    lines = checksums.read_text(encoding="utf-8").splitlines() if checksums.exists() else []
    kept = [line for line in lines if line.split()[-1] != f"{raw_dir.name}/{name}"]
    return "\n".join(kept) + "\n" if kept else ""


def next_colour(taken: Iterable[str]) -> str:
    """The palette colour fewest sources have (the first such, in palette order), so sources
    added one after another get different colours until the palette runs out."""
    counts = Counter(c.upper() for c in taken)
    palette = config.SOURCE_PALETTE
    return min(palette, key=lambda c: (counts[c.upper()], palette.index(c)))


def _append_row(sources_path: Path, source: Source) -> str:
    """The sources CSV text with one more row, in the file's own columns (a sources.csv from
    before a column was added stays as it is) and with the same quoting as the rest."""
    text = corpus.read_text(sources_path) if sources_path.exists() else ""  # a BOM is dropped
    if not text:
        text = ",".join(SOURCE_COLUMNS) + "\n"
    if not text.endswith("\n"):
        text += "\n"
    header = next(csv.reader([text.split("\n", 1)[0]]))
    buffer = StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(
        [io.safe_cell(getattr(source, c, "")) for c in header]
    )
    return text + buffer.getvalue()


def _update_checksums(checksums: Path, raw_dir: Path, name: str, data: bytes) -> None:
    """Add a new file's SHA-256 to the checksum list, keeping it sorted."""
    lines = checksums.read_text(encoding="utf-8").splitlines() if checksums.exists() else []
    entry = f"{hashlib.sha256(data).hexdigest()}  {raw_dir.name}/{name}"
    io.write_text(
        checksums, "\n".join(sorted({*lines, entry}, key=lambda line: line.split()[-1])) + "\n"
    )


def remove(
    source_id: str,
    raw_dir: Path | None = None,
    sources_path: Path | None = None,
    checksums: Path | None = None,
    notify: Callable[[str], None] | None = None,
) -> Source:
    """Undo an `add`: the raw file, its sources row and its checksum go together. The raw
    file is first moved out of the corpus (a name `make` does not read), the two lists are
    rewritten (each atomically), then the file is deleted; on an error it is put back."""
    raw_dir = raw_dir or config.raw_dir()
    sources_path = sources_path or config.sources_csv()
    checksums = checksums or config.checksums()
    with locked(sources_path.parent):
        recover(raw_dir, sources_path, checksums, notify)
        return _remove(source_id, raw_dir, sources_path, checksums)


def _remove(source_id: str, raw_dir: Path, sources_path: Path, checksums: Path) -> Source:
    rows = corpus.read_sources(sources_path)
    match = [s for s in rows.values() if s.source_id == source_id]
    if not match:
        known = ", ".join(sorted(s.source_id for s in rows.values()))
        raise InputError(
            source_id, f"is not a source_id in {corpus.display(sources_path)} (sources: {known})"
        )
    [source] = match
    target = raw_dir / source.file
    text = corpus.read_text(sources_path)
    new_sources = _without_row(text, source)
    if len(new_sources.splitlines()) != len(text.splitlines()) - 1:
        raise InputError(corpus.display(sources_path), f"cannot find one row for {source_id!r}")
    corpus.parse_sources(new_sources, corpus.display(sources_path))
    new_checksums = _without_checksum(checksums, raw_dir, source.file)
    staged = target.with_name(target.name + ".removing")
    if target.exists():
        target.rename(staged)
    try:
        io.write_text(sources_path, new_sources)
        io.write_text(checksums, new_checksums)
    except BaseException:
        if staged.exists():
            staged.rename(target)
        raise
    staged.unlink(missing_ok=True)
    return source
