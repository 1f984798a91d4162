"""Citations generated from `data/sources.csv`, so chart footers and reports never drift
from the metadata: a short form for footers, a long form for reports."""

import re
from collections.abc import Iterable

import pandas as pd

from korea_russia import paths


def sources(path=None) -> pd.DataFrame:
    """The sources table, indexed by source_id, unknown facts as empty strings."""
    frame = pd.read_csv(path or paths.sources_csv(), dtype=str, keep_default_na=False)
    return frame.set_index("source_id")


def _outlet(outlet: str) -> str:
    """The outlet without a parenthetical edition note: "News1 (English edition)" -> "News1"."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", outlet).strip()


def short(source_id: str, table: pd.DataFrame | None = None) -> str:
    """ "Gubin, Russian International Affairs Council (2025)"; no author: "News1 (2025)"."""
    row = (table if table is not None else sources()).loc[source_id]
    surname = row["author"].split()[-1] if row["author"] else ""
    year = row["published"][:4] or "n.d."
    outlet = _outlet(row["outlet"]) or source_id
    return f"{surname + ', ' if surname else ''}{outlet} ({year})"


def short_list(source_ids: Iterable[str], table: pd.DataFrame | None = None) -> str:
    """Short citations of the distinct sources, oldest first, joined by semicolons."""
    table = table if table is not None else sources()
    ids = sorted(set(source_ids), key=lambda i: (table.loc[i, "published"], i))
    return "; ".join(short(i, table) for i in ids)
