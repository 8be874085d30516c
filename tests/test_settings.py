"""Remembered choices: a round trip through the config folder, and defaults whatever the file holds."""

from __future__ import annotations

import os

from reader.settings import Settings, load_settings, save_settings, settings_path


def test_settings_live_in_the_user_config_folder():
    assert str(settings_path()).startswith(os.environ["XDG_CONFIG_HOME"])
    assert settings_path().parent.name == "newsreader"


def test_nothing_saved_gives_the_defaults():
    assert load_settings() == Settings()


def test_saved_theme_comes_back():
    save_settings(Settings(theme="light"))
    assert load_settings() == Settings(theme="light")
    save_settings(Settings(theme="high-contrast"))
    assert load_settings().theme == "high-contrast"


def test_damaged_file_gives_the_defaults():
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    for damage in ("{not json", "[1, 2]", '{"theme": 42}', '{"theme": ""}', ""):
        settings_path().write_text(damage, encoding="utf-8")
        assert load_settings() == Settings(), damage


def test_no_partial_file_left_behind():
    save_settings(Settings(theme="dark"))
    assert sorted(p.name for p in settings_path().parent.iterdir()) == ["settings.json"]
