"""Score reader.clean in-process, in seconds, the way the shared clean_eval scores `newsreader analyze`.

    python benchmarks/clean_harness.py CORPUS_DIR [--worst N] [--show NAME]

CORPUS_DIR holds any of: article-extraction-benchmark/ (NAME.txt pages with NAME.gold.txt article bodies),
bbc-news-summary/article/ and polnear-dev/text/ (clean articles: title line, then text). For the pages it prints
bag-of-words P/R/F1 of the body against the gold, per page and mean; for the clean articles, the share of
lines kept as body and of first lines taken as the title. --show NAME prints one page line by line with its
role and whether the gold has that line.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from pathlib import Path

from reader.clean import clean_text
from reader.model import BODY

TOKEN = re.compile(r"\w+")


def bag(text: str) -> Counter[str]:
    return Counter(token.lower() for token in TOKEN.findall(text))


def precision_recall_f1(predicted: str, gold: str) -> tuple[float, float, float]:
    found, wanted = bag(predicted), bag(gold)
    overlap = sum((found & wanted).values())
    precision = overlap / max(1, sum(found.values()))
    recall = overlap / max(1, sum(wanted.values()))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def body_of(text: str) -> str:
    return "\n".join(p.text for p in clean_text(text).paragraphs if p.role == BODY)


def score_pages(folder: Path, worst: int) -> None:
    scores: dict[str, tuple[float, float, float]] = {}
    started = time.perf_counter()
    for gold in sorted(folder.glob("*.gold.txt")):
        name = gold.name[: -len(".gold.txt")]
        page = (folder / f"{name}.txt").read_text(encoding="utf-8")
        scores[name] = precision_recall_f1(body_of(page), gold.read_text(encoding="utf-8"))
    elapsed = time.perf_counter() - started
    if not scores:
        return
    for name, (precision, recall, f1) in sorted(scores.items(), key=lambda item: item[1][2])[:worst]:
        print(f"{name:12s} P={precision:.3f} R={recall:.3f} F1={f1:.3f}")
    rows = list(scores.values())
    means = [sum(row[i] for row in rows) / len(rows) for i in (0, 1, 2)]
    print(
        f"{folder.name}: pages={len(rows)} P={means[0]:.3f} R={means[1]:.3f} F1={means[2]:.3f} "
        f"({elapsed / len(rows) * 1000:.1f} ms a page)"
    )


def score_clean_articles(folder: Path) -> None:
    """Clean articles: the first line should be the title and every other line body."""
    files = sorted(folder.rglob("*.txt"))
    if not files:
        return
    lines = body_lines = titles = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        own_lines = [line.strip() for line in text.splitlines() if line.strip()]
        cleaned = clean_text(text)
        titles += cleaned.title == own_lines[0]
        body = "\n".join(p.text for p in cleaned.paragraphs if p.role == BODY)
        wanted = own_lines[1:]
        lines += len(wanted)
        body_lines += sum(1 for line in wanted if line in body)
    print(
        f"{folder.parent.name}: articles={len(files)} title={titles / len(files):.3f} "
        f"body lines kept={body_lines / max(1, lines):.4f}"
    )


def show(folder: Path, name: str) -> None:
    page = (folder / f"{name}.txt").read_text(encoding="utf-8")
    gold = (folder / f"{name}.gold.txt").read_text(encoding="utf-8")
    gold_lines = {line.strip() for line in gold.splitlines()}
    cleaned = clean_text(page)
    print(f"TITLE: {cleaned.title}")
    for paragraph in cleaned.paragraphs:
        for line in paragraph.text.split("\n"):
            mark = "G" if line in gold_lines else ("g" if line in gold else ".")
            print(f"{paragraph.role[:7]:7s} {mark} {line[:110]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder holding the corpora")
    parser.add_argument("--worst", type=int, default=15, help="list this many worst pages")
    parser.add_argument("--show", metavar="NAME", help="print one page of article-extraction-benchmark")
    args = parser.parse_args()
    pages = args.corpus / "article-extraction-benchmark"
    if args.show:
        show(pages, args.show)
        return
    score_pages(pages, args.worst)
    score_clean_articles(args.corpus / "bbc-news-summary" / "article")
    score_clean_articles(args.corpus / "polnear-dev" / "text")


if __name__ == "__main__":
    main()
