"""Choices the reader remembers between runs (for now the theme), kept in a small JSON file.

The file lives in the user's config folder (platformdirs), so it follows XDG on Linux and the platform's
convention elsewhere. A missing or damaged file is never an error: the reader starts with the defaults.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from platformdirs import user_config_dir

APP_NAME = "newsreader"


@dataclass(frozen=True)
class Settings:
    theme: str | None = None


def settings_path() -> Path:
    return Path(user_config_dir(APP_NAME)) / "settings.json"


def load_settings() -> Settings:
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    theme = data.get("theme") if isinstance(data, dict) else None
    return Settings(theme=theme if isinstance(theme, str) and theme else None)


def save_settings(settings: Settings) -> None:
    """Write the settings (raises OSError when the folder is not writable; the caller says so)."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write beside the file and rename over it, so a crash never leaves half a file behind.
    partial = path.with_suffix(".json.tmp")
    partial.write_text(json.dumps(asdict(settings), indent=1) + "\n", encoding="utf-8")
    os.replace(partial, path)
