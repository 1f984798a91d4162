"""The corpus: raw files byte for byte, their metadata, and one-line errors for bad input."""

import hashlib
import shutil
from pathlib import Path

import pytest
from helpers import DEVELOPMENT

from korea_russia.cli import main
from korea_russia.errors import InputError
from korea_russia.sources import corpus

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SOURCES = ROOT / "data" / "sources.csv"
HEADER = "source_id,file,outlet,author,title,published,published_precision,url,language\n"


def test_raw_files_match_the_committed_checksums() -> None:
    lines = (ROOT / "data" / "checksums.sha256").read_text(encoding="utf-8").splitlines()
    listed = {}
    for line in lines:
        digest, name = line.split(maxsplit=1)
        listed[name] = digest
    on_disk = {
        f"raw/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest() for p in RAW.glob("*.txt")
    }
    assert on_disk == listed
    assert len(listed) >= len(DEVELOPMENT)  # the development articles and any added since


def test_corpus_loads_the_development_documents_with_metadata() -> None:
    docs = corpus.load(RAW, SOURCES)
    assert [d.id for d in docs if d.id in DEVELOPMENT] == [
        "news1-2025",
        "riac-gubin-2025",
        "archyde-2025",
        "neo-asmolov-2021",
        "eaf-rinna-2018",
    ]
    by_id = {d.id: d for d in docs}
    asmolov = by_id["neo-asmolov-2021"]
    assert asmolov.source.author == "Konstantin Asmolov"
    assert asmolov.source.published == "2021-04-08"
    assert asmolov.source.published_precision == "day"
    assert asmolov.source.url == ""  # unknown stays empty
    assert asmolov.text.startswith("08.04.2021 Author: Konstantin Asmolov")
    assert by_id["riac-gubin-2025"].source.year == 2025
    assert by_id["news1-2025"].source.title == ""


def test_offsets_are_str_indices_into_the_decoded_text() -> None:
    doc = next(d for d in corpus.load(RAW, SOURCES) if d.id == "neo-asmolov-2021")
    start = doc.text.index("US$22 billion")
    assert doc.text[start : start + 13] == "US$22 billion"
    assert doc.text == (RAW / doc.path.name).read_bytes().decode("utf-8")


def test_a_file_with_no_row_loads_with_unknown_metadata(tmp_path: Path) -> None:
    (tmp_path / "extra.txt").write_text("Trade reached $5 billion in 2020.", encoding="utf-8")
    sources = tmp_path / "sources.csv"
    sources.write_text(HEADER, encoding="utf-8")
    [doc] = corpus.load(tmp_path, sources)
    assert doc.id == "extra"
    assert doc.source.published == ""
    assert doc.source.year is None


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "contains only white space"),
        ("Торговля выросла".encode("cp1251"), "is not valid utf-8 text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF file"),
        ("Trade".encode("utf-16-le"), "UTF-16 without a byte-order mark"),
        (bytes(range(1, 32)) * 20, "looks binary"),
    ],
)
def test_bad_files_get_one_line_errors(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        corpus.read_text(path)
    message = str(caught.value)
    assert problem in message
    assert "bad.txt" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("\ufeffTrade rose.".encode(), "Trade rose."),  # UTF-8 with BOM
        (b"Trade rose.\r\nTo $5bn.\r\n", "Trade rose.\r\nTo $5bn.\r\n"),  # CRLF kept
        ("Торговля $5 млрд".encode("utf-16"), "Торговля $5 млрд"),  # UTF-16 with BOM
    ],
)
def test_valid_text_in_other_forms_loads(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "ok.txt"
    path.write_bytes(content)
    assert corpus.read_text(path) == expected


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(InputError, match=r"huge.txt: is 0 MiB, over the 0 MiB limit"):
        corpus.read_text(path, max_bytes=1024)


def _sources(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "sources.csv"
    path.write_text(header + body, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Some text.", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("a,a.txt,O,,,2021-13-01,day,,en\n", "'2021-13-01' is not a real date"),
        ("a,a.txt,O,,,April 2021,month,,en\n", "'April 2021' is not a month date"),
        ("a,a.txt,O,,,2021,decade,,en\n", "'decade' is not one of year, month, day"),
        ("a,a.txt,O,,,2021,year,,en\nb,a.txt,O,,,2021,year,,en\n", "duplicate file 'a.txt'"),
        ("a,a.txt,O,,,2021,year,,en\na,b.txt,O,,,2021,year,,en\n", "duplicate source_id 'a'"),
        ("a,a.txt,O,,,2021,year\n", "different number of fields"),
        (",a.txt,O,,,2021,year,,en\n", "empty source_id"),
    ],
)
def test_bad_sources_rows_get_one_line_errors(tmp_path: Path, body: str, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        corpus.load(tmp_path, _sources(tmp_path, body))
    assert problem in str(caught.value)
    assert "sources.csv, line" in str(caught.value)


def test_sources_with_a_missing_column(tmp_path: Path) -> None:
    header = HEADER.replace(",published_precision", "")
    with pytest.raises(InputError, match=r"sources.csv: missing column\(s\): published_precision"):
        corpus.load(tmp_path, _sources(tmp_path, "a,a.txt,O,,,2021,,en\n", header))


def test_sources_row_naming_an_absent_file(tmp_path: Path) -> None:
    body = "a,a.txt,O,,,2021,year,,en\nb,gone.txt,O,,,2021,year,,en\n"
    with pytest.raises(InputError, match=r"source 'b' names gone.txt, which is not in"):
        corpus.load(tmp_path, _sources(tmp_path, body))


def test_an_unknown_extra_column_is_tolerated(tmp_path: Path) -> None:
    header = HEADER.rstrip("\n") + ",notes\n"
    [doc] = corpus.load(tmp_path, _sources(tmp_path, "a,a.txt,O,,,2021,year,,en,hi\n", header))
    assert doc.id == "a"


def test_cli_reports_bad_input_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    shutil.copy(RAW / "003_0fe7bdbe97bdaa9d.txt", tmp_path)
    (tmp_path / "broken.txt").write_bytes("Торговля".encode("cp1251"))
    code = main(["corpus", "--raw", str(tmp_path), "--sources", str(SOURCES.parent / "nope.csv")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1
    assert "nope.csv: file not found" in err


def test_cli_corpus_lists_documents(capsys: pytest.CaptureFixture) -> None:
    assert main(["corpus", "--raw", str(RAW), "--sources", str(SOURCES)]) == 0
    out = capsys.readouterr().out
    assert "neo-asmolov-2021" in out
    assert "2018-02-03" in out


def test_version_and_module_entry_point() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "korea_russia", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("korea-russia 0.1.0")
