"""The keys a user can change: every binding is named by its action (`next_article`, `search`: see
widgets.with_ids), and the `[keys]`
table of the config file (see reader/settings.py) gives an action other keys through Textual's keymap.

An entry naming no action, or a key Textual has no name for, is told in a notice naming the file and the
problem; the other entries still apply. The help shows the keys in effect.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.keys import Keys

from ..settings import config_path, load_keys
from .widgets import with_ids

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
NAMED_KEYS = {key.value for key in Keys}


def _bindings(nodes: Iterable[DOMNode]) -> Iterator[Binding]:
    """The bindings the classes of `nodes` declare, their base classes' too."""
    seen: set[type] = set()
    for node in nodes:
        for cls in type(node).__mro__:
            if cls in seen:
                continue
            seen.add(cls)
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding):
                    yield binding


def named_bindings(app: App[object]) -> dict[str, Binding]:
    """Every binding with a name (see with_ids) of the app and the widgets on its first screen, by name."""
    nodes = [app, *app.screen_stack[0].walk_children()] if app.screen_stack else [app]
    return {binding.id: binding for binding in _bindings(nodes) if binding.id}


def key_problem(key: str) -> str | None:
    """What is wrong with one key of a binding ("ctrl+n", "f5", "question_mark", "?"), if anything."""
    *modifiers, name = key.strip().split("+") if key.strip() != "+" else ["+"]
    unknown = [modifier for modifier in modifiers if modifier.lower() not in MODIFIERS]
    if unknown:
        return f"{unknown[0]!r} is not a modifier (ctrl, shift, alt)"
    if len(name) == 1 or name.lower() in NAMED_KEYS:
        return None
    try:
        unicodedata.lookup(name.replace("_", " "))  # Textual's names for characters: question_mark, full_stop
    except KeyError:
        return f"{name!r} is not a key Textual knows"
    return None


def user_keymap(app: App[object]) -> tuple[dict[str, str], list[str]]:
    """The keymap of the config file's `[keys]` table, and a notice for each entry left out."""
    chosen, problems = load_keys()
    bindings = named_bindings(app)
    path = config_path()
    keymap = {}
    for action, keys in chosen.items():
        if action not in bindings:
            problems.append(f"{path}: [keys] {action}: no such action (the names are those of the help's "
                            f"actions, e.g. next_article, search)")
            continue
        wrong = next((problem for key in keys.split(",") if (problem := key_problem(key))), None)
        if wrong:
            problems.append(f"{path}: [keys] {action} = {keys!r}: {wrong}")
            continue
        keymap[action] = ",".join(key.strip() for key in keys.split(","))
    return keymap, problems


def apply_user_keys(app: App[object]) -> None:
    """Give the actions the config file names their keys; tell what could not be used."""
    keymap, problems = user_keymap(app)
    if keymap:
        app.set_keymap(keymap)
    for problem in problems:
        app.notify(problem, title="Keys", severity="warning", timeout=15, markup=False)


def key_label(key: str) -> str:
    """A key as the help writes it: "ctrl+n" as "Ctrl+N", "question_mark" as "?", "f5" as "F5"."""
    *modifiers, name = key.split("+") if key != "+" else ["+"]
    if len(name) > 1 and name.lower() not in NAMED_KEYS:
        try:
            name = unicodedata.lookup(name.replace("_", " "))
        except KeyError:
            pass  # not a character's name: written as it is
    shown = name.upper() if modifiers and len(name) == 1 else name if len(name) == 1 else name.capitalize()
    return "+".join([*(modifier.capitalize() for modifier in modifiers), shown])


# The keys of the reading panes (reading.py), wherever the focus is among them, and their lines in the help.
READING_KEYS = with_ids([
    Binding("h", "toggle_highlighting", "Marks", show=False),
    Binding("u", "show_links", "Links", show=False),
    Binding("vertical_line", "pipe_article", "Pipe", key_display="|", show=False),
])
READING_HELP: list[tuple[str, str]] = [
    ("h", "highlighting off (only where you are stays marked) and on again"),
    ("u", "the article's links, numbered: type a number or move to one, Enter opens it as o does"),
    ("|", "pipe the article's text to a command you type (the reader steps aside while it runs)"),
]


def help_rows(app: App[object], rows: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The help's rows with the keys in effect: a key the config file moved is shown at its new place; and a
    row saying where that file is."""
    moved: dict[str, str] = {}
    keymap = getattr(app, "_keymap", {})  # what set_keymap was given (normalised by Textual)
    for name, binding in named_bindings(app).items():
        if name in keymap:
            old = binding.key_display or key_label(binding.key.split(",")[0])
            moved[old] = " / ".join(key_label(key) for key in keymap[name].split(","))
    shown = []
    for label, text in [*rows, *READING_HELP]:
        shown.append((" / ".join(moved.get(part, part) for part in label.split(" / ")), text))
    shown.append(("Your keys", f"{config_path()}: a [keys] table, e.g. next_article = \"ctrl+n\""))
    return shown
