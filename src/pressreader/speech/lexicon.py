"""Data for the spoken-text normaliser: words, abbreviations and jargon (no logic).

Adding a spoken abbreviation means adding one line here::

    >>> from pressreader.speech.lexicon import ABBREVIATIONS
    >>> ABBREVIATIONS["PCSO"]
    'P C S O'
"""

from __future__ import annotations

__all__ = [
    "ABBREVIATIONS",
    "EMERGENCY_NUMBERS",
    "MONTHS",
    "NON_FINAL_ABBREVIATIONS",
    "ONES",
    "ORDINAL_WORDS",
    "PHONE_AFTER",
    "PHONE_BEFORE",
    "SCALES",
    "TENS",
]

ONES: tuple[str, ...] = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip

TENS: tuple[str, ...] = (
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
)  # fmt: skip

#: Powers of a thousand, British short scale.
SCALES: tuple[tuple[int, str], ...] = (
    (10**12, "trillion"),
    (10**9, "billion"),
    (10**6, "million"),
    (10**3, "thousand"),
)

#: The last word of a cardinal → the same word as an ordinal ("twenty-one" → "twenty-first").
ORDINAL_WORDS: dict[str, str] = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
    "nine": "ninth", "twelve": "twelfth",
}  # fmt: skip

MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

#: Money suffixes: "£1.2m", "£3bn", "£5k".
MONEY_SCALES: dict[str, str] = {
    "k": "thousand", "m": "million", "mn": "million", "million": "million",
    "bn": "billion", "billion": "billion", "thousand": "thousand", "trillion": "trillion",
}  # fmt: skip

#: Three-digit numbers read digit by digit when they are the service, not a count.
EMERGENCY_NUMBERS: frozenset[str] = frozenset({"101", "999", "111", "112", "105", "116123"})

#: A word just before a number that makes it a telephone number ("call 101").
PHONE_BEFORE: frozenset[str] = frozenset({
    "call", "calling", "dial", "dialling", "dialled", "ring", "ringing", "phone", "phoning", "on",
    "contact", "via", "or", "using", "number", "telephone", "tel", "tel:", "text", "texting", "and",
})  # fmt: skip

#: A word just after a number that makes it a telephone number ("999 calls").
PHONE_AFTER: frozenset[str] = frozenset({
    "call", "calls", "number", "line", "lines", "service", "services", "non-emergency", "operator",
    "operators", "handler", "handlers", "system",
})  # fmt: skip

#: Force, government and everyday abbreviations → what a reader says. Matched as whole,
#: case-sensitive words; a trailing full stop belongs to the abbreviation where shown.
#: Letter-by-letter initialisms are written with spaces so every engine spells them.
ABBREVIATIONS: dict[str, str] = {
    # bodies and roles
    "PCC": "P C C",
    "PCCs": "P C Cs",
    "OPCC": "O P C C",
    "PFCC": "P F C C",
    "OPFCC": "O P F C C",
    "APCC": "A P C C",
    "DPCC": "Deputy P C C",
    "PCSO": "P C S O",
    "PCSOs": "P C S Os",
    "HMICFRS": "H M I C F R S",
    "HMIC": "H M I C",
    "IOPC": "I O P C",
    "CPS": "C P S",
    "NHS": "N H S",
    "NCA": "N C A",
    "MP": "M P",
    "MPs": "M Ps",
    "CCTV": "C C T V",
    "ANPR": "A N P R",
    "ASB": "anti-social behaviour",
    "VAWG": "violence against women and girls",
    "CSE": "child sexual exploitation",
    "DCI": "Detective Chief Inspector",
    "DI": "Detective Inspector",
    "DS": "Detective Sergeant",
    "DC": "Detective Constable",
    "PC": "P C",
    "ACC": "Assistant Chief Constable",
    "DCC": "Deputy Chief Constable",
    "Ch Supt": "Chief Superintendent",
    "Ch. Supt.": "Chief Superintendent",
    "Det Supt": "Detective Superintendent",
    "Supt.": "Superintendent",
    "Supt": "Superintendent",
    "Insp.": "Inspector",
    "Insp": "Inspector",
    "Sgt.": "Sergeant",
    "Sgt": "Sergeant",
    "Det.": "Detective",
    "Det": "Detective",
    "Cllr.": "Councillor",
    "Cllr": "Councillor",
    "Cllrs": "Councillors",
    "Dr.": "Doctor",
    "Dr": "Doctor",
    "Prof.": "Professor",
    "Rt Hon": "Right Honourable",
    # everyday
    "e.g.": "for example",
    "i.e.": "that is",
    "etc.": "etcetera",
    "approx.": "approximately",
    "Ltd": "Limited",
    "vs": "versus",
    "vs.": "versus",
}

#: Abbreviations after which a full stop does not end a sentence ("Supt. Jones said").
NON_FINAL_ABBREVIATIONS: frozenset[str] = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "supt", "insp", "sgt", "det", "cllr", "ch", "st", "rev", "hon",
    "rt", "no", "nos", "fig", "vs", "approx", "dept", "est", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "cf", "co", "gen", "col", "capt", "lt",
    "cmdr",
})  # fmt: skip
