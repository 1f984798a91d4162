"""Charts a newspaper would print: no label collides with another, no marker leaves its
axes, each source keeps one colour whatever is added, labels come from the registries and
the reference chronology, and each chart has an interactive page beside it."""

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from helpers import DEVELOPMENT, development_data

from korea_russia import config, intake, reference, tables
from korea_russia.cli import main
from korea_russia.errors import InputError
from korea_russia.present import charts, checks, headlines, interactive, views
from korea_russia.sources import corpus

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
ADDED = (DATA / "article.html", DATA / "korea-russia-story.txt")


def _charts() -> Iterator[tuple[str, object]]:
    """The six charts as the notebooks draw them, from the tables of the current project."""
    figures, documents, events = tables.figures(), tables.documents(), tables.events()
    official, terms, timeline = (
        reference.official_trade(),
        reference.presidents(),
        reference.timeline(),
    )
    claims = tables.claims()
    trade_events = reference.key_events("trade")
    yield (
        "01",
        views.figures_by_source(figures, documents, headlines.figures(figures, documents))[0],
    )
    yield (
        "02",
        views.trade(figures, official, terms, trade_events, headlines.trade(figures, official))[0],
    )
    yield (
        "03",
        views.energy(
            figures,
            reference.lng(),
            terms,
            reference.key_events("energy"),
            headlines.energy(figures),
        )[0],
    )
    yield "04", views.investment(figures, headlines.investment(figures))[0]
    yield (
        "05",
        views.timeline(events, timeline, official, terms, headlines.timeline(events, timeline))[0],
    )
    yield "06", views.claims(claims, official, terms, trade_events, headlines.claims(claims))[0]


