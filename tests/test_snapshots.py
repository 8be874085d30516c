"""What the reader looks like on the seed, at the sizes people use (80x24 and up, down to 40x12), once its
analysis is done.

Regenerate after a deliberate change with `pytest tests/test_snapshots.py --snapshot-update`, then look at
the SVGs: they are the screen a person sees.
"""

from __future__ import annotations

from reader.ui.app import NewsReader

from test_app import settle


def test_stacked_at_80x24(snap_compare):
    assert snap_compare(NewsReader(), terminal_size=(80, 24), run_before=settle)


def test_side_by_side_at_120x40(snap_compare):
    assert snap_compare(NewsReader(), terminal_size=(120, 40), run_before=settle)


def test_side_by_side_at_200x50(snap_compare):
    assert snap_compare(NewsReader(), terminal_size=(200, 50), run_before=settle)


async def read(pilot) -> None:
    await settle(pilot)
    await pilot.press("z")
    await pilot.pause()


def test_reading_mode_at_80x24(snap_compare):
    """The article alone: its topics, 18 lines of its text below the headline, the status and the footer."""
    assert snap_compare(NewsReader(), terminal_size=(80, 24), run_before=read)


def test_short_screen_at_60x20(snap_compare):
    """One article's row, the text, a smaller summary: some of the article's text on screen."""
    assert snap_compare(NewsReader(), terminal_size=(60, 20), run_before=settle)


def test_tiny_screen_at_40x12(snap_compare):
    """The list's row and the text; the summary only while it has focus."""
    assert snap_compare(NewsReader(), terminal_size=(40, 12), run_before=settle)


def test_reading_mode_at_40x12(snap_compare):
    assert snap_compare(NewsReader(), terminal_size=(40, 12), run_before=read)


def test_chosen_sentence_at_120x40(snap_compare):
    async def choose_last_sentence(pilot) -> None:
        await settle(pilot)
        await pilot.press("tab", "tab", "end", "enter")
        await pilot.pause()

    assert snap_compare(NewsReader(), terminal_size=(120, 40), run_before=choose_last_sentence)


def test_help_screen_at_80x24(snap_compare):
    async def open_help(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(NewsReader(), terminal_size=(80, 24), run_before=open_help)


def test_light_theme_at_120x40(snap_compare):
    assert snap_compare(NewsReader(theme_name="light"), terminal_size=(120, 40), run_before=settle)


def test_speakers_and_topic_marked_at_120x40(snap_compare):
    """Obama's names and words in his colour, the statement stepped to, Ukraine's passages barred."""

    async def follow_obama_through_ukraine(pilot) -> None:
        await settle(pilot)
        await pilot.press("t", *"ukr", "enter")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        await pilot.press("full_stop")
        await pilot.pause()

    assert snap_compare(NewsReader(), terminal_size=(120, 40), run_before=follow_obama_through_ukraine)


def test_speakers_panel_at_80x24(snap_compare):
    async def open_speakers(pilot) -> None:
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()

    assert snap_compare(NewsReader(), terminal_size=(80, 24), run_before=open_speakers)


def test_topic_picker_at_80x24(snap_compare):
    async def type_in_the_picker(pilot) -> None:
        await settle(pilot)
        await pilot.press("t", "s")
        await pilot.pause()

    assert snap_compare(NewsReader(), terminal_size=(80, 24), run_before=type_in_the_picker)
