"""What persists between runs: finished analyses in SQLite under the user's cache folder.

An analysis is keyed by the file's content, the analysis version and the summary options, so a changed file or
a new version of the analysis is redone. A cache that cannot be used (corrupt, locked, an older schema, a
read-only disk) never stops the reader: it is rebuilt, or the reader runs without one, and `notice` says so.
"""

from __future__ import annotations

import json
from dataclasses import replace
import sqlite3
from pathlib import Path

from .model import Article, article_from_json

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS analyses (
    key TEXT PRIMARY KEY,
    article TEXT NOT NULL
);
"""


def default_cache_path() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("newsreader")) / "analyses.sqlite3"


def cache_key(article_id: str, version: int, algorithm: str, sentences: int) -> str:
    return f"{article_id}:{version}:{algorithm}:{sentences}"


class AnalysisCache:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_cache_path()
        self.notice = ""
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except sqlite3.DatabaseError as error:
            if "locked" in str(error) or "readonly" in str(error) or "unable to open" in str(error):
                self.notice = f"cache {self.path} unusable ({error}); running without a cache"
                return self._memory()
            self.notice = f"cache {self.path} was unreadable ({error}); rebuilt it"
            return self._rebuild()
        except OSError as error:
            self.notice = f"cache folder {self.path.parent} unusable ({error.strerror}); running without a cache"
            return self._memory()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=1, check_same_thread=False)
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, SCHEMA_VERSION):
            db.executescript("DROP TABLE IF EXISTS analyses;")
            self.notice = f"cache {self.path} was from an older version; rebuilt it"
        db.executescript(SCHEMA)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.commit()
        return db

    def _rebuild(self) -> sqlite3.Connection:
        try:
            self.path.unlink()
            return self._connect()
        except (OSError, sqlite3.DatabaseError):
            return self._memory()

    def _memory(self) -> sqlite3.Connection:
        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.executescript(SCHEMA)
        return db

    def get(self, key: str) -> Article | None:
        try:
            row = self._db.execute("SELECT article FROM analyses WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError:
            return None
        if row is None:
            return None
        try:
            return article_from_json(json.loads(row[0]))
        except (ValueError, KeyError, TypeError):
            return None  # a damaged entry is analysed again

    def put(self, key: str, article: Article) -> None:
        try:
            with self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO analyses (key, article) VALUES (?, ?)",
                    (key, json.dumps(article.to_json(), ensure_ascii=False)),
                )
        except sqlite3.DatabaseError as error:
            self.notice = f"could not write to the cache {self.path} ({error})"

    def close(self) -> None:
        self._db.close()


def cached(cache: AnalysisCache, article: Article, sentences: int, algorithm: str) -> Article | None:
    """The finished analysis of this outline with these options, if a run before us made it."""
    from .analysis import ANALYSIS_VERSION

    found = cache.get(cache_key(article.id, ANALYSIS_VERSION, algorithm, sentences))
    return replace(found, path=article.path) if found else None


def complete_with_cache(cache: AnalysisCache, article: Article, sentences: int, algorithm: str) -> Article:
    """The finished analysis, from the cache when it has it, else made now and stored."""
    from .analysis import ANALYSIS_VERSION, complete

    found = cached(cache, article, sentences, algorithm)
    if found:
        return found
    finished = complete(article, sentences, algorithm)
    cache.put(cache_key(article.id, ANALYSIS_VERSION, algorithm, sentences), finished)
    return finished
