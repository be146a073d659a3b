#!/usr/bin/env python3
"""Build a scenario's base population (area,sex,age,count) from the 2020 county census table.

Usage:
  Scripts/build-census-population.py --census CENSUS.csv --regions regions.csv > population-2020-census.csv

CENSUS.csv is the 7th national census (2020-11-01) by county, sex and age group in the layout
of the `leiii/census` compilation of the NBS census yearbook 中国人口普查分县资料2020:
columns code6, pop_total, male_0, female_0, male_1_4, ..., male_85plus, female_85plus, one row
per province, city and county-level unit.

regions.csv is the scenario's region table. Every county-level unit of it becomes one area:
- a unit with a census row takes that row;
- a unit without one (an NBS statistical zone such as 140171 山西转型综合改革示范区, which the
  census yearbook folds into its city) takes its city's row minus the rows of the city's
  counties, cell by cell; a city may have one such zone (with several, no public figure
  would split the residual, and the script stops).
When the region table stops at one county (its top region is a county), that county is the
only area.

Writes area,sex,age,count with ages 0, 1, 5, 10, ..., 85 (the groups 0, 1-4, 5-9, ..., 85+),
females first, areas in code order. Checks that every area's cells add up to its census total
(or residual) and prints to standard error the totals and the shares aged 60+ and 65+.
"""
import argparse
import csv
import sys

GROUPS = ["0", "1_4"] + [f"{a}_{a + 4}" for a in range(5, 85, 5)] + ["85plus"]
STARTS = [0, 1] + list(range(5, 90, 5))
SEXES = ["female", "male"]


def read_regions(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [row for row in csv.DictReader(handle)]


def read_census(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return {row["code6"]: row for row in csv.DictReader(handle)}


def cells(row):
    return {(sex, group): int(row[f"{sex}_{group}"]) for sex in SEXES for group in GROUPS}


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--census", required=True)
    parser.add_argument("--regions", required=True)
    args = parser.parse_args()

    regions = read_regions(args.regions)
    census = read_census(args.census)
    counties = [r["code"] for r in regions if len(r["code"]) == 6]
    counties.sort()

    areas = {}
    for code in counties:
        row = census.get(code)
        if row is not None:
            values = cells(row)
            assert sum(values.values()) == int(row["pop_total"]), code
            areas[code] = values
    without = [code for code in counties if code not in areas]
    by_city = {}
    for code in without:
        by_city.setdefault(code[:4], []).append(code)
    for city, zones in by_city.items():
        if len(zones) != 1:
            sys.exit(f"city {city} has {len(zones)} county-level units without a census row: {zones}")
        city_row = census[city + "00"]
        residual = cells(city_row)
        for code6, row in census.items():
            if code6[:4] == city and code6[4:] != "00" and code6 in areas:
                for key, value in cells(row).items():
                    residual[key] -= value
        # Units of the census that the region table does not list (none expected) would
        # also be in the residual; say so.
        listed = {c for c in counties}
        extra = [c for c in census if c[:4] == city and c[4:] != "00" and c not in listed]
        if extra:
            sys.exit(f"city {city}: census rows {extra} are not in the region table")
        if min(residual.values()) < 0:
            sys.exit(f"city {city}: the residual has negative cells")
        areas[zones[0]] = residual
        print(f"{zones[0]}: residual of city {city} = {sum(residual.values())}", file=sys.stderr)

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["area", "sex", "age", "count"])
    total = aged60 = aged65 = 0
    for code in counties:
        values = areas[code]
        for sex in SEXES:
            for group, start in zip(GROUPS, STARTS):
                count = values[(sex, group)]
                out.writerow([code, sex, start, count])
                total += count
                aged60 += count if start >= 60 else 0
                aged65 += count if start >= 65 else 0
    print(
        f"{len(counties)} areas, {total} persons; 60+ {aged60} ({100 * aged60 / total:.2f}%), "
        f"65+ {aged65} ({100 * aged65 / total:.2f}%)", file=sys.stderr)


if __name__ == "__main__":
    main()
