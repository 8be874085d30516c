"""A list of two-line rows drawn only when on screen (Textual's line API, as Toolong shows big logs).

Textual's OptionList makes an option per row and measures every one of them: a second for 10,000 rows before
the last is listed, and kilobytes each. A `VirtualList` holds no rows at all: it knows how many there are, asks
its subclass for a row's text (`row_content`) when that row comes on screen, and keeps only the rows drawn
lately. Every row is ROW_HEIGHT lines (cut to the width, never wrapped), so where a row is needs no measuring.
It answers to OptionList's keys and mouse, looks as an OptionList does, and says what happens with
`Highlighted` and `Selected`.
"""

from __future__ import annotations

from time import monotonic
from typing import Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Padding, Visual, visualize

# Lines per row.
ROW_HEIGHT = 2
# Rows kept drawn (many screens' worth); past that they are drawn again as they come on screen.
DRAWN_ROWS = 500
# A key that moves the cursor this soon after the one before says the reader is running through the list (a key
# held down repeats every 30-50 ms, a finger pressing again takes 150 or more): see `Highlighted.running`.
REPEAT_WINDOW = 0.2
# The actions that move the cursor by a key (step_to).
STEP_ACTIONS = frozenset({"cursor_down", "cursor_up", "first", "last", "page_down", "page_up"})


