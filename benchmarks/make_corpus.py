"""Write N synthetic news articles (text pages with boilerplate, quotes and several topics) into a folder.

Usage: python benchmarks/make_corpus.py N FOLDER [--seed S]
Deterministic for a given seed, so benchmark runs compare like with like. Needs nothing outside the project.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

PEOPLE = ["Maria Lopez", "John Carter", "Aiko Tanaka", "Pierre Dubois", "Olena Shevchenko", "Samuel Okoye",
          "Li Wei", "Anna Novak", "Rahul Mehta", "Grace Kim"]
ROLES = ["Prime Minister", "Foreign Minister", "Senator", "Governor", "Chief Executive", "General"]
PLACES = ["Syria", "Ukraine", "Brazil", "Japan", "Kenya", "Germany", "Canada", "India", "Mexico", "Egypt"]
THEMES = ["trade talks", "the budget", "energy prices", "cybersecurity", "the election", "climate policy",
          "the ceasefire", "interest rates", "public health", "the new railway"]
VERBS = ["said", "told reporters", "warned", "added", "argued", "insisted"]
BOILERPLATE = ["Skip to main content", "Home", "World", "Business", "Sport", "Share this article",
               "Sign up for our newsletter", "Related stories", "Most read", "Copyright 2026 Example News"]


def sentence(rng: random.Random, person: str, place: str, theme: str) -> str:
    surname = person.split()[-1]
    shapes = [
        f"{surname} {rng.choice(VERBS)} that {theme} in {place} would shape the coming months.",
        f"Officials in {place} met on {rng.choice(['Monday', 'Tuesday', 'Friday'])} to discuss {theme}.",
        f"“We will not accept any delay on {theme},” {surname} said.",
        f"The talks on {theme} follow weeks of pressure from groups across {place} and abroad.",
        f"Analysts expect {theme} to dominate the agenda as {place} prepares for a difficult winter.",
        f"He said the government had {rng.randint(2, 90)} days to present a plan for {theme}.",
    ]
    return rng.choice(shapes)


def article(rng: random.Random, number: int) -> str:
    person, role = rng.choice(PEOPLE), rng.choice(ROLES)
    places, themes = rng.sample(PLACES, 2), rng.sample(THEMES, 2)
    title = f"{role} {person.split()[-1]} Weighs {themes[0].title()} in {places[0]} ({number})"
    lines = rng.sample(BOILERPLATE[:5], 4) + [title]
    lines.append(f"{role} {person} speaks at a news conference in {places[0]} on Monday. (Photo: Example)")
    for _ in range(rng.randint(6, 14)):
        place, theme = rng.choice(places), rng.choice(themes)
        lines.append(" ".join(sentence(rng, person, place, theme) for _ in range(rng.randint(1, 4))))
    lines += rng.sample(BOILERPLATE[5:], 3) + ["Based on reporting by Example Wire"]
    return "\n\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    for number in range(args.count):
        folder = args.folder / f"{number // 1000:03d}"  # a thousand a folder, as a real archive would be
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"article_{number:05d}.txt").write_text(article(rng, number), encoding="utf-8")
    print(f"wrote {args.count} articles under {args.folder}")


if __name__ == "__main__":
    main()
