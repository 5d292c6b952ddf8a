"""The registry as data: every policing body of the 43 forces, governance history, users' own files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pressreader.errors import SiteError
from pressreader.sites import DEFAULT_REGISTRY, SiteRegistry, load_sites

#: The 43 territorial police forces of England and Wales.
FORCES = {
    "Avon and Somerset Police", "Bedfordshire Police", "Cambridgeshire Constabulary", "Cheshire Constabulary",
    "City of London Police", "Cleveland Police", "Cumbria Constabulary", "Derbyshire Constabulary",
    "Devon and Cornwall Police", "Dorset Police", "Durham Constabulary", "Dyfed-Powys Police", "Essex Police",
    "Gloucestershire Constabulary", "Greater Manchester Police", "Gwent Police",
    "Hampshire and Isle of Wight Constabulary", "Hertfordshire Constabulary", "Humberside Police", "Kent Police",
    "Lancashire Constabulary", "Leicestershire Police", "Lincolnshire Police", "Merseyside Police",
    "Metropolitan Police Service", "Norfolk Constabulary", "North Wales Police", "North Yorkshire Police",
    "Northamptonshire Police", "Northumbria Police", "Nottinghamshire Police", "South Wales Police",
    "South Yorkshire Police", "Staffordshire Police", "Suffolk Constabulary", "Surrey Police", "Sussex Police",
    "Thames Valley Police", "Warwickshire Police", "West Mercia Police", "West Midlands Police",
    "West Yorkshire Police", "Wiltshire Police",
}  # fmt: skip
ROOT = Path(__file__).resolve().parents[1]


def test_every_force_has_exactly_one_body_holding_its_duties_today() -> None:
    assert len(FORCES) == 43
    active: dict[str, list[str]] = {}
    for site in DEFAULT_REGISTRY:
        if site.force and site.active:
            active.setdefault(site.force, []).append(site.key)
    assert set(active) == FORCES
    assert {force: keys for force, keys in active.items() if len(keys) != 1} == {}
    assert {s.force for s in DEFAULT_REGISTRY if s.force} <= FORCES


def test_the_issue_s_missing_bodies_and_the_mayors_are_there() -> None:
    for key in ("bedfordshire", "cambridgeshire", "cheshire", "cumbria", "dyfed-powys", "hertfordshire",
                "northamptonshire", "suffolk", "sussex", "wiltshire"):  # fmt: skip
        assert DEFAULT_REGISTRY.find(key) is not None, key
    mayors = {s.key: s.started for s in DEFAULT_REGISTRY if s.kind == "mayor"}
    assert mayors == {
        "london": "2012-01-16",
        "greater-manchester": "2017-05-08",
        "west-yorkshire": "2021-05-10",
        "south-yorkshire-mayor": "2024-05-07",
        "york-and-north-yorkshire": "2024-05-07",
    }


def test_governance_links_point_both_ways_and_dates_meet() -> None:
    for site in DEFAULT_REGISTRY:
        if site.successor:
            after = DEFAULT_REGISTRY.lookup(site.successor)
            assert after.predecessor == site.key, site.key
            assert site.ended, site.key
            assert after.started == site.ended, site.key
            assert after.force == site.force
        if site.predecessor and DEFAULT_REGISTRY.find(site.predecessor):
            assert DEFAULT_REGISTRY.lookup(site.predecessor).successor == site.key
    north = DEFAULT_REGISTRY.lookup("north-yorkshire")
    assert (north.kind, north.ended, north.successor) == ("pfcc", "2024-05-07", "york-and-north-yorkshire")


def test_releases_under_an_old_domain_stay_with_their_body() -> None:
    assert DEFAULT_REGISTRY.lookup("https://www.northyorkshire-pcc.gov.uk/news/2015/x/").key == "north-yorkshire"
    assert DEFAULT_REGISTRY.lookup("https://www.northyorkshire-pfcc.gov.uk/news/x/").key == "north-yorkshire"
    assert DEFAULT_REGISTRY.lookup("https://www.westyorkshire-pcc.gov.uk/x").key == "west-yorkshire-pcc"


def test_every_entry_says_where_its_facts_come_from() -> None:
    assert all(site.sourced_from for site in DEFAULT_REGISTRY)
    domains = [d for s in DEFAULT_REGISTRY for d in (s.domain, *s.old_domains)]
    assert len(domains) == len(set(domains))


def test_sites_json_prints_the_registry_in_its_file_format(tmp_path: Path) -> None:
    from pressreader.cli import main

    out = tmp_path / "sites.json"
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["sites", "--json"]) == 0
    out.write_text(buffer.getvalue(), encoding="utf-8")
    again = SiteRegistry.from_sites(load_sites(out.read_bytes()))
    assert again == DEFAULT_REGISTRY  # the printed file reads back to the same registry
    assert json.loads(buffer.getvalue())["bodies"][0]["key"] == "warwickshire"


def _run(env_value: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRESSREADER_SITES": env_value}
    return subprocess.run([sys.executable, "-m", "pressreader", *args], capture_output=True, text=True, env=env,
                          check=False, cwd=ROOT)  # fmt: skip


def test_users_extend_the_registry_with_a_file(tmp_path: Path) -> None:
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps({"bodies": [
        {"key": "exampleshire", "name": "Exampleshire PCC", "area": "Exampleshire",
         "domain": "www.example-pcc.example"},
        {"key": "kent", "name": "Kent PCC (test mirror)", "area": "Kent", "domain": "kent-mirror.example"},
    ]}), encoding="utf-8")  # fmt: skip
    done = _run(str(mine), "sites")
    assert done.returncode == 0, done.stderr
    assert re.search(r"^exampleshire +Exampleshire PCC \(example-pcc\.example, unknown\)$", done.stdout, re.M)
    assert "Kent PCC (test mirror) (kent-mirror.example" in done.stdout
    assert len(done.stdout.splitlines()) == len(DEFAULT_REGISTRY) + 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON"),
        ('{"bodies": {}}', "must hold a list of bodies"),
        ('[{"key": "x", "name": "X", "area": "X"}]', "body 1 'x': 'domain' must be a non-empty string"),
        ('[{"key": "x", "name": "X", "area": "X", "domain": "x.example", "platform": "joomla"}]', "unknown platform"),
        ('[{"key": "x", "name": "X", "area": "X", "domain": "x.example", "until": "May 2024"}]', "YYYY-MM-DD"),
        ('[{"key": "x", "name": "X", "area": "X", "domain": "x.example", "selectors": "joomla"}]', "selectors"),
        ('[{"key": "x", "name": "X", "area": "X", "domain": "x.example"}, {"key": "x", "name": "Y", "area": "Y",'
         ' "domain": "y.example"}]', "duplicate site keys"),
    ],
)  # fmt: skip
def test_a_bad_sites_file_is_refused_plainly(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(SiteError, match=message):
        SiteRegistry.from_sites(load_sites(bad.read_bytes(), str(bad)))
    done = _run(str(bad), "sites")
    assert done.returncode == 1
    assert done.stderr.startswith("pressreader: ")
    assert "Traceback" not in done.stderr
    assert "PRESSREADER_SITES" in done.stderr
    missing = _run(str(tmp_path / "nope.json"), "sites")
    assert missing.returncode == 1
    assert "cannot read the sites file" in missing.stderr
