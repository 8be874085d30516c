"""The cleaning step: headline, body and the roles of page furniture, with every line kept."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seed_facts import SEED_BODY_OPENINGS, SEED_TITLE

from reader.clean import clean_document, clean_text
from reader.model import (
    BODY,
    BOILERPLATE,
    BYLINE,
    CAPTION,
    CREDIT,
    DATELINE,
    HEADING,
    MEDIA,
    ROLES,
    CleanedText,
    Document,
)


# A page the way a browser's "select all, copy" gives it: menus, share buttons, a caption, comments.
PAGE = """\
Skip to content

Home

World

Business

Sport

Subscribe

Harbour Town Votes to Rebuild Its Flooded Sea Wall

By Jane Doe

November 19, 2019, 10:31 AM

Share

Tweet

Email

Workers inspect the damaged sea wall (left) after the storm in March. Photo: John Smith

Residents of the harbour town voted on Tuesday to rebuild the sea wall that failed during the spring storm, \
ending months of argument over who should pay for the work.

The council had proposed a cheaper earth bank, but engineers warned that it would not survive another storm \
of the same strength and that the harbour would flood again within a decade.

Who pays

The cost will be shared between the town and the regional government, which has promised to cover two thirds \
of the bill if work begins before the end of next year.

"We have waited long enough," said the mayor, who has lived in the town for forty years.

Additional reporting by Sam Lee; editing by Kim Park.

Related

Storm Damage Closes Coastal Road for a Week

Fishing Fleet Returns After Record Season

Sign up for our daily newsletter and never miss a story.

12 Comments

Reader42 on November 19, 2019 at 11:02 am said:

About time too, the old wall was falling apart long before the storm and everybody in town knew it.

Privacy Policy

Terms of Use

© 2019 Harbour News. All rights reserved.
"""


def roles_of(cleaned: CleanedText, fragment: str) -> set[str]:
    return {p.role for p in cleaned.paragraphs if fragment in p.text}


def body_texts(cleaned: CleanedText) -> list[str]:
    return [p.text for p in cleaned.paragraphs if p.role == BODY]


def assert_every_line_kept(text: str, cleaned: CleanedText, title_line: str | None) -> None:
    """Each non-blank line but the title's is in exactly one paragraph, and paragraphs keep document order."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    paragraph_lines = [line for p in cleaned.paragraphs for line in p.text.split("\n")]
    if title_line is None:
        assert paragraph_lines == lines
    else:
        without_title = [lines[:i] + lines[i + 1 :] for i, line in enumerate(lines) if line == title_line]
        assert paragraph_lines in without_title
    assert all(p.role in ROLES for p in cleaned.paragraphs)


# --- the seed article --------------------------------------------------------------------------------------


def test_seed_title_is_the_headline(seed_text):
    assert clean_text(seed_text).title == SEED_TITLE


def test_seed_body_is_the_eight_paragraphs_in_order(seed_text):
    body = body_texts(clean_text(seed_text))
    assert len(body) == len(SEED_BODY_OPENINGS)
    for paragraph, start in zip(body, SEED_BODY_OPENINGS):
        assert paragraph.startswith(start)


def test_seed_furniture_is_labelled(seed_text):
    cleaned = clean_text(seed_text)
    assert roles_of(cleaned, "Vladimir Putin (left) met with") == {CAPTION}
    assert roles_of(cleaned, "Based on reporting by") == {CREDIT}
    for player_line in ("please wait", "No media source currently available", "0:00 0:01:27 0:00"):
        assert roles_of(cleaned, player_line) == {MEDIA}
    assert roles_of(cleaned, "Obama Calls For An 'Increase In Urgency'") == {MEDIA}
    assert roles_of(cleaned, "Accessibility links") == {BOILERPLATE}


def test_seed_keeps_every_line(seed_text):
    assert_every_line_kept(seed_text, clean_text(seed_text), SEED_TITLE)


# --- a page of my own --------------------------------------------------------------------------------------


@pytest.fixture
def page() -> CleanedText:
    return clean_text(PAGE)


def test_page_headline_found_among_menus(page):
    assert page.title == "Harbour Town Votes to Rebuild Its Flooded Sea Wall"


def test_page_body_is_the_story_only(page):
    body = body_texts(page)
    assert len(body) == 4
    assert body[0].startswith("Residents of the harbour town")
    assert body[-1].startswith('"We have waited long enough,"')


def test_navigation_and_share_lines_are_boilerplate(page):
    for line in ("Skip to content", "Home", "Subscribe", "Share", "Tweet", "Email", "Privacy Policy"):
        assert roles_of(page, line) == {BOILERPLATE}, line


