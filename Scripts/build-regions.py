#!/usr/bin/env python3
"""Build a scenario's regions.csv from the NBS statistical division lists.

Usage:
  Scripts/build-regions.py --divisions DIR --points FILE [--points FILE ...] --root CODE \
      [--villages | --villages-from OLD_DIR [--old-points FILE] [--reconciliation OUT.csv]] > regions.csv

DIR holds provinces.csv, cities.csv, counties.csv, townships.csv (and villages.csv if
--villages is given) with columns code,name,level,parent_code (the layout of the public
compilations of the NBS lists, see the scenario's README for the source). Each --points FILE
has columns code,name,...,lon,lat (GCJ-02); the first file that has a code wins. A points
file with a `level` column (the 2016 representative points) contributes only province, city
and county points, because its township codes are those of 2016 and some were reused later.

Writes the regions under CODE (CODE included), with columns
code,name,level,parent,urban_rural,lon,lat. Kinds are left to yanglao, which derives them
from the names (townships, counties) and codes (villages), except where --kind CODE=KIND
says otherwise (a `kind` column is then added, empty but for those rows): e.g.
--kind 140109=district for 万柏林区, whose name ends like a forest district's (林区).

--villages-from OLD_DIR attaches the villages of an older list (OLD_DIR/villages.csv, with
OLD_DIR/townships.csv for their townships' names) to the townships of DIR. Each older
township is matched to a township of DIR by the first rule that applies, within its county
(or, when the county is gone, within its city):

  code       the same code (a changed name is noted);
  name       the same name once the suffix 街道/办事处/镇/乡 is dropped (a 乡 that became a
             镇 and got a new code);
  name-part  exactly one township whose name without suffix is part of the older name, or
             the other way round (马三家强制隔离戒毒所 → 马三家街道);
  successor  the county's only newer township that no older one matches by code or name,
             when exactly one older township of the county is left unmatched too (a unit
             renamed under a new code, e.g. 旅顺经济开发区 → 江西街道);
  in-order   for a street: the county's newer streets that nothing matched, shared in
             code order among its unmatched older streets (a district that redrew all its
             streets, such as 大同市平城区);
  nearest    the township whose representative point (--points) is nearest the older
             township's point (--old-points), when both are known;
  in-order   for a town, township or other unit without a point: as for streets, over the
             county's unmatched newer towns and townships;
  fallback   the first township of the county in code order of the same class (a street
             for a street, else a town, else a township): a placeholder for a planner to
             check.

A village whose township changed code gets a new 12-digit code under its new township: its
own last three digits when they are free there, else the next free number in the same
committee range (001-199 residents' committees, 200-399 villagers' committees, 400-499,
500-599), so that the urban-rural kind yanglao derives from the code is kept.
--reconciliation writes every case: each older township not kept with the same code and
name, and each village whose code changed, with the rule and, for `nearest`, the distance.
"""
import argparse
import csv
import math
import sys

