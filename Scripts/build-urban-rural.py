#!/usr/bin/env python3
"""Writes a scenario's urban-rural-2020-census.csv (area,urban,rural): each area's residents
living in urban (城镇) and rural (乡村) places at the 2020 census, from the county table of the
7th census (pop_urban, pop_rural; 中国人口普查分县资料2020 via leiii/census). Areas without a
census row (statistical zones) are left out and their persons are shared equally.

Usage: python3 Scripts/build-urban-rural.py SCENARIO_FOLDER census2020_county_age_sex.csv > SCENARIO_FOLDER/urban-rural-2020-census.csv
"""
import csv
import sys

scenario, census = sys.argv[1], sys.argv[2]
rows = {r["code6"]: r for r in csv.DictReader(open(census, encoding="utf-8-sig"))}
areas = []
for r in csv.DictReader(open(f"{scenario}/population-2020-census.csv", encoding="utf-8-sig")):
    if r["area"] not in areas:
        areas.append(r["area"])
print("area,urban,rural")
for area in areas:
    row = rows.get(area.ljust(6, "0"))
    if row:
        print(f"{area},{int(float(row['pop_urban']))},{int(float(row['pop_rural']))}")
