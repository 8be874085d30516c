"""The marks in the text: restrained, readable in monochrome, off and on with h; a search's words marked; a
search that matches nothing leaves no article on screen."""

from __future__ import annotations

from test_app import settle
from test_app_library import library, rows, type_search  # noqa: F401 - the fixture

from reader.ui.app import NewsReader
from reader.ui.marking import HIGHLIGHT, SEARCH_HIT, SPEAKER_BAR, SUMMARY_DOT, paragraph_content
from reader.ui.widgets import ArticleView


def spans_over(content, fragment: str) -> set[str]:
    start = content.plain.find(fragment)
    assert start >= 0, fragment
    return {str(s.style) for s in content.spans if s.start <= start and s.end >= start + len(fragment)}


def margin_text(view: ArticleView, index: int) -> str:
    return "".join(line.text[:3] for line in view.paragraph_lines(index))


async def test_reported_speech_is_a_bar_in_the_margin_and_h_turns_the_marks_off(seed_path):
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        article = view.article
        said = next(s for s in article.speakers[0].statements if s.kind != "direct")
        content = paragraph_content(article, said.paragraph, view.marks)
        # Reported words keep the text's colour: only the margin says who speaks.
        assert not any("$speaker" in style for style in spans_over(content, said.text.split()[-1]))
        assert SPEAKER_BAR in margin_text(view, said.paragraph)
        second = article.summary[1]
        assert SUMMARY_DOT in margin_text(view, second.paragraph)
        assert HIGHLIGHT in spans_over(paragraph_content(article, second.paragraph, view.marks), second.text)

        await pilot.press("h")
        await pilot.pause()
        assert not view.marks.highlighting
        for index in view.paragraphs:
            plain = paragraph_content(article, index, view.marks)
            assert not plain.spans or article.paragraphs[index].role != "body"
            assert SPEAKER_BAR not in margin_text(view, index) and SUMMARY_DOT not in margin_text(view, index)
        assert "▶" in margin_text(view, view.cursor)  # where the reader is stays marked

        await pilot.press("h")
        await pilot.pause()
        assert view.marks.highlighting
        assert SPEAKER_BAR in margin_text(view, said.paragraph)


async def test_search_words_are_marked_and_no_match_leaves_no_article(library):  # noqa: F811
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        await type_search(pilot, "council")
        await settle(pilot)
        assert view.article.title == "Council Votes On New Library Budget"
        assert view.marks.search == ("council",)
        first = view.article.body_indexes[0]
        assert SEARCH_HIT in spans_over(view.paragraphs[first].content, "council")
        assert SEARCH_HIT in spans_over(view.blocks[0].content, "Council")  # the headline too

        await type_search(pilot, "zzqqxx")
        assert rows(app) == []
        assert view.article is None
        assert "No article matches the search." in view.blocks[0].content.plain
        assert str(view.border_title) == "Text"

        await pilot.press("escape")
        await settle(pilot)
        assert len(rows(app)) == 3
        assert view.article is not None and view.marks.search == ()


async def test_a_view_that_shows_no_article_leaves_none_on_screen(library):  # noqa: F811
    app = NewsReader(paths=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article is not None
        await pilot.press("v", "v")  # the starred: none is
        await pilot.pause()
        assert app.session.view == "starred" and rows(app) == []
        assert view.article is None and "No article in this view." in view.blocks[0].content.plain
        await pilot.press("v")
        await settle(pilot)
        assert view.article is not None
