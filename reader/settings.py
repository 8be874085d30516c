"""Choices the reader remembers between runs (for now the theme), kept in a small JSON file; and the keys a user
chose, in the config file they write themselves.

The file lives in the user's config folder (platformdirs), so it follows XDG on Linux and the platform's
convention elsewhere. A missing or damaged file is never an error: the reader starts with the defaults, and a
damaged one is set aside (renamed beside it, never overwritten) with a notice. Keys this version does not know
(a newer version wrote them) are kept when the settings are saved.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

from .stores import set_aside

APP_NAME = "newsreader"


@dataclass(frozen=True)
class Settings:
    theme: str | None = None
    notice: str = field(default="", compare=False)  # what was wrong with the file, for the user


def settings_path() -> Path:
    return Path(user_config_dir(APP_NAME)) / "settings.json"


def load_settings() -> Settings:
    try:
        data, notice = _read(settings_path())
    except OSError as error:
        return Settings(notice=f"settings {settings_path()} could not be read ({error.strerror}); using the defaults")
    theme = data.get("theme")
    return Settings(theme=theme if isinstance(theme, str) and theme else None, notice=notice)


def save_settings(settings: Settings) -> str:
    """Write the settings over what the file holds, keeping the keys this version does not know; a damaged
    file is set aside first. Returns what to tell the user ("" for nothing); raises OSError when the file
    cannot be read or the folder is not writable (the caller says so)."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data, notice = _read(path)
    data["theme"] = settings.theme
    # Write beside the file and rename over it, so a crash never leaves half a file behind.
    partial = path.with_suffix(".json.tmp")
    partial.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    os.replace(partial, path)
    return notice


def _read(path: Path) -> tuple[dict[str, Any], str]:
    """What the file holds, and what to tell the user: a damaged file is set aside and holds nothing."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, ""
    except UnicodeDecodeError:
        return {}, _set_aside(path, "not UTF-8 text")
    if not text.strip():  # nothing saved: nothing to keep
        return {}, ""
    try:
        data = json.loads(text)
    except ValueError as error:
        return {}, _set_aside(path, f"not JSON: {error}")
    if not isinstance(data, dict):
        return {}, _set_aside(path, "not a JSON object")
    return data, ""


def _set_aside(path: Path, why: str) -> str:
    try:
        aside = set_aside(path)
    except OSError as error:
        return f"settings {path} were damaged ({why}) and could not be set aside ({error.strerror}); using the defaults"
    return f"settings {path} were damaged ({why}): set aside as {aside.name}; using the defaults"


# -- the keys the user chose ---------------------------------------------------------------------------------
#
# `config.toml` in the same folder holds what a user writes by hand (settings.json is the reader's to write):
# a `[keys]` table of action names and keys, e.g. `next_article = "ctrl+n"` or `search = "slash,ctrl+f"`.


def topics_path() -> Path:
    """Where the user's own topics are (topics.user_topics_path), known without importing the topics' module."""
    return Path(user_config_dir(APP_NAME)) / "topics.toml"


def config_path() -> Path:
    return Path(user_config_dir(APP_NAME)) / "config.toml"


def load_keys() -> tuple[dict[str, str], list[str]]:
    """The `[keys]` table of the config file (action name -> keys), and what is wrong with it, each problem
    naming the file. An entry that is not a string of keys is left out; a file that cannot be read or parsed
    gives no keys at all; a missing file is no problem."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    path = config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, []
    except OSError as error:
        return {}, [f"{path}: could not be read ({error.strerror}); the keys are the defaults"]
    except UnicodeDecodeError:
        return {}, [f"{path}: not UTF-8 text; the keys are the defaults"]
    except tomllib.TOMLDecodeError as error:
        return {}, [f"{path}: not TOML ({error}); the keys are the defaults"]
    table = data.get("keys", {})
    if not isinstance(table, dict):
        return {}, [f"{path}: `keys` is not a table (write [keys] and lines like next_article = \"ctrl+n\")"]
    keys, problems = {}, []
    for action, value in table.items():
        if isinstance(value, str) and value.strip():
            keys[action] = value
        else:
            problems.append(f"{path}: [keys] {action} = {value!r} is not a key (write it as \"ctrl+n\")")
    return keys, problems
