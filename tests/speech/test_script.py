"""The speech script: structure, quote introductions, golden lists for the fixture pages, and laws."""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressreader.models import Article, Quote, Source
from pressreader.speech import SpeechOptions, speech_script
from pressreader.speech.normalise import normalise
from pressreader.speech.script import KINDS, Utterance, block_starts
from pressreader.speech.sentences import sentence_spans

FIXTURES = Path(__file__).parents[1] / "fixtures" / "pages"
GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("PRESSREADER_REGEN_GOLDEN") == "1"

WARWICKSHIRE = Source("Warwickshire Police and Crime Commissioner", "Warwickshire", "warwickshire-pcc.gov.uk")
SECCOMBE = ("Philip Seccombe", "Warwickshire Police and Crime Commissioner")


def kinds_and_text(script: list[Utterance]) -> list[tuple[str, str]]:
    return [(u.kind, u.text) for u in script]


def test_full_structure() -> None:
    article = Article(
        title="PCC responds to report",
        body=(
            "The report was published today.",
            "Responding, Warwickshire Police and Crime Commissioner Philip Seccombe said:",
            "“It is disappointing.",
            "“We will improve.”",
            "Officers welcomed the news.",
        ),
        date=datetime.date(2018, 3, 22),
        quotes=(Quote("It is disappointing.\nWe will improve.", *SECCOMBE, (2, 3)),),
        source=WARWICKSHIRE,
        notes=("Ends.", "Contact the OPCC.", "Notes to editors"),
    )
    assert kinds_and_text(speech_script(article)) == [
        ("announcement", "Press release from Warwickshire Police and Crime Commissioner."),
        ("title", "P C C responds to report"),
        ("date", "Published Thursday the twenty-second of March twenty eighteen."),
        ("paragraph", "The report was published today."),
        ("paragraph", "Responding, Warwickshire Police and Crime Commissioner Philip Seccombe said:"),
        ("quote", "“It is disappointing."),
        ("quote", "“We will improve.”"),
        ("quote_end", "End of quote."),
        ("paragraph", "Officers welcomed the news."),
        ("notes_intro", "Notes to editors."),
        ("notes", "Contact the O P C C."),
    ]


def test_display_text_is_untouched_and_located() -> None:
    article = Article("£5,000 for PCSOs", ("It cost £5,000. Call 101.",), date=datetime.date(2018, 3, 22))
    script = speech_script(article)
    assert [u.display for u in script] == [
        "£5,000 for PCSOs",
        "Published Thursday 22 March 2018.",
        "It cost £5,000.",
        "Call 101.",
    ]
    assert script[0].text == "five thousand pounds for P C S Os"
    assert (script[3].paragraph, script[3].sentence, script[3].start, script[3].end) == (0, 1, 16, 25)


QUOTE = "We will improve."


@pytest.mark.parametrize(
    ("previous", "paragraph", "speaker", "role", "intro"),
    [
        # the previous paragraph says who, with a verb: no introduction
        ("Commissioner Philip Seccombe said:", "“We will improve.”", *SECCOMBE, None),
        ("Mr Seccombe added:", "“We will improve.”", *SECCOMBE, None),
        # the quote's own paragraph says who
        ("Background.", "Mr Seccombe said: “We will improve.”", *SECCOMBE, None),
        ("Background.", "“We will improve,” said Philip Seccombe.", *SECCOMBE, None),
        ("Background.", "Philip Seccombe welcomed it: “We will improve.”", *SECCOMBE, None),
        ("Background.", "Philip said: “We will improve.”", *SECCOMBE, None),
        # no name, or a name without a verb: introduce
        (
            "He said:",
            "“We will improve.”",
            *SECCOMBE,
            "Philip Seccombe, Warwickshire Police and Crime Commissioner, said:",
        ),
        (
            "Mr Seccombe visited.",
            "“We will improve.”",
            *SECCOMBE,
            "Philip Seccombe, Warwickshire Police and Crime Commissioner, said:",
        ),
        ("The Commissioner explained:", "“We will improve.”", "Jane Doe", None, "Jane Doe said:"),
        ("Background.", "“We will improve.”", None, None, "Quote:"),
    ],
)
def test_quote_introduction(
    previous: str, paragraph: str, speaker: str | None, role: str | None, intro: str | None
) -> None:
    article = Article("Title", (previous, paragraph), quotes=(Quote(QUOTE, speaker, role, (1,)),))
    intros = [u.display for u in speech_script(article) if u.kind == "quote_intro"]
    assert intros == ([intro] if intro else [])


