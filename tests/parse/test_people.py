"""Table tests for speaker phrases: name/role splitting, abbreviations, reference resolution."""

from __future__ import annotations

import pytest

from pressreader.parse.mentions import find_mentions, mentions_in
from pressreader.parse.people import (
    SpeakerRef,
    expand_role,
    find_verbs,
    parse_subject,
    split_speaker,
)
from pressreader.parse.speakers import People

SPLIT = [
    # the contract's own examples (docs/dev/parsing-rules.md, rule 7)
    ("Warwickshire Police and Crime Commissioner Philip Seccombe",
     ("Philip Seccombe", "Warwickshire Police and Crime Commissioner")),
    ("Northumbria Police and Crime Commissioner, Kim McGuinness,",
     ("Kim McGuinness", "Northumbria Police and Crime Commissioner")),
    ("Roger Hirst, Police, Fire and Crime Commissioner said:",
     ("Roger Hirst", "Police, Fire and Crime Commissioner")),
    ("Detective Inspector James Ansell, who co-ordinated the operation, said:",
     ("James Ansell", "Detective Inspector")),
    ("Lisa Townsend, Police and Crime Commissioner for Surrey",
     ("Lisa Townsend", "Police and Crime Commissioner for Surrey")),
    ("PCC Evison highlighted that", ("Evison", "Police and Crime Commissioner")),
    ("Commissioner Jones said,", ("Jones", "Commissioner")),
    # lead-ins are not part of the speaker
    ("Responding to the report, Warwickshire Police and Crime Commissioner Philip Seccombe said:",
     ("Philip Seccombe", "Warwickshire Police and Crime Commissioner")),
    ("Commenting on the report, Mr Seccombe said:", ("Seccombe", None)),
    # honorifics are dropped, short references keep what they have
    ("Mr Seccombe", ("Seccombe", None)),
    ("Ms McGuinness", ("McGuinness", None)),
    ("Lisa", ("Lisa", None)),
    ("the Commissioner", (None, "Commissioner")),
    ("Commissioner Kim McGuinness", ("Kim McGuinness", "Commissioner")),
    ("PCC Kim McGuinness", ("Kim McGuinness", "Police and Crime Commissioner")),
    ("The PCC, Philip Seccombe,", ("Philip Seccombe", "Police and Crime Commissioner")),
    # abbreviations expanded
    ("Kent PCC Matthew Scott", ("Matthew Scott", "Kent Police and Crime Commissioner")),
    ("DI James Ansell", ("James Ansell", "Detective Inspector")),
    ("Ch Supt Ann Smith", ("Ann Smith", "Chief Superintendent")),
    ("Cllr Sam Patel", ("Sam Patel", "Councillor")),
    ("Staffordshire PFCC Ben Adams", ("Ben Adams", "Staffordshire Police, Fire and Crime Commissioner")),
    ("Cleveland Police Authority Chief Executive Martin Hale",
     ("Martin Hale", "Cleveland Police Authority Chief Executive")),
    ("The Policing Minister told MPs", (None, "Policing Minister")),
    ("Supt. Paul Jones", ("Paul Jones", "Superintendent")),
    ("Ch. Supt. Ann Smith", ("Ann Smith", "Chief Superintendent")),
    ("Dr Jane Smith, Director of Public Health, said:", ("Jane Smith", "Director of Public Health")),
    ("Kim McGuinness, Northumbria’s Police and Crime Commissioner, said",
     ("Kim McGuinness", "Northumbria’s Police and Crime Commissioner")),
    ("Deputy PCC Emily Spurrell", ("Emily Spurrell", "Deputy Police and Crime Commissioner")),
    ("Assistant Chief Constable Alex Franklin-Smith", ("Alex Franklin-Smith", "Assistant Chief Constable")),
    # role on both sides of the name, lower-case role as written
    ("Chief Constable Debbie Tedds of Warwickshire Police",
     ("Debbie Tedds", "Chief Constable of Warwickshire Police")),
    ("Sophie Hart, chief executive of the Surrey Rape and Sexual Abuse Support Centre, welcomed it:",
     ("Sophie Hart", "chief executive of the Surrey Rape and Sexual Abuse Support Centre")),
    # inverted: the speaker after the verb
    ("“I am responsible,” said Giles Orpen-Smellie", ("Giles Orpen-Smellie", None)),
    # a full stop after a title or an initial ends no sentence
    ("“It is time,” said Rep. Cathy McMorris Rodgers.", ("Cathy McMorris Rodgers", "Representative")),
    ("“It is time,” said Supt. Ann Lee.", ("Ann Lee", "Superintendent")),
    # national-news offices, owners and appositives
    ("Senate Minority Whip Dick Durbin (D-Ill.) said", ("Dick Durbin", "Senate Minority Whip")),
    ("Twitter's Adam Sharp said", ("Adam Sharp", None)),
    ("the Rape Crisis Centre’s Kim Lee said", ("Kim Lee", None)),
    ("Michael Ahrens, a Rubio spokesman, said", ("Michael Ahrens", None)),
    ("House Speaker Paul Ryan, the convention chair, told", ("Paul Ryan", "House Speaker")),
    # a clause between the subject and its verb is not the subject
    ("Clinton, speaking to reporters on her plane to Tampa, said", ("Clinton", None)),
    ("Ann Lee, 45, of Leeds, said", ("Ann Lee", None)),
    # no person: never guessed
    ("He said", (None, None)),
    ("A Warwickshire Police spokesperson said", (None, None)),
    ("Trump's campaign said", (None, None)),
    ("The report said", (None, None)),
    ("", (None, None)),
    ("Her Majesty’s Inspectorate of Constabulary", (None, None)),
    ("the Serious and Organised Crime Joint Action Group", (None, None)),
]


