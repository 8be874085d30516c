"""Topics in the reader: the topic bar, ] and [ through a topic's passages, the picker, the narrowed summary,
and the article list filtered by topic."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_app import settle, summary_texts
from textual.content import Content
from textual.widget import Widget

from reader.model import Article, Topic
from reader.ui.app import NewsReader
from reader.ui.marking import CURSOR_FIRST, TOPIC_BAR
from reader.ui.navigation import next_after, passage_starts, previous_before
from reader.ui.picker import TopicPicker
from reader.ui.article_list import ArticleList
from reader.ui.widgets import ArticleView, SummaryList
from status_line import status

OTHER_ARTICLES = {
    "brazil.txt": (
        "Brazil Wins The Football Final In Rio\n\n"
        "Brazil beat Argentina two goals to one in the football final in Rio de Janeiro on Sunday.\n\n"
        "The Brazilian coach said the football team had trained for months for the final against Argentina.\n\n"
        "Fans filled the streets of Rio after the football match, and the Brazilian president called the coach.\n\n"
        "Argentina will play Brazil again in the football league next spring.\n"
    ),
    "japan.txt": (
        "Japan Raises Interest Rates For The First Time In Years\n\n"
        "The Bank of Japan raised interest rates on Tuesday for the first time in seventeen years.\n\n"
        "Japanese banks welcomed the rise in interest rates, and the yen gained against the dollar in Tokyo.\n\n"
        "Economists in Tokyo said Japan's inflation had stayed above target for two years, so rates had to rise.\n\n"
        "Japanese exporters warned that a stronger yen would cut their profits abroad.\n"
    ),
}


@pytest.fixture
def three_articles(tmp_path, seed_path) -> Path:
    folder = tmp_path / "three"
    folder.mkdir()
    (folder / "0_seed.txt").write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    for name, text in OTHER_ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def title(widget: Widget) -> str:
    """A pane's title as the reader sees it (Textual hands it back as markup)."""
    return Content.from_markup(widget.border_title or "").plain


def body_number(article: Article, index: int) -> int:
    """A paragraph as a reader counts it: the nth body paragraph, from 1."""
    return article.body_indexes.index(index) + 1


def cursor_body_number(app: NewsReader) -> int:
    view = app.query_one(ArticleView)
    return body_number(view.article, view.cursor)


def first_line(view: ArticleView, index: int) -> str:
    """Paragraph `index`'s first line as the pane draws it, from its margin (a caption's border left off)."""
    return view.paragraph_lines(index)[0].text.removeprefix("▌")


async def pick_topic(pilot, query: str) -> None:
    await pilot.press("t")
    await pilot.pause()
    assert isinstance(pilot.app.screen, TopicPicker)
    await pilot.press(*query)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


def test_passages_are_runs_broken_by_anything_between():
    article = Article(id="a", path="a", title="t", paragraphs=(), topics=(Topic("X", (1, 2, 3, 6, 8, 9)),))
    assert passage_starts(article, "X") == [1, 6, 8]
    assert passage_starts(article, "Y") == []
    assert passage_starts(article, "X", shown=[2, 3, 6, 9]) == [2, 6, 9]  # 1 and 8 hidden
    assert next_after([1, 6, 8], 6) == 8
    assert next_after([1, 6, 8], 8) == 1  # wraps
    assert previous_before([1, 6, 8], 7) == 6
    assert previous_before([1, 6, 8], 1) == 8  # wraps
    assert next_after([], 3) is None


async def test_passage_keys_go_to_5_then_6_then_wrap_to_1_for_ukraine(seed_path):
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert cursor_body_number(app) == 1  # the top
        assert first_line(view, view.cursor).startswith(CURSOR_FIRST)
        await pick_topic(pilot, "ukr")
        assert app.text_view.choice.topic == "Ukraine"
        assert cursor_body_number(app) == 1
        seen = []
        for _ in range(3):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            seen.append(cursor_body_number(app))
        assert seen == [5, 6, 1]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert cursor_body_number(app) == 6  # back, wrapping round from the first
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert cursor_body_number(app) == 5
        # The cursor is drawn where it is, and only there; the list scrolled to show it.
        for index in view.paragraphs:
            assert first_line(view, index).startswith(CURSOR_FIRST) == (index == view.cursor)
        assert view.scroll_y > 0


