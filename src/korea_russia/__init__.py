"""Tidy, cited tables and charts on South Korea–Russia economic relations."""


def __getattr__(name: str) -> str:
    """`__version__`, read from the installed metadata when first asked for (importlib.metadata
    is slow to load, and most commands never need it)."""
    if name != "__version__":
        raise AttributeError(f"module 'korea_russia' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("korea_russia")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


def cite(*args, **kwargs):
    """`korea_russia.cite(metric, year=None, *, source=None, style="short")`: the figures for
    a metric and year with their citations (see `korea_russia.analysis.citations.cite`)."""
    from korea_russia.analysis.citations import (
        cite as _cite,
    )  # imported late: pandas is slow to load

    return _cite(*args, **kwargs)


__all__ = ["__version__", "cite"]
