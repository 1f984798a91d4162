"""Issue 17: the tables in SQLite for Datasette, read through Datasette's own test client,
and once in a real headless browser."""

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from korea_russia import config
from korea_russia.present import database, reports

DB = Path(database.NAME).stem


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict, dict[str, pd.DataFrame]]:
    """The database of the committed tables, its package, and the tables as CSV reads them."""
    package = reports.descriptor()
    paths = database.paths(package, config.processed_dir())
    path = database.write(package, paths, tmp_path_factory.mktemp("db") / database.NAME)
    tables = {name: pd.read_csv(p, dtype=str, keep_default_na=False) for name, p in paths.items()}
    return path, package, tables


def _get(db: Path, package: dict, path: str):
    from datasette.app import Datasette

    async def fetch():
        ds = Datasette([str(db)], metadata=database.metadata(package))
        return await ds.client.get(path)

    return asyncio.run(fetch())


def _rows(db: Path, package: dict, path: str) -> list[dict]:
    joiner = "&" if "?" in path else "?"
    response = _get(db, package, f"{path}{joiner}_shape=array&_size=max")
    assert response.status_code == 200, (path, response.text[:300])
    return response.json()


def test_every_table_answers_with_all_its_rows(built) -> None:
    db, package, tables = built
    for resource in package["resources"]:
        rows = _rows(db, package, f"/{DB}/{resource['name']}.json")
        assert len(rows) == len(tables[resource["name"]]), resource["name"]
    assert len(tables["figures"]) > 0 and len(tables["events"]) > 0


def test_keys_indexes_and_the_source_link(built) -> None:
    import sqlite_utils

    db, package, tables = built
    sqlite = sqlite_utils.Database(db)
    for name in ("figures", "events", "claims", "documents"):
        [key] = sqlite[name].foreign_keys
        assert (key.column, key.other_table, key.other_column) == (
            "source_id",
            "sources",
            "source_id",
        )
    assert sqlite["figures"].pks == ["figure_id"]
    assert sqlite["official_trade"].pks == ["side", "metric", "period_start", "period_end"]
    indexed = {tuple(i.columns) for i in sqlite["figures"].indexes}
    assert {("metric",), ("source_id",), ("period_start",)} <= indexed
    # Each figure row carries its source's address, and the page shows it as a link.
    urls = dict(zip(tables["sources"]["source_id"], tables["sources"]["url"], strict=True))
    rows = _rows(db, package, f"/{DB}/figures.json")
    assert all(r["source_url"] == urls[r["source_id"]] for r in rows)
    linked = next(r for r in rows if r["source_url"])
    page = _get(db, package, f"/{DB}/figures/{linked['figure_id']}").text
    assert f'href="{linked["source_url"]}"' in page


def test_a_search_for_lng_gives_the_lng_figures_with_their_quotes(built) -> None:
    db, package, tables = built
    rows = _rows(db, package, f"/{DB}/figures.json?_search=LNG")
    figures = tables["figures"]
    said = figures["quote"].str.contains(r"\bLNG\b") | figures["mention"].str.contains(r"\bLNG\b")
    assert sorted(r["figure_id"] for r in rows) == sorted(figures.loc[said, "figure_id"])
    assert rows and all("LNG" in r["quote"] for r in rows)
    assert any(r["mention"] == "2.1 million tonnes" for r in rows)
    events = _rows(db, package, f"/{DB}/events.json?_search=summit")
    assert all("summit" in (r["summary"] + r["quote"]).lower() for r in events)


