"""Write a notebook from a list of ("md"|"code", source) cells; `make` then executes it.

Usage: python tools/new_notebook.py SPEC.py OUT.ipynb, where SPEC.py defines CELLS.
"""

import runpy
import sys
from pathlib import Path

import nbformat

from korea_russia.notebooks import normalise


def build(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    """A notebook with the given markdown and code cells, normalised."""
    nb = nbformat.v4.new_notebook()
    make = {"md": nbformat.v4.new_markdown_cell, "code": nbformat.v4.new_code_cell}
    nb.cells = [make[kind](source.strip("\n")) for kind, source in cells]
    return normalise(nb)


if __name__ == "__main__":
    spec, out = sys.argv[1], Path(sys.argv[2])
    out.write_text(nbformat.writes(build(runpy.run_path(spec)["CELLS"])) + "\n", encoding="utf-8")