def test_related_links_sign_up_and_comments_are_not_body(page):
    for line in (
        "Storm Damage Closes Coastal Road",
        "Fishing Fleet Returns",
        "Sign up for our daily newsletter",
        "12 Comments",
        "About time too, the old wall",
        "All rights reserved",
    ):
        assert roles_of(page, line) == {BOILERPLATE}, line


def test_byline_dateline_caption_credit_heading(page):
    assert roles_of(page, "By Jane Doe") == {BYLINE}
    assert roles_of(page, "November 19, 2019, 10:31 AM") == {DATELINE}
    assert roles_of(page, "Workers inspect the damaged sea wall (left)") == {CAPTION}
    assert roles_of(page, "Additional reporting by Sam Lee") == {CREDIT}
    assert roles_of(page, "Who pays") == {HEADING}


def test_page_keeps_every_line(page):
    assert_every_line_kept(PAGE, page, page.title)


# A second page: teasers for other stories, a related-links box inside the article, an introduced list, an
# author's note, and signed readers' comments.
BLOG_PAGE = """\
Menu

Latest Stories

Council Opens New Bus Station After Two Years of WorkThe station on the old market square opened on Monday.

Local Bakery Wins National Prize for Its Rye Bread and Seeded Rolls...

Ferry Timetable Changes for the Winter Season Announced...

Festival of Lights Returns to the Old Town

By Maria Costa | November 19, 2019

The festival of lights returns to the old town this winter, with thirty installations along the river and in the \
narrow streets around the cathedral, the organisers announced on Tuesday.

The organisers said the festival would run for eight weeks and that most of the installations would be switched \
on every evening from six until eleven.

Most Popular

Council Opens New Bus Station After Two Years of Work

Ferry Timetable Changes for the Winter Season Announced

Local Bakery Wins National Prize for Its Rye Bread

The festival jury chose the installations from more than four hundred proposals sent in by artists from \
twenty countries, and the organisers expect the festival to draw more visitors to the river than last year.

This year's installations include:

1. A tunnel of light under the old bridge

2. Floating lanterns on the river

3. A projection on the cathedral front

https://example.org/festival-map

Maria Costa is a staff writer covering culture and the arts for the paper.

3 responses to "Festival of Lights Returns to the Old Town"

Peter on November 19, 2019 at 8:15 pm said:

We went last year with the children and it was lovely, the bridge tunnel was the best part of the whole evening.

Anna on November 20, 2019 at 9:02 am said:

Can anyone tell me whether the installations along the river are easy to reach with a pushchair in the evening?
"""


@pytest.fixture
def blog() -> CleanedText:
    return clean_text(BLOG_PAGE)


def test_blog_headline_is_the_one_signed_below_not_a_teaser(blog):
    assert blog.title == "Festival of Lights Returns to the Old Town"


def test_article_resumes_after_a_box_of_related_links(blog):
    body = body_texts(blog)
    assert body[0].startswith("The festival of lights returns")
    assert any(text.startswith("The festival jury chose") for text in body)
    assert roles_of(blog, "Most Popular") == {BOILERPLATE}
    assert roles_of(blog, "Ferry Timetable Changes for the Winter Season Announced") == {BOILERPLATE}


def test_teasers_cut_off_or_glued_to_their_summary_are_not_body(blog):
    assert roles_of(blog, "Local Bakery Wins National Prize for Its Rye Bread and Seeded") == {BOILERPLATE}
    assert roles_of(blog, "Council Opens New Bus Station After Two Years of WorkThe station") == {BOILERPLATE}


def test_a_list_the_article_introduces_is_body(blog):
    for item in ("This year's installations include:", "1. A tunnel of light", "3. A projection on the cathedral"):
        assert roles_of(blog, item) == {BODY}, item
    assert roles_of(blog, "https://example.org/festival-map") == {BOILERPLATE}


def test_author_note_and_readers_comments_are_not_body(blog):
    assert roles_of(blog, "Maria Costa is a staff writer") == {BYLINE}
    assert roles_of(blog, "By Maria Costa | November 19, 2019") == {BYLINE}
    for line in ("3 responses to", "Peter on November 19, 2019", "We went last year", "Can anyone tell me"):
        assert roles_of(blog, line) == {BOILERPLATE}, line
    assert len(body_texts(blog)) == 7


def test_blog_keeps_every_line(blog):
    assert_every_line_kept(BLOG_PAGE, blog, blog.title)


# --- other shapes of text ----------------------------------------------------------------------------------


