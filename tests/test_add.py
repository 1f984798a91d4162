"""`korea-russia add` and `remove`: what a plain text says about itself, what is refused and
why, and an add that `remove` undoes byte for byte."""

from pathlib import Path

import pandas as pd
import pytest
from helpers import development_data

from korea_russia import intake
from korea_russia.cli import main

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
STORY = DATA / "korea-russia-story.txt"
OFFTOPIC = sorted((DATA / "offtopic").glob("*.html"))
FILLER = (
    " Officials in Seoul and Moscow met again this week to discuss shipping, payments and"
    " the state of the Russian Far East, where Korean firms once ran car plants and hotels."
) * 4


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A throwaway copy of the project's data, used as the project root."""
    development_data(ROOT, tmp_path)
    (tmp_path / "reports").mkdir()
    monkeypatch.setenv("KOREA_RUSSIA_ROOT", str(tmp_path))
    return tmp_path


def _last_source(project: Path) -> pd.Series:
    return pd.read_csv(project / "data" / "sources.csv", dtype=str, keep_default_na=False).iloc[-1]


def test_a_plain_text_gives_its_title_date_language_and_a_readable_id(
    project: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["add", str(STORY)]) == 0
    out = capsys.readouterr().out
    row = _last_source(project)
    assert row["title"] == "Seoul-Moscow trade shrinks again as controls bite"  # first line
    assert (row["published"], row["published_precision"]) == ("2024-03-04", "day")  # dateline
    assert row["language"] == "en"
    assert row["source_id"] == "seoul-moscow-trade-shrinks-again-2024"
    # the summary prints signed values: a decline is negative
    assert "-12.5%" in out and "bilateral_trade" in out and "US$18.6bn" in out
    assert "6 Korea–Russia figures (1 about other economies)" in out


def test_language_is_detected_not_assumed(project: Path, tmp_path: Path) -> None:
    text = tmp_path / "ru.txt"
    text.write_text(
        "Товарооборот России и Южной Кореи\n\n"
        + "Товарооборот между Россией и Южной Кореей в 2023 году сократился до 15 млрд "
        "долларов, сообщили в Сеуле и Москве. " * 12,
        encoding="utf-8",
    )
    assert main(["add", str(text)]) == 0
    assert _last_source(project)["language"] == "ru"


def test_a_korean_byline_gives_the_family_name(project: Path, tmp_path: Path) -> None:
    text = tmp_path / "note.txt"
    text.write_text("Russia and South Korea talk trade." + FILLER, encoding="utf-8")
    args = [
        "add",
        str(text),
        "--author",
        "Park Ji-won",
        "--outlet",
        "Yonhap",
        "--published",
        "2024",
    ]
    assert main(args) == 0
    assert _last_source(project)["source_id"] == "yonhap-park-2024"


@pytest.mark.parametrize("page", OFFTOPIC, ids=lambda p: p.name)
def test_an_offtopic_page_is_refused_unless_forced(
    project: Path, capsys: pytest.CaptureFixture, page: Path
) -> None:
    before = (project / "data" / "sources.csv").read_bytes()
    assert main(["add", str(page)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "names neither South Korea nor Russia" in err
    assert "--force" in err
    assert (project / "data" / "sources.csv").read_bytes() == before
    assert main(["add", str(page), "--force"]) == 0


def test_a_caption_is_too_short_to_be_an_article(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    caption = tmp_path / "caption.txt"
    caption.write_text(
        "President Yoon Suk Yeol greets Russian Foreign Minister Sergey Lavrov in Seoul on "
        "Tuesday. (Yonhap)\n",
        encoding="utf-8",
    )
    assert main(["add", str(caption)]) == 1
    err = capsys.readouterr().err
    assert "too short to be an article" in err and err.count("\n") == 1
    assert main(["add", str(caption), "--force"]) == 0


def test_an_invalid_published_option_names_the_option(
    project: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["add", str(STORY), "--published", "2024-13-45"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("korea-russia: error: --published: '2024-13-45'") and "line" not in err


def test_remove_undoes_an_add_byte_for_byte(project: Path, capsys: pytest.CaptureFixture) -> None:
    data = project / "data"
    before = {p.relative_to(data): p.read_bytes() for p in data.rglob("*") if p.is_file()}
    assert main(["add", str(STORY)]) == 0
    assert main(["remove", "seoul-moscow-trade-shrinks-again-2024"]) == 0
    after = {p.relative_to(data): p.read_bytes() for p in data.rglob("*") if p.is_file()}
    assert after == before
    capsys.readouterr()
    assert main(["remove", "seoul-moscow-trade-shrinks-again-2024"]) == 1
    err = capsys.readouterr().err
    assert "is not a source_id in" in err and "sources.csv" in err and err.count("\n") == 1


def test_remove_puts_the_file_back_when_the_lists_cannot_be_written(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["add", str(STORY)]) == 0
    raw = sorted((project / "data" / "raw").iterdir())

    def fail(*_args: object) -> bool:
        raise OSError("disk full")

    monkeypatch.setattr(intake.io, "write_text", fail)
    with pytest.raises(OSError):
        intake.remove("seoul-moscow-trade-shrinks-again-2024")
    assert sorted((project / "data" / "raw").iterdir()) == raw


def test_extract_on_a_saved_page_reads_its_main_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    svg = '<svg><path d="M0 0l.023t1.5 2.5t.7-3z"/></svg>'
    body = "<p>Trade between South Korea and Russia reached $15 billion in 2023.</p>" + "".join(
        f"<p>{sentence}.</p>" for sentence in FILLER.split(".") if sentence.strip()
    )
    page.write_text(
        f"<!DOCTYPE html><html><body>{svg}<article><h1>Trade</h1>{body}</article></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    assert main(["extract", str(page), "--parties", "any", "-o", str(out)]) == 0
    rows = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert set(rows["mention"]) == {"$15 billion"}  # no SVG path data as tonnes