def test_multi_paragraph_quote_has_one_intro_and_one_end() -> None:
    body = ("Background.", "“One.", "“Two.", "“Three.”", "After.")
    article = Article("Title", body, quotes=(Quote("One.\nTwo.\nThree.", *SECCOMBE, (1, 2, 3)),))
    kinds = [u.kind for u in speech_script(article)]
    assert kinds == ["title", "paragraph", "quote_intro", "quote", "quote", "quote", "quote_end", "paragraph"]


def test_quote_interrupted_by_narration_is_closed_and_reopened() -> None:
    body = ("Mr Scott said:", "'One.", "Mr Scott added:", "'Two.'")
    article = Article("Title", body, quotes=(Quote("One.\nTwo.", "Matthew Scott", "PCC", (1, 3)),))
    kinds = [u.kind for u in speech_script(article)]
    assert kinds == ["title", "paragraph", "quote", "quote_end", "paragraph", "quote", "quote_end"]


def test_adjacent_quotes_by_different_speakers() -> None:
    body = ("“One.”", "“Two.”")
    quotes = (Quote("One.", "Ann Able", None, (0,)), Quote("Two.", "Bob Baker", "Mayor", (1,)))
    script = speech_script(Article("Title", body, quotes=quotes))
    assert kinds_and_text(script)[1:] == [
        ("quote_intro", "Ann Able said:"),
        ("quote", "“One.”"),
        ("quote_end", "End of quote."),
        ("quote_intro", "Bob Baker, Mayor, said:"),
        ("quote", "“Two.”"),
        ("quote_end", "End of quote."),
    ]


def test_wording_is_configurable_and_notes_can_be_skipped() -> None:
    options = SpeechOptions(
        announcement="From {source}.",
        published="Date: {date}.",
        quote_intro="Quote from {speaker}, {role}.",
        quote_end="Unquote.",
        notes_intro="Notes.",
        include_notes=False,
    )
    article = Article(
        "T",
        ("“Hi.”",),
        date=datetime.date(2024, 1, 1),
        quotes=(Quote("Hi.", "Ann Able", "PCC", (0,)),),
        source=WARWICKSHIRE,
        notes=("A note.",),
    )
    assert [u.display for u in speech_script(article, options)] == [
        "From Warwickshire Police and Crime Commissioner.",
        "T",
        "Date: Monday 1 January 2024.",
        "Quote from Ann Able, PCC.",
        "“Hi.”",
        "Unquote.",
    ]


def test_quotes_without_paragraphs_or_out_of_range_are_not_spoken_separately() -> None:
    quotes = (Quote("Lost.", "Ann Able", None, ()), Quote("Bad.", "Bob Baker", None, (7,)))
    script = speech_script(Article("T", ("Body.",), quotes=quotes))
    assert kinds_and_text(script) == [("title", "T"), ("paragraph", "Body.")]


def test_empty_and_symbol_only_paragraphs_are_skipped() -> None:
    script = speech_script(Article("T", ("", "* * *", "Real.")))
    assert [(u.paragraph, u.display) for u in script if u.kind == "paragraph"] == [(2, "Real.")]


