"""Spoken text back to displayed text: table tests of :mod:`pressreader.speech.align` and word_spans."""

from __future__ import annotations

import itertools
import re

import pytest

from pressreader.speech.align import align
from pressreader.speech.espeak import TimedSpan
from pressreader.speech.normalise import normalise
from pressreader.speech.timing import word_spans

# display, spoken word, the displayed text it comes from
TABLE = [
    # money
    ("The PCC gave £5,000 to them.", "five", "£5,000"),
    ("The PCC gave £5,000 to them.", "pounds", "£5,000"),
    ("A £1.2m fund and 50p.", "million", "£1.2m"),
    ("A £1.2m fund and 50p.", "pence", "50p"),
    # dates
    ("On 31/01/2023 we met.", "January", "31/01/2023"),
    ("On 31/01/2023 we met.", "met", "met"),
    ("From 22 March 2018 on.", "twenty-second", "22"),
    ("From 22 March 2018 on.", "March", "March"),
    ("From 22 March 2018 on.", "eighteen", "2018"),
    ("It opens on March 22, 2018.", "twenty-second", "22"),
    # telephone numbers
    ("Call 0800 555 111 today.", "eight", "0800 555 111"),
    ("Call 0800 555 111 today.", "today", "today"),
    ("Always call 999 in an emergency.", "nine", "999"),
    ("Report it on 101.", "oh", "101"),
    # abbreviations
    ("Supt. Jones met Cllr Smith.", "Superintendent", "Supt."),  # the dot is said as part of it
    ("Supt. Jones met Cllr Smith.", "Councillor", "Cllr"),
    ("ASB patrols with PCSOs.", "behaviour", "ASB"),
    ("ASB patrols with PCSOs.", "patrols", "patrols"),
    ("Fire & Rescue", "and", "&"),
    # URLs and e-mail
    ("See https://www.kent-pcc.gov.uk/news/a-b/ now.", "dash", "https://www.kent-pcc.gov.uk/news/a-b"),
    ("See https://www.kent-pcc.gov.uk/news/a-b/ now.", "now", "now"),
    ("Email info@kent-pcc.gov.uk today.", "at", "info@kent-pcc.gov.uk"),
    # times, percentages, ranges, ordinals, capitals
    ("Open 9.30am to 2pm.", "thirty", "9.30am"),
    ("Up 2.5% on last year.", "cent", "2.5%"),
    ("In 2023–24 we spent more.", "twenty-four", "2023–24"),
    ("The 21st officer.", "twenty-first", "21st"),
    ("MATTHEW SCOTT IS ELECTED PCC FOR KENT", "scott", "SCOTT"),
]


def _spoken_words(text: str) -> list[TimedSpan]:
    """Every spoken word with a made-up time: one second each."""
    return [
        TimedSpan(m.start(), len(m.group()), m.group(), float(n), float(n + 1))
        for n, m in enumerate(re.finditer(r"[^\s,.;:]+", text))
    ]


@pytest.mark.parametrize(("display", "spoken_word", "shown"), TABLE)
def test_a_spoken_word_is_highlighted_as_the_displayed_word(display: str, spoken_word: str, shown: str) -> None:
    spoken = normalise(display)
    assert align(display).spoken == spoken
    words = word_spans(display, spoken, _spoken_words(spoken))
    heard = next(w for w in _spoken_words(spoken) if w.text == spoken_word)
    at = next(w for w in words if w.start <= heard.start < w.end)
    assert at.text == shown
    assert display[at.offset : at.stop] == shown


@pytest.mark.parametrize("display", sorted({row[0] for row in TABLE}))
def test_displayed_words_are_in_order_with_monotonic_times(display: str) -> None:
    spoken = normalise(display)
    words = word_spans(display, spoken, _spoken_words(spoken), base=10)
    assert words
    assert [w.offset for w in words] == sorted(w.offset for w in words)
    for before, after in itertools.pairwise(words):
        assert before.stop <= after.offset
        assert before.start <= before.end <= after.start
    for w in words:
        assert display[w.offset - 10 : w.stop - 10] == w.text


def test_every_spoken_character_has_a_display_span() -> None:
    display = "The PCC gave £5,000 on 21/05/2024; call 0800 555 111."
    a = align(display)
    assert len(a.spans) == len(a.spoken)
    assert all(0 <= s <= e <= len(display) for s, e in a.spans)


def test_text_that_is_not_the_normalisers_output_is_compared_directly() -> None:
    a = align("Grüße  aus   Kiel", "Grüße aus Kiel")
    assert a.spoken == "Grüße aus Kiel"
    assert a.display_span(6, 9) == (7, 10)


def test_empty_text() -> None:
    a = align("")
    assert (a.spoken, a.display_span(0, 0)) == ("", (0, 0))
    assert word_spans("", "", []) == ()