async def test_the_chosen_topic_is_marked_in_the_bar_and_the_margin(seed_path):
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert "▶" not in title(view)
        # As many topics as the pane's title has room for, and a count of the others.
        assert all(name in title(view) for name in ("Syria", "Ukraine")) and title(view).endswith(" +1")
        await pick_topic(pilot, "ukr")
        assert "▶Ukraine◀" in title(view)
        ukraine = {3, 7, 12}
        assert {body_number(view.article, i) for i in ukraine} == {1, 5, 6}
        for index in view.paragraphs:
            marked = first_line(view, index)[1] == TOPIC_BAR
            assert marked == (index in ukraine), index
        await pick_topic(pilot, "cyber")  # the chosen topic is named even where the others leave it no room
        assert "▶Cybersecurity◀" in title(view) and title(view).endswith(" +2")


async def test_t_picks_a_topic_by_part_of_its_name(seed_path):
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, TopicPicker)
        assert len(picker.matching) == len(app.query_one(ArticleView).article.topics)
        await pilot.press("c", "y", "b")
        await pilot.pause()
        assert [topic.name for topic in picker.matching] == ["Cybersecurity"]
        await pilot.press("backspace", "backspace", "backspace", "s", "y", "r")
        await pilot.pause()
        assert picker.matching[0].name == "Syria"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, TopicPicker)
        assert app.text_view.choice.topic == "Syria"
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("escape")  # closes without changing the topic
        await pilot.pause()
        assert not isinstance(app.screen, TopicPicker)
        assert app.text_view.choice.topic == "Syria"


async def test_capital_t_narrows_the_summary_to_the_topic(seed_path):
    app = NewsReader(paths=[seed_path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        whole = app.query_one(ArticleView).article.summary
        await pick_topic(pilot, "ukr")
        await pilot.press("T")
        await settle(pilot)
        summary = app.query_one(SummaryList)
        assert "about Ukraine" in title(summary)
        narrowed = app.query_one(ArticleView).article.summary
        ukraine = next(t.paragraphs for t in app.query_one(ArticleView).article.topics if t.name == "Ukraine")
        assert len(narrowed) == app.session.sentences
        assert all(sentence.paragraph in ukraine for sentence in narrowed)
        assert narrowed != whole  # the whole article's summary starts in the Syria passage
        assert summary_texts(app) == [sentence.text for sentence in narrowed]
        await pilot.press("T")
        await settle(pilot)
        assert "about" not in title(summary)
        assert app.query_one(ArticleView).article.summary == whole


async def test_the_list_shows_topics_and_filters_by_one(three_articles):
    app = NewsReader(paths=[three_articles])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        rows = [articles.get_option_at_index(i).prompt.plain for i in range(articles.option_count)]
        assert len(rows) == 3
        # Every article was analysed in the background, not only the one on screen.
        assert "Syria" in rows[0] and "Football" in rows[1] and "Japan" in rows[2]
        await pilot.press("ctrl+p")
        await pilot.press(*"filter by topic: syria")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert articles.option_count == 1
        assert app.article_list.current.title.startswith("Obama")
        assert status(app).startswith("1 of 3 articles about Syria ·")  # all analysed: no "so far"
        await pilot.press("f")  # clears
        await pilot.pause()
        assert articles.option_count == 3
        assert "about" not in status(app)
        await pilot.press("j")
        await settle(pilot)
        await pick_topic(pilot, "football")
        await pilot.press("f")  # filters by the chosen topic
        await pilot.pause()
        assert articles.option_count == 1
        assert app.article_list.current.title.startswith("Brazil")


async def test_topic_keys_before_the_analysis_is_done_are_harmless(tmp_path):
    app = NewsReader(paths=[tmp_path])
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("t", "right_square_bracket", "left_square_bracket", "T", "f")
        await pilot.press("w", "full_stop", "comma", "O", "w")
        await pilot.pause()
        assert app.is_running
        assert not isinstance(app.screen, TopicPicker)


async def test_the_users_topics_file_is_used(seed_path, tmp_path):
    topics_file = tmp_path / "topics.toml"
    topics_file.write_text('[topics."Wars"]\nmerge = ["Syria", "Ukraine"]\n', encoding="utf-8")
    app = NewsReader(paths=[seed_path], topics_file=topics_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        names = [topic.name for topic in app.query_one(ArticleView).article.topics]
        assert "Wars" in names and "Syria" not in names and "Ukraine" not in names


async def test_a_broken_topics_file_is_reported_and_the_found_topics_used(seed_path, tmp_path, monkeypatch):
    topics_file = tmp_path / "topics.toml"
    topics_file.write_text("[topics\n", encoding="utf-8")
    app = NewsReader(paths=[seed_path], topics_file=topics_file)
    notices: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **_: notices.append(message))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Ukraine" in [topic.name for topic in app.query_one(ArticleView).article.topics]
    assert any("topics.toml" in notice for notice in notices)
