"""Tidy, cited tables and charts on South Korea–Russia economic relations."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("korea_russia")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
