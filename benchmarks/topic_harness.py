"""Topics against readers' keyphrases, in process: fast enough to iterate on.

Loads a set as `newsreader analyze` over a folder does (document frequencies over the whole set), finds each
article's topics and scores them with the shared scorer's own matching (imported from ../shared/eval), so the
figures are the official ones without a subprocess. Without gold (polnear-dev) it prints how many articles get
1 to 8 topics and, with --show, the topics themselves.

Usage: python benchmarks/topic_harness.py SET_DIR [--show N] [--ids ID ...] [--scorer PATH]
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import time
from pathlib import Path

from reader.analysis import load
from reader.model import Article
from reader.topics import DocumentFrequencies, find_topics

DEFAULT_SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "topic_eval.py"


def scorer(path: Path):
    spec = importlib.util.spec_from_file_location("topic_eval", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("set")
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--ids", nargs="*", default=[])
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    args = parser.parse_args()
    files = sorted((Path(args.set) / "text").glob("*.txt"))
    articles = [article for article in map(load, files) if isinstance(article, Article)]
    started = time.perf_counter()
    frequencies = DocumentFrequencies.from_articles(article.paragraphs for article in articles)
    found = {}
    for article in articles:
        topics = find_topics(article.paragraphs, title=article.title, document_frequencies=frequencies)[1]
        found[Path(article.path).stem] = [topic.name for topic in topics]
    elapsed = time.perf_counter() - started
    titles = {Path(a.path).stem: a.title for a in articles}
    counts = [len(names) for names in found.values()]
    share = sum(1 for n in counts if 1 <= n <= 8) / max(1, len(counts))
    print(f"{len(articles)} articles, topics in {elapsed:.2f}s; with 1-8 topics {share:.2f}; none {counts.count(0)};"
          f" more than 8 {sum(1 for n in counts if n > 8)}; mean {sum(counts) / max(1, len(counts)):.2f}")
    gold_dir = Path(args.set) / "gold"
    if gold_dir.is_dir():
        module = scorer(args.scorer)
        sets = module.load_set(Path(args.set))
        result = module.evaluate(sets, found, 8)
        print(f"exact F1={result['xF1']:.3f}  one-to-one P={result['oP']:.3f} R={result['oR']:.3f} "
              f"F1={result['oF1']:.3f}  lenient F1={result['F1']:.3f}")
        gold = {a["id"]: a["gold"] for a in sets}
    else:
        gold = {}
    shown = args.ids or random.Random(7).sample(sorted(found), min(args.show, len(found)))
    for key in shown:
        print(f"== {key}: {titles[key][:90]}")
        if key in gold:
            print(f"   gold: {'; '.join(gold[key])}")
        print(f"   topics: {'; '.join(found[key])}")


if __name__ == "__main__":
    main()
