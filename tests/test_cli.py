"""The command line: outputs in each format, and bad input that loses nothing."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from helpers import development

from korea_russia.cli import main

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SOURCES = ROOT / "data" / "sources.csv"
ASMOLOV = RAW / "003_0fe7bdbe97bdaa9d.txt"


def test_extract_writes_each_format(tmp_path: Path) -> None:
    for fmt in ("csv", "json", "jsonl"):
        out = tmp_path / f"figures.{fmt}"
        assert (
            main(
                [
                    "extract",
                    str(ASMOLOV),
                    "--sources",
                    str(SOURCES),
                    "--format",
                    fmt,
                    "-o",
                    str(out),
                ]
            )
            == 0
        )
        text = out.read_text(encoding="utf-8")
        if fmt == "csv":
            rows = pd.read_csv(out).to_dict("records")
        elif fmt == "json":
            rows = json.loads(text)
        else:
            rows = [json.loads(line) for line in text.splitlines()]
        assert [r["mention"] for r in rows] == ["US$22 billion", "$200 million", "$1 billion"]
        assert {r["source_id"] for r in rows} == {"neo-asmolov-2021"}


def test_extract_without_sources_uses_the_file_name_and_no_publication_year(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Korea-Russia trade reached $25 billion last year.", encoding="utf-8")
    empty = tmp_path / "sources.csv"
    empty.write_text(SOURCES.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    out = tmp_path / "out.json"
    assert (
        main(["extract", str(path), "--sources", str(empty), "--format", "json", "-o", str(out)])
        == 0
    )
    [row] = json.loads(out.read_text(encoding="utf-8"))
    assert (row["source_id"], row["period_start"]) == ("note", "")


def test_extract_with_jobs_gives_the_same_table(tmp_path: Path) -> None:
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert main(["extract", "-o", str(one)]) == 0
    assert main(["extract", "--jobs", "2", "-o", str(two)]) == 0
    assert one.read_bytes() == two.read_bytes()
    rows = pd.read_csv(one, dtype=str, keep_default_na=False)
    assert len(development(rows)) == 15  # the development articles' Korea-Russia figures


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty file"),
        ("Торговля".encode("cp1251"), "is not valid utf-8"),
        (b"\x00\x01\x02", "binary"),
    ],
)
@pytest.mark.parametrize("command", ["extract", "events"])
def test_bad_file_keeps_the_previous_output(
    tmp_path: Path, capsys: pytest.CaptureFixture, content: bytes, problem: str, command: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "figures.csv"
    out.write_text("previous output\n", encoding="utf-8")
    assert main([command, str(ASMOLOV), str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.txt" in err and problem in err
    assert "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "previous output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "figures.csv"]  # no temp left


def test_build_with_a_bad_raw_file_leaves_every_output_intact(tmp_path: Path, capsys) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    out = tmp_path / "processed"
    assert main(["build", "--raw", str(raw), "--sources", str(SOURCES), "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert {"figures.csv", "figures.parquet", "documents.csv"} <= before.keys()
    (raw / "zzz_broken.txt").write_bytes(b"\xff\xfe\x00")
    assert main(["build", "--raw", str(raw), "--sources", str(SOURCES), "--out", str(out)]) == 1
    assert "zzz_broken.txt" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_committed_tables_are_what_build_makes(tmp_path: Path) -> None:
    assert main(["build", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "korea_russia.db").stat().st_size > 0  # built, and not committed:
    for path in tmp_path.iterdir():  # it is derived from the committed tables compared here
        if path.name == "korea_russia.db":
            continue
        home = ROOT / ("reports" if path.suffix == ".md" else "data/processed")
        assert path.read_bytes() == (home / path.name).read_bytes(), path.name