@pytest.mark.parametrize(("text", "expected"), SPLIT)
def test_split_speaker(text: str, expected: tuple[str | None, str | None]) -> None:
    assert split_speaker(text) == expected


EXPAND = [
    ("PCC", "Police and Crime Commissioner"),
    ("PFCC", "Police, Fire and Crime Commissioner"),
    ("DPCC", "Deputy Police and Crime Commissioner"),
    ("DCI", "Detective Chief Inspector"),
    ("DI", "Detective Inspector"),
    ("DS", "Detective Sergeant"),
    ("Supt", "Superintendent"),
    ("Ch Supt", "Chief Superintendent"),
    ("Insp", "Inspector"),
    ("Sgt", "Sergeant"),
    ("PC", "Police Constable"),
    ("PCSO", "Police Community Support Officer"),
    ("ACC", "Assistant Chief Constable"),
    ("DCC", "Deputy Chief Constable"),
    ("Cllr", "Councillor"),
    ("Ch Insp", "Chief Inspector"),
    ("Det Ch Supt", "Detective Chief Superintendent"),
    ("Det Sgt", "Detective Sergeant"),
    ("Deputy PCC", "Deputy Police and Crime Commissioner"),
    ("Kent PCC", "Kent Police and Crime Commissioner"),
    # not abbreviations: left alone
    ("OPCC Chief Executive", "OPCC Chief Executive"),
    ("PCCs", "PCCs"),
    ("Chief Constable", "Chief Constable"),
    ("", ""),
]


@pytest.mark.parametrize(("role", "expected"), EXPAND)
def test_expand_role(role: str, expected: str) -> None:
    assert expand_role(role) == expected


# each case: the references in release order, then (name, role) each resolves to (None: unresolved)
RESOLVE = [
    (["Warwickshire Police and Crime Commissioner Philip Seccombe", "Mr Seccombe", "he", "the Commissioner"],
     [("Philip Seccombe", "Warwickshire Police and Crime Commissioner")] * 4),
    (["Lisa Townsend, Police and Crime Commissioner for Surrey", "Lisa", "She", "the PCC"],
     [("Lisa Townsend", "Police and Crime Commissioner for Surrey")] * 4),
    # one person under several names; the longest role wins everywhere
    (["Commissioner Kim McGuinness", "PCC Kim McGuinness", "Kim", "Ms McGuinness"],
     [("Kim McGuinness", "Police and Crime Commissioner")] * 4),
    # most recently named matching person
    (["Kent PCC Matthew Scott", "Chief Constable Tim Smith", "the Commissioner", "the Chief Constable", "he"],
     [("Matthew Scott", "Kent Police and Crime Commissioner"), ("Tim Smith", "Chief Constable"),
      ("Matthew Scott", "Kent Police and Crime Commissioner"), ("Tim Smith", "Chief Constable"),
      ("Tim Smith", "Chief Constable")]),
    # a pronoun skips a person of the other gender when an honorific said so
    (["Mr Alan Jones", "Ms Kim Lee", "he"], [("Alan Jones", None), ("Kim Lee", None), ("Alan Jones", None)]),
    # nothing named yet: unresolvable
    (["he"], [None]),
    (["the Commissioner"], [None]),
    (["Chief Constable Tim Smith", "the Commissioner"], [("Tim Smith", "Chief Constable"), None]),
    (["Dr Jane Smith", "Dr Smith", "she"], [("Jane Smith", None)] * 3),
    # a surname first, the full name later
    (["Commissioner Jones", "Kim Jones"], [("Kim Jones", "Commissioner")] * 2),
    # a common given name tells the gender: "she" skips the man named last
    (["Lisa Townsend", "Mark Lee", "she"], [("Lisa Townsend", None), ("Mark Lee", None), ("Lisa Townsend", None)]),
    # a surname binds more than a word of a later name: "Trump" is still Donald Trump
    (["Donald Trump", "Trump Tower", "Trump"], [("Donald Trump", None), ("Trump Tower", None), ("Donald Trump", None)]),
]