def test_each_canned_query_gives_its_rows(built) -> None:
    db, package, tables = built
    figures, claims, events = tables["figures"], tables["claims"], tables["events"]

    year = _rows(db, package, f"/{DB}/figures_for_a_year.json?year=2024")
    covers = (figures["period_start"].str[:4] <= "2024") & (figures["period_end"].str[:4] >= "2024")
    assert sorted(r["figure_id"] for r in year) == sorted(figures.loc[covers, "figure_id"])
    assert year and all(r["quote"] for r in year)

    trade = _rows(db, package, f"/{DB}/what_each_source_says_about_trade.json")
    expected = figures[figures["metric"].isin(database.TRADE)]
    assert sorted(r["mention"] for r in trade) == sorted(expected["mention"])
    assert [r["source_id"] for r in trade] == sorted(r["source_id"] for r in trade)

    differ = _rows(db, package, f"/{DB}/claims_that_differ.json")
    contradicted = claims[claims["verdict"].isin(["differs", "missed"])]
    assert sorted(r["mention"] for r in differ) == sorted(contradicted["mention"])
    assert len(differ) >= 1  # the 2020 target "double that by 2020" was missed

    window = _rows(
        db, package, f"/{DB}/events_between_two_dates.json?start=2022-01-01&end=2022-12-31"
    )
    # An event overlaps the window at its own precision: "2022" and "2022-03" are inside.
    start, end = "2022-01-01", "2022-12-31"
    overlaps = [
        b >= start[: len(b)] and a <= end
        for a, b in zip(events["date_start"], events["date_end"], strict=True)
    ]
    expected = events[overlaps]
    assert sorted(r["quote"] for r in window) == sorted(expected["quote"])
    assert window and any(r["precision"] != "day" for r in window)
    assert all(r["date_start"] <= "2022-12-31" for r in window)


def test_the_metadata_names_the_licence_sources_and_every_column(built) -> None:
    db, package, _ = built
    meta = _get(db, package, "/-/metadata.json").json()
    assert meta["license"] == "CC-BY-4.0"
    assert meta["license_url"].startswith("https://creativecommons.org/")
    assert "data/sources.csv" in meta["source"]
    tables = meta["databases"][DB]["tables"]
    for resource in package["resources"]:
        described = tables[resource["name"]]["columns"]
        assert set(described) >= {f["name"] for f in resource["schema"]["fields"]}
    assert "(unit: " in tables["figures"]["columns"]["start"]  # units come with descriptions
    assert tables["claims"]["facets"][0] == "verdict"
    page = _get(db, package, "/").text
    assert "CC-BY-4.0" in page


def test_serve_refuses_a_bad_port_and_a_missing_database(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    from korea_russia.cli import main

    assert main(["serve", "--db", str(tmp_path / "missing.db")]) == 1
    assert "not found; run `make`" in capsys.readouterr().err
    for bad in ("70000", "0", "http"):
        assert main(["serve", "--port", bad]) == 1
        err = capsys.readouterr().err
        assert err == f"korea-russia: error: --port {bad}: is not a port number (1 to 65535)\n"
    (tmp_path / "k.db").write_bytes(b"")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--db", str(tmp_path / "k.db"), "--port", str(port)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"korea-russia: error: --port {port}: cannot be used")
    assert len(err.splitlines()) == 1


# --- one check in a real browser: Debian's Chromium, driven by Selenium ---

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
BROWSER_REQUIRED = os.environ.get("KOREA_RUSSIA_BROWSER") == "required"  # set by .ci/run


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(
    not (CHROMIUM and DRIVER) and not BROWSER_REQUIRED,
    reason="Chromium and ChromeDriver are not installed (.ci/run installs them)",
)
def test_the_figures_page_and_a_search_show_the_quotes_in_a_browser(built) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    db, _, tables = built
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "korea_russia", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    options.add_argument("--disable-background-networking")
    options.add_argument("--window-size=1400,1000")
    browser = None
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        browser = webdriver.Chrome(
            service=Service(DRIVER or "/usr/bin/chromedriver"), options=options
        )
        browser.get(f"{base}/{DB}/figures")
        body = browser.find_element(By.TAG_NAME, "body").text
        first = tables["figures"]["quote"].iloc[0]
        assert first[:60] in body
        browser.get(f"{base}/{DB}/figures?_search=LNG")
        body = browser.find_element(By.TAG_NAME, "body").text
        assert "2.1 million tonnes" in body and "Russia shipped 2.1 million tonnes of LNG" in body
        shot = os.environ.get("KOREA_RUSSIA_SCREENSHOT")  # the README's picture, on request
        if shot:
            columns = "source_id source_url metric value unit period_start mention quote"
            shown = "".join(f"&_col={c}" for c in columns.split())
            browser.get(f"{base}/{DB}/figures?_search=trade{shown}")
            # Past the column descriptions, to the search box, facets and rows.
            browser.execute_script("document.querySelector('form').scrollIntoView()")
            browser.save_screenshot(shot)
    finally:
        if browser is not None:
            browser.quit()
        server.terminate()
        server.wait(timeout=10)
    assert json.dumps(body)  # the page had text at all
