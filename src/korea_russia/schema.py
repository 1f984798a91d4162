"""Table schemas: every row is checked before a table is written, and a bad table is not written."""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from korea_russia.errors import InputError

DATE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"


@dataclass(frozen=True)
class Column:
    """One column: its type, whether it may be empty, and its allowed values or pattern."""

    name: str
    dtype: str  # "str", "int" or "float"
    description: str
    required: bool = True
    allowed: tuple[str, ...] = ()
    pattern: str = ""
    unit: str = ""


@dataclass(frozen=True)
class Schema:
    """A table's columns, primary key, and row checks that involve the source texts."""

    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _cell_problem(column: Column, value: object) -> str | None:
    """Why one cell breaks its column's rules, or None."""
    empty = value is None or (isinstance(value, float) and pd.isna(value)) or value == ""
    if empty:
        return f"{column.name} is empty" if column.required else None
    if column.dtype == "int" and not (isinstance(value, int) and not isinstance(value, bool)):
        return f"{column.name}={value!r} is not an integer"
    if column.dtype == "float" and not isinstance(value, int | float):
        return f"{column.name}={value!r} is not a number"
    if column.allowed and value not in column.allowed:
        return f"{column.name}={value!r} is not one of {', '.join(a for a in column.allowed if a)}"
    if column.pattern and not re.fullmatch(column.pattern, str(value)):
        return f"{column.name}={value!r} does not match {column.pattern}"
    return None


RowCheck = Callable[[Mapping[str, object]], str | None]


def validate(
    frame: pd.DataFrame, schema: Schema, checks: Sequence[RowCheck] = (), limit: int = 3
) -> None:
    """Raise InputError naming the table, the first bad rows and why; return if all is well."""
    problems: list[str] = []
    if list(frame.columns) != schema.names:
        raise InputError(schema.name, f"columns {list(frame.columns)} differ from {schema.names}")
    for number, row in enumerate(frame.to_dict("records")):
        why = [p for c in schema.columns if (p := _cell_problem(c, row[c.name]))]
        why += [p for check in checks if (p := check(row))]
        if why:
            problems.append(f"row {number} ({row.get(schema.primary_key[0])}): {'; '.join(why)}")
    duplicated = frame.duplicated(list(schema.primary_key))
    if duplicated.any():
        problems.append(
            f"duplicate {'/'.join(schema.primary_key)}: {frame.loc[duplicated].index[0]}"
        )
    if problems:
        more = f" (and {len(problems) - limit} more)" if len(problems) > limit else ""
        raise InputError(f"{schema.name} table", " | ".join(problems[:limit]) + more)
