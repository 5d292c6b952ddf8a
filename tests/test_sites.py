"""The site registry: lookups, user overrides, and per-site selectors taking effect."""

from __future__ import annotations

import pytest

from pressreader import DEFAULT_REGISTRY, Selectors, Site, SiteError, SiteRegistry, parse_article

LOOKUPS = [
    ("warwickshire", "warwickshire"),
    ("Warwickshire", "warwickshire"),
    ("https://www.warwickshire-pcc.gov.uk/news/x/", "warwickshire"),
    ("http://warwickshire-pcc.gov.uk", "warwickshire"),
    ("www.kent-pcc.gov.uk/news-menu/press-releases/2024/x/", "kent"),
    ("https://news.essex.pfcc.police.uk/a", "essex"),  # a subdomain of a known site
    ("leics.pcc.police.uk", "leicestershire"),
    ("https://www.london.gov.uk/mopac/news", "london"),
    ("https://evil-warwickshire-pcc.gov.uk.example.com/", None),
    ("https://notwarwickshire-pcc.gov.uk/", None),
    ("", None),
    ("not a url at all", None),
]


@pytest.mark.parametrize(("query", "key"), LOOKUPS)
def test_find(query: str, key: str | None) -> None:
    site = DEFAULT_REGISTRY.find(query)
    assert (site.key if site else None) == key


def test_every_site_from_the_notes_is_registered() -> None:
    assert len(DEFAULT_REGISTRY) >= 33
    domains = {s.domain for s in DEFAULT_REGISTRY}
    for domain in ("nottinghamshire.pcc.police.uk", "merseysidepcc.info", "southwalescommissioner.org.uk"):
        assert domain in domains


def test_lookup_of_an_unknown_site_suggests_keys() -> None:
    with pytest.raises(SiteError, match=r"unknown site .warks.*did you mean warwickshire"):
        DEFAULT_REGISTRY.lookup("warks")


def test_duplicate_keys_are_refused() -> None:
    site = DEFAULT_REGISTRY.lookup("kent")
    with pytest.raises(SiteError, match="duplicate site keys in registry: kent"):
        SiteRegistry((site, site))


def test_user_entries_override_and_extend() -> None:
    mine = DEFAULT_REGISTRY.with_sites(
        Site("kent", "Kent PCC (test)", "Kent", "kent-pcc.gov.uk"),
        Site("exampleshire", "Exampleshire Police and Crime Commissioner", "Exampleshire", "exampleshire.example"),
    )
    assert mine.lookup("kent").name == "Kent PCC (test)"
    assert mine.lookup("https://exampleshire.example/news/1").key == "exampleshire"
    assert DEFAULT_REGISTRY.lookup("kent").name == "Kent Police and Crime Commissioner"  # unchanged
    assert len(mine) == len(DEFAULT_REGISTRY) + 1


PAGE = """<html><body>
<div class="banner-title">The headline a site selector finds</div>
<h1>Site name in a big heading</h1>
<div class="when">Updated daily</div><span class="stamp">5 June 2024</span>
<div class="story"><p>First paragraph of the story, long enough to be a paragraph.</p>
<p class="promo">Subscribe to our newsletter for more news like this every week.</p>
<p>Second paragraph of the story, also long enough to count.</p></div>
<div class="other"><p>Something else on the page that is long and looks like prose, a lot of it.</p>
<p>More of it, with enough words and commas, to outscore the story on its own.</p>
<p>And even more text, to make sure the generic path would choose this block.</p></div>
</body></html>"""


def test_site_selectors_are_used_first() -> None:
    site = Site(
        "exampleshire",
        "Exampleshire Police and Crime Commissioner",
        "Exampleshire",
        "exampleshire.example",
        selectors=Selectors(title=".banner-title", date=".stamp", body=".story", remove=(".promo",)),
    )
    article = parse_article(PAGE, "https://exampleshire.example/news/1", site=site)
    assert article.title == "The headline a site selector finds"
    assert article.date is not None
    assert article.date.isoformat() == "2024-06-05"
    assert article.body == (
        "First paragraph of the story, long enough to be a paragraph.",
        "Second paragraph of the story, also long enough to count.",
    )
    assert article.source is not None
    assert article.source.name == "Exampleshire Police and Crime Commissioner"


def test_a_registry_key_works_as_site() -> None:
    article = parse_article("<h1>T</h1><p>A paragraph of story text for the test.</p>", site="surrey")
    assert article.source is not None
    assert article.source.area == "Surrey"


def test_a_bad_selector_is_a_site_error() -> None:
    site = Site("bad", "Bad", "Bad", "bad.example", selectors=Selectors(body="p[[["))
    with pytest.raises(SiteError, match="bad CSS selector"):
        parse_article("<h1>T</h1><p>Text of the story here.</p>", site=site)
