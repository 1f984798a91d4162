"""Load the source texts and what is known about them (`data/sources.csv`).

A document's `text` is its file decoded once (UTF-8, a leading byte-order mark removed,
line ends kept as they are), so every character offset in the tables is a Python `str`
index into exactly this text.
"""

import csv
import errno
import hashlib
import io
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from korea_russia import config
from korea_russia import io as table_io
from korea_russia.errors import InputError, display
from korea_russia.schemas import COLOUR, PRECISIONS, SOURCES, parse_date

SOURCE_COLUMNS = tuple(SOURCES.names)
LATER_COLUMNS = ("colour",)  # added after the first release: a sources.csv without it is read
MAX_BYTES = 64 * 1024 * 1024  # a single article is kilobytes; anything this big is a mistake
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Source:
    """One row of `data/sources.csv`; unknown facts are empty strings."""

    source_id: str
    file: str
    outlet: str = ""
    author: str = ""
    title: str = ""
    published: str = ""
    published_precision: str = ""
    url: str = ""
    language: str = ""
    colour: str = ""

    @property
    def year(self) -> int | None:
        """The publication year, or None when unknown."""
        return int(self.published[:4]) if self.published else None


@dataclass(frozen=True)
class Document:
    """A source text with its metadata; `id` is the `source_id` the tables cite."""

    id: str
    path: Path
    text: str
    source: Source


def _looks_utf16(data: bytes) -> bool:
    """Latin text in UTF-16 has a NUL in every other byte, all on the same side."""
    if len(data) < 8:
        return False
    even, odd = data[0::2].count(0) / len(data[0::2]), data[1::2].count(0) / len(data[1::2])
    return max(even, odd) > 0.4 and min(even, odd) < 0.05


