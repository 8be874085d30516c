"""A summary that puts the news first: position-aware centrality over the project's own sentences.

In the spirit of PacSum (Zheng and Lapata 2019): a sentence is central when the sentences after it say what it
says (news states the gist, then details it), less so when it only echoes those before it, and the lead is
favoured. Sentences are compared with sumy's stemmer and stop words, by TF-IDF cosine and by word overlap
(sumy's reduction edge, which favours full sentences). A short summary of a long article is the lead's news;
a summary that must cover much of its article leans on coverage: the weights of the two cases, and the share
of the article between which one gives way to the other, come from `data/summary_weights.txt`
(benchmarks/summary_tune.py measures them on a CNN and a BBC set).

The choice keeps the reader's trust: no sentence twice (nor a near-copy), no "This"/"It"/"He" opener without
the sentence it points back to, no part of a quote without the sentence that says who spoke.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .model import SummarySentence
from .resources import data_file
from .sentences import words

FEATURES = ("lead", "after", "before", "overlap", "length", "quote")
# A sentence this close (TF-IDF cosine) to one already chosen says nothing new.
NEAR_COPY = 0.5
# Subjects that point back to an earlier sentence.
POINTING_BACK = frozenset("this these those it he she they".split())
FIRST_WORD = re.compile(r"[\s\"“‘'(]*(\w+)")
# "Coral Gables, Florida (CNN)", "LONDON (Reuters) -": where the story was filed, not part of its news.
DATELINE = re.compile(r"^(?:[A-Z][\w.,' ]{0,50}?\s*)?\([A-Z][A-Za-z]+\)(?:\s*[-–—]+\s*|(?=[A-Z\"“]))")
OPENING_QUOTES = ('"', "“", "‘")
# A quote running on longer than this is a stray mark, not one speaker's words.
LONGEST_QUOTE = 3


@dataclass(frozen=True)
class Weights:
    short: tuple[float, ...]  # per FEATURES, for a summary that is a small share of its article
    long: tuple[float, ...]  # for one that is a large share
    short_share: float  # up to this share of the sentences, `short` alone
    long_share: float  # from this share on, `long` alone

    def at(self, share: float) -> tuple[float, ...]:
        t = min(1.0, max(0.0, (share - self.short_share) / (self.long_share - self.short_share)))
        return tuple((1 - t) * short + t * long for short, long in zip(self.short, self.long))


@lru_cache(maxsize=1)
def weights() -> Weights:
    rows: dict[str, list[float]] = {}
    for line in data_file("summary_weights.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, *values = line.split()
            rows[key] = [float(v) for v in values]
    return Weights(tuple(rows["short"]), tuple(rows["long"]), rows["shares"][0], rows["shares"][1])


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words("english"))


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    from sumy.nlp.stemmers import Stemmer

    return Stemmer("english")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(_stemmer()(word))  # a word comes back again and again; Snowball is the slow part


def content_words(sentence_words: tuple[str, ...]) -> list[str]:
    stop_words = _stop_words()
    return [_stem(w.lower()) for w in sentence_words if w.lower() not in stop_words]


def _similarities(tokens: list[list[str]]) -> tuple[Any, Any]:
    """(TF-IDF cosine, sumy's reduction edge) between every pair of sentences, as numpy matrices. The products
    run on one thread: an article's matrices are small, so BLAS's threads cost more than they bring, and the
    library's workers already take a core each."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        return _similarity_matrices(tokens)


def _similarity_matrices(tokens: list[list[str]]) -> tuple[Any, Any]:
    import numpy as np

    vocabulary: dict[str, int] = {}
    for sentence in tokens:
        for word in sentence:
            vocabulary.setdefault(word, len(vocabulary))
    counts = np.zeros((len(tokens), max(1, len(vocabulary))))
    for i, sentence in enumerate(tokens):
        for word, count in Counter(sentence).items():
            counts[i, vocabulary[word]] = count
    frequency = (counts > 0).sum(axis=0)
    weighted = counts * np.log((len(tokens) + 1) / (frequency + 0.5))
    norms = np.linalg.norm(weighted, axis=1)
    unit = weighted / np.where(norms == 0, 1, norms)[:, None]
    cosine = unit @ unit.T
    logs = np.log(np.maximum(1, [len(s) for s in tokens]))
    scale = logs[:, None] + logs[None, :]
    overlap = (counts @ counts.T) / np.where(scale == 0, 1, scale)
    np.fill_diagonal(cosine, 0)
    np.fill_diagonal(overlap, 0)
    return cosine, overlap


def features(texts: list[str], lengths: list[int], cosine: Any, overlap: Any) -> Any:
    """One row per sentence, one column per FEATURES name, each scaled to the article."""
    import numpy as np

    def scaled(values: Any) -> Any:
        top = values.max()
        return values / top if top > 0 else values

    sizes = np.array(lengths, dtype=float)
    return np.stack(
        [
            1 / (np.arange(len(texts)) + 1),
            scaled(np.triu(cosine, 1).sum(axis=1)),  # what the sentences after it repeat
            scaled(np.tril(cosine, -1).sum(axis=1)),  # what it repeats of those before
            scaled(overlap.sum(axis=1)),
            sizes / (sizes.mean() or 1),
            np.array([t.lstrip().startswith(OPENING_QUOTES) for t in texts], dtype=float),
        ],
        axis=1,
    )


def _quote_open_after(text: str, was_open: bool) -> bool:
    straight = text.count('"') % 2 == 1
    curly = text.count("“") - text.count("”")
    if curly:
        return curly > 0
    return was_open != straight


def quote_groups(texts: list[str], cut_off: frozenset[int] = frozenset()) -> list[tuple[int, ...]]:
    """For each sentence, the sentences its quote runs over (itself alone when it holds no open quote).

    `cut_off`: the sentences whose predecessor in the article is not the one before them here.
    """
    groups: list[tuple[int, ...]] = []
    start, was_open = 0, False
    for k, text in enumerate(texts):
        if k in cut_off and was_open:
            groups.extend([tuple(range(start, k))] * (k - start))
            was_open = False
        if not was_open:
            start = k
        was_open = _quote_open_after(text, was_open)
        if was_open and k - start + 1 >= LONGEST_QUOTE:
            was_open = False
        if not was_open:
            groups.extend([tuple(range(start, k + 1))] * (k + 1 - start))
    groups.extend([tuple(range(start, len(texts)))] * (len(texts) - len(groups)))
    return groups


def points_back(text: str) -> bool:
    """Whether the sentence opens on a word that needs an earlier sentence to mean anything."""
    first = FIRST_WORD.match(text)
    return first is not None and first.group(1).lower() in POINTING_BACK


def without_dateline(sentence: SummarySentence) -> SummarySentence:
    found = DATELINE.match(sentence.text)
    rest = sentence.text[found.end():] if found else ""
    return SummarySentence(rest, sentence.paragraph) if found and len(rest.split()) >= 3 else sentence


@dataclass(frozen=True)
class Prepared:
    """What the choice needs of an article's sentences; it does not depend on the weights."""

    texts: tuple[str, ...]
    has_words: tuple[bool, ...]
    cosine: Any  # numpy matrix
    features: Any  # numpy matrix, a row per sentence
    groups: tuple[tuple[int, ...], ...]
    cut_off: frozenset[int]


def prepare(candidates: list[SummarySentence], cut_off: frozenset[int] = frozenset()) -> Prepared:
    """`cut_off`: the candidates whose predecessor in the article is not among them (a topic's passages)."""
    texts = [c.text for c in candidates]
    sentence_words = [words(t) for t in texts]
    tokens = [content_words(w) for w in sentence_words]
    cosine, overlap = _similarities(tokens)
    return Prepared(
        tuple(texts), tuple(bool(t) for t in tokens), cosine,
        features(texts, [len(w) for w in sentence_words], cosine, overlap),
        tuple(quote_groups(texts, cut_off)), cut_off,
    )


def unit_of(prepared: Prepared, k: int) -> set[int] | None:
    """The sentences that must come with sentence k: its quote, and what an opener points back to (or None)."""
    unit = set(prepared.groups[k])
    while points_back(prepared.texts[first := min(unit)]):
        if first in prepared.cut_off:
            return None  # what it points back to is outside the passages summarised
        if first == 0:
            break
        unit |= set(prepared.groups[first - 1])
    return unit


def choose(prepared: Prepared, sentences: int, weighting: tuple[float, ...]) -> list[int]:
    """The indexes of the `sentences` best, in document order."""
    import numpy as np

    texts, cosine = prepared.texts, prepared.cosine
    ranked = [int(k) for k in np.argsort(-(prepared.features @ np.array(weighting)), kind="stable")]
    chosen: set[int] = set()

    def take(unit: set[int] | None, near_copies_too: bool) -> None:
        new = (unit or set()) - chosen
        if unit is None or not new or len(chosen) + len(new) > sentences:
            return
        if any(texts[i] == texts[j] or (not near_copies_too and cosine[i, j] > NEAR_COPY) for i in new for j in chosen):
            return
        chosen.update(new)

    for k in ranked:
        if prepared.has_words[k]:
            take(unit_of(prepared, k), near_copies_too=False)
    # Too few passed (an article of near-copies, or of openers and quotes too long to fit): near-copies next,
    # then sentences from the top however they read, and repeated texts only when nothing else is left.
    for k in ranked:
        take(unit_of(prepared, k), near_copies_too=True)
    for repeated_too in (False, True):
        for k in range(len(texts)):
            if len(chosen) < sentences and (repeated_too or texts[k] not in {texts[j] for j in chosen}):
                chosen.add(k)
    return sorted(chosen)


def summarize_news(
    candidates: list[SummarySentence], sentences: int, cut_off: frozenset[int] = frozenset()
) -> tuple[SummarySentence, ...]:
    """The `sentences` best of `candidates` by position-aware centrality, in document order."""
    weighting = weights().at(sentences / len(candidates))
    chosen = choose(prepare(candidates, cut_off), sentences, weighting)
    return tuple(without_dateline(candidates[k]) for k in chosen)
