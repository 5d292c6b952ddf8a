"""Table tests for sentence splitting."""

from __future__ import annotations

import pytest

from pressreader.speech.sentences import sentence_spans, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("Supt. Jones said it was good. Then he left.", ["Supt. Jones said it was good.", "Then he left."]),
        ("Mr. Smith and Mrs. Jones met Dr. Who.", ["Mr. Smith and Mrs. Jones met Dr. Who."]),
        ("Insp. Kate Bateman and Cllr. Brown agreed.", ["Insp. Kate Bateman and Cllr. Brown agreed."]),
        ("Some areas, e.g. Rugby, improved.", ["Some areas, e.g. Rugby, improved."]),
        ("Areas e.g. Rugby. Next one.", ["Areas e.g. Rugby.", "Next one."]),
        ("J. R. Smith spoke. It ended.", ["J. R. Smith spoke.", "It ended."]),
        ("It rose 2.5 per cent. Good.", ["It rose 2.5 per cent.", "Good."]),
        ("It cost £1.5m. Nobody minded.", ["It cost £1.5m.", "Nobody minded."]),
        ("Why? Because! Yes.", ["Why?", "Because!", "Yes."]),
        ("He said: “It is good.” Then he left.", ["He said: “It is good.”", "Then he left."]),
        ("'Done.' She smiled.", ["'Done.'", "She smiled."]),
        ("It ended at 5 p.m. The next day came.", ["It ended at 5 p.m.", "The next day came."]),
        ("Wait... Then go.", ["Wait...", "Then go."]),
        ("See www.gov.uk for more.", ["See www.gov.uk for more."]),
        ("1. HMICFRS assesses forces.", ["1. HMICFRS assesses forces."]),
        ("ends with no stop", ["ends with no stop"]),
        ("lower. case next", ["lower. case next"]),
        ("  padded.   Spaces.  ", ["padded.", "Spaces."]),
        ("", []),
        ("   ", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    ["One. Two.", "Supt. Jones said: “Yes.” He left!  Fine?", "  x  ", "A. B. C. D."],
)
def test_spans_point_into_the_text(text: str) -> None:
    spans = sentence_spans(text)
    assert all(text[a:b] == text[a:b].strip() and a < b for a, b in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
    assert "".join(text[a:b] for a, b in spans).replace(" ", "") == text.replace(" ", "")