@pytest.mark.parametrize(("references", "expected"), RESOLVE)
def test_people_resolve(references: list[str], expected: list[tuple[str, str | None] | None]) -> None:
    people = People()
    ids = [people.resolve(parse_subject(r)) for r in references]
    got = [None if pid is None else (people.name(pid), people.role(pid)) for pid in ids]
    assert got == expected


MENTIONS = [
    ("Yesterday Kent PCC Matthew Scott visited Dover.",
     [("Matthew Scott", "Kent Police and Crime Commissioner")]),
    ("Commissioner Kim McGuinness and Chief Constable Vanessa Jardine met.",
     [("Kim McGuinness", "Commissioner"), ("Vanessa Jardine", "Chief Constable")]),
    ("Mr Seccombe thanked officers.", [("Seccombe", None)]),
    # an office given by a verb
    ("Matthew Scott has been elected as the Police and Crime Commissioner for Kent and Medway, today.",
     [("Matthew Scott", None), ("Matthew Scott", "Police and Crime Commissioner for Kent and Medway")]),
    ("Jane Doe is Chief Executive of the OPCC.",
     [("Jane Doe", None), ("Jane Doe", "Chief Executive of the OPCC")]),
    ("Kim McGuinness is the best. Mr Scott was declared the winner.",
     [("Kim McGuinness", None), ("Scott", None)]),
    # organisations, places, months and sentence openers are not people
    ("Her Majesty’s Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) has today "
     "published a report.", []),
    ("The Serious and Organised Crime Joint Action Group met in March.", []),
    ("Overall the report finds that Warwickshire Police requires improvement.", []),
    ("", []),
    # a possessive is not a name; two capitalised words joined only by a tab are not a sure mention
    ("Yesterday Mr Scott’s team met Chief Constable Smith", [("Smith", "Chief Constable")]),
    ("Kim\tJones met Mr Scott.", [("Scott", None)]),
    # "and" / "&" split a run into people
    ("Sergeant O’Neill-Smith and Kim Jones & Jo Bloggs met",
     [("O’Neill-Smith", "Sergeant"), ("Kim Jones", None), ("Jo Bloggs", None)]),
]


@pytest.mark.parametrize(("text", "expected"), MENTIONS)
def test_find_mentions(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(r.name, r.role) for _, r in find_mentions(text)] == expected


def test_mentions_in_reads_repeated_runs_once_with_the_same_result() -> None:
    texts = ["Kent PCC Matthew Scott met Kim Jones.", "Later Kim Jones and Mr Scott spoke.",
             "Kent PCC Matthew Scott met Kim Jones."]
    seen: dict[tuple[str, ...], SpeakerRef | None] = {}
    assert [mentions_in(t, seen) for t in texts] == [find_mentions(t) for t in texts]
    assert ("Kim", "Jones") in seen


def test_find_verbs_whole_words_only() -> None:
    text = "Unsaid _said 2said ésaid x-said (said) “said” and went  on to add"
    assert [m.group(0) for m in find_verbs(text)] == ["said", "said", "said", "went  on to add"]
    assert [m.start() for m in find_verbs(text)][:3] == [27, 33, 40]


def test_dotted_abbreviations_in_a_speaker_phrase() -> None:
    assert split_speaker("Det. Supt. Kim Jones said:") == ("Kim Jones", "Detective Superintendent")
