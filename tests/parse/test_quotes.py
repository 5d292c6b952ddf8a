"""Table tests for extract_quotes: every pattern in shared/pcc/README.md and every rule of the
"Quotes" section of docs/dev/parsing-rules.md, hostile inputs, and a property test."""

from __future__ import annotations

import pathlib
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressreader.errors import ParseError, PressreaderError
from pressreader.models import Quote
from pressreader.parse.quotes import extract_quotes

SEED = pathlib.Path("/work/shared/seed/warwickshire-pcc-inspection-report-2018.txt")

SECCOMBE = ("Philip Seccombe", "Warwickshire Police and Crime Commissioner")
MCGUINNESS = ("Kim McGuinness", "Northumbria Police and Crime Commissioner")
SCOTT = ("Matthew Scott", "Kent Police and Crime Commissioner")
TOWNSEND = ("Lisa Townsend", "Police and Crime Commissioner for Surrey")
SECCOMBE_PCC = ("Philip Seccombe", "Police and Crime Commissioner")


def q(text: str, who: tuple[str | None, str | None], *paragraphs: int) -> Quote:
    return Quote(text, who[0], who[1], paragraphs)


CASES: list[tuple[str, list[str] | str, list[Quote]]] = [
    # --- README pattern: lead-in with role + name, then a multi-paragraph quote (rules 3, 6, 7, 10)
    ("lead-in then multi-paragraph", [
        "Responding to the report, Warwickshire Police and Crime Commissioner Philip Seccombe said:",
        "“It is obviously disappointing that this latest report has a ‘requires improvement’ finding.",
        "“The report is not all bad news, however.",
        "“I will continue to press for improvement.”",
     ], [q("It is obviously disappointing that this latest report has a ‘requires improvement’ finding.\n"
           "The report is not all bad news, however.\nI will continue to press for improvement.",
           SECCOMBE, 1, 2, 3)]),
    # --- inline after a colon, speaker named earlier by surname (rule 6)
    ("inline after colon", [
        "Warwickshire Police and Crime Commissioner Philip Seccombe welcomed the report.",
        "Commenting on the report, Mr Seccombe said: “Clearly there is still work to do.”",
     ], [q("Clearly there is still work to do.", SECCOMBE, 1)]),
    # --- said, with a comma
    ("said with comma", ["Commissioner Jones said, “Since being elected I have listened to residents.”"],
     [q("Since being elected I have listened to residents.", ("Jones", "Commissioner"), 0)]),
    # --- straight single quotes, multi-paragraph, then "added:"
    ("straight singles then added", [
        "Kent PCC Matthew Scott spoke at the count.",
        "Mr Scott said:",
        "'I have been tremendously impressed by the officers I have met.",
        "'They do a difficult job in difficult circumstances.'",
        "Mr Scott added:",
        "'We will keep going until the job is done.'",
     ], [q("I have been tremendously impressed by the officers I have met.\n"
           "They do a difficult job in difficult circumstances.", SCOTT, 2, 3),
         q("We will keep going until the job is done.", SCOTT, 5)]),
    ("office given by a verb earlier", [
        "Matthew Scott has been elected as the Police and Crime Commissioner for Kent and Medway.",
        "Mr Scott was declared the winner after second preference votes were counted.",
        "Mr Scott said:",
        "'I'm clear that the priorities for policing should be set by the people of this county.'",
     ], [q("I'm clear that the priorities for policing should be set by the people of this county.",
           ("Matthew Scott", "Police and Crime Commissioner for Kent and Medway"), 3)]),
    # --- curly single quotes, multi-paragraph, pronoun lead-in
    ("curly singles with He said", [
        "MATTHEW SCOTT IS ELECTED PCC FOR KENT: Kent PCC Matthew Scott was re-elected on Friday.",
        "He said:",
        "‘I am honoured to serve the people of Kent again.",
        "‘Thank you to everyone who voted.’",
     ], [q("I am honoured to serve the people of Kent again.\nThank you to everyone who voted.",
           SCOTT, 2, 3)]),
    # --- quote first, attribution after: the comma before the closing mark is dropped (rule 2)
    ("quote first", ["“As your Police and Crime Commissioner, I am responsible for the police budget,” "
                     "said Giles Orpen-Smellie."],
     [q("As your Police and Crime Commissioner, I am responsible for the police budget",
        ("Giles Orpen-Smellie", None), 0)]),
    ("quote first, other final punctuation stays",
     ["“Is this the best we can do?” asked Giles Orpen-Smellie."],
     [q("Is this the best we can do?", ("Giles Orpen-Smellie", None), 0)]),
    # --- first name only, later in the release
    ("first name later", [
        "Lisa Townsend, Police and Crime Commissioner for Surrey, visited Guildford.",
        "Lisa said: “It was great to meet the team today.”",
     ], [q("It was great to meet the team today.", TOWNSEND, 1)]),
    # --- name with commas around the role; several names of one person
    ("commas around role, later references", [
        "Northumbria Police and Crime Commissioner, Kim McGuinness, said: “This is a great day for us.”",
        "Ms McGuinness added: “We have worked hard for this.”",
        "The Commissioner said: “Thank you all very much for your support.”",
        "Kim commented: “Our communities deserve nothing less.”",
     ], [q("This is a great day for us.", MCGUINNESS, 0),
         q("We have worked hard for this.", MCGUINNESS, 1),
         q("Thank you all very much for your support.", MCGUINNESS, 2),
         q("Our communities deserve nothing less.", MCGUINNESS, 3)]),
    ("PFCC role with commas", [
        "Roger Hirst, Police, Fire and Crime Commissioner said: “Essex is a safer place than it was.”"],
     [q("Essex is a safer place than it was.", ("Roger Hirst", "Police, Fire and Crime Commissioner"), 0)]),
    # --- the longest role seen anywhere in the release, even after the quote (rule 7)
    ("longest role anywhere", [
        "Kim McGuinness said: “We are delighted with this funding.”",
        "Northumbria Police and Crime Commissioner Kim McGuinness will visit the area next week.",
     ], [q("We are delighted with this funding.", MCGUINNESS, 0)]),
    # --- other verbs
    ("explained", ["Mr Scott explained: “The money will go to the front line.”"],
     [q("The money will go to the front line.", ("Scott", None), 0)]),
    ("highlighted that, then a whole-paragraph quote", [
        "PCC Evison highlighted that the force had improved.",
        "“In Humberside, I haven't waited for the government to act.”",
     ], [q("In Humberside, I haven't waited for the government to act.",
           ("Evison", "Police and Crime Commissioner"), 1)]),
    ("went on to say", ["Jane Doe went on to say: “The service must improve for victims.”"],
     [q("The service must improve for victims.", ("Jane Doe", None), 0)]),
    # --- no colon, mixed straight and curly marks
    ("mixed marks", ["Kim McGuinness visited the project.",
                     "She said “everybody accepts that we need more officers\" and left."],
     [q("everybody accepts that we need more officers", ("Kim McGuinness", None), 1)]),
    # --- several speakers, relative clause not in the role
    ("several speakers", [
        "The PCC, Philip Seccombe, said: “We are delighted with the result of this operation.”",
        "Detective Inspector James Ansell, who co-ordinated the operation, said:",
        "“This was a complex investigation lasting months.”",
        "He added: “I thank the public for their help.”",
     ], [q("We are delighted with the result of this operation.",
           ("Philip Seccombe", "Police and Crime Commissioner"), 0),
         q("This was a complex investigation lasting months.", ("James Ansell", "Detective Inspector"), 2),
         q("I thank the public for their help.", ("James Ansell", "Detective Inspector"), 3)]),
    ("lower-case role written after the name", [
        "Sophie Hart, chief executive of the Surrey Rape and Sexual Abuse Support Centre, welcomed the "
        "announcement: “Prevention work in schools is vital, and we are delighted to be part of it.”"],
     [q("Prevention work in schools is vital, and we are delighted to be part of it.",
        ("Sophie Hart", "chief executive of the Surrey Rape and Sexual Abuse Support Centre"), 0)]),
    # --- several segments by one speaker in one paragraph are one quote (rule 4)
    ("interrupted segments",
     ["“We will not stand still,” said Giles Orpen-Smellie. “We will keep improving.”"],
     [q("We will not stand still We will keep improving.", ("Giles Orpen-Smellie", None), 0)]),
    ("interrupted by he added", [
        "Kent PCC Matthew Scott opened the station.",
        "“This is a good day for Dover,” he said. “Officers will be here every day,” he added.",
     ], [q("This is a good day for Dover Officers will be here every day", SCOTT, 1)]),
    # --- nested quotes of the other kind stay verbatim; apostrophes are not quote marks (rules 1, 2)
    ("nested and apostrophes", [
        "Mr Scott said: 'The officers' work hasn't gone unnoticed by the force’s leaders.'"],
     [q("The officers' work hasn't gone unnoticed by the force’s leaders.", ("Scott", None), 0)]),
    ("elided year is not a quote mark", ["Kim McGuinness said: ‘Back in the ’90s we had more officers.’"],
     [q("Back in the ’90s we had more officers.", ("Kim McGuinness", None), 0)]),
    ("plural apostrophe inside single quotes", [
        "Kim McGuinness said: ‘We must listen to victims’ and act on what they tell us.’"],
     [q("We must listen to victims’ and act on what they tell us.", ("Kim McGuinness", None), 0)]),
    ("closing single after s before said", ["‘We owe it to the victims’ said Kim McGuinness."],
     [q("We owe it to the victims", ("Kim McGuinness", None), 0)]),
    ("nested doubles inside singles", ["Mr Scott said: 'They called it \"a turning point\" for Kent.'"],
     [q("They called it \"a turning point\" for Kent.", ("Scott", None), 0)]),
    # --- scare quotes and titles are not quotes (rule 5)
    ("scare quotes", ["The force was rated ‘good’ by the inspectors.",
                      "Inspectors described it as ‘active, influential and has proven successful’."], []),
    ("short segment not next to its verb", ["He said the force was ‘good’ at keeping people safe."], []),
    ("title in quotes", ["The PCC launched the ‘Safer Streets for Everyone’ campaign today."], []),
    ("short title before a far verb", ["The PCC will speak at ‘Safer Streets Day’ next week, she said."], []),
    ("lead-in with role, area and name in commas", [
        "Speaking at the meeting, the Police and Crime Commissioner for Dorset, David Sidwick, said: "
        "“Rural crime matters to everyone here.”"],
     [q("Rural crime matters to everyone here.", ("David Sidwick", "Police and Crime Commissioner for Dorset"),
        0)]),
    ("short quote with attribution is a quote", ["“Thank you,” said Kim McGuinness."],
     [q("Thank you", ("Kim McGuinness", None), 0)]),
    ("unnamed speaker is None, not guessed", [
        "A Warwickshire Police spokesperson said: “We are aware of the incident and enquiries continue.”"],
     [q("We are aware of the incident and enquiries continue.", (None, None), 0)]),
    ("pronoun with nobody named", ["He said: “We are aware of the incident and enquiries continue.”"],
     [q("We are aware of the incident and enquiries continue.", (None, None), 0)]),
    ("office never named: role kept, speaker None", [
        "The Policing Minister told MPs last month: “Neighbourhood policing is the bedrock of the model.”"],
     [q("Neighbourhood policing is the bedrock of the model.", (None, "Policing Minister"), 0)]),
    ("office with an organisation word in it", [
        "Cleveland Police Authority Chief Executive Martin Hale has been confirmed in post.",
        "Mr Hale, who has been acting Chief Executive since last summer, will lead the staff.",
        "He said:",
        "‘I am honoured to have been given the opportunity to lead the authority’s staff.",
        "‘My priority is to make sure that the people of Cleveland receive a good service.’",
     ], [q("I am honoured to have been given the opportunity to lead the authority’s staff.\n"
           "My priority is to make sure that the people of Cleveland receive a good service.",
           ("Martin Hale", "Cleveland Police Authority Chief Executive"), 3, 4)]),
    ("short quoted line after a name is a title", ["Kim McGuinness opened it.", "‘Safer Streets’"], []),
    ("whole paragraph with no speaker anywhere: speech, speaker unknown", [
        "The report was published today.", "“It is a fair report of the work done in this county.”"],
     [q("It is a fair report of the work done in this county.", (None, None), 1)]),
    ("unattributed speech after a named person is theirs", [
        "Kim McGuinness visited the station.", "“The officers here do remarkable work every day.”"],
     [q("The officers here do remarkable work every day.", ("Kim McGuinness", None), 1)]),
    ("unattributed title case and single quotes are not speech", [
        "The scheme, “Safer Streets For Everyone Now”, began.", "It was rated ‘good in most areas of work’."],
     []),
    # --- multi-paragraph convention: a closed paragraph does not continue (rule 3)
    ("closed paragraphs are separate quotes", [
        "Kim McGuinness said:", "“First paragraph of what she said.”", "“Second paragraph of it.”"],
     [q("First paragraph of what she said.", ("Kim McGuinness", None), 1),
      q("Second paragraph of it.", ("Kim McGuinness", None), 2)]),
    ("inline opening that continues", [
        "Kim McGuinness said: “We asked residents what mattered to them.", "“They told us: safer streets.”"],
     [q("We asked residents what mattered to them.\nThey told us: safer streets.",
        ("Kim McGuinness", None), 0, 1)]),
    ("attribution first, then a second segment that runs on", [
        "“We are pleased,” said Kim McGuinness. “The money will go to projects",
        "“in every part of Northumbria.”",
     ], [q("We are pleased The money will go to projects\nin every part of Northumbria.",
           ("Kim McGuinness", None), 0, 1)]),
    # --- broken sources: an unclosed mark ends with its paragraph (rule 9)
    ("unclosed, next paragraph not quoted", [
        "The PCC, Philip Seccombe, said: “We are pleased with the result of this.",
        "The force will now review its processes.",
        "“A new quote that is attributed to him,” said Mr Seccombe.",
     ], [q("We are pleased with the result of this.", SECCOMBE_PCC, 0),
         q("A new quote that is attributed to him", SECCOMBE_PCC, 2)]),
    ("stray mark mid-paragraph never swallows the rest", [
        "Mr Seccombe said the force “ had improved a lot over the year.",
        "“The next paragraph is its own quote,” said Mr Seccombe.",
     ], [q("had improved a lot over the year.", ("Seccombe", None), 0),
         q("The next paragraph is its own quote", ("Seccombe", None), 1)]),
    ("stray closing mark", ["The force said it was pleased.” Nothing more was said."], []),
    # --- signed statement (rule 8)
    ("signed statement", [
        "I am writing to all residents about the precept for next year.",
        "Please respond to the survey before the end of the month.",
        "Lisa Townsend",
        "Police and Crime Commissioner for Surrey",
     ], [q("I am writing to all residents about the precept for next year.\n"
           "Please respond to the survey before the end of the month.", TOWNSEND, 0, 1)]),
    ("signature but quotes elsewhere: not a signed statement", [
        "Lisa Townsend said: “Please respond to the survey before the end of the month.”",
        "Lisa Townsend",
        "Police and Crime Commissioner for Surrey",
     ], [q("Please respond to the survey before the end of the month.", TOWNSEND, 0)]),
    ("no signature, no quotes", ["Dorset's PCC writes a monthly column.", "This month: rural crime."], []),
    # --- text input: split on blank lines, else on single newlines
    ("string with blank lines", "Kim McGuinness said:\n\n“We asked residents.\n\n“They answered.”",
     [q("We asked residents.\nThey answered.", ("Kim McGuinness", None), 1, 2)]),
    ("string with single newlines", "Kim McGuinness said:\n“We asked residents.\n“They answered.”",
     [q("We asked residents.\nThey answered.", ("Kim McGuinness", None), 1, 2)]),
    # --- rule 7 reaches past the last quote: a later mention still gives the fuller role, so
    # mentions cannot be skipped once the quotes have been read
    ("role from a mention after the quote", [
        "“We will act now on this,” said Kim Jones.",
        "Kent Police and Crime Commissioner Kim Jones visited Dover.",
     ], [q("We will act now on this", ("Kim Jones", "Kent Police and Crime Commissioner"), 0)]),
    # --- after the last quote, reading stops at the last paragraph naming a speaker: these cases
    # pin down what must still be read (the completed name's new word counts; so does the line
    # before a signature; a narrative paragraph in between is read too)
    ("name completed after the quote, then a role by first name", [
        "“We will keep going with this work,” said Commissioner Jones.",
        "The scheme opened in May.",
        "Kim Jones visited the town.",
        "The scheme closes in June.",
        "Kim, the Deputy Police and Crime Commissioner for Kent, said more.",
     ], [q("We will keep going with this work",
           ("Kim Jones", "Deputy Police and Crime Commissioner for Kent"), 0)]),
    ("surname speaker completed by a later full name", [
        "“We will keep going with this work,” said Mr Jones.",
        "Other news.",
        "Alan Jones, Chief Constable of Kent Police, attended.",
     ], [q("We will keep going with this work", ("Alan Jones", "Chief Constable of Kent Police"), 0)]),
    ("later name matched case-insensitively, capital final sigma", [
        "“We will keep going with this work,” said Mr ΚώσταΣ.",
        "Other news.",
        "It was said Chief Constable ΚώσταΣ:s team.",
     ], [q("We will keep going with this work", ("ΚώσταΣ", "Chief Constable"), 0)]),
    # "The Commissioner said …" names nobody by name, yet it makes "Mr Jones" mean Kim Jones
    # again (not Alan Jones): a paragraph without a speaker's name can still decide the role
    ("an office reference between two later names", [
        "“We will keep going with this work,” said Kent PCC Kim Jones.",
        "Alan Jones, a local farmer, attended.",
        "The Commissioner said the scheme would grow.",
        "Mr Jones, Police and Crime Commissioner for Kent and Medway, met staff.",
     ], [q("We will keep going with this work", ("Kim Jones", "Police and Crime Commissioner for Kent"), 0)]),
    # "he" skips Kim Jones only because "Mrs Jones", two paragraphs back, made her female: a lazy
    # backward search for "the most recent mention" must still know every earlier mention's gender
    ("a pronoun decided by a gender given paragraphs earlier", [
        "Mr Lee opened the day.",
        "Mrs Jones met officers.",
        "Kim Jones, the Commissioner, spoke to staff.",
        "“We are proud of this work,” he said.",
     ], [q("We are proud of this work", ("Lee", None), 3)]),
    ("later paragraphs naming nobody quoted", [
        "“We will keep going with this work,” said Kim Jones.",
        "Alan Lee, Chief Constable of Kent Police, attended.",
        "He said the scheme would grow.",
     ], [q("We will keep going with this work", ("Kim Jones", None), 0)]),
    ("a known surname on its own brings its person back for a pronoun", [
        "Kim Lee met Ann Jones of the Safer Streets Partnership.",
        "Lee later visited the school. “We are proud of the work done here,” she said.",
     ], [q("We are proud of the work done here", ("Kim Lee", None), 1)]),
    ("an initial is part of the name", [
        "“The scheme will be providing help,” said Ann B. Lee of the Safer Streets Partnership.",
        "Councillor James A. Baker was there. “It is a good day for all of us,” he said.",
     ], [q("The scheme will be providing help", ("Ann B. Lee", None), 0),
         q("It is a good day for all of us", ("James A. Baker", "Councillor"), 1)]),
    ("a sentence between two quotes of one speaker makes two quotes", [
        "“We cannot stand still on road safety,” Kim Lee told the meeting in Rugby. Drivers who think "
        "“the limits do not apply to them are wrong,” she said.",
     ], [q("We cannot stand still on road safety", ("Kim Lee", None), 0),
         q("the limits do not apply to them are wrong", ("Kim Lee", None), 0)]),
    ("a short stretch after the attribution's sentence goes on the quote", [
        "“It is taxing on the force’s resources,” Kim Lee said. “Big time.” The force agreed.",
     ], [q("It is taxing on the force’s resources Big time.", ("Kim Lee", None), 0)]),
    ("a stretch right after another, with nothing between, goes on it", [
        "Residents told the meeting: nothing changes. “We have asked for years and years now,” “No more.”",
     ], [q("We have asked for years and years now, No more.", (None, None), 0)]),
    # --- edge cases
    ("empty list", [], []),
    ("empty string", "", []),
    ("only marks", ["“”‘’\"'", "“", "’"], []),
]