def test_clean_article_keeps_all_lines_as_body():
    """A tidy article (title, then one sentence a line in blocks): every line after the title is body."""
    text = (
        "Labour plans maternity pay rise\n\n"
        "Maternity pay for new mothers is to rise as part of new proposals announced on Sunday.\n\n"
        "It would mean paid leave would be increased to nine months by 2007, the minister said.\n"
        '"We have made a firm commitment."\n'
        "The opposition dismissed the plan as desperate.\n"
    )
    cleaned = clean_text(text)
    assert cleaned.title == "Labour plans maternity pay rise"
    assert len(body_texts(cleaned)) == 4
    assert_every_line_kept(text, cleaned, "Labour plans maternity pay rise")


def test_hard_wrapped_paragraph_is_one_paragraph():
    text = (
        "Council Approves New Library\n\n"
        "The city council approved the plans for a new library on Monday, after a\n"
        "debate that lasted most of the evening and ended with a narrow vote in\n"
        "favour of the larger of the two designs.\n\n"
        "Building work is expected to start in the spring and to take two years.\n"
    )
    cleaned = clean_text(text)
    body = body_texts(cleaned)
    assert len(body) == 2
    assert body[0].count("\n") == 2
    assert_every_line_kept(text, cleaned, "Council Approves New Library")


# An article as a text browser or a mail program gives it: wrapped at 72 columns, sentences running on.
UNWRAPPED_STORY = [
    "Kiwi Sanctuary Opens on Stewart Island",
    "By Jane Doe",
    "A sanctuary for the rarest of the kiwi opened on Stewart Island on Monday, after ten years of work by "
    "volunteers who cleared the island of the rats and stoats that had been killing the birds for a century.",
    "Stewart Island, at the southern tip of the country, is renowned in New Zealand as the quietest place there "
    "is, with fewer than four hundred people, and most of them turned out to watch the first birds carried into "
    "the sanctuary in wooden boxes.",
    '"We have waited a long time for this day," said Mere Tane, who leads the trust that runs the sanctuary. '
    '"The birds were dying on Stewart Island when I was a girl, and now my grandchildren will hear them at night."',
    "The Department of Conservation said the sanctuary would be watched for a year before more birds were "
    "brought from the mainland, and that traps would stay along the whole of its fence in the meantime.",
    "Visitors will be allowed in from the spring, in small groups led by a guide, and only after dark.",
]


def hard_wrapped(paragraphs: list[str], width: int = 72) -> str:
    import textwrap

    return "\n\n".join(textwrap.fill(paragraph, width, break_on_hyphens=False) for paragraph in paragraphs)


def flowed(cleaned: CleanedText) -> list[tuple[str, str]]:
    """The paragraphs with their line breaks as spaces: how they read."""
    return [(" ".join(p.text.split()), p.role) for p in cleaned.paragraphs]


def test_a_hard_wrapped_dump_and_the_same_text_unwrapped_give_the_same_paragraphs():
    wrapped = hard_wrapped(UNWRAPPED_STORY)
    assert "renowned in New\nZealand" in wrapped  # a break that `continues` alone does not see
    unwrapped, rewrapped = clean_text("\n\n".join(UNWRAPPED_STORY)), clean_text(wrapped)
    assert rewrapped.title == unwrapped.title == "Kiwi Sanctuary Opens on Stewart Island"
    assert flowed(rewrapped) == flowed(unwrapped)
    assert [p.role for p in rewrapped.paragraphs] == [BYLINE, BODY, BODY, BODY, BODY, BODY]
    assert_every_line_kept(wrapped, rewrapped, UNWRAPPED_STORY[0])


def test_a_wrapped_headline_is_the_title_on_one_line():
    story = ["Kiwi Sanctuary Opens on Stewart Island After Ten Years of Work by the Island's Volunteers",
             *UNWRAPPED_STORY[1:]]
    cleaned = clean_text(hard_wrapped(story, 60))
    assert cleaned.title == story[0]


def test_text_whose_lines_end_where_their_writer_ended_them_is_not_rewrapped(seed_text):
    from reader.clean import blocks_of, wrap_width

    one_sentence_a_line = "\n".join(UNWRAPPED_STORY[2:] * 3)
    assert wrap_width(blocks_of(seed_text)) is None
    assert wrap_width(blocks_of(one_sentence_a_line)) is None
    assert wrap_width(blocks_of(PAGE)) is None
    assert wrap_width(blocks_of(hard_wrapped(UNWRAPPED_STORY))) == 72


def test_text_without_a_headline_keeps_its_first_paragraph_as_body():
    text = (
        "The city council approved a new library for the town centre on Monday, after a long debate about "
        "its design.\n\n"
        "The library will open in 2022, the council said, and the building will cost less than the old design.\n"
    )
    cleaned = clean_text(text)
    assert cleaned.title == ""
    assert len(body_texts(cleaned)) == 2