def test_other_languages_are_not_normalised_as_english() -> None:
    article = Article("Einbruch", ("Schaden: 15.000 Euro.",), language="de")
    assert [u.text for u in speech_script(article)] == ["Einbruch", "Schaden: 15.000 Euro."]


def test_block_starts() -> None:
    script = speech_script(Article("T", ("One. Two.", "Three.")))
    assert block_starts(script) == [0, 1, 3]


# --- golden lists for the fixture pages ---------------------------------------------------

FIXTURE_FILES = sorted(FIXTURES.glob("*/*.json"))


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden_script(fixture: Path) -> None:
    """The utterances for each fixture article; regenerate with PRESSREADER_REGEN_GOLDEN=1."""
    article = Article.from_json(fixture.read_text(encoding="utf-8"))
    actual = [dataclasses.asdict(u) for u in speech_script(article)]
    golden = GOLDEN / fixture.parent.name / fixture.name
    if REGEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if not golden.exists():
        pytest.fail(f"no golden script for {fixture.name}: run with PRESSREADER_REGEN_GOLDEN=1 and review it")
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


def test_there_are_fixtures() -> None:
    assert FIXTURE_FILES, "tests/fixtures/pages/*/*.json should hold fixture articles"


# --- laws ------------------------------------------------------------------------------------

WORDS = st.sampled_from(["PCC", "£5,000", "Supt.", "Jones", "said", "101", "2023–24", "the", "force", "e.g.", "&"])
SENTENCE = st.lists(WORDS, min_size=1, max_size=6).map(lambda ws: " ".join(ws) + st_end())


def st_end() -> str:
    return "."


PARAGRAPH = st.lists(SENTENCE, min_size=0, max_size=3).map(" ".join)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    body = tuple(draw(st.lists(PARAGRAPH, min_size=1, max_size=8)))
    quotes = []
    for _ in range(draw(st.integers(0, 3))):
        indices = sorted(draw(st.sets(st.integers(-1, len(body)), max_size=4)))
        speaker = draw(st.sampled_from([None, "Ann Jones", "Bob Baker"]))
        role = draw(st.sampled_from([None, "PCC"]))
        quotes.append(Quote("words", speaker, role, tuple(indices)))
    notes = tuple(draw(st.lists(PARAGRAPH, max_size=2)))
    source = draw(st.sampled_from([None, WARWICKSHIRE]))
    return Article(draw(PARAGRAPH) or "Title", body, quotes=tuple(quotes), notes=notes, source=source)


@settings(max_examples=300, deadline=None)
@given(articles())
def test_every_paragraph_and_quote_spoken_once_in_order(article: Article) -> None:
    script = speech_script(article)
    assert all(u.kind in KINDS and u.text.strip() for u in script)
    body = [u for u in script if u.kind in ("paragraph", "quote")]
    # every sentence of every body paragraph, exactly once, in order, with its display located
    expected = [
        (p, s, article.body[p][a:b])
        for p in range(len(article.body))
        for s, (a, b) in enumerate(sentence_spans(article.body[p]))
        if re.search(r"\w", normalise(article.body[p][a:b]))
    ]
    assert [(u.paragraph, u.sentence, u.display) for u in body] == expected
    assert all(article.body[u.paragraph][u.start : u.end] == u.display for u in body if u.paragraph is not None)
    # every paragraph of a quote is spoken as a quote; every quote run is closed exactly once
    owner: dict[int, Quote] = {}
    spoken = {u.paragraph for u in body}
    for q in article.quotes:
        for i in q.paragraphs:
            if 0 <= i < len(article.body) and i in spoken:
                owner.setdefault(i, q)
    assert all((u.kind == "quote") == (u.paragraph in owner) for u in body)
    inside = False
    for u in script:
        if u.kind == "quote_intro":
            assert not inside
        if u.kind == "quote":
            inside = True
        if u.kind == "quote_end":
            assert inside
            inside = False
        if u.kind == "paragraph" or u.kind.startswith("notes"):
            assert not inside
    assert not inside
