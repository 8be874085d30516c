"""Write reader/data/speakers_given_names.txt: which pronoun a given name usually takes, from the US Census.

Usage: pip install names && python tools/make_given_names.py

The `names` package ships the 1990 US Census's given-name frequencies (public domain), one file for men and
one for women. A name is kept when at least MIN_SHARE percent of one sex has it and that sex has it at least
MAJORITY times as often as the other ("Lindsey", "Jordan" or "Kelly" are left out). reader/speakers.py reads
the file only for the first word of a full name ("Elena Sadovskaya"), never for a name alone ("Clinton"), and
only for the pronoun: whether a name marks a person is speakers_first_names.txt's call. Not needed at run time.
"""

from __future__ import annotations

import sys
from pathlib import Path

import names

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.polnear import DATA, write_data  # noqa: E402

OUT = DATA / "speakers_given_names.txt"
MIN_SHARE = 0.001  # percent of the sex's population
MAJORITY = 9


def shares(path: Path) -> dict[str, float]:
    """Each name in a census file (NAME, percent, cumulative percent, rank) with its percent."""
    found = {}
    for line in path.read_text(encoding="ascii").splitlines():
        name, share, *_ = line.split()
        found[name.capitalize()] = float(share)
    return found


def main() -> None:
    folder = Path(names.__file__).parent
    men, women = shares(folder / "dist.male.first"), shares(folder / "dist.female.first")
    lines = []
    for name in sorted(set(men) | set(women)):
        male, female = men.get(name, 0.0), women.get(name, 0.0)
        if max(male, female) >= MIN_SHARE and max(male, female) >= MAJORITY * min(male, female):
            lines.append(f"{'m' if male > female else 'f'} {name}")
    header = [
        "# Given names and the pronoun they usually take (m: he, f: she), from the 1990 US Census's given-name",
        "# frequencies (public domain, as shipped by the `names` package); made by tools/make_given_names.py.",
    ]
    write_data(OUT, header, lines, "names")


if __name__ == "__main__":
    main()
