"""Speaker attribution on a PolNeAR-style folder (text/ and ann/), in process: fast enough to iterate on.

Scores as the shared speaker scorer's docstring describes: a gold attribution with a named source (key = the
name's last word, titles left out) is found when a statement covers half its content's words and the statement's
speaker has the key among the words of its name or aliases. Statement precision: of the statements that match a
gold content both ways, how many have the right speaker. Speaker-set precision: of the speakers with statements,
how many have the key of one of the article's gold sources among their name's words; recall: of those keys, how
many some speaker has. Which words count as titles comes from this package's own word lists, so the figures are
close to the shared scorer's, not identical: report that one's.

Usage: python benchmarks/speaker_harness.py CORPUS_DIR [--show-misses] [--show-wrong]
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reader.analysis import load
from reader.model import Article, LoadError, Speaker
from reader.resources import data_file
from reader.speakers import find_speakers

WORD = re.compile(r"[\w’']+")


@dataclass(frozen=True)
class Attribution:
    key: str
    content: str


def words(text: str) -> Counter[str]:
    return Counter(word.lower() for word in WORD.findall(text))


def covers(statement: str, content: str) -> bool:
    wanted = words(content)
    shared = wanted & words(statement)
    return sum(shared.values()) >= 0.5 * max(1, sum(wanted.values()))


@lru_cache(maxsize=1)
def not_name_words() -> frozenset[str]:
    """Words a source is written with that are not its name: titles, roles, party and nation, pronouns."""
    lists = ("speakers_titles.txt", "speakers_roles.txt", "speakers_adjectives.txt", "speakers_not_names.txt")
    found = {word for name in lists for line in data_lines(name) for word in line.split()}
    return frozenset(found | {word + "." for word in found})


def data_lines(name: str) -> list[str]:
    lines = data_file(name).read_text(encoding="utf-8").splitlines()
    return [line.strip().lower() for line in lines if line.strip() and not line.startswith("#")]


def source_key(source: str) -> str | None:
    """The last word of the first run of capitalised words that are not titles: "Sen. Ted Cruz" -> "cruz"."""
    run: list[str] = []
    for raw in source.replace("’s", "").replace("'s", "").split():
        word = raw.strip(',.;:()"“”')
        if word and word[0].isupper() and word.lower() not in not_name_words():
            run.append(word)
        elif run:
            break
    return run[-1].lower() if run else None


def gold_attributions(text: str, annotation: str) -> list[Attribution]:
    spans: dict[str, str] = {}
    found: list[Attribution] = []
    for line in annotation.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            offsets = fields[1].split(" ")[1:]
            try:
                spans[fields[0]] = text[int(offsets[0]) : int(offsets[-1].split(";")[-1])]
            except (ValueError, IndexError):
                continue
        elif line.startswith("E") and len(fields) >= 2:
            roles = dict(part.split(":", 1) for part in fields[1].split() if ":" in part)
            source, content = spans.get(roles.get("Source", "")), spans.get(roles.get("Content", ""))
            key = source_key(source) if source is not None else None
            if key and content is not None:
                found.append(Attribution(key, content))
    return found


def name_words(speaker: Speaker) -> set[str]:
    return set(words(" ".join((speaker.name, *speaker.aliases))))


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    matched: int = 0
    right: int = 0
    sources: int = 0  # the articles' named gold sources (by key), the speakers with statements, and the hits
    speakers: int = 0
    sources_found: int = 0
    speakers_right: int = 0
    seconds: float = 0.0


def score_article(article: Article, gold: list[Attribution], tally: Tally, show_misses: bool, show_wrong: bool) -> None:
    started = time.perf_counter()
    speakers, _ = find_speakers(article.paragraphs)
    tally.seconds += time.perf_counter() - started
    named = [(speaker, name_words(speaker)) for speaker in speakers if not speaker.unnamed]  # as the JSON's speakers
    for attribution in gold:
        tally.gold += 1
        if any(attribution.key in names and any(covers(s.text, attribution.content) for s in speaker.statements)
               for speaker, names in named):
            tally.found += 1
        elif show_misses:
            print(f"MISS {attribution.key}: {attribution.content[:150]!r}")
    keys = {attribution.key for attribution in gold}
    speaking = [names for speaker, names in named if speaker.statements]
    tally.sources += len(keys)
    tally.speakers += len(speaking)
    tally.sources_found += sum(any(key in names for names in speaking) for key in keys)
    tally.speakers_right += sum(bool(keys & names) for names in speaking)
    for speaker, names in named:
        for statement in speaker.statements:
            keys = [a.key for a in gold if covers(statement.text, a.content) and covers(a.content, statement.text)]
            if keys:
                tally.matched += 1
                right = any(key in names for key in keys)
                tally.right += right
                if show_wrong and not right:
                    print(f"WRONG {speaker.name} (gold {keys}): {statement.text[:150]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--show-wrong", action="store_true")
    options = parser.parse_args()
    annotations: dict[str, Path] = {}
    for path in sorted((options.corpus / "ann").glob("*.ann")):
        annotations.setdefault(re.sub(r"_[0-9a-f]+\.ann$", "", path.name), path)
    tally = Tally()
    for stem, annotation in annotations.items():
        text_path = options.corpus / "text" / f"{stem}.txt"
        article = load(text_path)
        if isinstance(article, LoadError):
            print(f"{stem}: {article.error}")
            continue
        if options.show_misses or options.show_wrong:
            print(f"== {stem}")
        gold = gold_attributions(text_path.read_text(encoding="utf-8"), annotation.read_text(encoding="utf-8"))
        score_article(article, gold, tally, options.show_misses, options.show_wrong)
    print(f"articles={len(annotations)} gold={tally.gold} speakers time={tally.seconds:.2f}s")
    print(f"attribution recall={tally.found / max(1, tally.gold):.3f}")
    print(f"statement precision={tally.right / max(1, tally.matched):.3f} over {tally.matched}")
    print(f"speaker-set precision={tally.speakers_right / max(1, tally.speakers):.3f} over {tally.speakers}, "
          f"speaker-set recall={tally.sources_found / max(1, tally.sources):.3f} over {tally.sources}")


if __name__ == "__main__":
    main()
