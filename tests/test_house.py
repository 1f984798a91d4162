"""The house: layers import backwards only, the data build never loads matplotlib, and the
vocabulary is data: adding a currency, a metric, a country name, a number word or an event
category is one edit of one file in korea_russia/vocab/."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import doc

from korea_russia import registry, schemas
from korea_russia.extract import events, figures

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "korea_russia"
# Layers follow the data; a module may import only from its own layer or the ones before.
LAYERS = [
    {"errors", "config", "progress"},
    {"registry"},
    {"schemas"},
    {"io", "tables"},
    {"sources"},
    {"extract"},
    {"intake"},
    {"reference"},
    {"analysis"},
    {"present"},
    {"build", "archive"},
    {"cli", "_entry", "__main__", "__init__"},
]


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__") or "__init__"


def _layer(module: str) -> int:
    top = module.split(".")[0]
    return next(i for i, names in enumerate(LAYERS) if top in names)


def _imports() -> dict[str, set[str]]:
    """Every module's imports of the package, at any depth of the code (late imports too)."""
    modules = {_module(p) for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        here = _module(path)
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("korea_russia")
            ):
                base = node.module.removeprefix("korea_russia").lstrip(".")
                for alias in node.names:
                    full = f"{base}.{alias.name}".lstrip(".")
                    found.add(full if full in modules else base or "__init__")
            elif isinstance(node, ast.Import):
                found |= {
                    a.name.removeprefix("korea_russia.")
                    for a in node.names
                    if a.name.startswith("korea_russia.")
                }
        graph[here] = {m for m in found if m and m != here}
    return graph


def test_layers_import_backwards_only() -> None:
    wrong = [
        f"{a} imports {b}"
        for a, targets in _imports().items()
        for b in targets
        if b != "__init__" and _layer(b) > _layer(a)
    ]
    assert wrong == []


def test_no_import_cycle() -> None:
    graph = _imports()
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*trail, node, nxt]
            if nxt not in state and (cycle := visit(nxt, [*trail, node])):
                return cycle
        state[node] = 2
        return None

    cycles = [c for m in sorted(graph) if m not in state and (c := visit(m, []))]
    assert cycles == []


def test_analysis_imports_nothing_from_presentation() -> None:
    graph = _imports()
    assert not {(a, b) for a, bs in graph.items() if a.startswith("analysis") for b in bs} & {
        (a, b) for a, bs in graph.items() for b in bs if b.startswith("present")
    }


