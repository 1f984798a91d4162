"""The README's workflow, end to end, in a temporary copy of the project: add articles, build
the tables, execute the notebooks, cite, and build again.

Two real saved pages that concern neither Korea nor Russia are refused, then forced in; a
Korea–Russia story written for this test (a dateline, a decline, a third country's figure) is
added. Nothing off-topic or third-country may reach the Korea–Russia rows, the notebooks'
outputs or `cite`; the story's figures must, with their signs; a second build writes nothing.
"""

import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from helpers import DEVELOPMENT, development_data

from korea_russia import tables
from korea_russia.cli import main

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
STORY = DATA / "korea-russia-story.txt"
OFFTOPIC = sorted((DATA / "offtopic").glob("*.html"))
STORY_ID = "seoul-moscow-trade-shrinks-again-2024"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project's data, notebooks and reports, with the articles added and
    everything built and executed once."""
    root = tmp_path_factory.mktemp("project")
    development_data(ROOT, root)  # the development articles only, whatever was added here
    for part in ("notebooks", "reports"):
        shutil.copytree(ROOT / part, root / part, ignore=shutil.ignore_patterns("kernel-*"))
    shutil.copy(ROOT / "README.md", root / "README.md")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KOREA_RUSSIA_ROOT", str(root))
        for page in OFFTOPIC:
            assert main(["add", str(page)]) == 1  # refused: off-topic
            assert main(["add", str(page), "--force"]) == 0  # forced in all the same
        assert main(["add", str(STORY)]) == 0
        assert main(["build"]) == 0
        assert main(["notebooks"]) == 0
    return root


@pytest.fixture(scope="module")
def figures(project: Path) -> pd.DataFrame:
    return tables.figures(project / "data" / "processed")


def _offtopic_ids(project: Path) -> set[str]:
    sources = pd.read_csv(project / "data" / "sources.csv", dtype=str, keep_default_na=False)
    return set(sources["source_id"]) - set(DEVELOPMENT)


def test_the_story_reaches_figures_csv_with_its_signs(figures: pd.DataFrame) -> None:
    story = figures[figures["source_id"] == STORY_ID]
    found = {(r.metric, r.measure, r.value, r.period_start) for r in story.itertuples(index=False)}
    assert found == {
        ("bilateral_trade", "change", -12.5, "2023"),
        ("bilateral_trade", "level", 18.6e9, "2023"),
        ("exports_kr_to_ru", "change", -30.0, "2023"),
        ("exports_kr_to_ru", "level", 4.2e9, "2023"),
        ("imports_kr_from_ru", "level", 9.5e9, "2023"),
        ("lng_imports", "level", 1.7e6, "2023"),
    }
    assert set(story["parties"]) == {"KR;RU"}


def test_nothing_offtopic_or_third_country_reaches_the_korea_russia_rows(
    project: Path, figures: pd.DataFrame
) -> None:
    offtopic = _offtopic_ids(project) - {STORY_ID}
    assert len(offtopic) == 2
    assert not set(figures["source_id"]) & offtopic
    assert 240e9 not in set(figures["value"])  # China's trade with Russia
    assert set(figures["parties"]) == {"KR;RU"}


def test_the_notebooks_show_the_story_and_nothing_offtopic(project: Path) -> None:
    offtopic = _offtopic_ids(project) - {STORY_ID}
    texts = {}
    for path in sorted((project / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        texts[path.name] = "\n".join(
            o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
        )
        assert not any(
            o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", [])
        )
    assert STORY_ID in texts["00-corpus.ipynb"]  # the corpus lists every article, forced ones too
    assert "8 articles from 7 outlets" in texts["00-corpus.ipynb"]  # 5 + 2 forced + story
    story = "“Seoul-Moscow trade shrinks again as controls…” (2024)"
    assert f"fell 12.5 percent (bilateral trade, 2023) — {story}" in texts["01-figures.ipynb"]
    assert f"US$18.6bn in 2023 — {story}" in texts["02-trade.ipynb"]
    assert (
        "the articles' tonnages run from 1.5 Mt in 2018 to 2.1 Mt in 2024"
        in texts["03-energy.ipynb"]
    )  # 1.7 Mt in 2023 lies between: the headline follows the data
    charted = "\n".join(v for k, v in texts.items() if k != "00-corpus.ipynb")
    for source_id in offtopic:
        assert source_id not in charted
    assert "240" not in texts["02-trade.ipynb"]


def test_cite_gives_the_story_with_its_sign(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("KOREA_RUSSIA_ROOT", str(project))
    assert main(["cite", "turnover", "2023"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("fell 12.5 percent (bilateral trade, 2023)")
    assert "US$18.6 billion (bilateral trade, 2023)" in out and "disagree" not in out
    assert main(["cite", "Russian exports", "2023"]) == 0
    assert capsys.readouterr().out.startswith("$9.5 billion (Korean imports from Russia, 2023)")
    assert main(["cite", "trade", "2023", "--source", "wikimediafoundation-2020"]) == 1


def test_a_second_build_changes_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("KOREA_RUSSIA_ROOT", str(project))
    capsys.readouterr()
    assert main(["build"]) == 0
    assert main(["notebooks"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith("unchanged") for line in lines), lines
