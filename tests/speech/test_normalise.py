"""Table tests for the British-English speech normaliser: one table per function, edge cases included."""

from __future__ import annotations

import pytest

from pressreader.speech import normalise as n


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "zero"),
        (7, "seven"),
        (13, "thirteen"),
        (21, "twenty-one"),
        (100, "one hundred"),
        (101, "one hundred and one"),
        (999, "nine hundred and ninety-nine"),
        (1000, "one thousand"),
        (1005, "one thousand and five"),
        (1500, "one thousand five hundred"),
        (5000, "five thousand"),
        (350_000, "three hundred and fifty thousand"),
        (1_200_000, "one million two hundred thousand"),
        (2_000_000_000, "two billion"),
        (-4, "minus four"),
    ],
)
def test_number_words(value: int, expected: str) -> None:
    assert n.number_words(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, "first"),
        (2, "second"),
        (3, "third"),
        (5, "fifth"),
        (8, "eighth"),
        (9, "ninth"),
        (12, "twelfth"),
        (20, "twentieth"),
        (21, "twenty-first"),
        (22, "twenty-second"),
        (31, "thirty-first"),
        (100, "one hundredth"),
        (101, "one hundred and first"),
    ],
)
def test_ordinal_words(value: int, expected: str) -> None:
    assert n.ordinal_words(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2018, "twenty eighteen"),
        (2023, "twenty twenty-three"),
        (2010, "twenty ten"),
        (2000, "two thousand"),
        (2009, "two thousand and nine"),
        (1999, "nineteen ninety-nine"),
        (1900, "nineteen hundred"),
        (1905, "nineteen oh five"),
        (1066, "one thousand and sixty-six"),
    ],
)
def test_year_words(value: int, expected: str) -> None:
    assert n.year_words(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("999", "nine nine nine"),
        ("0800", "oh eight oh oh"),
        ("01-2", "oh one two"),
        ("", ""),
    ],
)
def test_digit_words(text: str, expected: str) -> None:
    assert n.digit_words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("See https://www.warwickshire-pcc.gov.uk/news/a-b/.", "See warwickshire dash pcc dot gov dot uk."),
        ("Visit www.surrey-pcc.gov.uk today", "Visit surrey dash pcc dot gov dot uk today"),
        ("http://example.org:8080/x?y=1", "example dot org"),
        ("online at crimestoppers-uk.org.", "online at crimestoppers dash uk dot org."),
        ("Email media@warwickshire-pcc.gov.uk", "Email media at warwickshire dash pcc dot gov dot uk"),
        ("first.last@opcc.police.uk", "first dot last at opcc dot police dot uk"),
        ("(see www.gov.uk)", "(see gov dot uk)"),
        ("no address here", "no address here"),
        ("version 1.2 released", "version 1.2 released"),
    ],
)
def test_spell_out_urls(text: str, expected: str) -> None:
    assert n.spell_out_urls(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call 101.", "Call one oh one."),
        ("call 999 in an emergency", "call nine nine nine in an emergency"),
        ("999 calls rose", "nine nine nine calls rose"),
        ("on 101 or online", "on one oh one or online"),
        ("Police on 101, quoting", "Police on one oh one, quoting"),
        ("call 101.", "call one oh one."),
        ("101,000 calls", "101,000 calls"),
        ("the 101 non-emergency number", "the one oh one non-emergency number"),
        ("recruited 101 new officers", "recruited 101 new officers"),
        ("dial 111", "dial one one one"),
        ("Crimestoppers on 0800 555 111.", "Crimestoppers on oh eight hundred, five five five, one one one."),
        ("on 01926 412322, or", "on oh one nine two six, four one two three two two, or"),
        ("ring 01785232385", "ring oh one seven eight five, two three two three eight five"),
        ("020 7946 0000", "oh two oh, seven nine four six, oh oh oh oh"),
        ("+44 1926 412322", "plus four four, one nine two six, four one two three two two"),
        ("budget of 350,000", "budget of 350,000"),
        ("in 2023 and 0.5", "in 2023 and 0.5"),
        ("0123", "0123"),
    ],
)
def test_spell_out_phone_numbers(text: str, expected: str) -> None:
    assert n.spell_out_phone_numbers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£5,000", "five thousand pounds"),
        ("£1.2m", "one point two million pounds"),
        ("£1.2 million", "one point two million pounds"),
        ("£350,000", "three hundred and fifty thousand pounds"),
        ("£5.6 million of savings", "five point six million pounds of savings"),
        ("£3bn", "three billion pounds"),
        ("£5k", "five thousand pounds"),
        ("£1", "one pound"),
        ("£15 a year", "fifteen pounds a year"),
        ("£5.50", "five pounds fifty"),
        ("£0.50", "fifty pence"),
        ("50p", "fifty pence"),
        ("1p", "one penny"),
        ("29p a week", "twenty-nine pence a week"),
        ("£5 more", "five pounds more"),
        ("from £3,500 to £25,000", "from three thousand five hundred pounds to twenty-five thousand pounds"),
        ("p50 and 5pm", "p50 and 5pm"),
    ],
)
def test_spell_out_money(text: str, expected: str) -> None:
    assert n.spell_out_money(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/01/2023", "the thirty-first of January twenty twenty-three"),
        ("1/2/2018", "the first of February twenty eighteen"),
        ("05.11.22", "the fifth of November twenty twenty-two"),
        ("22 March 2018", "the twenty-second of March twenty eighteen"),
        ("Thursday 22 March 2018", "Thursday the twenty-second of March twenty eighteen"),
        ("21st February 2018", "the twenty-first of February twenty eighteen"),
        ("on 12 May, he", "on the twelfth of May, he"),
        ("March 22, 2018", "March the twenty-second, twenty eighteen"),
        ("today (March 22)", "today (March the twenty-second)"),
        ("in March 2018", "in March 2018"),
        ("32/01/2023", "32/01/2023"),
        ("12/13/2023", "12/13/2023"),
        ("2023/24", "2023/24"),
    ],
)
def test_spell_out_dates(text: str, expected: str) -> None:
    assert n.spell_out_dates(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10am", "ten A M"),
        ("at 9.30pm", "at nine thirty P M"),
        ("at 9:05 a.m.", "at nine oh five A M"),
        ("2pm and 6pm", "two P M and six P M"),
        ("10am–4pm", "ten A M to four P M"),
        ("14:30", "fourteen thirty"),
        ("14:00", "fourteen hundred"),
        ("10:00", "ten o'clock"),
        ("09:05", "nine oh five"),
        ("13pm", "13pm"),
        ("25:00", "25:00"),
    ],
)
def test_spell_out_times(text: str, expected: str) -> None:
    assert n.spell_out_times(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3%", "three per cent"),
        ("up 2.5%", "up two point five per cent"),
        ("10 percent", "ten per cent"),
        ("10 per cent", "ten per cent"),
        ("1,200%", "one thousand two hundred per cent"),
        ("0.5%", "nought point five per cent"),
        ("no percentage", "no percentage"),
    ],
)
def test_spell_out_percentages(text: str, expected: str) -> None:
    assert n.spell_out_percentages(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023–24", "twenty twenty-three to twenty-four"),
        ("2023/24", "twenty twenty-three to twenty-four"),
        ("2023-2024", "twenty twenty-three to twenty twenty-four"),
        ("2009-10", "two thousand and nine to ten"),
        ("2008/09", "two thousand and eight to oh nine"),
        ("10–15 officers", "10 to 15 officers"),
        ("aged 10 – 15", "aged 10 to 15"),
        ("co-ordinated", "co-ordinated"),
        ("31/01/2023", "31/01/2023"),
    ],
)
def test_spell_out_ranges(text: str, expected: str) -> None:
    assert n.spell_out_ranges(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("21st", "twenty-first"),
        ("the 1st and 2nd", "the first and second"),
        ("3rd", "third"),
        ("102nd", "one hundred and second"),
        ("11th", "eleventh"),
        ("1stclass", "1stclass"),
    ],
)
def test_spell_out_ordinals(text: str, expected: str) -> None:
    assert n.spell_out_ordinals(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("since 2014", "since twenty fourteen"),
        ("in 2009", "in two thousand and nine"),
        ("in 1998.", "in nineteen ninety-eight."),
        ("1,998 people", "1,998 people"),
        ("12345", "12345"),
        ("1750", "1750"),
    ],
)
def test_spell_out_years(text: str, expected: str) -> None:
    assert n.spell_out_years(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("200 people", "two hundred people"),
        ("1,500 officers", "one thousand five hundred officers"),
        ("3.5 miles", "three point five miles"),
        ("0.25", "nought point two five"),
        ("12 months.", "twelve months."),
        ("007", "oh oh seven"),
        ("Band D", "Band D"),
        ("A1 road", "A1 road"),
    ],
)
def test_spell_out_numbers(text: str, expected: str) -> None:
    assert n.spell_out_numbers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MATTHEW SCOTT IS ELECTED PCC FOR KENT", "matthew scott is elected PCC for kent"),
        ("PCC visits Rugby", "PCC visits Rugby"),
        ("ENDS", "ENDS"),
        ("CCTV AND ASB", "CCTV and ASB"),
    ],
)
def test_calm_capitals(text: str, expected: str) -> None:
    assert n.calm_capitals(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The PCC and OPCC", "The P C C and O P C C"),
        ("PFCC Roger Hirst", "P F C C Roger Hirst"),
        ("PCSOs and a PCSO", "P C S Os and a P C S O"),
        ("tackling ASB", "tackling anti-social behaviour"),
        ("HMICFRS found", "H M I C F R S found"),
        ("new CCTV", "new C C T V"),
        ("DCI Smith", "Detective Chief Inspector Smith"),
        ("Supt. Jones said", "Superintendent Jones said"),
        ("Ch Supt Hedley", "Chief Superintendent Hedley"),
        ("Insp Kate Bateman", "Inspector Kate Bateman"),
        ("Cllr Smith", "Councillor Smith"),
        ("the local MP", "the local M P"),
        ("MPs", "M Ps"),
        ("e.g. CCTV", "for example C C T V"),
        ("DPCC Emma Sutton", "Deputy P C C Emma Sutton"),
        ("PCCA", "PCCA"),
        ("mpg", "mpg"),
        ("www.pcc.gov", "www.pcc.gov"),
    ],
)
def test_expand_abbreviations(text: str, expected: str) -> None:
    assert n.expand_abbreviations(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fire & Rescue", "Fire and Rescue"),
        ("Fire&Rescue", "Fire and Rescue"),
        ("Organisation | Project | Grant", "Organisation, Project, Grant"),
        ("  lots   of\nspace ", "lots of space"),
    ],
)
def test_replace_symbols(text: str, expected: str) -> None:
    assert n.replace_symbols(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£5,000 for PCSOs", "five thousand pounds for P C S Os"),
        ("Call 101 or 999.", "Call one oh one or nine nine nine."),
        (
            "Published Thursday 22 March 2018.",
            "Published Thursday the twenty-second of March twenty eighteen.",
        ),
        (
            "the 2023–24 budget rose 3.5%",
            "the twenty twenty-three to twenty-four budget rose three point five per cent",
        ),
        ("Open 10am–4pm", "Open ten A M to four P M"),
        ("on 31/01/2023 at 14:30", "on the thirty-first of January twenty twenty-three at fourteen thirty"),
        ("£1.2m for CCTV & ANPR", "one point two million pounds for C C T V and A N P R"),
        ("the 21st PCSO", "the twenty-first P C S O"),
        ("Fire & Rescue Services (HMICFRS)", "Fire and Rescue Services (H M I C F R S)"),
        ("170 officers since 2016", "one hundred and seventy officers since twenty sixteen"),
        ("", ""),
        ("Plain words stay plain.", "Plain words stay plain."),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert n.normalise(text) == expected
