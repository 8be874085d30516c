"""The list's cheap headline (clean.head_title): what cleaning a plain text's first lines whole would find, by the
checks a headline needs alone, or None when the head is not that plain."""

from __future__ import annotations

import pytest

from reader import clean
from reader.analysis import heading, outline
from reader.clean import StoryText, clean_text, head_title
from reader.model import Document

STORY = [
    "The ferry to Kelp Island ran again on Tuesday after the storm had kept it in port for nine days.",
    "Islanders queued at the pier before dawn, and the first crossing was full within the hour.",
    "“We had run out of fresh milk by the weekend,” said Rua Tane, who keeps the island's only shop.",
    "The harbour master said the ferry would run twice a day until the backlog of freight had cleared.",
]
MENUS = ["Skip to main content", "Home", "Islands", "Weather"]
HEADLINE = "Kelp Island Ferry Runs Again After Storm"


def head(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def body_words(text: str) -> int:
    """The head's words that cleaning it whole counts as the article's."""
    return sum(len(paragraph.text.split()) for paragraph in clean_text(text).paragraphs if paragraph.is_body)


@pytest.mark.parametrize("text", [
    head(HEADLINE, *STORY),  # a plain article: its first line, then the story
    head(*MENUS, HEADLINE, *STORY),  # copied from a page: menus above the headline
    head(*MENUS, HEADLINE, "By Mere Tane", "Tuesday 4 March 2025", *STORY),  # signed and dated under it
    head(*MENUS, HEADLINE, "The ferry at the pier (left) on Tuesday morning, with the harbour master's launch.",
         *STORY),  # a caption pointing at its picture, between the headline and the story
    head("Home", "Islands", HEADLINE, "Share this article", *STORY[:2], "Advertisement", *STORY[2:]),
])
def test_the_cheap_headline_and_words_are_what_cleaning_the_head_whole_finds(text):
    found = head_title(text)
    assert found is not None and found.title == clean_text(text).title == HEADLINE
    assert found.story_words == body_words(text)


def test_a_head_without_prose_or_whose_prose_stops_at_once_is_cleaned_whole():
    assert head_title(head(*MENUS, HEADLINE, "Islands", "Weather")) is None  # no paragraph: nothing to weigh by
    # A site's blurb among its menus: the story may lie further in, past the menus.
    blurb = "Island News is a network of local papers serving the outer islands, their people and their trade."
    assert head_title(head("Island News", blurb, *MENUS, HEADLINE)) is None
    assert head_title(head("Notes", *STORY)) is None  # no line before the story shares its words


def test_the_list_heading_of_a_plain_text_does_not_clean_its_head_whole(monkeypatch, tmp_path):
    text = head(*MENUS, HEADLINE, *STORY) + "\n\n".join(STORY * 20)
    document = Document(str(tmp_path / "ferry.txt"), text, "text")
    whole = outline(document)
    monkeypatch.setattr(clean, "clean_text", lambda text: pytest.fail("the head was cleaned whole"))
    listed = heading(document)
    assert (listed.title, listed.id) == (whole.title, whole.id) == (HEADLINE, whole.id)
    assert listed.words == whole.length


def test_the_story_holds_a_word_only_where_it_stands_whole():
    story = StoryText("the ferry's crossing to kelp island, by rua_tane and o'neill. ferrymen")
    assert "ferry" not in story  # joined to "'s" by an apostrophe: WORD reads "ferry's"
    assert "neill" not in story and "cross" not in story and "ferrymen" in story
    assert "kelp" in story and "rua" in story and "tane" in story  # an underscore parts words
    assert all(word in clean.content_words(story.lowered) for word in ("kelp", "island", "crossing", "ferrymen"))