def test_a_note_without_prose_is_shown_whole():
    cleaned = clean_text("milk and eggs\nbread\n")
    assert body_texts(cleaned) == ["milk and eggs", "bread"]


def test_empty_text_gives_nothing():
    assert clean_text("  \n\n ") == CleanedText("", ())


MARKDOWN = """\
# Rivers Rise After a Week of Rain

![The river at dawn](images/river.jpg)

The river rose by two metres overnight, and **three villages** were told to
prepare for floods, [the agency said](https://example.org/floods).

## What happens next

- Sandbags are handed out at the town hall.
- Schools stay closed until Friday.
"""


def test_markdown_title_heading_image_and_body():
    cleaned = clean_document(Document("rivers.md", MARKDOWN, "markdown"))
    assert cleaned.title == "Rivers Rise After a Week of Rain"
    assert roles_of(cleaned, "![The river at dawn]") == {CAPTION}
    assert roles_of(cleaned, "## What happens next") == {HEADING}
    body = body_texts(cleaned)
    assert body[0].startswith("The river rose by two metres overnight, and **three villages**")
    assert body[0].endswith("[the agency said](https://example.org/floods).")
    assert len(body) == 3
    assert_every_line_kept(MARKDOWN, cleaned, "# Rivers Rise After a Week of Rain")


def test_html_document_is_all_body_but_its_title_line():
    text = "Rivers Rise After a Week of Rain\nThe river rose by two metres.\nSchools stay closed."
    document = Document("rivers.html", text, "html", title="Rivers Rise After a Week of Rain")
    cleaned = clean_document(document)
    assert cleaned.title == "Rivers Rise After a Week of Rain"
    assert body_texts(cleaned) == ["The river rose by two metres.", "Schools stay closed."]


def test_html_document_whose_first_line_is_not_the_title_keeps_it():
    text = "The river rose by two metres.\nSchools stay closed."
    cleaned = clean_document(Document("rivers.html", text, "html", title="Rivers Rise"))
    assert cleaned.title == "Rivers Rise"
    assert body_texts(cleaned) == ["The river rose by two metres.", "Schools stay closed."]


def test_text_document_goes_through_page_cleaning(seed_text):
    cleaned = clean_document(Document("seed.txt", seed_text, "text"))
    assert cleaned == clean_text(seed_text)


# --- the invariant on any text -----------------------------------------------------------------------------

PIECES = [
    SEED_TITLE, "Tour dates:", "1. A tunnel of light", "2) Floating lanterns", "3 of 4", "...", "…", "\u200b",
    "He said the talks would go on. Mr. Smith disagreed and said this would not be the end of it at all.",
    "Share", "12 Comments", "Jo on May 1, 2019 at 4:47 pm said:", "https://example.org/a", "— AFP", "Photo: X",
    "By Jane Doe", "0:00 0:01:27 0:00",
    "Storm Hits CoastThe storm hit the coast on Monday and left many without power.",
    "# Heading", "## Part", "![alt](image.png)", "", "   ",
]
pages = st.lists(st.sampled_from(PIECES), max_size=40).map("\n".join)


def taken_title_line(lines: list[str], cleaned: CleanedText, kind: str) -> str | None:
    """The input line that became the title, if one did."""
    if not cleaned.title:
        return None
    if kind == "markdown":
        return next(line for line in lines if line.startswith("# ") and line[2:].strip() == cleaned.title)
    if kind == "html":  # the title comes from the page's metadata; its line is taken only when it opens the text
        return lines[0] if lines and lines[0] == cleaned.title else None
    return cleaned.title


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), pages), st.sampled_from(["text", "markdown", "html"]))
def test_every_line_is_kept_whatever_the_text(text, kind):
    cleaned = clean_document(Document("any", text, kind, title="Heading"))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert_every_line_kept(text, cleaned, taken_title_line(lines, cleaned, kind))



def test_measuring_many_lines_keeps_the_memory_of_a_few_articles() -> None:
    """A listing process measures the lines of thousands of files' heads: what cleaning remembers of them must
    not grow with the library (it grew by 40 MB over 20,000 files)."""
    import tracemalloc

    from reader.clean import role_by_cues, shape_of

    lines = [f"Paragraph {n} tells what the council decided about the harbour works, and why the ferry "
             f"operators objected to the plan at the meeting on the {n}th." for n in range(12000)]
    tracemalloc.start()
    try:
        for line in lines:
            role_by_cues(line, shape_of(line))
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert held < 3 * 2**20
