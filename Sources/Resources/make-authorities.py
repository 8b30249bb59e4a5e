#!/usr/bin/env python3
"""Builds authorities.csv from the real DfE file in ../shared/data and the tables below (run once; output committed).

Usage: python3 Sources/Resources/make-authorities.py ../shared/data > Sources/Resources/authorities.csv
Every English local authority, region and England row of the DfE workforce file, with the
years it appears, split joint rows ("314 / 318") into their members, successors for
reorganisations derived from which codes stop and start appearing in the same region, and:
- the Ofsted URN of each authority from ofsted-urns.txt (DfE number, URN; see AUTHORITIES.md
  for where each came from; an authority with no URN there gets none: none is guessed);
- former ONS codes, name variants and the dates an authority began or ceased to be a
  children's services authority, from the tables below (AUTHORITIES.md gives the sources).
"""
import csv, sys, re

data = sys.argv[1]
rows = list(csv.DictReader(open(f"{data}/csww_indicators_2017_to_2023.csv", encoding="utf-8")))
here = __file__.rsplit("/", 1)[0]
urns = dict(line.split() for line in open(f"{here}/ofsted-urns.txt") if line.strip())

# ONS codes an authority had before the one the DfE file gives (oldest first).
FORMER_ONS = {
    "390": ["E08000020"],  # Gateshead, recoded E08000037 in 2013
    "929": ["E06000048"],  # Northumberland, recoded E06000057 in 2009
    "825": ["E10000002"],  # Buckinghamshire County Council -> Buckinghamshire Council, 2020-04-01
    "815": ["E10000023"],  # North Yorkshire County Council -> North Yorkshire Council, 2023-04-01
    "933": ["E10000027"],  # Somerset County Council -> Somerset Council, 2023-04-01
}
# ONS codes an authority has now that the DfE file (2017-2023) does not use yet.
LATER_ONS = {"370": ["E08000038"], "373": ["E08000039"]}

# Other spellings: Ofsted's lower-case, qualifier-free names and common short forms. Case,
# punctuation, '&' and a trailing ', City of' / ', County of' are already ignored when matching.
VARIANTS = {
    "801": ["City of Bristol"],
    "810": ["Kingston upon Hull", "Hull"],
    "884": ["County of Herefordshire"],
    "840": ["Durham"],
    "816": ["City of York"],
    "822": ["Bedford Borough"],
    "839": ["BCP"],
    "835": ["Dorset County Council"],
    "838": ["Dorset Council"],
    "882": ["Southend"],
    "391": ["Newcastle"],
}

# First and last day as a children's services authority, where it began or ended in a reorganisation.
VALID = {
    "835": ("", "2019-03-31"), "836": ("", "2019-03-31"), "837": ("", "2019-03-31"),
    "838": ("2019-04-01", ""), "839": ("2019-04-01", ""),
    "928": ("", "2021-03-31"), "940": ("2021-04-01", ""), "941": ("2021-04-01", ""),
    "909": ("", "2023-03-31"), "942": ("2023-04-01", ""), "943": ("2023-04-01", ""),
}

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

last_year = max(england_years)
ended = {d: la for d, la in las.items() if max(la["years"]) < last_year}
successors = {}
for d, la in ended.items():
    gone = max(la["years"])
    new = [n for n, other in las.items() if min(other["years"]) == gone + 1 and other["region_code"] == la["region_code"]]
    successors[d] = new

out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["kind", "dfe_number", "ons_code", "name", "region_code", "region_name", "ofsted_urn", "first_year", "last_year",
              "successors", "variants", "valid_from", "valid_to"])
out.writerow(["england", "", "E92000001", "England", "", "", "", min(england_years), max(england_years), "", "", "", ""])
for code, reg in sorted(regions.items()):
    out.writerow(["region", "", code, reg["name"], "", "", "", min(reg["years"]), max(reg["years"]), "", "", "", ""])
for d, la in sorted(las.items(), key=lambda kv: int(kv[0])):
    codes = list(dict.fromkeys(FORMER_ONS.get(d, []) + sorted(la["ons"]) + LATER_ONS.get(d, [])))
    start, end = VALID.get(d, ("", ""))
    out.writerow(["la", d, ";".join(codes), la["name"], la["region_code"], la["region_name"], urns.get(d, ""),
                  min(la["years"]), max(la["years"]), ";".join(successors.get(d, [])), ";".join(VARIANTS.get(d, [])), start, end])
