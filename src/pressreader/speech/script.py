"""The speech script: an :class:`~pressreader.models.Article` as a list of utterances (pure).

A good human reader announces who published the release, reads the headline and
the date in words, then the story, introducing every quote by who said it and
closing it with "End of quote.", and leaves notes to editors to the end. Each
:class:`Utterance` is one sentence (or one announcement) and says where its words
come from, so a player can navigate and a reader view can highlight::

    >>> import datetime
    >>> from pressreader.models import Article, Quote, Source
    >>> article = Article(
    ...     title="PCC visits Rugby",
    ...     body=("Commissioner Jane Doe visited Rugby.", "“It was a good day. I met PCSOs.”"),
    ...     date=datetime.date(2024, 5, 9),
    ...     quotes=(Quote("It was a good day. I met PCSOs.", "Jane Doe",
    ...                   "Police and Crime Commissioner", (1,)),),
    ...     source=Source("Warwickshire Police and Crime Commissioner", "Warwickshire",
    ...                   "warwickshire-pcc.gov.uk"),
    ... )
    >>> for u in speech_script(article):
    ...     print(f"{u.kind:12} {u.text}")
    announcement Press release from Warwickshire Police and Crime Commissioner.
    title        P C C visits Rugby
    date         Published Thursday the ninth of May twenty twenty-four.
    paragraph    Commissioner Jane Doe visited Rugby.
    quote_intro  Jane Doe, Police and Crime Commissioner, said:
    quote        “It was a good day.
    quote        I met P C S Os.”
    quote_end    End of quote.

A paragraph in another language than the one the options speak (``article.language_of``:
the Welsh half of a bilingual release) says so in ``Utterance.language``, so that an engine
can switch to a voice that speaks it; its text is passed on as written, since the normaliser
speaks English. The words pressreader adds stay in the options' language::

    >>> bilingual = Article("Funding", ("New funding.", "Cyllid newydd o £500."), language="en-GB",
    ...                     paragraph_languages=((1, "cy"),))
    >>> [(u.language, u.text) for u in speech_script(bilingual)]
    [(None, 'Funding'), (None, 'New funding.'), ('cy', 'Cyllid newydd o £500.')]
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..models import FALLBACK_NOTICE, Article, Quote, primary_language
from .normalise import normalise
from .options import SpeechOptions
from .sentences import sentence_spans

__all__ = ["KINDS", "Utterance", "block_starts", "speech_script"]

#: Every kind of utterance, in the order they can appear.
KINDS = (
    "announcement",
    "title",
    "date",
    "notice",
    "paragraph",
    "quote_intro",
    "quote",
    "quote_end",
    "notes_intro",
    "notes",
)

_SPEECH_VERBS = re.compile(
    r"\b(?:said|says|say|added|adds|commented|comments|explained|explains|stated|states|continued|"
    r"told|tells|highlighted|remarked|replied|responded|noted|warned|urged|spoke|welcomed|welcomes|"
    r"announced|praised|insisted|acknowledged|admitted|emphasised|stressed|reflected|"
    r"dywedodd|meddai|ychwanegodd|esboniodd)\b"  # Welsh: said, said, added, explained
    r"|[:,]\s*[“\"‘']",
    re.IGNORECASE,
)


# "Ends" and a repeated "Notes to editors" heading: markers the notes introduction already says.
_NOTES_MARKER = re.compile(r"^\s*(?:-*\s*ends?\s*-*|notes?\s+(?:to|for)\s+editors?)\s*[.:]?\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Utterance:
    """One thing to say.

    ``kind`` is one of :data:`KINDS`. ``text`` is what the engine is given
    (normalised for speech), ``display`` the words as the reader sees them.
    ``paragraph`` is the index into ``article.body`` (``article.notes`` for the
    kind ``"notes"``; for a quote introduction or end, the quote's first or last
    paragraph; ``None`` for the title, date and announcements), ``sentence`` the
    sentence's index in that paragraph, and ``start``/``end`` the character
    offsets of ``display`` in the paragraph (in the title for ``"title"``, in
    ``display`` itself for generated wording). ``language`` is the BCP 47 tag of
    the words when their language is not the one the options speak (another
    primary subtag than ``SpeechOptions.language``), else ``None``: generated
    wording, and text in the options' language or of unknown language.
    """

    kind: str
    text: str
    display: str
    paragraph: int | None = None
    sentence: int | None = None
    start: int = 0
    end: int = 0
    language: str | None = None

    @property
    def starts_block(self) -> bool:
        """Whether this utterance begins a paragraph, heading or announcement (for navigation)."""
        return self.sentence in (None, 0)


def _generated(kind: str, wording: str, paragraph: int | None = None) -> Utterance:
    return Utterance(kind, normalise(wording), wording, paragraph, None, 0, len(wording))


def _as_is(text: str) -> str:
    return " ".join(text.split())


def _other_language(tag: str | None, options: SpeechOptions) -> str | None:
    """``tag`` when it names another language than the options speak, else ``None``."""
    if tag is None or not tag.strip() or primary_language(tag) == primary_language(options.language):
        return None
    return tag


def _speaker_for(tag: str | None) -> Callable[[str], str]:
    """How text in ``tag`` is said: the normaliser speaks English (assumed when unknown), others as written."""
    return normalise if tag is None or not tag.strip() or primary_language(tag) == "en" else _as_is


def _sentences(kind: str, text: str, paragraph: int | None, tag: str | None, options: SpeechOptions) -> list[Utterance]:
    """The utterances of ``text``, written in the language ``tag`` (``None``: unknown)."""
    say = _speaker_for(tag)
    language = _other_language(tag, options)
    result = []
    for number, (start, end) in enumerate(_bounded(text, sentence_spans(text))):
        display = text[start:end]
        spoken = say(display)
        if not re.search(r"\w", spoken):
            spoken = _symbol_names(display)  # emoji only, say: name them rather than drop them
            if not spoken:
                continue
        result.append(Utterance(kind, spoken, display, paragraph, number, start, end, language))
    return result


#: The longest stretch spoken as one utterance, in characters: a longer sentence (a page with no
#: full stops, say) is split at the last space before it, so no single synthesis grows without bound.
MAX_UTTERANCE = 600


def _bounded(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with every span longer than :data:`MAX_UTTERANCE` split at word boundaries.

    >>> _bounded("a " * 700, [(0, 1399)])[:2]
    [(0, 599), (600, 1199)]
    """
    out: list[tuple[int, int]] = []
    for start, end in spans:
        while end - start > MAX_UTTERANCE:
            cut = text.rfind(" ", start + 1, start + MAX_UTTERANCE + 1)
            if cut <= start:  # one "word" longer than the limit: cut it where the limit falls
                cut = start + MAX_UTTERANCE
            out.append((start, cut))
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if start < end:
            out.append((start, end))
    return out