class VirtualList(ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
        Binding("enter", "select", "Select", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"virtual-list--row", "virtual-list--highlighted", "virtual-list--hover"}
    # OptionList's look.
    DEFAULT_CSS = """
    VirtualList {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        padding: 0 1;
        background: $surface;
        & > .virtual-list--row {
            padding: 0 1;
        }
        & > .virtual-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .virtual-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .virtual-list--hover {
            background: $block-hover-background;
        }
    }
    """

    # Not repainted whole when they change: their watchers redraw the two rows that change (and scrolling to
    # the cursor repaints what it moves), where a repaint would draw every line of the list again on every key.
    highlighted: reactive[int | None] = reactive(None, repaint=False)  # the row under the cursor
    hovered: reactive[int | None] = reactive(None, repaint=False)  # the row under the mouse

    class Highlighted(Message):
        """Another row under the cursor; `running` if a key moved it there soon after moving it before, so
        the row may be passed at once."""

        def __init__(self, virtual_list: VirtualList, row: int, running: bool = False) -> None:
            super().__init__()
            self.virtual_list, self.row, self.running = virtual_list, row, running

        @property
        def control(self) -> VirtualList:
            return self.virtual_list

    class Selected(Highlighted):
        """Enter, or a click, on a row."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # The rows drawn lately, each with its look and width: a row is two lines, and the screen asks for each.
        self.drawn: dict[int, tuple[str, int, list[Strip]]] = {}
        self._stepped_at = float("-inf")  # when a key last moved the cursor (monotonic)
        self._in_run = False  # while a key moves the cursor soon after the one before (see step_to)

    # -- what the subclass says ---------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        raise NotImplementedError

    def row_content(self, row: int) -> Content:
        raise NotImplementedError

    # -- drawing --------------------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        row, offset = divmod(self.scroll_offset.y + y, ROW_HEIGHT)
        width = self.scrollable_content_region.width
        if row >= self.row_count:
            return Strip.blank(width, self.get_visual_style("virtual-list--row").rich_style)
        look = ("virtual-list--highlighted" if row == self.highlighted else
                "virtual-list--hover" if row == self.hovered else "")
        drawn = self.drawn.get(row)
        if drawn is None or drawn[:2] != (look, width):
            if len(self.drawn) > DRAWN_ROWS:
                self.drawn.clear()
            style = self.get_visual_style("virtual-list--row", *([look] if look else []))
            padding = self.get_component_styles("virtual-list--row").padding
            visual = Padding(visualize(self, self.row_content(row), markup=False), padding)
            strips = [strip.extend_cell_length(width, style.rich_style).apply_meta({"row": row})
                      for strip in Visual.to_strips(self, visual, width, ROW_HEIGHT, style)]
            drawn = self.drawn[row] = (look, width, strips)
        strips = drawn[2]
        return strips[offset] if offset < len(strips) else Strip.blank(width)

    def redraw(self, row: int | None = None) -> None:
        """Draw the row `row` again (every row: None) when next on screen; at once if it is on screen."""
        if row is None:
            self.drawn.clear()
            self.refresh()
            return
        self.drawn.pop(row, None)
        top = row * ROW_HEIGHT - self.scroll_offset.y
        if -ROW_HEIGHT < top < self.scrollable_content_region.height:
            self.refresh(Region(0, top, self.scrollable_content_region.width, ROW_HEIGHT))

    def redraw_from(self, row: int) -> None:
        """Draw every row from `row` on again when next on screen; at once those on screen."""
        for drawn in [n for n in self.drawn if n >= row]:
            del self.drawn[drawn]
        top = row * ROW_HEIGHT - self.scroll_offset.y
        height = self.scrollable_content_region.height
        if top < height:
            self.refresh(Region(0, max(top, 0), self.scrollable_content_region.width, height - max(top, 0)))

    def rows_changed(self) -> None:
        """How many rows there are changed: the scrolled height follows (and the list's own, up to its limit)."""
        height = self.row_count * ROW_HEIGHT
        size = Size(self.scrollable_content_region.width, height)
        if size != self.virtual_size:
            # Only while the rows do not fill the list does its own height change: no layout otherwise.
            on_screen = min(height, self.virtual_size.height) <= self.scrollable_content_region.height
            self.virtual_size = size
            self._scroll_update(size)
            self.refresh(layout=on_screen)

    def on_resize(self) -> None:
        self.rows_changed()
        self.redraw()

    def notify_style_update(self) -> None:
        self.drawn.clear()
        super().notify_style_update()

    # -- the cursor and the mouse -------------------------------------------------------------------------

    def validate_highlighted(self, row: int | None) -> int | None:
        return None if row is None or not self.row_count else max(0, min(row, self.row_count - 1))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for row in (old, new):
            if row is not None:
                self.redraw(row)
        if new is not None:
            self.scroll_to_highlight()
            self.post_message(self.Highlighted(self, new, self._in_run))

    def watch_hovered(self, old: int | None, new: int | None) -> None:
        for row in (old, new):
            if row is not None:
                self.redraw(row)

    def scroll_to_highlight(self) -> None:
        if self.highlighted is not None and self.is_mounted:
            region = Region(0, self.highlighted * ROW_HEIGHT, self.scrollable_content_region.width, ROW_HEIGHT)
            self.scroll_to_region(region, force=True, animate=False, immediate=True)

    def on_show(self) -> None:
        self.scroll_to_highlight()

    def step_to(self, row: int) -> None:
        """Move the cursor to `row` for a key (see REPEAT_WINDOW)."""
        now = monotonic()
        self._in_run, self._stepped_at = now - self._stepped_at < REPEAT_WINDOW, now
        try:
            self.highlighted = row  # its watcher posts Highlighted at once
        finally:
            self._in_run = False

    def action_cursor_down(self) -> None:
        self.step_to(0 if self.highlighted is None else self.highlighted + 1)

    def action_cursor_up(self) -> None:
        self.step_to(0 if self.highlighted is None else self.highlighted - 1)

    def action_first(self) -> None:
        self.step_to(0)

    def action_last(self) -> None:
        self.step_to(self.row_count - 1)

    def move_page(self, direction: int) -> None:
        """A screen's height of lines on, as OptionList moves (a row half on screen counts)."""
        line = ROW_HEIGHT * (self.highlighted or 0) + direction * self.scrollable_content_region.height
        self.step_to(max(0, line) // ROW_HEIGHT)

    def action_page_down(self) -> None:
        if self.highlighted is None:
            self.action_last()
        else:
            self.move_page(+1)

    def action_page_up(self) -> None:
        if self.highlighted is None:
            self.action_first()
        else:
            self.move_page(-1)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if row is not None:
            self.highlighted = row
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hovered = event.style.meta.get("row")

    def on_leave(self) -> None:
        self.hovered = None
