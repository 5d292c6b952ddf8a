"""What is never story text: tags, class/id words, ARIA roles and phrases (data only).

Adding a kind of page furniture is adding a word here. ``chrome`` is site
furniture (menus, cookie banners, share bars, related news, footers) that no
field is taken from; ``meta`` is article furniture (bylines, date lines,
captions) that is not body text but may hold the date.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "BLOCK_TAGS",
    "CHROME_ROLES",
    "CHROME_TAGS",
    "CHROME_WORDS",
    "DROP_TAGS",
    "HEADER_WORDS",
    "META_WORDS",
    "NOISE_LINE",
    "NOTES_START",
    "POINTER_LINE",
    "PROTECTED_TAGS",
    "is_hidden",
    "noise_kind",
]

#: Elements removed with their content before anything is read (their tail text stays).
#: Never the HTML5 void elements libxml2 does not know (source, track, embed, wbr):
#: it nests the rest of the page inside them.
DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas",
    "button", "select", "input", "textarea", "option", "map", "audio", "video", "head",
    "rt", "rp",  # ruby readings (furigana): the text is the base characters, as a reader sees them
)  # fmt: skip

#: Elements whose text is one paragraph of their own.
BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dd", "dt",
        "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "tbody", "thead",
        "tfoot", "pre", "address", "figure", "figcaption", "header", "footer", "nav", "aside",
        "form", "fieldset", "center", "body", "hr", "caption", "details", "summary", "hgroup",
    }
)  # fmt: skip

#: Tags that are site furniture wherever they appear.
CHROME_TAGS = frozenset(
    {"nav", "aside", "footer", "dialog", "menu", "amp-ad", "amp-sidebar", "amp-consent", "amp-social-share"}
)

#: Tags that never count as furniture by their class names (they hold the page).
PROTECTED_TAGS = frozenset({"html", "body", "main", "form"})

CHROME_ROLES = frozenset(
    {
        "navigation", "banner", "contentinfo", "complementary", "search", "dialog",
        "alertdialog", "menu", "menubar", "toolbar", "tablist",
    }
)  # fmt: skip

#: Class/id words of site furniture (matched against whole class tokens, their
#: prefixes and "-word" suffixes: "cookie-banner", "site-footer", "sharedaddy").
CHROME_WORDS = (
    "nav", "navbar", "navigation", "menu", "menus", "submenu", "megamenu", "breadcrumb",
    "breadcrumbs", "crumbs", "cookie", "cookies", "consent", "gdpr", "cc-window", "share",
    "sharing", "sharedaddy", "shares", "social", "socials", "addthis", "related", "relatedposts",
    "jp-relatedposts", "related-posts", "yarpp", "crp_related", "sidebar", "ccc", "cookie-control", "cky",
    "widget", "widgets", "footer", "masthead", "skip", "skiplink", "skip-link", "text-size",
    "textsize", "font-size", "fontsize", "resizer", "accessibility-bar", "accessibility-tools",
    "quick-exit", "quickexit", "exit-site", "hide-site", "comment", "comments", "respond",
    "pagination", "pager", "paging", "pagenav", "post-navigation", "nav-links", "tags", "tag-list",
    "tagcloud", "categories", "cat-links", "tags-links", "newsletter", "subscribe", "signup",
    "search", "searchform", "modal", "dialog", "popup", "overlay", "toolbar", "utility", "topbar",
    "top-bar", "promo", "advert", "advertisement", "ads", "more-news", "latest-news",
    "news-list", "news-listing", "also-read", "recommended", "read-more", "readmore",
    "author-bio", "screen-reader-text", "visually-hidden", "sr-only", "print-only",
    "site-title", "site-branding", "logo", "contact-bar", "banner",
    "emergency", "jump-links", "on-this-page", "in-this-section", "feedback",
    "was-this-helpful", "rating", "page-tools", "cta", "alert-bar", "back-to-top", "topic-list",
    "topics", "links-block", "more-on-this-story",
)  # fmt: skip

#: Class/id words of page headers: never body text, but they may hold the headline and date.
HEADER_WORDS = ("header", "masthead", "hero", "page-title", "title-bar", "intro-bar")

#: Class/id words of article furniture: kept out of the body, searched for dates.
META_WORDS = (
    "byline", "entry-meta", "post-meta", "meta", "metadata", "posted-on", "post-date",
    "entry-date", "published", "date", "dateline", "article-date", "news-date", "caption",
    "wp-caption-text", "wp-caption-dd", "figcaption", "credit", "photo-credit", "image-caption",
    "img-caption", "entry-footer", "post-footer", "article-footer", "article-tools", "article-info",
    "createdby", "hits", "category-name", "buttonheading",
)  # fmt: skip

# Tokens that merely describe a layout ("has-sidebar", "no-comments") never match.
_LAYOUT_PREFIXES = ("has-", "with-", "no-", "without-", "page-template", "layout-", "template-", "is-")
#: Tokens about alignment ("header-content-align-left", "text-align-center") describe layout too.
_ALIGNMENT = re.compile(r"(?:^|[-_])align(?:ment)?(?:[-_]|$)")

#: Page builders call every block a widget: the widget's own name says what it is
#: ("elementor-widget-text-editor" is story text, "elementor-widget-share-buttons" is not).
_BUILDER_WIDGET_PREFIXES = ("elementor-widget-", "elementor-widget_")
_BUILDER_LAYOUT = frozenset({"elementor-widget", "container", "wrap", "elementor-widget-wrap"})
#: Elementor widgets that are furniture whatever the words: lists of other posts, menus, forms.
_BUILDER_FURNITURE = frozenset({
    "posts", "archive-posts", "loop-grid", "loop-carousel", "post-navigation", "share-buttons", "nav-menu",
    "form", "post-comments", "author-box", "call-to-action", "sitemap", "portfolio", "search-form",
})


def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^(?:[a-z0-9]+[-_])*?(?:{alternatives})(?:[-_][a-z0-9-_]*)?$")


_CHROME = _word_pattern(CHROME_WORDS)
_HEADER = _word_pattern(HEADER_WORDS)
_META = _word_pattern(META_WORDS)
_RANK = {"meta": 1, "header": 2}
_SPLIT = re.compile(r"[\s]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


@lru_cache(maxsize=8192)
def noise_kind(
    tag: str, attrib_class: str | None, attrib_id: str | None, role: str | None, component: str | None = None
) -> str | None:
    """``"chrome"``, ``"header"``, ``"meta"`` or ``None`` for one element.

    Decided from the tag, the ARIA role and the class and id words.

    >>> noise_kind("div", "cookie-banner show", None, None)
    'chrome'
    >>> noise_kind("div", "has-sidebar single", None, None) is None
    True
    >>> noise_kind("span", "wp-caption-text", None, None)
    'meta'
    >>> noise_kind("div", "recipe-card header-content-align-left", None, None) is None
    True
    """
    if tag in CHROME_TAGS:
        return "chrome"
    role = role.lower() if role else None
    if role in CHROME_ROLES:
        return "chrome"
    if tag in PROTECTED_TAGS or role == "main":
        return None
    found: str | None = "header" if tag == "header" or role == "banner" else None
    found = "meta" if found is None and tag == "figcaption" else found
    for attribute in (attrib_class, attrib_id, component):
        if not attribute:
            continue
        for token in _SPLIT.split(attribute.lower()):
            if not token or token.startswith(_LAYOUT_PREFIXES) or _ALIGNMENT.search(token):
                continue
            if token.startswith("elementor-"):
                if token.startswith(_BUILDER_WIDGET_PREFIXES):
                    token = token[len("elementor-widget-") :]
                    if token in _BUILDER_FURNITURE:
                        return "chrome"
                if token in _BUILDER_LAYOUT or token.startswith("elementor-"):
                    continue
            if _CHROME.match(token):
                return "chrome"
            kind = "header" if _HEADER.match(token) else "meta" if _META.match(token) else None
            if kind and _RANK[kind] > _RANK.get(found or "", 0):
                found = kind
    return found


def is_hidden(style: str | None, hidden: str | None, aria_hidden: str | None) -> bool:
    """True for elements a sighted reader never sees and a screen reader skips."""
    if hidden is not None or (aria_hidden or "").lower() == "true":
        return True
    return bool(style and _HIDDEN_STYLE.search(style))


#: Short lines that are page furniture even when they sit inside the story.
NOISE_LINE = re.compile(
    r"^(?:skip(?: to)?(?: main)? (?:content|navigation|to content)|skip navigation|text size:?(?: a)*"
    r"|a a a|open menu|close menu|menu|search|share(?: this)?(?: (?:page|article|story|post))?:?"
    r"|share on \w+|like this:?|tweet|print(?: this page)?|email(?: this)?|read more|read the full story"
    r"|more news|related (?:news|stories|articles|posts)|back to (?:top|news)|return to news"
    r"|quick exit|exit (?:this )?site|leave this site|posted in:?.*|filed under:?.*|tags?:.*"
    r"|categor(?:y|ies):.*|image:.*|photo:.*|picture:.*|credit:.*|previous(?: (?:post|article))?"
    r"|next(?: (?:post|article))?|advertisement|sponsored|anzeige|werbung|publicidad|publicité|pubblicità|"
    r"(?:share(?: this| on)?:?[\s|,]*)?(?:(?:facebook|twitter|x|e-?mail|linkedin|whatsapp|print|copy link"
    r"|reddit|bluesky|threads|messenger)[\s|,]*)+"
    # Feedback and download prompts, in the languages pressreader reads.
    r"|(?:was|is) this (?:page|article|information) (?:helpful|useful)\??(?: yes no)?|rate this (?:article|page)"
    r"|wie (?:bewerten|fanden) sie diesen (?:artikel|beitrag)\??|war dieser (?:artikel|beitrag) hilfreich\??"
    r"|(?:pressemitteilung|artikel|beitrag|press release|article) (?:als|as) pdf"
    r"|download (?:as )?pdf|(?:als )?pdf herunterladen"
    r"|kontakt:?|contact us:?|mehr zum thema.*|more on this (?:story|topic)|weitere artikel|weitere informationen:?"
    r"|erschienen in:?|zum artikel|zur startseite|nach oben|drucken|teilen:?|artikel teilen"
    # Picture captions and credits.
    r"|(?:titelbild|abbildung|bild|foto|fotos|quelle|bildquelle|fotocredit|crédit photo|crédits?|fuente|foto de portada"
    r"|header image|featured image|top image|source)\s*:.*"
    r")\W*$",
    re.IGNORECASE,
)

#: Lines (up to 200 characters) that point away from the story or sign off the site:
#: "Read also: …", "VEA TAMBIÉN: …", "Lesen Sie auch: …", "© 2020 …", "Kategorie: …".
POINTER_LINE = re.compile(
    r"^(?:(?:see|read) also|also read|read more|related|vea también|lea también|ver también|lire aussi|à lire aussi"
    r"|voir aussi|lesen sie (?:auch|mehr)|auch interessant|mehr dazu|leggi anche|zie ook|lees ook|czytaj (?:też|także)"
    r"|kategorie|kategorien|category|categories|catégories?|categoría|schlagwörter|schlagworte|stichwörter|tags"
    r")\s*:.*$"
    r"|^(?:©|\(c\)|copyright\b).{0,150}$"
    r"|^(?:you (?:may|might) also like|recommended (?:for you|posts|articles|stories)|empfohlene (?:beiträge|artikel)"
    r"|das könnte sie auch interessieren|weitere beiträge|ähnliche beiträge|related (?:posts|articles|stories)"
    r"|más noticias|noticias relacionadas|articles similaires|à lire également)\W*$",
    re.IGNORECASE,
)

#: The first line of trailing editorial notes ("Ends", "Notes to editors"…).
NOTES_START = re.compile(
    r"^(?:[-–—\s]*ends[-–—.\s]*$|notes? (?:to|for) (?:editors|editor)\b|editor'?s'? notes?\b"
    r"|media (?:enquiries|contact|inquiries)\b|press (?:enquiries|office contact)\b"
    r"|for (?:more|further) (?:information|details)(?:,| please)? (?:please )?contact\b)",
    re.IGNORECASE,
)
