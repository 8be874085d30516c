"""Learn, from PolNeAR's training articles, which of the named speakers the rules find are real sources.

Usage: python tools/train_speaker_filter.py ../shared/corpus/polnear-train

For every named speaker reader/speakers.py finds in an article, its features (reader.speakers._features: how its
statements came to it, by which verbs, how often it is named, its shape) and whether it is one of the article's
sources: its name or one of its aliases holds the key of a gold attribution's source (the last word of the
source's proper name, as ../shared/eval/speaker_eval.py reads it). A logistic regression (numpy, L2) is fitted to that and written to
reader/data/speakers_filter.txt, one "feature weight" a line; reader/speakers.py drops a speaker whose probability is
below the threshold written there.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.analysis import load  # noqa: E402
from reader import speakers as S  # noqa: E402
from tools.polnear import DATA, write_data  # noqa: E402

OUT = DATA / "speakers_filter.txt"
TITLES = set("""the a an president presidential mr mrs ms dr sen senator rep representative gov governor former
republican democratic democrat u.s. us vice secretary state gop candidate nominee first lady chief prime minister
general attorney speaker house white campaign spokesman spokeswoman director officials official leader gen. sen.
rep. gov. mr. mrs. ms. dr. his her their it its he she i we they you this that these those some another many most
both all one others critics analysts several few each every such no any""".split())
WORD = re.compile(r"[\w’']+")
THRESHOLD = 0.6


def key_of(source: str) -> str | None:
    run: list[str] = []
    for token in source.replace("’s", "").replace("'s", "").split():
        word = token.strip(",.;:()\"“”")
        if word and word[0].isupper() and word.lower() not in TITLES:
            run.append(word)
        elif run:
            break
    return run[-1].lower() if run else None


def sources(text: str, annotation: str) -> tuple[set[str], str]:
    """The keys of the gold sources, and all source spans' words (lower case)."""
    keys, spans = set(), []
    for line in annotation.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) > 2 and fields[1].startswith("Source "):
            spans.append(fields[2])
            key = key_of(fields[2])
            if key:
                keys.add(key)
    return keys, " ".join(spans).lower()


def examples(corpus: Path) -> tuple[list[dict[str, float]], list[int]]:
    annotations: dict[str, Path] = {}
    for path in sorted((corpus / "ann").glob("*.ann")):
        annotations.setdefault(re.sub(r"_[0-9a-f]+\.ann$", "", path.name), path)
    rows, labels = [], []
    for stem, annotation in annotations.items():
        path = corpus / "text" / f"{stem}.txt"
        keys, spans = sources(path.read_text(encoding="utf-8"), annotation.read_text(encoding="utf-8"))
        for entity, credited in S._credited(load(path).paragraphs)[0]:
            if entity.kind == S.UNNAMED:
                continue
            words = {w.lower() for w in WORD.findall(" ".join((entity.name, *entity.aliases)))}
            right = bool(keys & words)
            rows.append(S._features(entity, credited))
            labels.append(int(right))
    return rows, labels


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 3000, rate: float = 0.5) -> np.ndarray:
    weights = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ weights))
        gradient = x.T @ (p - y) / len(y) + l2 * weights / len(y)
        weights -= rate * gradient
    return weights


def main(corpus: str) -> None:
    rows, labels = examples(Path(corpus))
    names = list(rows[0])
    x = np.array([[row[name] for name in names] for row in rows])
    y = np.array(labels, dtype=float)
    weights = fit(x, y)
    p = 1 / (1 + np.exp(-x @ weights))
    kept = p >= THRESHOLD
    print(f"{len(y)} speakers, {int(y.sum())} sources; kept {int(kept.sum())}: "
          f"precision {y[kept].mean():.3f} (all: {y.mean():.3f}), sources kept {y[kept].sum() / y.sum():.3f}")
    lines = [f"threshold {THRESHOLD}"] + [f"{name.replace(' ', '_')} {w:.4f}" for name, w in zip(names, weights)]
    header = [
        "# Which named speakers are real sources: a logistic regression on reader.speakers._features, fitted on",
        "# PolNeAR's training articles by tools/train_speaker_filter.py. A feature (spaces as _) and its weight.",
    ]
    write_data(OUT, header, lines, "lines")


if __name__ == "__main__":
    main(sys.argv[1])