def _check_all() -> list[str]:
    names = []
    for name, fig in _charts():
        try:
            checks.legible(fig, name)
        finally:
            plt.close(fig)
        names.append(name)
    return names


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the project with two more articles added and the tables rebuilt."""
    root = tmp_path_factory.mktemp("grown")
    development_data(ROOT, root)
    shutil.copy(ROOT / "README.md", root / "README.md")
    (root / "reports" / "figures").mkdir(parents=True)
    saved = os.environ.get("KOREA_RUSSIA_ROOT")
    os.environ["KOREA_RUSSIA_ROOT"] = str(root)
    try:
        before = charts.source_colours(DEVELOPMENT)
        for path in ADDED:
            assert main(["add", str(path)]) == 0
        assert main(["build"]) == 0
        yield root, before
    finally:
        if saved is None:
            os.environ.pop("KOREA_RUSSIA_ROOT", None)
        else:
            os.environ["KOREA_RUSSIA_ROOT"] = saved


def test_the_shipped_charts_have_no_collisions_and_no_stray_markers() -> None:
    assert _check_all() == ["01", "02", "03", "04", "05", "06"]


def test_after_adding_two_articles_the_charts_stay_legible(grown, monkeypatch) -> None:
    root, _ = grown
    monkeypatch.setenv("KOREA_RUSSIA_ROOT", str(root))
    assert len(tables.documents()) == len(DEVELOPMENT) + 2
    assert _check_all() == ["01", "02", "03", "04", "05", "06"]


def test_sources_keep_their_colours_when_articles_are_added_and_removed(grown, monkeypatch):
    root, before = grown
    monkeypatch.setenv("KOREA_RUSSIA_ROOT", str(root))
    sources = corpus.read_sources(config.sources_csv())
    everyone = charts.source_colours(s.source_id for s in sources.values())
    assert {s: everyone[s] for s in DEVELOPMENT} == before
    added = [s.source_id for s in sources.values() if s.source_id not in DEVELOPMENT]
    assert len(added) == 2
    # the palette has room: every source has a colour of its own, stored in sources.csv
    assert len(set(everyone.values())) == len(everyone)
    assert all(s.colour for s in sources.values())
    # a removal changes no one else's colour
    copy = root.parent / "removed"
    shutil.copytree(root, copy)
    monkeypatch.setenv("KOREA_RUSSIA_ROOT", str(copy))
    assert main(["remove", added[0]]) == 0
    after = charts.source_colours([*DEVELOPMENT, added[1]])
    assert after == {s: everyone[s] for s in after}


def test_a_new_source_takes_the_colour_fewest_sources_have() -> None:
    palette = config.SOURCE_PALETTE
    assert intake.next_colour([]) == palette[0]
    assert intake.next_colour(palette[:3]) == palette[3]
    assert intake.next_colour([palette[1].lower()]) == palette[0]
    assert intake.next_colour([*palette, palette[0]]) == palette[1]  # all taken: fewest uses


def test_a_source_without_a_stored_colour_gets_one_from_its_id() -> None:
    table = {"x": {"source_id": "x", "colour": ""}, "y": {"source_id": "y", "colour": "#123456"}}
    colours = charts.source_colours(["x", "y"], table)
    assert colours["y"] == "#123456"
    assert colours["x"] in config.SOURCE_PALETTE
    assert charts.source_colours(["x"], table) == {"x": colours["x"]}  # whatever else is drawn


def test_a_bad_colour_in_sources_csv_is_one_line(tmp_path: Path) -> None:
    header = ",".join(corpus.SOURCE_COLUMNS)
    text = f"{header}\na,a.txt,O,,,2019,year,,en,red\n"
    with pytest.raises(InputError, match=r"line 2: colour 'red' is not a #RRGGBB colour"):
        corpus.parse_sources(text, "sources.csv")


def test_add_keeps_an_older_sources_csv_without_the_colour_column(tmp_path, monkeypatch) -> None:
    development_data(ROOT, tmp_path)
    sources = tmp_path / "data" / "sources.csv"
    frame = pd.read_csv(sources, dtype=str, keep_default_na=False).drop(columns="colour")
    sources.write_text(frame.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    monkeypatch.setenv("KOREA_RUSSIA_ROOT", str(tmp_path))
    assert main(["add", str(ADDED[1])]) == 0
    lines = sources.read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",") == [c for c in corpus.SOURCE_COLUMNS if c != "colour"]
    assert len(lines) == len(DEVELOPMENT) + 2
    assert len(corpus.read_sources(sources)) == len(DEVELOPMENT) + 1


def test_the_layout_never_overlaps_and_says_when_nothing_fits() -> None:
    charts.style()
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    layout = charts.Layout(fig)
    xs, ys = [5, 5.1, 5.2, 4.9, 5.0, 5.1], [5, 5.1, 4.9, 5.0, 5.2, 4.8]  # one crowded spot
    ax.scatter(xs, ys, s=40)
    layout.block_points(ax, xs, ys, 40**0.5)
    assert charts.numbered_points(ax, layout, xs, ys, ["black"] * 6) == []
    checks.legible(fig, "crowd")
    # a label with nowhere to go is not drawn on top of another; place says so
    taken = layout.place(ax, (5, 5), "x" * 200, [(0, 0, "center", "center")])
    assert taken is None
    plt.close(fig)


def test_legible_catches_overlapping_text_and_a_marker_outside() -> None:
    charts.style()
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    ax.text(5, 5, "first label")
    ax.text(5.2, 5.1, "second label")
    with pytest.raises(AssertionError, match="overlaps"):
        checks.legible(fig)
    plt.close(fig)
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    ax.scatter([10], [5], s=64, clip_on=False)  # half of it beyond the right edge
    with pytest.raises(AssertionError, match="outside its axes"):
        checks.legible(fig)
    plt.close(fig)


def test_band_names_are_unambiguous() -> None:
    names = charts.president_names(reference.presidents().query("country == 'KR'"))
    assert names["Moon Jae-in"] == ("Moon Jae-in", "Moon")
    assert names["Roh Moo-hyun"][1] == "Roh M.-h." and names["Roh Tae-woo"][1] == "Roh T.-w."
    assert names["Lee Jae-myung"][1] != names["Lee Myung-bak"][1]


def test_key_events_and_their_labels_come_from_the_chronology() -> None:
    timeline = reference.timeline()
    trade = reference.key_events("trade")
    assert len(trade) and (trade["label"] != "").all()
    assert set(trade["date"]) <= set(timeline["date"])
    assert "2022-02-24" in set(reference.key_events("energy")["date"])
    assert reference.key_events("no such chart").empty


def test_the_energy_chart_spans_its_data_not_a_distant_event() -> None:
    figures = tables.figures()
    lng = reference.lng()
    fig, rows = views.energy(
        figures, lng, reference.presidents(), reference.key_events("energy"), "t"
    )
    lo, _hi = fig.axes[0].get_xlim()
    first = min(
        lng.dropna(subset=["tonnes"])["year"].min(), int(rows["period_start"].str[:4].min())
    )
    assert first - 1 <= lo < first  # the 2005 contract is not drawn 12 years before the data
    plt.close(fig)


def test_the_figures_chart_lists_articles_without_figures() -> None:
    figures, documents = tables.figures(), tables.documents()
    fig, counts = views.figures_by_source(figures, documents, "t")
    assert set(counts.index) == set(documents["source_id"])
    assert (counts.loc["archyde-2025"] == 0).all()
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "Archyde (2025)" in labels
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "LNG imports" in legend and "lng_imports" not in legend
    plt.close(fig)


def test_footers_name_publishers_by_kind_and_no_file_paths() -> None:
    lines = charts.official_sources(reference.official_trade()["reporter"])
    statistics = next(line for line in lines if line.startswith("Official statistics"))
    officials = next(line for line in lines if line.startswith("Totals stated by officials"))
    assert "Federal Customs Service (Russian)" in statistics
    assert "Trade representative Bondarenko (Russian)" in officials
    assert "Bondarenko" not in statistics and "IMF DOTS (Russia reporting) (Russian)" in statistics
    assert not any("data/" in line or ".csv" in line for line in lines)


def test_the_investment_chart_shows_what_each_item_is(monkeypatch) -> None:
    fig, _order = views.investment(tables.figures(), "t")
    words = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
    assert "pipeline network from Russia" in words  # the sentence before "The project was…"
    assert "never left the paper" in words  # what became of the fund
    assert fig.axes[0].get_title(loc="left") == views.INVESTMENT_KINDS["investment"][0]
    plt.close(fig)


def test_each_interactive_page_is_byte_stable_and_shows_the_quote(tmp_path: Path) -> None:
    figures = tables.figures()
    placed = views.trade_points(figures)
    drawn = reference.official_trade().query("metric == 'bilateral_trade'")
    for _ in range(2):
        interactive.save(interactive.trade(placed, drawn, "Trade"), "t", tmp_path)
        first = (tmp_path / "t.html").read_bytes()
    interactive.save(interactive.trade(placed, drawn, "Trade"), "t", tmp_path)
    assert (tmp_path / "t.html").read_bytes() == first
    spec = json.loads(re.search(r"var spec = (\{.*?\});\n", first.decode("utf-8")).group(1))
    records = [r for rows in spec["datasets"].values() for r in rows]
    hover = {(r["source"], r["quote"]) for r in records if "quote" in r and r.get("figure")}
    assert ("Asmolov, New Eastern Outlook (2021)", placed.iloc[0]["quote"]) in hover
    tooltips = [f["field"] for layer in spec["layer"] for f in layer["encoding"].get("tooltip", [])]
    assert {"quote", "source"} <= set(tooltips)
