"""Extractive summaries: every sentence comes verbatim from a body paragraph.

The default, "news", is the project's own (news_summary.py: the lead first, position-aware centrality); one
table names sumy's eight summarizers beside it. sumy itself is imported only when a summary is asked for,
because it pulls in NLTK (most of a second) and that must stay off the app's path to its first paint.
"""

from __future__ import annotations

from collections.abc import Collection
from importlib import import_module
from typing import Any

from .model import Paragraph, SummarySentence
from .sentences import SumyTokenizer, sentence_spans

NEWS = "news"
# name -> (module, class) in sumy.summarizers
SUMY_ALGORITHMS: dict[str, tuple[str, str]] = {
    "lexrank": ("lex_rank", "LexRankSummarizer"),
    "lsa": ("lsa", "LsaSummarizer"),
    "luhn": ("luhn", "LuhnSummarizer"),
    "textrank": ("text_rank", "TextRankSummarizer"),
    "edmundson": ("edmundson", "EdmundsonSummarizer"),
    "kl": ("kl", "KLSummarizer"),
    "sumbasic": ("sum_basic", "SumBasicSummarizer"),
    "reduction": ("reduction", "ReductionSummarizer"),
}
ALGORITHMS: tuple[str, ...] = (NEWS, *SUMY_ALGORITHMS)
# Beats the lead on CNN news and holds sumy's best on BBC news (README, "Summaries"; benchmarks/summary_algorithms.py).
DEFAULT_ALGORITHM = NEWS
DEFAULT_SENTENCES = 3
# sumy's graph summarizers compare every pair of sentences; past this many a summary takes seconds, so a
# longer text is summarised from its first MAX_CANDIDATES sentences (and the analysis says so).
MAX_CANDIDATES = 400


def next_algorithm(name: str) -> str:
    names = list(ALGORITHMS)
    return names[(names.index(name) + 1) % len(names)] if name in names else DEFAULT_ALGORITHM


def body_sentences(
    paragraphs: tuple[Paragraph, ...], within: Collection[int] | None = None
) -> list[SummarySentence]:
    """Every sentence of the body paragraphs (those `within`, if given), in order, with its paragraph's index."""
    return [
        SummarySentence(p.text[a:b], i)
        for i, p in enumerate(paragraphs)
        if p.is_body and (within is None or i in within)
        for a, b in sentence_spans(p.text)
    ]


def _summarizer(algorithm: str, title: str) -> Any:
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    module, cls = SUMY_ALGORITHMS[algorithm]
    summarizer = getattr(import_module(f"sumy.summarizers.{module}"), cls)(Stemmer("english"))
    stop_words = frozenset(get_stop_words("english"))
    if algorithm == "edmundson":
        tokenizer = SumyTokenizer()
        summarizer.null_words = stop_words
        summarizer.bonus_words = frozenset(
            w.lower() for w in tokenizer.to_words(title) if w.lower() not in stop_words
        ) or frozenset({"said"})
        summarizer.stigma_words = frozenset({"however", "but", "although", "reportedly", "allegedly"})
    else:
        summarizer.stop_words = stop_words
    return summarizer


def summarize(
    paragraphs: tuple[Paragraph, ...],
    sentences: int = DEFAULT_SENTENCES,
    algorithm: str = DEFAULT_ALGORITHM,
    title: str = "",
    within: Collection[int] | None = None,
) -> tuple[SummarySentence, ...]:
    """The `sentences` best body sentences by `algorithm`, in document order.

    `within` narrows the summary to those paragraphs (say, the passages of one topic).
    """
    candidates = body_sentences(paragraphs, within)
    return summarize_sentences(candidates, sentences, algorithm, title, passage_starts(paragraphs, candidates))


def passage_starts(paragraphs: tuple[Paragraph, ...], candidates: list[SummarySentence]) -> frozenset[int]:
    """The candidates whose sentence before them in the body is not the candidate before them."""
    previous_body: dict[int, int | None] = {}  # paragraph index -> the body paragraph before it
    last: int | None = None
    for i, p in enumerate(paragraphs):
        if p.is_body:
            previous_body[i], last = last, i
    return frozenset(
        k
        for k, c in enumerate(candidates)
        if c.paragraph != (before := candidates[k - 1].paragraph if k else None)
        and previous_body[c.paragraph] != before
    )


def summarize_sentences(
    candidates: list[SummarySentence],
    sentences: int = DEFAULT_SENTENCES,
    algorithm: str = DEFAULT_ALGORITHM,
    title: str = "",
    cut_off: frozenset[int] = frozenset(),
) -> tuple[SummarySentence, ...]:
    """The `sentences` best of `candidates` (of the first MAX_CANDIDATES), in document order.

    `cut_off`: the candidates that do not follow the one before them in the text (passage_starts).
    """
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown summary algorithm {algorithm!r}; choose from {', '.join(ALGORITHMS)}")
    candidates = candidates[:MAX_CANDIDATES]
    if len(candidates) <= sentences:
        return tuple(candidates)
    if algorithm == NEWS:
        from .news_summary import summarize_news

        return summarize_news(candidates, sentences, cut_off)
    from sumy.models.dom import ObjectDocumentModel, Paragraph as SumyParagraph, Sentence

    tokenizer = SumyTokenizer()
    by_object: dict[int, int] = {}  # id(sumy Sentence) -> index in candidates
    grouped: dict[int, list[Any]] = {}
    for k, candidate in enumerate(candidates):
        sentence = Sentence(candidate.text, tokenizer)
        by_object[id(sentence)] = k
        grouped.setdefault(candidate.paragraph, []).append(sentence)
    document = ObjectDocumentModel(tuple(SumyParagraph(group) for group in grouped.values()))
    try:
        chosen = {by_object[id(s)] for s in _summarizer(algorithm, title)(document, sentences)}
    except (ZeroDivisionError, ValueError, FloatingPointError):
        chosen = set()  # a degenerate text (no content words) falls back to the lead below
    # Some summarizers return fewer than asked (ties, empty sentences): fill from the top.
    for k in range(len(candidates)):
        if len(chosen) >= sentences:
            break
        chosen.add(k)
    return tuple(candidates[k] for k in sorted(chosen))