def test_the_data_build_does_not_load_matplotlib(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from korea_russia.cli import main\n"
        f"assert main(['build', '--out', {str(tmp_path)!r}]) == 0\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib')\n"
        "print(loaded[:3])\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "figures.csv").is_file()


# One edit each, to a copy of the vocabulary.
EDITS = {
    "units": """
[[currency]]
code = "CNY"
before = ["CNY", "¥"]
after = ["yuan"]
""",
    "metrics": """
[[metric]]
name = "tourism"
priority = 0
label = "tourism"
group = "other"
keywords = ['\\btouris(?:m|ts?)\\b']
""",
    "countries": 'XF = ["Freedonia", "Freedonian"]\n',
}


@pytest.fixture
def vocab(tmp_path: Path) -> Path:
    folder = tmp_path / "vocab"
    shutil.copytree(registry.DEFAULT, folder)
    return folder


def _append(folder: Path, name: str, text: str) -> None:
    with open(folder / f"{name}.toml", "a", encoding="utf-8") as handle:
        handle.write(text)


def _insert_before(folder: Path, name: str, marker: str, text: str) -> None:
    path = folder / f"{name}.toml"
    body = path.read_text(encoding="utf-8")
    assert marker in body
    path.write_text(body.replace(marker, text + marker, 1), encoding="utf-8")


def _found(text: str, published: str = "2021-04-08") -> list[tuple[str, str, float]]:
    found = figures.korea_russia(figures.figures(doc(text, published)))
    return [(f.metric, f.unit, f.value) for f in found]


def test_a_new_currency_is_one_edit(vocab: Path) -> None:
    sentence = "Korea–Russia trade reached CNY 50 billion in 2020 and ¥60 billion in 2021."
    assert _found(sentence) == []
    _append(vocab, "units", EDITS["units"])
    with registry.use(vocab):
        assert _found(sentence) == [
            ("bilateral_trade", "CNY", 50e9),
            ("bilateral_trade", "CNY", 60e9),
        ]
        assert "CNY" in schemas.FIGURES.column("unit").allowed
        assert "CNY" in registry.currencies()  # money: a bare "m" after it is a million
        assert _found("Korea's trade with Russia was CNY 800m in 2019.") == [
            ("bilateral_trade", "CNY", 800e6)
        ]
    assert _found(sentence) == []  # the default vocabulary again


def test_a_new_metric_is_one_edit(vocab: Path) -> None:
    sentence = "Russian tourists spent US$2 billion in South Korea in 2019."
    assert _found(sentence) == [("other", "USD", 2e9)]
    _append(vocab, "metrics", EDITS["metrics"])
    with registry.use(vocab):
        assert _found(sentence) == [("tourism", "USD", 2e9)]
        assert "tourism" in schemas.FIGURES.column("metric").allowed


def test_a_new_country_name_is_one_edit(vocab: Path) -> None:
    # an unknown name is no economy: in a Korea–Russia story, Russia's partner is Korea
    sentence = "Korea and Russia met. Freedonia's trade with Russia reached US$5 billion in 2020."
    assert _found(sentence) == [("bilateral_trade", "USD", 5e9)]
    _insert_before(vocab, "countries", "\n# countryinfo spellings", EDITS["countries"])
    with registry.use(vocab):
        assert _found(sentence) == []  # someone else's trade


def test_a_new_number_word_is_one_edit(vocab: Path) -> None:
    sentence = "Korea bought a dozen million tonnes of Russian LNG in 2023."
    assert _found(sentence) == []
    _insert_before(vocab, "numbers", "\n[tens]", "dozen = 12\n")
    with registry.use(vocab):
        assert _found(sentence) == [("lng_imports", "t", 12e6)]


def test_a_new_event_category_is_one_edit(vocab: Path) -> None:
    sentence = "In May 2021, Seoul hosted a festival of Russian cinema."
    assert [e.category for e in events.events(doc(sentence))] == ["other"]
    category = "[[category]]\nname = \"culture\"\nwords = ['\\bcinema\\b', '\\bfestival\\b']\n\n"
    _insert_before(vocab, "events", '[[category]]\nname = "other"', category)
    with registry.use(vocab):
        assert [e.category for e in events.events(doc(sentence))] == ["culture"]
        assert "culture" in schemas.EVENTS.column("category").allowed


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # every country is known, not only the ones the development articles name
        ("Korea imported 3 million tonnes of LNG from Qatar in 2023.", []),
        ("Vietnam's coal imports from Russia reached 5 million tonnes in 2022.", []),
        # number words beyond ten, with a scale
        ("Korea–Russia trade could reach twelve billion dollars in 2030.", [12e9]),
        ("Russia shipped sixty million tonnes of coal to Korea in 2021.", [60e6]),
        ("Korea bought twenty-five million tonnes of Russian coal in 2020.", [25e6]),
    ],
)
def test_general_vocabulary(sentence: str, expected: list[float]) -> None:
    assert [value for _, _, value in _found(sentence)] == expected


