"""Sentences and words, offline: NLTK Punkt on parameters this package ships.

Nothing is downloaded: Punkt runs on the abbreviation list in `data/abbreviations.txt`, and words come from
NLTK's regular-expression tokenizer, which needs no data either.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .resources import data_file


def abbreviations() -> set[str]:
    lines = data_file("abbreviations.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


@lru_cache(maxsize=1)
def _punkt() -> Any:
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = abbreviations()
    return PunktSentenceTokenizer(params)


@lru_cache(maxsize=1)
def _word_tokenizer() -> Any:
    from nltk.tokenize import NLTKWordTokenizer

    return NLTKWordTokenizer()


# Within one analysis, paragraphs and sentences are remembered by their text: the summary, the speakers and a
# topic's summary each ask for the same paragraph's sentences and the same sentence's words, and Punkt and
# NLTK's word tokenizer were a third of an analysis when each asked anew. The analysis `forget`s them before the
# next article; bounded all the same, for callers that never do.
REMEMBERED_TEXTS = 4096


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`; text[start:end] is the sentence, verbatim."""
    return list(_sentence_spans(text))


@lru_cache(maxsize=REMEMBERED_TEXTS)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_punkt().span_tokenize(text))


def split_sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


@lru_cache(maxsize=REMEMBERED_TEXTS)
def words(text: str) -> tuple[str, ...]:
    """Word tokens with at least one letter or digit (punctuation dropped)."""
    return _words(text)


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in _word_tokenizer().tokenize(text) if any(c.isalnum() for c in w))


def forget() -> None:
    """Drop the texts remembered for the analysis before (see REMEMBERED_TEXTS)."""
    _sentence_spans.cache_clear()
    words.cache_clear()


class SumyTokenizer:
    """The tokenizer interface sumy's parsers and models call, backed by the shipped Punkt parameters. It
    remembers nothing: sumy splits each text once, and LexRank alone (the benchmarks' baseline) runs on it."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(paragraph[a:b] for a, b in _punkt().span_tokenize(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return _words(sentence)
