"""`korea-russia add`: bring a saved article (HTML page or text file) into the corpus.

The article's text goes to `data/raw/` under a stable, readable name, its metadata row to
`data/sources.csv`, its checksum to `data/checksums.sha256`; each file is replaced
atomically, and the same text is never added twice.
"""

import csv
import hashlib
import re
from dataclasses import replace
from io import StringIO
from pathlib import Path

from korea_russia import config, io, schemas
from korea_russia.errors import InputError
from korea_russia.sources import corpus
from korea_russia.sources.corpus import SOURCE_COLUMNS, Document, Source

_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<meta|<!--)", re.I)


def slug(text: str, limit: int = 48) -> str:
    """A file-name-safe, lower-case, hyphenated form of `text`."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    out = "-".join(words)[:limit].rstrip("-")
    return out or "article"


def fingerprint(text: str) -> str:
    """The text's identity for duplicate checks: white space and case do not matter."""
    return hashlib.sha256(" ".join(text.split()).lower().encode("utf-8")).hexdigest()


def _published(value: str, where: str) -> tuple[str, str]:
    """A date as YYYY, YYYY-MM or YYYY-MM-DD with its precision, or a clear error. Page
    metadata may carry a time ("2025-11-02T09:30:00+09:00"): only the date is kept."""
    try:
        return schemas.parse_date(value.strip().split("T")[0])
    except ValueError as exc:
        raise InputError(where, f"publication date {exc}") from None


def read_article(path: Path) -> tuple[str, bytes, dict[str, str]]:
    """The article's text, the bytes to store, and the metadata the page states."""
    where = corpus.display(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(where, "file not found") from None
    except OSError as exc:
        raise InputError(where, f"cannot be read ({exc.strerror})") from None
    if len(data) > corpus.MAX_BYTES:
        raise InputError(where, f"is {len(data) / 2**20:.0f} MiB, over the limit")
    if path.suffix.lower() in (".html", ".htm") or _HTML.match(data[:2048]):
        return _read_html(data, where)
    text = corpus.decode(data, where)
    return text, data, {}


def _read_html(data: bytes, where: str) -> tuple[str, bytes, dict[str, str]]:
    """Main text and metadata of an HTML page, boilerplate (menus, banners, comments) dropped."""
    import trafilatura  # imported here: only `add` needs it, and it is slow to load

    corpus.decode(data, where)  # same encoding checks as any other input
    text = trafilatura.extract(
        data, include_comments=False, include_tables=False, favor_precision=True
    )
    if not text or len(text.split()) < 20:
        raise InputError(where, "no article text found in the HTML page")
    meta = trafilatura.extract_metadata(data)
    found = {}
    if meta is not None:
        found = {
            "title": meta.title or "",
            "author": meta.author or "",
            "published": meta.date or "",
            "url": meta.url or "",
            "outlet": meta.sitename or "",
        }
    text = text.strip() + "\n"
    return text, text.encode("utf-8"), {k: v for k, v in found.items() if v}


def _source_id(source: Source, existing: set[str], digest: str) -> str:
    """A readable id: outlet, author's surname and year ("example-times-doe-2025")."""
    parts = [slug(outlet_name(source.outlet), 24) if source.outlet else ""]
    if source.author:
        parts.append(slug(source.author.split()[-1], 16))
    parts.append(source.published[:4] if source.published else "nd")
    base = "-".join(p for p in parts if p)
    return base if base not in existing else f"{base}-{digest[:6]}"


def outlet_name(outlet: str) -> str:
    """The outlet without an edition note: "News1 (English edition)" -> "News1"."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", outlet).strip()


def add(
    path: Path,
    overrides: dict[str, str | None],
    raw_dir: Path | None = None,
    sources_path: Path | None = None,
    checksums: Path | None = None,
) -> Document:
    """Add one article to the corpus and return it as a document."""
    path = Path(path)
    raw_dir = raw_dir or config.raw_dir()
    sources_path = sources_path or config.sources_csv()
    checksums = checksums or config.checksums()
    where = corpus.display(path)
    text, stored, meta = read_article(path)
    meta.update({k: v for k, v in overrides.items() if v})
    rows = corpus.read_sources(sources_path)
    digest = fingerprint(text)
    for existing in corpus.text_files(raw_dir):
        if fingerprint(corpus.read_text(existing)) == digest:
            raise InputError(where, f"is already in the corpus as {existing.name} (same text)")
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
        language=meta.get("language", "en"),
    )
    label = slug(source.title or source.outlet or path.stem)
    name = f"{published[:4] or 'nd'}-{label}-{digest[:8]}.txt"
    source = replace(
        source,
        source_id=_source_id(source, {r.source_id for r in rows.values()}, digest),
        file=name,
    )
    new_sources = _append_row(sources_path, source)
    corpus.parse_sources(
        new_sources, corpus.display(sources_path)
    )  # the new CSV must still be valid
    target = raw_dir / name
    io.write_bytes(target, stored)
    io.write_text(sources_path, new_sources)
    _update_checksums(checksums, raw_dir, target)
    return Document(id=source.source_id, path=target, text=corpus.read_text(target), source=source)


def _append_row(sources_path: Path, source: Source) -> str:
    """The sources CSV text with one more row (same quoting as the rest of the file)."""
    text = sources_path.read_text(encoding="utf-8") if sources_path.exists() else ""
    if not text:
        text = ",".join(SOURCE_COLUMNS) + "\n"
    if not text.endswith("\n"):
        text += "\n"
    buffer = StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([getattr(source, c) for c in SOURCE_COLUMNS])
    return text + buffer.getvalue()


def _update_checksums(checksums: Path, raw_dir: Path, added: Path) -> None:
    """Add the new file's SHA-256 to the checksum list, keeping it sorted."""
    lines = checksums.read_text(encoding="utf-8").splitlines() if checksums.exists() else []
    entry = f"{hashlib.sha256(added.read_bytes()).hexdigest()}  {raw_dir.name}/{added.name}"
    io.write_text(
        checksums, "\n".join(sorted({*lines, entry}, key=lambda line: line.split()[-1])) + "\n"
    )
