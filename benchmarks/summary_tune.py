"""Measure the weights of the news summary (reader/data/summary_weights.txt) on two dev sets, in process.

Usage: python -m benchmarks.summary_tune CNN_DIR BBC_DIR [--write]   (from the project root)
Coordinate ascent on ROUGE-1 + ROUGE-2 (the shared scorers' tokens and F measure): the `short` weights on
CNN-style news (NAME.txt, NAME.ref.txt: three sentences against abstractive highlights), the `long` weights on
BBC-style news (summaries as long as their extractive references, about two fifths of the article). The
shares between which one gives way to the other stay as the file has them. Prints both sets' figures after
each step; --write puts the result into the file. Needs `pip install rouge-score`.
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import replace
from pathlib import Path

from rouge_score import rouge_scorer

from benchmarks.summary_algorithms import corpus
from reader.analysis import outline
from reader.news_summary import FEATURES, Weights, choose, prepare, weights, without_dateline
from reader.resources import data_file
from reader.sources import read_document
from reader.summary import body_sentences

STEPS = (0.5, 0.25)
TOKENIZE = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)._tokenizer.tokenize


def ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def f_measure(found: Counter, reference: Counter) -> float:
    overlap = sum((found & reference).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(found.values()), overlap / sum(reference.values())
    return 2 * precision * recall / (precision + recall)


def prepared_set(folder: str):
    items = []
    for path, reference, n in corpus(Path(folder)):
        candidates = body_sentences(outline(read_document(path)).paragraphs)
        if len(candidates) > n:
            tokens = [TOKENIZE(without_dateline(c).text) for c in candidates]
            ref = TOKENIZE("\n".join(reference))
            items.append((prepare(candidates), n, tokens, ngrams(ref, 1), ngrams(ref, 2)))
        # an article with no more sentences than asked gives them all whatever the weights
    return items


def rouge(items, table: Weights) -> tuple[float, float]:
    one = two = 0.0
    for prepared, n, tokens, ref1, ref2 in items:
        chosen = [w for k in choose(prepared, n, table.at(n / len(tokens))) for w in tokens[k]]
        one += f_measure(ngrams(chosen, 1), ref1)
        two += f_measure(ngrams(chosen, 2), ref2)
    return one / len(items), two / len(items)


def ascend(items, table: Weights, field: str, others) -> Weights:
    best = sum(rouge(items, table))
    for step in STEPS:
        improved = True
        while improved:
            improved = False
            for k in range(len(FEATURES)):
                for delta in (step, -step):
                    values = list(getattr(table, field))
                    values[k] = round(values[k] + delta, 3)
                    trial = replace(table, **{field: tuple(values)})
                    value = sum(rouge(items, trial))
                    if value > best + 1e-4:
                        best, table, improved = value, trial, True
                        print(f"{field} {dict(zip(FEATURES, values))} " + report(table, others), flush=True)
    return table


def report(table: Weights, sets) -> str:
    return " ".join(f"{name} R1/R2 {'/'.join(f'{x:.3f}' for x in rouge(items, table))}" for name, items in sets)


def main(cnn: str, bbc: str, write: bool) -> None:
    sets = [("cnn", prepared_set(cnn)), ("bbc", prepared_set(bbc))]
    table = weights()
    print("start " + report(table, sets), flush=True)
    table = ascend(sets[0][1], table, "short", sets)
    table = ascend(sets[1][1], table, "long", sets)
    print("end " + report(table, sets), flush=True)
    if write:
        data_file("summary_weights.txt").write_text(
            "# Made by benchmarks/summary_tune.py; columns: " + " ".join(FEATURES) + "\n"
            f"short {' '.join(map(str, table.short))}\nlong {' '.join(map(str, table.long))}\n"
            f"shares {table.short_share} {table.long_share}\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cnn")
    parser.add_argument("bbc")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    main(args.cnn, args.bbc, args.write)