RANGES = [(1, 199), (200, 399), (400, 499), (500, 599)]


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def stem(name):
    name = name.strip().replace("街道办事处", "街道")
    for suffix in ("街道", "办事处", "镇", "乡"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def normalised(name):
    return name.strip().replace("街道办事处", "街道")


def township_class(code):
    """Street, town, township or other from digits 7-9 of the code."""
    number = int(code[6:9])
    if number < 100:
        return "street"
    if number < 200:
        return "town"
    if number < 400:
        return "township"
    return "other"


def distance_km(a, b):
    """Great-circle distance between two (lon, lat) points, kilometres."""
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def match_by_name(old, candidates):
    """The township of `candidates` (rows of the newer list) an older township goes to by
    its code or name, or None."""
    by_code = {row["code"]: row for row in candidates}
    if old["code"] in by_code:
        new = by_code[old["code"]]
        note = "" if normalised(new["name"]) == normalised(old["name"]) else f"renamed {old['name']} → {new['name']}"
        return new, "code", note
    same = [row for row in candidates if stem(row["name"]) == stem(old["name"])]
    if len(same) == 1:
        return same[0], "name", ""
    old_stem = stem(old["name"])
    parts = [
        row for row in candidates
        if len(stem(row["name"])) >= 2 and (stem(row["name"]) in old["name"] or (len(old_stem) >= 2 and old_stem in row["name"]))
    ]
    if len(parts) == 1:
        return parts[0], "name-part", ""
    return None, None, ""


def match_by_place(old, candidates, points, old_points):
    """The township an older township goes to when no name says: the nearest, or a
    fallback."""
    located = [row for row in candidates if row["code"] in points]
    if old["code"] in old_points and located:
        here = old_points[old["code"]]
        km = {row["code"]: distance_km(here, tuple(map(float, points[row["code"]]))) for row in located}
        nearest = min(located, key=lambda row: (km[row["code"]], row["code"]))
        unknown = len(candidates) - len(located)
        note = f"{km[nearest['code']]:.1f} km"
        if unknown:
            note += f"; {unknown} of {len(candidates)} townships have no point"
        return nearest, "nearest", note
    wanted = ["street"] if township_class(old["code"]) == "street" else ["town", "township"]
    for kind in wanted + ["street", "town", "township", "other"]:
        same_class = sorted((row for row in candidates if township_class(row["code"]) == kind), key=lambda r: r["code"])
        if same_class:
            return same_class[0], "fallback", "no name match and no point: check"
    return None, "none", ""


def committee_range(suffix):
    number = int(suffix)
    for low, high in RANGES:
        if low <= number <= high:
            return low, high
    return 1, 999


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--divisions", required=True)
    parser.add_argument("--points", action="append", default=[])
    parser.add_argument("--root", required=True)
    parser.add_argument("--villages", action="store_true")
    parser.add_argument("--villages-from")
    parser.add_argument("--old-points")
    parser.add_argument("--reconciliation")
    parser.add_argument("--kind", action="append", default=[])
    args = parser.parse_args()
    kinds = dict(item.split("=", 1) for item in args.kind)

    files = ["provinces", "cities", "counties", "townships"] + (["villages"] if args.villages else [])
    rows = []
    for name in files:
        for row in read(f"{args.divisions}/{name}.csv"):
            if row["code"].startswith(args.root):
                rows.append(row)
    points = {}
    for path in args.points:
        for row in read(path):
            if row.get("level", "county") in ("province", "city", "county"):
                points.setdefault(row["code"], (row["lon"], row["lat"]))

    cases = []
    if args.villages_from:
        old_points = {}
        if args.old_points:
            for row in read(args.old_points):
                old_points[row["code"]] = (float(row["lon"]), float(row["lat"]))
        townships = [row for row in rows if row["level"] == "township"]
        counties = {row["code"] for row in rows if row["level"] == "county"}
        old_townships = [row for row in read(f"{args.villages_from}/townships.csv") if row["code"].startswith(args.root)]
        old_codes = {row["code"] for row in old_townships}
        target = {}
        matches = {}
        for old in old_townships:
            county = old["parent_code"]
            scope = county if county in counties else county[:4]
            candidates = [row for row in townships if row["code"].startswith(scope)]
            matches[old["code"]] = (scope, candidates) + match_by_name(old, candidates)
        taken = {match[2]["code"] for match in matches.values() if match[2] is not None}
        def in_order(old, left, fresh):
            """`old`'s share of `fresh` when `left` (sorted) are shared over it in order."""
            position = [o["code"] for o in left].index(old["code"])
            return fresh[position * len(fresh) // len(left)]

        for old in old_townships:
            scope, candidates, new, rule, note = matches[old["code"]]
            if new is None:
                left = [o for o in old_townships if matches[o["code"]][0] == scope and matches[o["code"]][2] is None]
                fresh = sorted(
                    (row for row in candidates if row["code"] not in old_codes and row["code"] not in taken),
                    key=lambda r: r["code"]) if scope == old["parent_code"] else []
                street = township_class(old["code"]) == "street"
                family = [o for o in left if (township_class(o["code"]) == "street") == street]
                fresh_family = [row for row in fresh if (township_class(row["code"]) == "street") == street]
                if len(left) == 1 and len(fresh) == 1:
                    new, rule = fresh[0], "successor"
                elif street and fresh_family:
                    new, rule = in_order(old, family, fresh_family), "in-order"
                else:
                    new, rule, note = match_by_place(old, candidates, points, old_points)
                    if rule == "fallback" and fresh_family:
                        unlocated = [o for o in family if o["code"] not in old_points]
                        new, rule, note = in_order(old, unlocated, fresh_family), "in-order", ""
            if new is None:
                sys.exit(f"township {old['code']} {old['name']}: no township in {scope}")
            county = old["parent_code"]
            target[old["code"]] = new["code"]
            if rule != "code" or note:
                if county not in counties:
                    note = (note + "; " if note else "") + f"county {county} no longer exists"
                cases.append(["township", old["code"], old["name"], new["code"], new["name"], rule, note])
        villages = sorted((row for row in read(f"{args.villages_from}/villages.csv") if row["code"].startswith(args.root)), key=lambda r: r["code"])
        used = {}
        for village in villages:
            if target[village["parent_code"]] == village["parent_code"]:
                used.setdefault(village["parent_code"], set()).add(village["code"][9:])
        names = {row["code"]: row["name"] for row in townships}
        for village in villages:
            old_parent = village["parent_code"]
            parent = target[old_parent]
            row = {"code": village["code"], "name": village["name"], "level": "village", "parent_code": parent, "urban_rural_code": ""}
            if parent != old_parent:
                taken = used.setdefault(parent, set())
                suffix = village["code"][9:]
                if suffix in taken:
                    low, high = committee_range(suffix)
                    free = [n for n in range(low, high + 1) if f"{n:03d}" not in taken]
                    if not free:
                        sys.exit(f"no free code under {parent} for {village['code']}")
                    suffix = f"{free[0]:03d}"
                taken.add(suffix)
                row["code"] = parent + suffix
                cases.append(["village", village["code"], village["name"], row["code"], names[parent], "moved", f"from township {old_parent}"])
            rows.append(row)

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["code", "name", "level", "parent"] + (["kind"] if kinds else []) + ["urban_rural", "lon", "lat"])
    for row in sorted(rows, key=lambda r: r["code"].ljust(12, "0")):
        lon, lat = points.get(row["code"], ("", ""))
        parent = row["parent_code"] if row["code"] != args.root else ""
        kind = [kinds.get(row["code"], "")] if kinds else []
        out.writerow([row["code"], row["name"], row["level"], parent] + kind + [row.get("urban_rural_code", ""), lon, lat])

    if args.reconciliation:
        with open(args.reconciliation, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["level", "code_2020", "name_2020", "code", "township", "rule", "note"])
            writer.writerows(cases)


if __name__ == "__main__":
    main()
