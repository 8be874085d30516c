"""Saved web pages: the article's lines with the clutter trafilatura drops set apart, and the page's metadata."""

from __future__ import annotations

import pytest

from reader.clean import clean_document
from reader.model import BODY, BOILERPLATE, BYLINE, CAPTION, HEADING, CleanedText
from reader.sources import read_document
from reader.webpage import author_names, story_title, without_site

# A news page of the usual shape: a byline, a comment count, a photo with its caption, a "continue reading" link,
# a sign-up box, related links and a list of topics around the story.
PAGE = """<html><head><title>Harbour Town Votes to Rebuild Its Sea Wall | Harbour News</title>
<meta property="og:site_name" content="Harbour News">
<meta name="author" content="Username">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Harbour Town Votes to Rebuild Its Sea Wall</h1>
<p class="byline">By <a href="/staff/jane-doe">Jane Doe</a></p>
<p><a href="#comments">12 comments</a></p>
<figure><img src="wall.jpg" alt="The wall">
<figcaption>Workers inspect the damaged sea wall after the storm in March.</figcaption></figure>
<p>Residents of the harbour town voted on Tuesday to rebuild the sea wall that failed during the spring storm,
ending months of argument over who should pay for the work.</p>
<p>The council had proposed a cheaper earth bank, but engineers warned that it would not survive another storm
of the same strength and that the harbour would flood again within a decade.</p>
<p>Continue reading the main story</p>
<h2>Who pays</h2>
<p>The cost will be shared between the town and the regional government, which has promised to cover two thirds
of the bill if work begins before the end of next year.</p>
<div class="newsletter"><p>Sign up for our daily newsletter and never miss a story from the coast.</p></div>
<h3>Related</h3>
<ul><li><a href="/a">Storm Damage Closes Coastal Road for a Week</a></li>
<li><a href="/b">Fishing Fleet Returns After Record Season</a></li>
<li><a href="/c">New Ferry Timetable Starts in June</a></li></ul>
<p>Topics: <a href="/t/harbour">harbour</a>, <a href="/t/storms">storms</a>, <a href="/t/council">council</a></p>
</article>
<footer><p>Copyright 2024 Harbour News. All rights reserved.</p></footer>
</body></html>"""


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "harbour.html"
    path.write_text(PAGE, encoding="utf-8")
    return read_document(path)


@pytest.fixture
def cleaned(page) -> CleanedText:
    return clean_document(page)


def role_of(cleaned: CleanedText, fragment: str) -> str:
    [role] = {p.role for p in cleaned.paragraphs if fragment in p.text}
    return role


def test_the_story_is_body_and_its_subheading_a_heading(cleaned):
    body = [p.text for p in cleaned.paragraphs if p.role == BODY]
    assert [text.split()[0] for text in body] == ["Residents", "The", "The"]
    assert body[0].endswith("who should pay for the work.")
    assert role_of(cleaned, "Who pays") == HEADING


def test_the_figure_caption_trafilatura_drops_comes_back_as_a_caption(page, cleaned):
    assert "Workers inspect the damaged sea wall" in page.text
    assert role_of(cleaned, "Workers inspect the damaged sea wall") == CAPTION


@pytest.mark.parametrize(
    "fragment",
    [
        "12 comments",
        "Continue reading the main story",
        "Sign up for our daily newsletter",
        "Related",
        "Storm Damage Closes Coastal Road",
        "New Ferry Timetable Starts in June",
        "Topics: harbour, storms, council",
    ],
)
def test_clutter_inside_the_article_is_labelled_not_dropped(cleaned, fragment):
    assert role_of(cleaned, fragment) == BOILERPLATE


def test_the_byline_is_labelled_and_names_the_author_instead_of_a_placeholder(page, cleaned):
    assert role_of(cleaned, "By Jane Doe") == BYLINE
    assert page.author == "Jane Doe"


def test_the_title_is_the_headline_without_the_site_and_is_taken_out_once(page, cleaned):
    assert page.title == cleaned.title == "Harbour Town Votes to Rebuild Its Sea Wall"
    assert page.site == "Harbour News"
    assert not any(p.text == cleaned.title for p in cleaned.paragraphs)


def test_the_page_outside_the_article_is_not_brought_back(page):
    assert "Sport" not in page.text and "All rights reserved" not in page.text


def test_every_line_of_the_document_is_in_one_paragraph(page, cleaned):
    lines = [line for line in page.text.splitlines() if line != cleaned.title]
    assert [p.text for p in cleaned.paragraphs] == lines


@pytest.mark.parametrize(
    "authors, expected",
    [
        ("Jeffrey Gettleman; JEFFREY GETTLEMAN", "Jeffrey Gettleman"),
        ("Username", None),
        ("Staff", None),
        ("HNN Staff", None),
        ("Troy Smith; Troy L Smith", "Troy L Smith"),
        ("Tom Krisher; AP Auto Writer", "Tom Krisher"),
        ("Sandee LaMotte; CNN", "Sandee LaMotte"),
        ("Meg Kinnard; Errin Haines; Associated Press", "Meg Kinnard; Errin Haines"),
        ("Analysis by Chris Cillizza", "Chris Cillizza"),
        ("Phil Helsel is a reporter for NBC News", "Phil Helsel"),
        ("Mike Wuerthele Monday; November", "Mike Wuerthele"),
        ("Associated Press", "Associated Press"),
        ("Harbour News", None),
    ],
)
def test_author_names_are_people_each_once(authors, expected):
    assert author_names(authors, "Harbour News") == expected


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Storm Hits Coast | Harbour News", "Storm Hits Coast"),
        ("Storm Hits Coast - Harbour News Online", "Storm Hits Coast"),
        ("Harbour News: Storm Hits Coast", "Storm Hits Coast"),
        ("Harbour News view on storms: time to act", "Harbour News view on storms: time to act"),
        ("Storm Hits Coast", "Storm Hits Coast"),
    ],
)
def test_the_site_name_is_taken_off_the_title(title, expected):
    site = "Harbour News Online" if "Online" in title else "Harbour News"
    assert without_site(title, site) == expected


def test_a_title_that_is_the_sites_gives_way_to_the_headline():
    from reader.model import HEADLINE, PageBlock

    blocks = (
        PageBlock("Storm hits the coast", HEADLINE),
        PageBlock("A storm hit the coast on Tuesday, cutting power to thousands of homes."),
    )
    assert story_title("Harbour News - Latest News & Headlines", "Harbour News", blocks) == "Storm hits the coast"
    assert story_title("Opinion | Storm hits the coast", "Harbour News", blocks) == "Storm hits the coast"
    assert story_title("Power cut after storm", "Harbour News", blocks) == "Power cut after storm"
