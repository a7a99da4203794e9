"""Shared fixtures: one real extractor (bundled model) per test session, and no network."""

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from geoevents import EventExtractor

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "eval" / "dev" / "seed_japantimes_2021.txt"

#: For tests that read the seed article. It is copyrighted, so it is never copied into the
#: repository: without ../shared beside the checkout these tests are skipped, and say so
#: (.ci/run fails when they are skipped although ../shared exists).
requires_seed = pytest.mark.skipif(
    not SEED.is_file(),
    reason=f"needs ../shared beside the checkout: the seed article {SEED} is not there",
)


class NetworkBlockedError(RuntimeError):
    pass


def _refuse(*args: Any, **kwargs: Any) -> None:
    raise NetworkBlockedError(f"network access attempted: {args!r}")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Any attempt to open a connection fails loudly."""
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)
    yield


@pytest.fixture(scope="session")
def extractor() -> EventExtractor:
    """The real bundled model, loaded once for the whole test session."""
    return EventExtractor()


def read_dev_passage(path: Path) -> tuple[str, str | None]:
    """Text and publication date of a ../shared/eval/dev passage (header line stripped)."""
    head, _, body = path.read_text("utf-8").partition("\n")
    published = None
    for part in head.split("|"):
        if part.strip().startswith("PUBLISHED="):
            published = part.strip().removeprefix("PUBLISHED=")[:10]
    return body.lstrip("\n"), published
