"""British-English text normalisation for speech: what to say for what is written.

Applied to spoken text only; the displayed text is never changed. Each rule is a
small function from text to text, applied in order by :func:`normalise`; the
words and abbreviations live in :mod:`pressreader.speech.lexicon`::

    >>> from pressreader.speech.normalise import normalise
    >>> normalise("The PCC gave £5,000 to ASB patrols; call 101.")
    'The P C C gave five thousand pounds to anti-social behaviour patrols; call one oh one.'
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .lexicon import (
    ABBREVIATIONS,
    EMERGENCY_NUMBERS,
    MONEY_SCALES,
    MONTHS,
    ONES,
    ORDINAL_WORDS,
    PHONE_AFTER,
    PHONE_BEFORE,
    SCALES,
    TENS,
)

__all__ = [
    "RULES",
    "calm_capitals",
    "digit_words",
    "expand_abbreviations",
    "normalise",
    "number_words",
    "ordinal_words",
    "replace_symbols",
    "spell_out_dates",
    "spell_out_money",
    "spell_out_numbers",
    "spell_out_ordinals",
    "spell_out_percentages",
    "spell_out_phone_numbers",
    "spell_out_ranges",
    "spell_out_times",
    "spell_out_urls",
    "spell_out_years",
    "year_words",
]

_MONTH_ALT = "|".join(MONTHS)


# --- words for numbers ------------------------------------------------------------------


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = []
    if hundreds:
        words.append(f"{ONES[hundreds]} hundred")
    if rest:
        if hundreds:
            words.append("and")
        if rest < 20:
            words.append(ONES[rest])
        else:
            tens, ones = divmod(rest, 10)
            words.append(TENS[tens] + (f"-{ONES[ones]}" if ones else ""))
    return " ".join(words)


def number_words(n: int) -> str:
    """A whole number in British English words.

    >>> number_words(350_000)
    'three hundred and fifty thousand'
    >>> number_words(1005)
    'one thousand and five'
    >>> number_words(-3)
    'minus three'
    """
    if n < 0:
        return "minus " + number_words(-n)
    if n == 0:
        return "zero"
    parts = []
    rest = n
    for value, name in SCALES:
        count, rest = divmod(rest, value)
        if count:
            parts.append(f"{number_words(count)} {name}")
    if rest:
        parts.append(("and " if parts and rest < 100 else "") + _below_thousand(rest))
    return " ".join(parts)


def _decimal_words(text: str) -> str:
    whole, _, fraction = text.replace(",", "").partition(".")
    words = "nought" if whole in ("", "0") and fraction else number_words(int(whole))
    if fraction:
        words += " point " + " ".join(ONES[int(d)] for d in fraction)
    return words


def ordinal_words(n: int) -> str:
    """An ordinal in words.

    >>> ordinal_words(21), ordinal_words(12), ordinal_words(100)
    ('twenty-first', 'twelfth', 'one hundredth')
    """
    words = number_words(n)
    head, sep, last = max((words.rpartition(" "), words.rpartition("-")), key=lambda p: len(p[0]))
    if last in ORDINAL_WORDS:
        last = ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def year_words(year: int) -> str:
    """A year as it is said.

    >>> year_words(2018), year_words(2005), year_words(1990), year_words(1905), year_words(2000)
    ('twenty eighteen', 'two thousand and five', 'nineteen ninety', 'nineteen oh five', 'two thousand')
    """
    if 2000 <= year < 2010 or not 1100 <= year <= 2099:
        return number_words(year)
    century, rest = divmod(year, 100)
    if rest == 0:
        return f"{number_words(century)} hundred"
    if rest < 10:
        return f"{number_words(century)} oh {ONES[rest]}"
    return f"{number_words(century)} {number_words(rest)}"


def digit_words(digits: str) -> str:
    """Digits read one by one, "oh" for zero, as for telephone numbers.

    >>> digit_words("0800")
    'oh eight oh oh'
    """
    return " ".join("oh" if d == "0" else ONES[int(d)] for d in digits if d.isdigit())


# --- rules ------------------------------------------------------------------------------

_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"“”‘’()]+", re.IGNORECASE)
_EMAIL = re.compile(r"\b([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b")
_DOMAIN = re.compile(r"\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:uk|com|org|net|gov|info)\b(?:/\S*)?")


def _say_host(host: str) -> str:
    host = host.lower().removeprefix("www.")
    return " dot ".join(part.replace("-", " dash ") for part in host.split(".") if part)


def spell_out_urls(text: str) -> str:
    """Web addresses as their site's name, e-mail addresses with "at" and "dot".

    >>> spell_out_urls("See https://www.warwickshire-pcc.gov.uk/news/a-b/.")
    'See warwickshire dash pcc dot gov dot uk.'
    """

    def url(match: re.Match[str]) -> str:
        raw = match.group(0).rstrip(".,;:!?")
        trailing = match.group(0)[len(raw) :]
        host = re.sub(r"^(?:https?://)?", "", raw, flags=re.IGNORECASE).split("/", 1)[0].split(":", 1)[0]
        return _say_host(host) + trailing

    def email(match: re.Match[str]) -> str:
        local = match.group(1).replace(".", " dot ").replace("-", " dash ").replace("_", " underscore ")
        return f"{local} at {_say_host(match.group(2))}"

    text = _URL.sub(url, text)
    text = _EMAIL.sub(email, text)
    return _DOMAIN.sub(lambda m: _say_host(m.group(0).split("/", 1)[0]), text)


_UK_PHONE = re.compile(r"(?<![\w£.,/])(\+44\s?(?:\(0\)\s?)?|0)(\d{2,4})((?:[ -]?\d{3,8}){1,2})(?!\d|,\d)")
_SHORT_NUMBER = re.compile(r"(?<![\w£.,/-])(\d{3,6})(?!\w|[,.]\d|/)")


def _word_before(text: str, index: int) -> str:
    words = text[:index].split()
    return words[-1].lower().strip("(\"'“‘") if words else ""


def _word_after(text: str, index: int) -> str:
    words = text[index:].split()
    return words[0].lower().strip(".,;:!?)\"'”’") if words else ""


def spell_out_phone_numbers(text: str) -> str:
    """UK telephone numbers and service numbers (101, 999…) read digit by digit.

    101 and 111 are read as numbers when nothing around them says "call" (101 new
    officers).

        >>> spell_out_phone_numbers("Call 0800 555 111 or 999.")
        'Call oh eight hundred, five five five, one one one or nine nine nine.'
    """

    def uk(match: re.Match[str]) -> str:
        prefix, area, rest = match.groups()
        digits = re.sub(r"\D", "", area + rest)
        if not 9 <= len(digits) + (0 if prefix.startswith("+") else 1) <= 11:
            return match.group(0)
        lead = "plus four four, " if prefix.startswith("+") else "oh "
        area_words = "eight hundred" if area == "800" and not prefix.startswith("+") else digit_words(area)
        groups = [digit_words(g) for g in re.split(r"[ -]", rest.strip(" -")) if g]
        return ", ".join([lead + area_words, *groups])

    def short(match: re.Match[str]) -> str:
        number = match.group(1)
        if number not in EMERGENCY_NUMBERS:
            return number
        before, after = _word_before(text, match.start()), _word_after(text, match.end())
        if number in {"999", "112"} or before in PHONE_BEFORE or after in PHONE_AFTER:
            return digit_words(number)
        return number

    text = _UK_PHONE.sub(uk, text)
    return _SHORT_NUMBER.sub(short, text)


_MONEY = re.compile(
    r"£\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?"
    r"(?:(k|m|mn|bn)\b|\s?(thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
_PENCE = re.compile(r"(?<![\w.£])(\d+)p\b")


def spell_out_money(text: str) -> str:
    """Pounds and pence in words.

    >>> spell_out_money("£1.2m and 50p")
    'one point two million pounds and fifty pence'
    """

    def pounds(match: re.Match[str]) -> str:
        whole, fraction, short_scale, long_scale = match.groups()
        scale = short_scale or long_scale
        whole = whole.replace(",", "")
        if scale:
            number = _decimal_words(whole + ("." + fraction if fraction else ""))
            return f"{number} {MONEY_SCALES[scale.lower()]} pounds"
        amount = int(whole)
        pence = int((fraction or "0")[:2].ljust(2, "0")) if fraction else 0
        if amount == 0 and pence:
            return f"{number_words(pence)} pence"
        words = f"{number_words(amount)} {'pound' if amount == 1 else 'pounds'}"
        return words + (f" {number_words(pence)}" if pence else "")

    def pence(match: re.Match[str]) -> str:
        n = int(match.group(1))
        return f"{number_words(n)} {'penny' if n == 1 else 'pence'}"

    return _PENCE.sub(pence, _MONEY.sub(pounds, text))


_NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|\.\d)")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_ALT})\b(?:,?\s+(\d{{4}})\b)?")
_MONTH_DAY = re.compile(rf"\b({_MONTH_ALT})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,\s*(\d{{4}})\b)?(?!\s*[:.]\d)")


def spell_out_dates(text: str) -> str:
    """Dates, British day first, as they are said.

    >>> spell_out_dates("on 31/01/2023")
    'on the thirty-first of January twenty twenty-three'
    >>> spell_out_dates("22 March 2018 or March 22, 2018")
    'the twenty-second of March twenty eighteen or March the twenty-second, twenty eighteen'
    """

    def numeric(match: re.Match[str]) -> str:
        day, _, month, year = match.groups()
        if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
            return match.group(0)
        full_year = int(year) + (2000 if len(year) == 2 else 0)
        return f"the {ordinal_words(int(day))} of {MONTHS[int(month) - 1]} {year_words(full_year)}"

    def day_month(match: re.Match[str]) -> str:
        day, month, year = match.groups()
        if not 1 <= int(day) <= 31:
            return match.group(0)
        return f"the {ordinal_words(int(day))} of {month}" + (f" {year_words(int(year))}" if year else "")

    def month_day(match: re.Match[str]) -> str:
        month, day, year = match.groups()
        if not 1 <= int(day) <= 31:
            return match.group(0)
        return f"{month} the {ordinal_words(int(day))}" + (f", {year_words(int(year))}" if year else "")

    text = _NUMERIC_DATE.sub(numeric, text)
    text = _DAY_MONTH.sub(day_month, text)
    return _MONTH_DAY.sub(month_day, text)


_TWELVE_HOUR = re.compile(r"\b(\d{1,2})(?:[.:](\d{2}))?\s?(am|pm|a\.m\.|p\.m\.)(?!\w)", re.IGNORECASE)
_TWENTY_FOUR_HOUR = re.compile(r"(?<![\d.:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])")


def _minutes(minutes: str | None) -> str:
    if not minutes or minutes == "00":
        return ""
    m = int(minutes)
    return " oh " + ONES[m] if m < 10 else " " + number_words(m)


def spell_out_times(text: str) -> str:
    """Clock times: 10am, 9.30pm, 14:30.

    >>> spell_out_times("from 9.30am to 2pm, or 14:05")
    'from nine thirty A M to two P M, or fourteen oh five'
    """

    def twelve(match: re.Match[str]) -> str:
        hour, minutes, half = match.groups()
        if not 1 <= int(hour) <= 12 or (minutes and int(minutes) > 59):
            return match.group(0)
        suffix = "A M" if half.lower().startswith("a") else "P M"
        return f"{number_words(int(hour))}{_minutes(minutes)} {suffix}"

    def twenty_four(match: re.Match[str]) -> str:
        hour, minutes = int(match.group(1)), match.group(2)
        if minutes == "00":
            return f"{number_words(hour)} o'clock" if 1 <= hour <= 12 else f"{number_words(hour)} hundred"
        return number_words(hour) + _minutes(minutes)

    text = _TWELVE_HOUR.sub(twelve, text)
    text = re.sub(r"\b([AP] M)\s?[–—-]\s?", r"\1 to ", text)
    return _TWENTY_FOUR_HOUR.sub(twenty_four, text)


_PERCENT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s?(?:%|per ?cent\b)", re.IGNORECASE)


def spell_out_percentages(text: str) -> str:
    """Percentages, British "per cent".

    >>> spell_out_percentages("up 2.5% on 10 percent")
    'up two point five per cent on ten per cent'
    """
    return _PERCENT.sub(lambda m: _decimal_words(m.group(1) + (m.group(2) or "")) + " per cent", text)


_YEAR_RANGE = re.compile(r"\b(1[89]\d\d|20\d\d)\s?[–—/-]\s?(\d\d|\d{4})\b(?![/.]\d)")
_NUMBER_RANGE = re.compile(r"(?<![\d.,/£-])(\d[\d,]*(?:\.\d+)?)\s?[–—]\s?(\d[\d,]*(?:\.\d+)?)(?![\d/])")


def spell_out_ranges(text: str) -> str:
    """Ranges: 2023–24, 2023/24, 10–15 (an en dash between numbers) become "to".

    >>> spell_out_ranges("in 2023–24, 10–15 officers")
    'in twenty twenty-three to twenty-four, 10 to 15 officers'
    """

    def years(match: re.Match[str]) -> str:
        first, second = match.groups()
        end = year_words(int(second)) if len(second) == 4 else number_words(int(second))
        if len(second) == 2 and second.startswith("0"):
            end = "oh " + ONES[int(second)] if second != "00" else "hundred"
        return f"{year_words(int(first))} to {end}"

    text = _YEAR_RANGE.sub(years, text)
    return _NUMBER_RANGE.sub(r"\1 to \2", text)


_ORDINAL = re.compile(r"\b(\d+)(st|nd|rd|th)\b", re.IGNORECASE)


def spell_out_ordinals(text: str) -> str:
    """Ordinals: 21st → twenty-first.

    >>> spell_out_ordinals("the 1st and 102nd")
    'the first and one hundred and second'
    """
    return _ORDINAL.sub(lambda m: ordinal_words(int(m.group(1))), text)


_YEAR = re.compile(r"(?<![\d.,£/:])(1[89]\d\d|20\d\d)(?![\d,]|\.\d)")


def spell_out_years(text: str) -> str:
    """Four-digit numbers from 1800 to 2099 read as years.

    >>> spell_out_years("since 2014 and in 2009")
    'since twenty fourteen and in two thousand and nine'
    """
    return _YEAR.sub(lambda m: year_words(int(m.group(1))), text)


_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w,]|\.\d)")


def spell_out_numbers(text: str) -> str:
    """Remaining numbers, with thousands separators and decimals, in words.

    >>> spell_out_numbers("1,500 officers and 3.5 miles")
    'one thousand five hundred officers and three point five miles'
    """

    def number(match: re.Match[str]) -> str:
        whole, fraction = match.groups()
        if len(whole) > 1 and whole.startswith("0"):
            return digit_words(whole) + (" point " + digit_words(fraction[1:]) if fraction else "")
        return _decimal_words(whole + (fraction or ""))

    return _NUMBER.sub(number, text)


_ABBREVIATION = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")(?!\w)"
)


def expand_abbreviations(text: str) -> str:
    """Force, government and everyday abbreviations as a reader says them.

    >>> expand_abbreviations("Supt. Jones and Cllr Smith met the PCC and PCSOs.")
    'Superintendent Jones and Councillor Smith met the P C C and P C S Os.'
    """
    return _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1)], text)


def calm_capitals(text: str) -> str:
    """A sentence in block capitals in lower case (abbreviations kept), so no engine spells it out.

    >>> calm_capitals("MATTHEW SCOTT IS ELECTED PCC FOR KENT")
    'matthew scott is elected PCC for kent'
    """
    words = re.findall(r"[A-Za-z]+", text)
    if len(words) < 3 or any(c.islower() for c in text):
        return text
    return re.sub(r"[A-Z][A-Z']*", lambda m: m.group(0) if m.group(0) in ABBREVIATIONS else m.group(0).lower(), text)


def replace_symbols(text: str) -> str:
    """Symbols an engine reads badly: "&" is "and", table bars are pauses; spacing is tidied.

    >>> replace_symbols("Fire & Rescue  Services | £5")
    'Fire and Rescue Services, £5'
    """
    text = re.sub(r"\s*&\s*", " and ", text)
    text = re.sub(r"\s*\|\s*", ", ", text)
    return re.sub(r"\s+", " ", text).strip()


#: The rules in the order :func:`normalise` applies them (earlier rules see the digits first).
RULES: tuple[Callable[[str], str], ...] = (
    spell_out_urls,
    spell_out_phone_numbers,
    spell_out_money,
    spell_out_dates,
    spell_out_times,
    spell_out_percentages,
    spell_out_ranges,
    spell_out_ordinals,
    spell_out_years,
    spell_out_numbers,
    calm_capitals,
    expand_abbreviations,
    replace_symbols,
)


def normalise(text: str) -> str:
    """Text as it should be spoken in British English: every rule in :data:`RULES`, in order.

    >>> normalise("Open 10am–4pm on 21st May & 2023–24.")
    'Open ten A M to four P M on the twenty-first of May and twenty twenty-three to twenty-four.'
    """
    for rule in RULES:
        text = rule(text)
    return text