def test_votes_in_a_sentence_are_not_page_furniture() -> None:
    text = "The National Assembly held two votes on impeachment in December 2024."
    assert [e.date_start for e in events.events(doc(text, "2025-01-10"))] == ["2024-12"]
    widget = "Rate this article (votes: 3, rating: 5) 12 March 2024"
    assert events.events(doc(widget, "2025-01-10")) == []


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Last year, Seoul and Moscow signed a fisheries deal.", ["2020"]),
        ("The commission will meet later this year in Seoul.", ["2021"]),
        ("Talks opened in March 2019. The next month, a deal was signed.", ["2019-03", "2019-04"]),
        ("Talks opened in March 2019. A year later, the plant opened.", ["2019-03", "2020"]),
    ],
)
def test_relative_dates_are_general(text: str, dates: list[str]) -> None:
    assert [e.date_start for e in events.events(doc(text, "2021-04-08"))] == dates


def test_a_meeting_of_two_leaders_is_a_summit() -> None:
    text = "Vladimir Putin's meeting with Moon Jae-in in June 2019 covered gas."
    [event] = events.events(doc(text))
    assert event.category == "summit"
    envoy = "Vladimir Putin met an envoy of Moon Jae-in during a meeting in May 2017."
    [event] = events.events(doc(envoy))
    assert event.category != "summit"


def test_reporters_are_a_table_not_prefixes() -> None:
    from korea_russia import reference

    official = reference.official_trade()
    ru = official[official["side"] == "RU"]
    # Russia-reported rows are used (a string prefix once dropped them).
    assert "exports_kr_to_ru" in set(ru["metric"])
    assert reference.reporter_name("KR (KITA, Korean customs basis)") == "KITA"


def test_errors_cross_process_boundaries(tmp_path: Path) -> None:
    """An InputError raised in a --jobs worker reaches the parent whole: one line, exit 1."""
    import pickle

    from korea_russia.errors import InputError, InternalError

    for error in (InputError("a.txt", "empty file"), InternalError("figures table", "row 0")):
        again = pickle.loads(pickle.dumps(error))
        assert (type(again), str(again)) == (type(error), str(error))
    good, empty = tmp_path / "good.txt", tmp_path / "empty.txt"
    good.write_text("Trade reached US$5 billion in 2020.", encoding="utf-8")
    empty.write_bytes(b"")
    done = subprocess.run(
        [sys.executable, "-m", "korea_russia", "extract", "--jobs", "2", str(good), str(empty)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [f"korea-russia: error: {empty}: empty file"]


def test_a_failed_notebook_check_is_an_internal_error(tmp_path: Path, capsys) -> None:
    """Not bad input: exit 2, one line naming the notebook, the cell and the check."""
    import nbformat

    from korea_russia.cli import main

    notebook = tmp_path / "99-check.ipynb"
    cell = nbformat.v4.new_code_cell("assert 1 + 1 == 3, 'the sum: 2, expected 3'")
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), notebook)
    assert main(["notebooks", str(notebook)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [
        f"korea-russia: internal error: {notebook}: cell 1 failed: "
        "AssertionError: the sum: 2, expected 3"
    ]


def test_a_cells_printed_output_is_stored_as_one_piece_however_the_kernel_flushed() -> None:
    """The kernel flushes stdout on a timer; on a loaded machine one cell's prints arrive
    as several stream outputs, which must not change the saved notebook."""
    import nbformat

    from korea_russia.present import notebooks

    def cell(*outputs: dict) -> nbformat.NotebookNode:
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("print(...)")]
        nb.cells[0].outputs = [nbformat.from_dict(o) for o in outputs]
        return notebooks.normalise(nb)

    def stream(name: str, text: str) -> dict:
        return {"output_type": "stream", "name": name, "text": text}

    whole = cell(stream("stdout", "a\nb\nc\n"))
    split = cell(stream("stdout", "a\n"), stream("stdout", "b\nc\n"))
    assert nbformat.writes(split) == nbformat.writes(whole)
    mixed = cell(stream("stdout", "a\n"), stream("stderr", "w\n"), stream("stdout", "b\n"))
    assert [o["text"] for o in mixed.cells[0].outputs] == ["a\n", "w\n", "b\n"]