def decode(data: bytes, where: object) -> str:
    """Decode a text file's bytes, or raise InputError saying why they are not text."""
    if not data.strip():
        raise InputError(where, "empty file" if not data else "contains only white space")
    if data.startswith(b"%PDF-"):
        raise InputError(where, "is a PDF file, not plain text; save the article as .txt or .html")
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom) :], name
            break
    if encoding == "utf-8" and b"\x00" in data:
        if _looks_utf16(data):
            raise InputError(where, "looks like UTF-16 without a byte-order mark; save it as UTF-8")
        raise InputError(where, "is a binary file (contains NUL bytes), not text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        hint = "it may be cp1251 or Latin-1: save it as UTF-8"
        raise InputError(
            where,
            f"is not valid {encoding} text (byte 0x{data[exc.start]:02X} at {exc.start}); {hint}",
        ) from None
    if not text.strip():
        raise InputError(where, "contains only white space")
    if len(_CONTROL.findall(text[:100_000])) > max(8, len(text[:100_000]) // 200):
        raise InputError(where, "looks binary (many control characters), not text")
    return text


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """Read and decode one text file, with one-line errors for every way it can be bad."""
    return decode(read_bytes(Path(path), max_bytes), display(path))


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """A file's bytes, refused by type before reading (a FIFO would hang, /dev/zero never
    ends) and by size before and while reading (a sparse file's size can lie)."""
    where = display(path)
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(where, "has a file name that is not UTF-8; rename the file") from None
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(where, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(where, "is not a regular file (a FIFO, device or socket)")
        limit = f"over the {max_bytes // 2**20} MiB limit"
        if info.st_size > max_bytes:
            raise InputError(where, f"is {info.st_size / 2**20:.0f} MiB, {limit}")
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(where, "is a symbolic link to a file that is not there") from None
        raise InputError(where, "file not found") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(where, "is a symbolic link that loops back on itself") from None
        raise InputError(where, f"cannot be read ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise InputError(where, f"grew while being read, {limit}")
    return data


def _check_row(row: dict[str, str], where: str) -> Source:
    """Validate one sources row and turn it into a Source."""
    values = {name: (row.get(name) or "").strip() for name in SOURCE_COLUMNS}
    for required in ("source_id", "file"):
        if not values[required]:
            raise InputError(where, f"empty {required}")
    published, precision = values["published"], values["published_precision"]
    if published or precision:
        if precision not in PRECISIONS:
            raise InputError(
                where, f"published_precision {precision!r} is not one of year, month, day"
            )
        if not re.fullmatch(PRECISIONS[precision], published):
            raise InputError(
                where,
                f"published {published!r} is not a {precision} date ({PRECISIONS[precision]})",
            )
        try:
            parse_date(published)
        except ValueError as exc:
            raise InputError(where, f"published {exc}") from None
    if values["colour"] and not re.fullmatch(COLOUR, values["colour"]):
        raise InputError(where, f"colour {values['colour']!r} is not a #RRGGBB colour")
    return Source(**values)


def read_sources(path: Path) -> dict[str, Source]:
    """Read a sources CSV into {file name: Source}, with one-line errors for bad rows: the
    one reader of `data/sources.csv`, which everything else goes through."""
    return parse_sources(read_text(Path(path)), display(path))


def parse_sources(text: str, where: str) -> dict[str, Source]:
    """Parse sources CSV text (see read_sources); `where` names it in error messages."""
    try:
        return _parse_sources(csv.DictReader(io.StringIO(text, newline="")), where)
    except csv.Error as exc:  # a field over the csv module's 128 KiB limit, a stray NUL
        raise InputError(where, f"is not a readable CSV table ({exc})") from None


def _parse_sources(reader: csv.DictReader, where: str) -> dict[str, Source]:
    header = reader.fieldnames or []
    missing = [n for n in SOURCE_COLUMNS if n not in header and n not in LATER_COLUMNS]
    if missing:
        raise InputError(where, f"missing column(s): {', '.join(missing)}")
    by_file: dict[str, Source] = {}
    ids: set[str] = set()
    for number, row in enumerate(reader, start=2):
        row_where = f"{where}, line {number}"
        if None in row or any(value is None for value in row.values()):
            raise InputError(
                row_where, f"has a different number of fields than the header ({len(header)})"
            )
        row = {key: table_io.plain_cell(value) for key, value in row.items()}
        source = _check_row(row, row_where)
        if source.source_id in ids:
            raise InputError(row_where, f"duplicate source_id {source.source_id!r}")
        if source.file in by_file:
            raise InputError(row_where, f"duplicate file {source.file!r}")
        ids.add(source.source_id)
        by_file[source.file] = source
    return by_file


def unknown_source(path: Path) -> Source:
    """Metadata for a file that has no row: its id is the file name without extension."""
    return Source(source_id=Path(path).stem, file=Path(path).name)


def iter_documents(files: Iterable[Path], sources: dict[str, Source]) -> Iterator[Document]:
    """Load documents one at a time, so a large corpus is never held in memory at once."""
    for path in files:
        path = Path(path)
        source = sources.get(path.name) or unknown_source(path)
        yield Document(id=source.source_id, path=path, text=main_text(path), source=source)


def main_text(path: Path) -> str:
    """A file's text; for a saved web page, its main text as `add` reads it (not the markup,
    whose scripts and SVG paths are full of numbers)."""
    if path.suffix.lower() in (".html", ".htm"):
        return read_page(path)[0]
    return read_text(path)


def text_of(data: bytes, name: str, where: object) -> str:
    """The text of a file's bytes, read as `main_text` reads the file `name` (for bytes that
    come from elsewhere than a local path: an fsspec URL)."""
    if Path(name).suffix.lower() in (".html", ".htm"):
        return _read_html(data, str(where))[0] if is_html(Path(name), data) else decode(data, where)
    return decode(data, where)


# A page saved under another suffix: its markup opens with a doctype or an <html>, <head> or
# <meta> tag, perhaps after comments ("<!-- saved from url=… -->"). A text that merely opens
# with a comment is still text.
_HTML = re.compile(rb"^\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html|<head|<meta)", re.I | re.S)


def is_html(path: Path, head: bytes = b"") -> bool:
    """A saved web page, by its suffix or its first bytes."""
    return Path(path).suffix.lower() in (".html", ".htm") or bool(_HTML.match(head[:2048]))


def read_page(path: Path) -> tuple[str, bytes, dict[str, str]]:
    """A saved article's text, the bytes to keep, and the metadata a web page states: an HTML
    page's main text (trafilatura; menus, banners and comments dropped), a text file as it is."""
    path = Path(path)
    where = display(path)
    data = read_bytes(path)
    if is_html(path, data):
        return _read_html(data, where)
    return decode(data, where), data, {}


def _read_html(data: bytes, where: str) -> tuple[str, bytes, dict[str, str]]:
    """Main text and metadata of an HTML page, boilerplate (menus, banners, comments) dropped."""
    import trafilatura  # imported here: only `add` needs it, and it is slow to load

    decode(data, where)  # same encoding checks as any other input
    text = trafilatura.extract(
        data, include_comments=False, include_tables=False, favor_precision=True
    )
    if not text or len(text.split()) < 20:
        raise InputError(where, "no article text found in the HTML page")
    # Dates from the page's markup only (meta tags, <time>, the URL): htmldate's extensive
    # search would take any year in the body and invent a day ("2019" -> 2019-01-01).
    meta = trafilatura.extract_metadata(
        data, date_config={"extensive_search": False, "original_date": True}
    )
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


def outlet_name(outlet: str) -> str:
    """The outlet without an edition note: "News1 (English edition)" -> "News1"."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", outlet).strip()


def text_files(raw_dir: Path) -> list[Path]:
    """The `.txt` files of a folder, sorted by name."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise InputError(display(raw_dir), "folder not found")
    try:
        names = sorted(raw_dir.iterdir())
    except OSError as exc:  # a folder that may not be listed
        raise InputError(display(raw_dir), f"cannot be listed ({exc.strerror})") from None
    files = [p for p in names if p.suffix == ".txt"]
    for path in files:
        if not path.is_file():
            read_bytes(path)  # raises, saying what it is: a looping or dangling link, a FIFO
    return files


def load(raw_dir: Path | None = None, sources: Path | None = None) -> list[Document]:
    """Load every `.txt` file of `raw_dir` (default `data/raw/`) with its metadata.

    `sources` (default `data/sources.csv`) gives each file's metadata; a file with no row
    still loads, with unknown metadata. A row naming a file that is not there is an error,
    because the tables would silently miss a source.
    """
    raw_dir = Path(raw_dir) if raw_dir is not None else config.raw_dir()
    sources_path = Path(sources) if sources is not None else config.sources_csv()
    rows = read_sources(sources_path) if sources_path.exists() or sources is not None else {}
    files = text_files(raw_dir)
    present = {p.name for p in files}
    for name, source in rows.items():
        if name not in present:
            raise InputError(
                display(sources_path),
                f"source {source.source_id!r} names {name}, which is not in {display(raw_dir)}",
            )
    documents = list(iter_documents(files, rows))
    ids = [doc.id for doc in documents]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise InputError(display(raw_dir), f"two files share the id {duplicates[0]!r}")
    return documents


def document_row(doc: Document, data: bytes | None = None) -> dict[str, object]:
    """A document as a row of documents.csv: its metadata, size and checksum (of `data`,
    the file's bytes, when already read)."""
    return {
        "source_id": doc.id,
        "file": doc.path.name,
        "outlet": doc.source.outlet,
        "author": doc.source.author,
        "published": doc.source.published,
        "published_precision": doc.source.published_precision,
        "chars": len(doc.text),
        "words": len(doc.text.split()),
        "sha256": hashlib.sha256(doc.path.read_bytes() if data is None else data).hexdigest(),
    }