def _symbol_names(text: str) -> str:
    """The Unicode names of the symbols in ``text`` (emoji and the like), as words.

    >>> _symbol_names("😀😀 ★")
    'grinning face, grinning face, black star'
    """
    import unicodedata

    names = [unicodedata.name(ch, "").lower() for ch in text if unicodedata.category(ch) in ("So", "Sm", "Sc", "Sk")]
    return ", ".join(name for name in names if name)


def _said_in_words(text: str, quote: Quote) -> bool:
    """Whether ``text`` already names the quote's speaker with a speech verb."""
    if not quote.speaker or not _SPEECH_VERBS.search(text):
        return False
    names = {quote.speaker, *(part for part in quote.speaker.split() if len(part) > 2)}
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) for name in names)


def _intro(quote: Quote, options: SpeechOptions) -> str:
    if not quote.speaker:
        return options.quote_intro_no_speaker
    if quote.role:
        return options.quote_intro.format(speaker=quote.speaker, role=quote.role)
    return options.quote_intro_no_role.format(speaker=quote.speaker)


def _date_words(article: Article) -> str | None:
    if article.date is None:
        return None
    day = article.date
    return f"{day:%A} {day.day} {day:%B %Y}"


def speech_script(article: Article, options: SpeechOptions | None = None) -> list[Utterance]:
    """The utterances that read ``article`` aloud, in order.

    Every body paragraph is spoken exactly once and in order; a quote (its
    ``paragraphs``) is introduced once by its speaker and role, unless the
    paragraph before it or its own first paragraph already says who speaks, and
    closed once after its last paragraph. Quotes whose paragraphs are unknown
    are not spoken separately. Notes come last, after ``options.notes_intro``
    (an "Ends" line or a repeated "Notes to editors" heading is not read).

    Each paragraph is in its own language (``article.language_of``), the title
    and notes in ``article.language``: text in English (or of unknown language)
    is normalised for speech, text in another language is not, and an utterance
    whose language is not the options' says so in ``Utterance.language``.

        >>> from pressreader.models import Article
        >>> [u.kind for u in speech_script(Article("Title", ("One. Two.",)))]
        ['title', 'paragraph', 'paragraph']
    """
    options = options or SpeechOptions()
    script: list[Utterance] = []
    if article.source is not None:
        script.append(_generated("announcement", options.announcement.format(source=article.source.name)))
    script.extend(_sentences("title", article.title, None, article.language, options))
    date = _date_words(article)
    if date is not None:
        script.append(_generated("date", options.published.format(date=date)))
    if article.is_fallback:  # the listener is told, as the reader of the page is
        script.append(_generated("notice", FALLBACK_NOTICE))

    said = [
        _sentences("paragraph", text, index, article.language_of(index), options)
        for index, text in enumerate(article.body)
    ]
    owner: dict[int, Quote] = {}
    for each in article.quotes:
        for index in each.paragraphs:
            if 0 <= index < len(article.body) and said[index]:
                owner.setdefault(index, each)

    open_quote: Quote | None = None
    for index, paragraph in enumerate(article.body):
        if not said[index]:
            continue
        quote: Quote | None = owner.get(index)
        if open_quote is not None and quote is not open_quote:
            script.append(_generated("quote_end", options.quote_end, index - 1))
            open_quote = None
        if quote is not None and open_quote is None:
            previous = article.body[index - 1] if index > 0 and index - 1 not in owner else ""
            if not (_said_in_words(previous, quote) or _said_in_words(paragraph, quote)):
                script.append(_generated("quote_intro", _intro(quote, options), index))
            open_quote = quote
        script.extend(dataclasses.replace(u, kind="quote") if quote else u for u in said[index])
    if open_quote is not None:
        script.append(_generated("quote_end", options.quote_end, len(article.body) - 1))

    if options.include_notes and article.notes:
        script.append(_generated("notes_intro", options.notes_intro))
        for index, note in enumerate(article.notes):
            if not _NOTES_MARKER.match(note):
                script.extend(_sentences("notes", note, index, article.language, options))
    return script


def block_starts(script: Sequence[Utterance]) -> list[int]:
    """Indices of the utterances that begin a paragraph or announcement (for "next paragraph").

    >>> from pressreader.models import Article
    >>> block_starts(speech_script(Article("Title", ("One. Two.", "Three."))))
    [0, 1, 3]
    """
    return [i for i, u in enumerate(script) if u.starts_block]
