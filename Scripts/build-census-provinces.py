#!/usr/bin/env python3
"""Builds the province tables of Data/census/ from the county-level census tables.

    Scripts/build-census-provinces.py --census-2010 <census2010_county_age_sex.csv> \
        --census-2020 <census2020_county_age_sex.csv> --out Data/census

The inputs are the county-level tables of the 6th (2010) and 7th (2020) national censuses by
sex and age group (0, 1-4, 5-9, ..., 80-84, 85+), as compiled from the census yearbooks
(中国人口普查分县资料2010 and 2020) in the `leiii/census` repository. The province rows
(codes ending in 0000, the national row 000000 left out) are copied with their columns
unchanged; nothing is recomputed. Each output row's age-sex cells add up to its pop_total,
which the script checks.
"""
import argparse
import csv
import os

AGES = ["0", "1_4"] + [f"{a}_{a + 4}" for a in range(5, 85, 5)] + ["85plus"]
CELLS = [f"{sex}_{age}" for age in AGES for sex in ("male", "female")]
COLUMNS = ["code6", "name", "pop_total", "pop_male", "pop_female", "pop_urban", "pop_rural"] + CELLS


def provinces(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["code6"]
            if code.endswith("0000") and code != "000000":
                row["name"] = row.get("name") or row["province"]
                total = sum(int(row[cell]) for cell in CELLS)
                assert total == int(row["pop_total"]), (code, total, row["pop_total"])
                yield {column: row[column] for column in COLUMNS}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--census-2010", required=True)
    parser.add_argument("--census-2020", required=True)
    parser.add_argument("--out", required=True)
    arguments = parser.parse_args()
    for year, path in (("2010", arguments.census_2010), ("2020", arguments.census_2020)):
        rows = list(provinces(path))
        target = os.path.join(arguments.out, f"census{year}-provinces.csv")
        with open(target, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        print(f"{target}: {len(rows)} provinces")


if __name__ == "__main__":
    main()
