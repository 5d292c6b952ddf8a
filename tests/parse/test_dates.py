"""Table tests for the date parsers: every format in shared/pcc/README.md, and traps."""

from __future__ import annotations

import datetime

import pytest

from pressreader.parse.dates import is_date_line, parse_iso_date, parse_visible_date

D = datetime.date

VISIBLE = [
    # the formats PCC sites print
    ("March 22, 2018", D(2018, 3, 22)),
    ("21st February 2018", D(2018, 2, 21)),
    ("26th July 2021", D(2021, 7, 26)),
    ("24 August 2021", D(2021, 8, 24)),
    ("Posted on Saturday 8th May 2021", D(2021, 5, 8)),
    ("Published 10 April 2018", D(2018, 4, 10)),
    ("Created on 16 January 2012", D(2012, 1, 16)),
    ("31/01/2023", D(2023, 1, 31)),
    ("7th May 2024", D(2024, 5, 7)),
    ("11 September 2023", D(2023, 9, 11)),
    ("26 January 2026", D(2026, 1, 26)),
    ("Date: 24 August 2021", D(2021, 8, 24)),
    # variants seen on other CMSs
    ("Thursday, March 22nd 2018", D(2018, 3, 22)),
    ("Thu 22 Mar 2018", D(2018, 3, 22)),
    ("22 Sept 2018", D(2018, 9, 22)),
    ("1st of June 2022", D(2022, 6, 1)),
    ("01.02.2023", D(2023, 2, 1)),  # day first
    ("2023-01-31", D(2023, 1, 31)),
    ("posted on wednesday 3rd march 2021 at 10:15", D(2021, 3, 3)),
    # other languages (the generic path reads any news page)
    ("17 avril 2023", D(2023, 4, 17)),
    ("Publié le lundi 1er mai 2023", D(2023, 5, 1)),
    ("17. April 2023", D(2023, 4, 17)),
    ("Veröffentlicht am 3. März 2022", D(2022, 3, 3)),
    ("17 de abril de 2023", D(2023, 4, 17)),
    ("12 dicembre 2021", D(2021, 12, 12)),
    ("5 Ebrill 2024", D(2024, 4, 5)),
    ("Dydd Mawrth 5 Mawrth 2024", D(2024, 3, 5)),
    # not dates, or not complete ones
    ("today (March 22)", None),
    ("Today (Friday 13 May)", None),
    ("31/02/2023", None),  # no such day
    ("13/13/2023", None),
    ("Text size: A A A", None),
    ("Call 101 or 999 in an emergency", None),
    ("", None),
    ("May", None),
    ("£5,000 in 2021", None),
]


@pytest.mark.parametrize(("text", "expected"), VISIBLE)
def test_parse_visible_date(text: str, expected: datetime.date | None) -> None:
    assert parse_visible_date(text) == expected


ISO = [
    ("2018-03-22", D(2018, 3, 22)),
    ("2018-03-22T09:00:00+00:00", D(2018, 3, 22)),
    ("2018-03-22T00:30:00+01:00", D(2018, 3, 22)),  # the date as written, never shifted to UTC
    ("2018-03-21T23:30:00Z", D(2018, 3, 21)),
    ("20180322", D(2018, 3, 22)),
    ("2018-02-30", None),
    ("22 March 2018", D(2018, 3, 22)),  # some CMSs put visible text in meta content
    ("not a date", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), ISO)
def test_parse_iso_date(text: str, expected: datetime.date | None) -> None:
    assert parse_iso_date(text) == expected


DATE_LINES = [
    ("March 22, 2018", True),
    ("Posted on Saturday 8th May 2021", True),
    ("Published 10 April 2018", True),
    ("Created on 16 January 2012", True),
    ("Date 24 August 2021", True),
    ("Updated: 25 August 2021", True),
    ("31/01/2023", True),
    ("24 August 2021 | News", True),
    ("Last Updated on Friday, 20 January 2012 11:02", True),
    ("Publié le 17 avril 2023 à 10h", True),
    ("Veröffentlicht am 17. April 2023, 14:30 Uhr", True),
    ("Veröffentlicht am 17. April 2023", True),
    ("On 8 May 2021 the Commissioner visited Rugby.", False),
    ("The report was published on 10 April 2018 by the Inspectorate.", False),
    ("Tickets cost £5 on 10 April 2018", False),
    ("x" * 200, False),
]


@pytest.mark.parametrize(("text", "expected"), DATE_LINES)
def test_is_date_line(text: str, expected: bool) -> None:
    assert is_date_line(text) is expected
