#!/usr/bin/env python3
"""Build a scenario's regions.csv from the NBS statistical division lists.

Usage:
  Scripts/build-regions.py --divisions DIR --points FILE [--points FILE ...] --root CODE > regions.csv

DIR holds provinces.csv, cities.csv, counties.csv, townships.csv (and villages.csv if
--villages is given) with columns code,name,level,parent_code (the layout of the public
compilations of the NBS lists, see the scenario's README for the source). Each --points FILE
has columns code,name,...,lon,lat (GCJ-02); the first file that has a code wins. A points
file with a `level` column (the 2016 representative points) contributes only province, city
and county points, because its township codes are those of 2016 and some were reused later.

Writes the regions under CODE (CODE included), with columns
code,name,level,parent,urban_rural,lon,lat. Kinds are left to yanglao, which derives them
from the names (townships, counties) and codes (villages).
"""
import argparse
import csv
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--divisions", required=True)
    parser.add_argument("--points", action="append", default=[])
    parser.add_argument("--root", required=True)
    parser.add_argument("--villages", action="store_true")
    args = parser.parse_args()

    files = ["provinces", "cities", "counties", "townships"] + (["villages"] if args.villages else [])
    rows = []
    for name in files:
        with open(f"{args.divisions}/{name}.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["code"].startswith(args.root):
                    rows.append(row)
    points = {}
    for path in args.points:
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row.get("level", "county") in ("province", "city", "county"):
                    points.setdefault(row["code"], (row["lon"], row["lat"]))

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["code", "name", "level", "parent", "urban_rural", "lon", "lat"])
    for row in sorted(rows, key=lambda r: r["code"].ljust(12, "0")):
        lon, lat = points.get(row["code"], ("", ""))
        parent = row["parent_code"] if row["code"] != args.root else ""
        out.writerow([row["code"], row["name"], row["level"], parent, row.get("urban_rural_code", ""), lon, lat])


if __name__ == "__main__":
    main()
