"""``get_version(package)``: an installed distribution's version (``trame_server.utils.version``)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def get_version(package_name: str) -> str | None:
    """The installed version of *package_name*, or None when it is not installed."""
    try:
        return version(package_name)
    except PackageNotFoundError:
        return None


__all__ = ["get_version"]
