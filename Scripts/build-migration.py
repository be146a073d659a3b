#!/usr/bin/env python3
"""Writes a scenario's net-migration table (area,sex,age,net: persons a year) from the
2010 -> 2020 census residual by county.

For each county of the scenario's population table, the 2010 census (1 November) by sex and
five-year band is survived two five-year steps with the scenario's own death rates
(death-rates-wpp2024.csv: single years at a constant force, the band's rate at every age) and
compared with the 2020 census: residual = counted - survived, by sex and 2020 band 10-14 …
85+. A tenth of it is one year's net migration; it is put at the band five years younger
(the cohort's age in the middle of the decade: 2020's 10-14 gives ages 5-9, 85+ gives 80+).
Children under 5 in 2015 (0-9 in 2020) have no 2010 count: their net is 0.

A county whose code is not in both tables (created or renamed since, or a statistical zone
without a census row) takes its city's residual as a share of the city's survived
population, times its own 2020 band (from the scenario's population table).

The residual holds net migration and every difference between the scenario's national rates
and the county's mortality and census coverage: it calibrates the projection to what the two
censuses counted.

Usage: python3 Scripts/build-migration.py SCENARIO_FOLDER CENSUS_FOLDER > SCENARIO_FOLDER/net-migration-census-residual.csv
  (CENSUS_FOLDER: census2010_county_age_sex.csv and census2020_county_age_sex.csv)
"""
import csv
import math
import sys

KEYS = ["0", "1_4"] + [f"{a}_{a + 4}" for a in range(5, 85, 5)] + ["85plus"]


def bands(row, sex):
    v = [float(row[f"{sex}_{k}"]) for k in KEYS]
    return [v[0] + v[1]] + v[2:]  # 0-4, 5-9, …, 80-84, 85+ (18 bands)


def survival(rates):
    """Five-year survival ratios S[i] from band i to band i+1 (last: 80-84 and 85+ to 85+)."""
    ages = sorted(rates)

    def m(x):
        return rates[max(a for a in ages if a <= min(x, ages[-1]))]

    l = [1.0]
    for x in range(130):
        l.append(l[-1] * math.exp(-m(x)))
    L = [sum((l[x] + l[x + 1]) / 2 for x in range(a, a + 5)) for a in range(0, 85, 5)]
    L.append(sum((l[x] + l[x + 1]) / 2 for x in range(85, 130)))
    return [L[i + 1] / L[i] for i in range(16)] + [L[17] / (L[16] + L[17])]


def step(p, s):
    n = [0.0] * 18
    for i in range(16):
        n[i + 1] = p[i] * s[i]
    n[17] = (p[16] + p[17]) * s[16]
    return n


def main():
    scenario, census = sys.argv[1], sys.argv[2]
    rates = {"female": {}, "male": {}}
    for r in csv.DictReader(open(f"{scenario}/death-rates-wpp2024.csv", encoding="utf-8-sig")):
        rates[r["sex"]][int(r["age"])] = float(r["mx"])
    S = {sex: survival(rates[sex]) for sex in rates}
    read = lambda f: {r["code6"]: r for r in csv.DictReader(open(f"{census}/{f}", encoding="utf-8-sig"))}
    c10, c20 = read("census2010_county_age_sex.csv"), read("census2020_county_age_sex.csv")
    areas, own2020 = [], {}
    for r in csv.DictReader(open(f"{scenario}/population-2020-census.csv", encoding="utf-8-sig")):
        if r["area"] not in areas:
            areas.append(r["area"])
        cells = own2020.setdefault((r["area"], r["sex"]), [0.0] * 18)
        age = int(r["age"])
        cells[min(age // 5, 17)] += float(r["count"])  # 0 and 1-4 together

    def residual(code, sex):
        survived = step(step(bands(c10[code], sex), S[sex]), S[sex])
        counted = bands(c20[code], sex)
        return [counted[i] - survived[i] for i in range(18)], survived

    print("area,sex,age,net")
    for area in areas:
        code = area.ljust(6, "0")
        for sex in ("female", "male"):
            if code in c10 and code in c20:
                res, _ = residual(code, sex)
            else:
                city = code[:4] + "00"
                city_res, city_survived = residual(city, sex)
                own = own2020[(area, sex)]
                res = [city_res[i] / city_survived[i] * own[i] if city_survived[i] > 0 else 0
                       for i in range(18)]
            net = [0.0] + [res[i] / 10 for i in range(2, 18)]  # ages 0, 5, …, 80 (open)
            for index, value in enumerate(net):
                print(f"{area},{sex},{index * 5},{value:.1f}")


main()