@pytest.mark.parametrize(("paragraphs", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_extract_quotes(paragraphs: list[str] | str, expected: list[Quote]) -> None:
    # The table states text, speaker, role and paragraphs; spans have tests of their own below.
    assert [replace(quote, spans=()) for quote in extract_quotes(paragraphs)] == expected
    _assert_spans_hold_the_text(paragraphs, extract_quotes(paragraphs))


def _assert_spans_hold_the_text(paragraphs: list[str] | str, quotes: list[Quote]) -> None:
    """Each quote's spans cut its text out of the text the offsets count in."""
    source = paragraphs if isinstance(paragraphs, str) else "\n\n".join(paragraphs)
    for quote in quotes:
        assert quote.spans, quote
        assert all(0 <= a < b <= len(source) for a, b in quote.spans)
        assert list(quote.spans) == sorted(quote.spans)
        pieces = [" ".join(source[a:b].split()) for a, b in quote.spans]
        flat = " ".join(quote.text.split())
        assert all(piece.rstrip(",") in flat for piece in pieces), (pieces, flat)


SPANS = [
    ("inline after a colon", "Ann Lee said: “Good news.”", [(15, 25)]),
    ("broken by said", "“We are ready,” said Ann Lee, “and we are proud.”", [(1, 14), (31, 48)]),
    ("string with blank lines", "Intro line here.\n\n  Ann Lee said: “Good news for all.”", [(35, 53)]),
]


@pytest.mark.parametrize(("text", "spans"), [c[1:] for c in SPANS], ids=[c[0] for c in SPANS])
def test_spans_of_a_string(text: str, spans: list[tuple[int, int]]) -> None:
    (quote,) = extract_quotes(text)
    assert list(quote.spans) == spans
    assert " ".join(text[a:b] for a, b in spans).replace(", ", " ").rstrip(",") in quote.text


def test_spans_of_paragraphs_count_in_the_body_joined_by_blank_lines() -> None:
    body = ["Ann Lee, Police and Crime Commissioner, said:", "“It is a good day.", "“We will build on it.”"]
    (quote,) = extract_quotes(body)
    joined = "\n\n".join(body)
    assert [joined[a:b] for a, b in quote.spans] == ["It is a good day.", "We will build on it."]


def test_two_straight_apostrophes_are_not_a_quotation_mark() -> None:
    # An inch or ditto sign, or wiki italics: ''Hello there my friends'' is no quote.
    assert extract_quotes("The 12'' screen was said to be ''the best there is by far'' in tests.") == []
    assert extract_quotes("Ann Lee said: 'We are ready for this today.'")[0].spans == ((15, 43),)


BAD = [
    (None, "NoneType"),
    (b"bytes are not text", "bytes"),
    (42, "int"),
    (["fine", 3], "paragraph 1 is int"),
]


@pytest.mark.parametrize(("value", "message"), BAD)
def test_bad_input_raises_parse_error(value: object, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        extract_quotes(value)  # type: ignore[arg-type]


def test_seed_page_six_paragraph_quote() -> None:
    quotes = extract_quotes(SEED.read_text(encoding="utf-8"))
    assert len(quotes) == 1
    quote = quotes[0]
    assert (quote.speaker, quote.role) == SECCOMBE
    assert quote.paragraphs == (8, 9, 10, 11, 12, 13)
    parts = quote.text.split("\n")
    assert len(parts) == 6
    assert parts[0].startswith("It is obviously disappointing")
    assert "a ‘requires improvement’ finding" in parts[0]
    assert parts[-1].endswith("over the next 12 months.")
    assert not any(p.startswith(("“", "”")) or p.endswith("”") for p in parts)


HOSTILE = [
    ("a megabyte of opening marks", ["“" * 1_000_000]),
    ("a megabyte of every mark", ["“‘\"'”’" * 170_000]),
    ("a megabyte of speech verbs", ["said " * 200_000]),
    ("many attributed segments", ["“a b c d,” said Mr Jones. " * 40_000]),
    ("one lead-in, many segments", ["X said: " + "“a” " * 200_000]),
    ("100k paragraphs", ["“Hello there my friend.", "Mr Jones said: “Yes it is true indeed.”"] * 50_000),
    ("100k open paragraphs chained", ["“open paragraph continues"] * 100_000),
    ("one endless capitalised phrase", ["Kim Lee, Police and Crime Commissioner, " * 30_000 + "said: “Hi all.”"]),
    ("many people", [f"Kim{i} Jones{i} said: “Hello world again now.”" for i in range(20_000)]),
    ("many speakers, then many paragraphs naming them",
     [f"Kim{i} Jones{i} said: “Hello world again now.”" for i in range(20_000)]
     + [f"Ann{i} Lee{i} met Kim{i} Jones{i}, PCC for Kent{i}." for i in range(20_000)]),
    ("one speaker, then many paragraphs", ["“We will keep going with this work,” said Mr Jones."]
     + ["Kim Jones, Police and Crime Commissioner, visited.", "The scheme opened in May."] * 25_000),
]


@pytest.mark.parametrize("paragraphs", [h[1] for h in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_hostile_inputs_finish(paragraphs: list[str]) -> None:
    # Finishing at all is the test: a quadratic scan would not finish in the CI time limit.
    quotes = extract_quotes(paragraphs)
    assert all(0 <= i < len(paragraphs) for quote in quotes for i in quote.paragraphs)


def _composed(part: str, paragraph: str) -> bool:
    """Whether ``part`` is pieces of ``paragraph`` joined with single spaces (rule 4)."""
    if part in paragraph:
        return True
    ends = {0}
    for i in range(len(part)):
        if i in ends:
            for j in range(len(part), i, -1):
                if part[i:j] in paragraph:
                    if j == len(part):
                        return True
                    if part[j] == " ":
                        ends.add(j + 1)
    return False


_ALPHABET = st.sampled_from([*"abc XYZ.,:;“”‘’\"'", "said", " Mr Jones", "he", "PCC", "Kim Lee"])
_PARAGRAPH = st.lists(_ALPHABET, max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PARAGRAPH, max_size=8))
def test_property_quotes_come_from_their_paragraphs(paragraphs: list[str]) -> None:
    try:
        quotes = extract_quotes(paragraphs)
    except PressreaderError:  # allowed by the contract, but never expected for text
        pytest.fail("extract_quotes raised for plain text")
    for quote in quotes:
        assert quote.paragraphs == tuple(sorted(set(quote.paragraphs)))
        assert all(0 <= i < len(paragraphs) for i in quote.paragraphs)
        parts = quote.text.split("\n")
        assert len(parts) == len(quote.paragraphs)
        for part, index in zip(parts, quote.paragraphs, strict=True):
            assert _composed(part, paragraphs[index])
    _assert_spans_hold_the_text(paragraphs, quotes)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.lists(st.text(), max_size=6)))
def test_property_never_raises_on_any_text(paragraphs: str | list[str]) -> None:
    for quote in extract_quotes(paragraphs):
        assert quote.paragraphs == tuple(sorted(set(quote.paragraphs)))
