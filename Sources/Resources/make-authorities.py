#!/usr/bin/env python3
"""Builds authorities.csv from the real DfE and Ofsted files in ../shared/data (run once; output committed).

Usage: python3 Sources/Resources/make-authorities.py ../shared/data > Sources/Resources/authorities.csv
Every English local authority, region and England row of the DfE workforce file, with the
years it appears, split joint rows ("314 / 318") into their members, the Ofsted URN where the
ILACS history file gives one (matched by name), and successors for reorganisations derived
from which codes stop and start appearing in the same region.
"""
import csv, sys, re

data = sys.argv[1]
rows = list(csv.DictReader(open(f"{data}/csww_indicators_2017_to_2023.csv", encoding="utf-8")))
ilacs = list(csv.DictReader(open(f"{data}/ofsted_csc_ilacs_history_north_west.csv", encoding="utf-8")))

def norm(name):
    return re.sub(r"[^a-z]", "", name.lower().replace("&", "and").replace("st.", "st"))

las, regions = {}, {}
england_years = set()
for r in rows:
    year = int(r["time_period"])
    level = r["geographic_level"]
    if level == "National":
        england_years.add(year)
    elif level == "Regional":
        regions.setdefault(r["region_code"], {"name": r["region_name"], "years": set()})["years"].add(year)
    else:
        for dfe, ons, name in zip(r["old_la_code"].split(" / "), r["new_la_code"].split(" / "), r["la_name"].split(" / ")):
            la = las.setdefault(dfe.strip(), {"ons": set(), "name": name.strip(), "region_code": r["region_code"],
                                              "region_name": r["region_name"], "years": set()})
            la["ons"].add(ons.strip())
            la["years"].add(year)

urns = {}
for r in ilacs:
    urns.setdefault(norm(r["local_authority"]), r["urn"])

last_year = max(england_years)
ended = {d: la for d, la in las.items() if max(la["years"]) < last_year}
successors = {}
for d, la in ended.items():
    gone = max(la["years"])
    new = [n for n, other in las.items() if min(other["years"]) == gone + 1 and other["region_code"] == la["region_code"]]
    successors[d] = new

out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["kind", "dfe_number", "ons_code", "name", "region_code", "region_name", "ofsted_urn", "first_year", "last_year", "successors"])
out.writerow(["england", "", "E92000001", "England", "", "", "", min(england_years), max(england_years), ""])
for code, reg in sorted(regions.items()):
    out.writerow(["region", "", code, reg["name"], "", "", "", min(reg["years"]), max(reg["years"]), ""])
for d, la in sorted(las.items(), key=lambda kv: int(kv[0])):
    out.writerow(["la", d, ";".join(sorted(la["ons"])), la["name"], la["region_code"], la["region_name"],
                  urns.get(norm(la["name"]), ""), min(la["years"]), max(la["years"]), ";".join(successors.get(d, []))])
