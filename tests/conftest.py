"""Shared fixtures: every test gets its own config and cache folders, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_62ec73b051e80c3c.txt"


@pytest.fixture(autouse=True)
def private_dirs(tmp_path, monkeypatch):
    """platformdirs follows XDG on Linux: point config, cache and data at a temporary folder."""
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        folder = tmp_path / name.lower()
        folder.mkdir()
        monkeypatch.setenv(name, str(folder))
    return tmp_path


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def one_key_at_a_time(monkeypatch):
    """Pilot presses keys far sooner after each other than a person does, which the list takes for a key held
    down (headlines alone until the cursor rests: see VirtualList.REPEAT_WINDOW). Each key is taken on its own,
    as a person's is, but by the tests of that run of keys, which set the window themselves."""
    from reader.ui import virtual_list

    monkeypatch.setattr(virtual_list, "REPEAT_WINDOW", 0.0)
