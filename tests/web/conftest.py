"""Fixtures for the tests that talk HTTP: real servers on 127.0.0.1 (see ``loopsite.py``).

``tests/archive/`` and ``tests/cli/`` take the same fixtures from here; every test
that uses one of them is marked ``network`` (see ``tests/conftest.py``).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from pressreader.web import Fetcher, FetchOptions


def _load_loopsite() -> ModuleType:
    name = "pressreader_tests_loopsite"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("loopsite.py"))
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="session")
def loopsite() -> ModuleType:
    """The loopback site builders (``wordpress_site``, ``aspnet_site``, faults…)."""
    return _load_loopsite()


@pytest.fixture
def options() -> FetchOptions:
    """Quick options for tests: no politeness delay, short timeouts, fast retries."""
    return FetchOptions(
        delay=0.0,
        connect_timeout=2.0,
        read_timeout=0.5,
        total_timeout=10.0,
        retries=1,
        backoff=0.01,
        max_retry_after=2.0,
    )


@pytest.fixture
def fetcher(options: FetchOptions) -> Iterator[Fetcher]:
    with Fetcher(options) as f:
        yield f


@pytest.fixture
def wp_site(loopsite: ModuleType) -> Iterator[object]:
    """A WordPress-like site of 10 good articles (3 listing pages of 4), API and feed on."""
    site = loopsite.wordpress_site(loopsite.good_entries(10), per_page=4).start()
    yield site
    site.stop()


@pytest.fixture
def faulty_site(loopsite: ModuleType) -> Iterator[object]:
    """A WordPress-like site whose news list mixes 6 good articles with every fault."""
    holder: list[object] = []
    entries = loopsite.good_entries(6)
    faults = loopsite.fault_entries(lambda: holder[0])
    mixed = entries[:3] + faults + entries[3:]
    site = loopsite.wordpress_site(mixed, per_page=5).start()
    holder.append(site)
    yield site
    site.stop()


@pytest.fixture
def aspnet(loopsite: ModuleType) -> Iterator[object]:
    """An ASP.NET-like site of 9 articles, HTML listings only (3 pages of 4, 4, 1)."""
    site = loopsite.aspnet_site(loopsite.aspnet_entries(9), per_page=4).start()
    yield site
    site.stop()
