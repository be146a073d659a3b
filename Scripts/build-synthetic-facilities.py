#!/usr/bin/env python3
"""Generate a SYNTHETIC, seeded facility inventory that reproduces known totals.

Usage:
  Scripts/build-synthetic-facilities.py --regions regions.csv --population population.csv \
      --parameters facilities-2020-synthetic.json > facilities-2020-synthetic.csv

Public statistics give totals (beds of a province, a share of nursing-type beds, a count of
institutions or community facilities) but not the homes themselves: no list of homes with
their beds and addresses is published. A scenario still needs an inventory, so this script
places facilities by documented rules, with a seeded random stream, such that the totals
come out exactly. Every row it writes says `synthetic=yes`, and every name ends in （合成）.
The result is a stand-in for a civil-affairs bureau's own register (设施台账), which should
replace it.

Inputs:
  regions.csv      the scenario's region table (code,name,level,parent,...): counties,
                   townships and, if present, communities and villages
  population.csv   area,sex,age,count by county (the base population); the persons aged
                   60+ of each county weight where homes go
  parameters.json  the totals and rules, each with its source or the reason for the
                   assumption (see a scenario's facilities-2020-synthetic.json)

Rules, in order (all counts exact; ties and draws from Python's seeded Mersenne Twister,
`random.Random(seed).random()` only, so the output is the same on every machine):
  1. city welfare institute (社会福利院, public institution) and honour home (光荣院) per city,
     at the seat of the city's first district;
  2. a public welfare institute in every district, and a county-level special-hardship home
     (中心敬老院, not care-type) in every county and county-level city, at the county seat
     (its first street, else its first town);
     (the homes of steps 1 and 2 are run by the county: tier = county)
  3. township special-hardship homes (乡镇敬老院, tier = township) in a share of the towns and townships,
     chosen at random, their beds lognormal about the given mean (at least 20);
  4. the rest of the institutions (count and beds) are ordinary homes (养老机构) of mixed
     ownership, shared among counties in proportion to their persons aged 60+ (largest
     remainder) and placed in a random township of the county; their beds are lognormal
     weights scaled to the remaining total;
  5. nursing-type beds are shared over all institutional beds so that their share is the
     given one, weighted by type (private homes more, township homes fewer);
  6. star ratings (GB/T 37276) drawn by type;
  7. street and township centres in a share of streets and of towns and townships;
     community stations and village points in a count or share of communities and
     villages; community beds shared over centres (weight 10) and stations (weight 1);
  8. meal sites in random communities.
A facility that stands in a township is written at one of its communities or villages,
chosen at random, when the region table has them. With `blind_spot` parameters, the named
number of county-level units (chosen by the stated rule) get no public institution at all.

Prints the totals and the list of blind-spot units (if any) to standard error.
"""
import argparse
import csv
import json
import math
import random
import sys

COUNTY_OTHER = ["林区", "特区", "开发区", "示范区", "园区", "名胜区", "新区管委会", "管理区", "管委会"]


def county_kind(name):
    """The kind yanglao derives from a county's name (KindRules.countyKind)."""
    name = name.strip()
    if any(name.endswith(s) for s in COUNTY_OTHER) or name == "市辖区":
        return "other_county"
    if name.endswith("区"):
        return "district"
    if name.endswith("县") or name.endswith("旗"):
        return "county"
    if name.endswith("市"):
        return "county_city"
    return "other_county"


def township_kind(name):
    """The kind yanglao derives from a township's name (KindRules.townshipKind)."""
    name = name.strip()
    if name.endswith("街道") or name.endswith("街道办事处") or name.endswith("街道办"):
        return "street"
    if name.endswith("办事处") and not any(w in name for w in ("农场", "林场", "牧场")):
        return "street"
    if name.endswith("镇"):
        return "town"
    if name.endswith("乡") or name.endswith("苏木"):
        return "township"
    return "other_township"


def village_kind(code):
    """The kind yanglao derives from a village code (committee type, digits 10-12)."""
    number = int(code[9:12])
    return "community" if number < 200 or 400 <= number < 500 else "village"


class Stream:
    """Draws from one seeded Mersenne Twister using only random(), which Python keeps
    stable across versions."""

    def __init__(self, seed):
        self.random = random.Random(seed)

    def uniform(self):
        return self.random.random()

    def index(self, n):
        return min(n - 1, int(self.uniform() * n))

    def pick(self, items):
        return items[self.index(len(items))]

    def normal(self):
        u1 = max(self.uniform(), 1e-12)
        u2 = self.uniform()
        return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)

    def choose(self, items, k):
        """k items, in the order of fresh random keys (a seeded shuffle), then in input order."""
        keyed = sorted(((self.uniform(), position) for position in range(len(items))))
        chosen = sorted(position for _, position in keyed[:k])
        return [items[position] for position in chosen]

    def category(self, weights):
        """An index drawn with the given weights."""
        total = sum(weights)
        u = self.uniform() * total
        for index, weight in enumerate(weights):
            u -= weight
            if u < 0:
                return index
        return len(weights) - 1


def largest_remainder(total, weights, caps=None):
    """Integers proportional to weights adding up to total (Hamilton's method), each at most
    its cap when caps are given."""
    n = len(weights)
    result = [0] * n
    caps = caps or [None] * n
    open_ = [i for i in range(n) if weights[i] > 0 and (caps[i] is None or caps[i] > 0)]
    left = total
    while left > 0 and open_:
        weight = sum(weights[i] for i in open_)
        shares = {i: left * weights[i] / weight for i in open_}
        floors = {i: int(math.floor(shares[i])) for i in open_}
        for i in open_:
            room = None if caps[i] is None else caps[i] - result[i]
            add = floors[i] if room is None else min(floors[i], room)
            result[i] += add
        left = total - sum(result)
        order = sorted(open_, key=lambda i: (-(shares[i] - floors[i]), i))
        for i in order:
            if left == 0:
                break
            if caps[i] is None or result[i] < caps[i]:
                result[i] += 1
                left -= 1
        open_ = [i for i in open_ if caps[i] is None or result[i] < caps[i]]
    if left != 0:
        sys.exit(f"cannot share {total} within the caps")
    return result


def half_up(x):
    """x rounded to the nearest whole number, halves up (not Python's round-half-even)."""
    return int(math.floor(x + 0.5))


def value(parameter):
    return parameter["value"] if isinstance(parameter, dict) else parameter


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--regions", required=True)
    parser.add_argument("--population", required=True)
    parser.add_argument("--parameters", required=True)
    args = parser.parse_args()

    with open(args.parameters, encoding="utf-8") as handle:
        p = json.load(handle)
    with open(args.regions, encoding="utf-8-sig", newline="") as handle:
        regions = list(csv.DictReader(handle))
    aged = {}
    with open(args.population, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if int(row["age"]) >= 60:
                aged[row["area"]] = aged.get(row["area"], 0) + int(row["count"])

    stream = Stream(p["seed"])
    prefix = p["id_prefix"]
    names = {r["code"]: r["name"] for r in regions}
    cities = [r["code"] for r in regions if len(r["code"]) == 4]
    counties = [r["code"] for r in regions if len(r["code"]) == 6]
    given = {r["code"]: r.get("kind", "") for r in regions}
    ckind = {c: given[c] or county_kind(names[c]) for c in counties}
    townships = [r["code"] for r in regions if len(r["code"]) == 9]
    tkind = {t: given[t] or township_kind(names[t]) for t in townships}
    villages = [r["code"] for r in regions if len(r["code"]) == 12]
    vkind = {v: given[v] or village_kind(v) for v in villages}
    townships_of = {c: [t for t in townships if t.startswith(c)] for c in counties}
    villages_of = {t: [] for t in townships}
    for v in villages:
        villages_of[v[:9]].append(v)
    if not cities:
        cities_or_top = [counties[0][:4]]
    else:
        cities_or_top = cities

    def seat(county):
        units = townships_of[county]
        for kind in ("street", "town", "township", "other_township"):
            for t in units:
                if tkind[t] == kind:
                    return t
        return county

    def spot(unit):
        """Where a facility of a township stands: one of its communities or villages."""
        if len(unit) == 9 and villages_of.get(unit):
            return stream.pick(villages_of[unit])
        return unit

    # Blind-spot units: no public institution.
    blind = []
    if "blind_spot" in p:
        rule = p["blind_spot"]
        eligible = [c for c in counties if ckind[c] in rule["kinds"]]
        eligible.sort(key=lambda c: (aged.get(c, 0), c))
        blind = eligible[: rule["count"]]
    blind_set = set(blind)

    rows = []
    counter = {}

    def add(kind_label, type_, ownership, unit, beds, name, care_type="no", tier=""):
        counter[kind_label] = counter.get(kind_label, 0) + 1
        rows.append({
            "id": f"{prefix}-{kind_label}-{counter[kind_label]:05d}",
            "name": name + "（合成）",
            "type": type_,
            "ownership": ownership,
            "care_type": care_type,
            "community": unit,
            "beds": beds,
            "nursing_beds": 0,
            "stars": 0,
            "status": "operating",
            "synthetic": "yes",
            "tier": tier,
        })

    homes = p["homes"]
    # 1. City welfare institutes and honour homes.
    for city in cities_or_top:
        in_city = [c for c in counties if c.startswith(city) and c not in blind_set]
        districts = [c for c in in_city if ckind[c] == "district"] or in_city
        if not districts:
            continue
        where = seat(districts[0])
        if "city_institute" in homes:
            add("CI", "institution", "public", spot(where), homes["city_institute"]["beds"],
                names.get(city, names[districts[0]]) + "社会福利院", tier="county")
        if "honour_home" in homes:
            add("HH", "honour_home", "public", spot(where), homes["honour_home"]["beds"],
                names.get(city, names[districts[0]]) + "光荣院", tier="county")
    # 2. District institutes and county homes.
    for county in counties:
        if county in blind_set:
            continue
        if ckind[county] == "district" and "district_institute" in homes:
            add("DI", "institution", "public", spot(seat(county)), homes["district_institute"]["beds"],
                names[county] + "社会福利中心", tier="county")
        if ckind[county] in ("county", "county_city") and "county_home" in homes:
            add("CH", "special_hardship_home", "public", spot(seat(county)), homes["county_home"]["beds"],
                names[county] + "中心敬老院", tier="county")
    # 3. Township homes.
    if "township_home" in homes:
        rural = [t for t in townships if tkind[t] in ("town", "township") and t[:6] not in blind_set]
        chosen = stream.choose(rural, half_up(homes["township_home"]["share"] * len(rural)))
        mean = homes["township_home"]["beds"]
        spread = homes["township_home"].get("spread", 0)
        for t in chosen:
            beds = max(20, half_up(mean * math.exp(spread * stream.normal() - spread * spread / 2)))
            add("TH", "special_hardship_home", "public", spot(t), beds, names[t] + "敬老院",
                tier="township")
    special_count = len(rows)
    special_beds = sum(r["beds"] for r in rows)

    # 4. Ordinary homes.
    institutions = value(p["institutions"])
    beds_total = value(p["institutional_beds"])
    ordinary = institutions - special_count
    ordinary_beds = beds_total - special_beds
    if ordinary <= 0 or ordinary_beds < 10 * ordinary:
        sys.exit(f"{ordinary} ordinary homes with {ordinary_beds} beds: check the parameters")
    weights = [aged.get(c, 0) for c in counties]
    per_county = largest_remainder(ordinary, weights)
    ownership = p["ownership"]
    kinds = list(ownership.keys())
    shares = [ownership[k] for k in kinds]
    start = len(rows)
    for county, count in zip(counties, per_county):
        units = townships_of[county] or [county]
        for _ in range(count):
            owner = kinds[stream.category(shares)]
            if county in blind_set:
                owner = "private"
            add("IN", "institution", owner, spot(stream.pick(units)), 0,
                names[county] + "养老院")
    sigma = p.get("size_spread", 0.6)
    size_weights = [math.exp(sigma * stream.normal()) for _ in range(start, len(rows))]
    minimum = p.get("minimum_beds", 10)
    extra = largest_remainder(ordinary_beds - minimum * ordinary, size_weights)
    for offset, beds in enumerate(extra):
        rows[start + offset]["beds"] = minimum + beds
    for offset, row in enumerate(rows[start:]):
        row["name"] = row["name"].replace("养老院（合成）", f"第{offset + 1}养老院（合成）")

    # 5. Nursing-type beds.
    factors = p["nursing_factors"]
    def factor(row):
        key = row["type"] if row["type"] != "institution" else "institution_" + row["ownership"]
        if row["id"].split("-")[1] == "TH":
            key = "township_home"
        return factors.get(key, 1.0)
    institutional = [r for r in rows]
    nursing_total = half_up(value(p["nursing_share"]) * beds_total)
    nursing = largest_remainder(nursing_total, [r["beds"] * factor(r) for r in institutional],
                                caps=[r["beds"] for r in institutional])
    for row, beds in zip(institutional, nursing):
        row["nursing_beds"] = beds

    # 6. Stars.
    for row in institutional:
        key = row["id"].split("-")[1]
        table = p["stars"].get(key, p["stars"]["default"])
        row["stars"] = stream.category(table)

    # 7. Community facilities.
    community = p["community"]
    streets = [t for t in townships if tkind[t] == "street"]
    rural = [t for t in townships if tkind[t] in ("town", "township")]
    n_street = half_up(community["street_centre_share"] * len(streets))
    n_township = half_up(community["township_centre_share"] * len(rural))
    communities = [v for v in villages if vkind[v] == "community"]
    rural_villages = [v for v in villages if vkind[v] == "village"]
    if "facilities" in community:
        rest = value(community["facilities"]) - n_street - n_township
        share = rest / (len(communities) + len(rural_villages))
        n_station = half_up(share * len(communities))
        n_point = rest - n_station
    else:
        stations = community["stations"]
        n_station = stations["count"] if "count" in stations else half_up(stations["share"] * len(communities))
        n_point = half_up(community["village_point_share"] * len(rural_villages))
    centre_rows = []
    for t in stream.choose(streets, n_street):
        add("SC", "street_centre", "public", spot(t), 0, names[t] + "综合养老服务中心")
        centre_rows.append(rows[-1])
    for t in stream.choose(rural, n_township):
        add("TC", "township_centre", "public", spot(t), 0, names[t] + "区域养老服务中心")
        centre_rows.append(rows[-1])
    station_rows = []
    for v in stream.choose(communities, n_station):
        add("CS", "community_station", "public", v, 0, names[v] + "养老服务站")
        station_rows.append(rows[-1])
    for v in stream.choose(rural_villages, n_point):
        add("VP", "village_point", "public", v, 0, names[v] + "农村幸福院")
    community_beds = value(p["community_beds"])
    bedded = centre_rows + station_rows
    centre_weight = community.get("centre_bed_weight", 10)
    shares = largest_remainder(community_beds, [centre_weight] * len(centre_rows) + [1] * len(station_rows))
    for position, (row, beds) in enumerate(zip(bedded, shares)):
        row["beds"] = beds
        if position < len(centre_rows):
            row["nursing_beds"] = half_up(community.get("centre_nursing_share", 0) * beds)

    # 8. Meal sites.
    meal = p.get("meal_sites", {"count": 0})
    for v in stream.choose(communities, value(meal["count"])):
        add("MS", "meal_site", "public", v, 0, names[v] + "老年助餐点")

    columns = ["id", "name", "type", "ownership", "care_type", "community", "beds", "nursing_beds",
               "stars", "status", "synthetic", "tier"]
    out = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
    out.writeheader()
    out.writerows(rows)

    inst = [r for r in rows if r["type"] in ("institution", "special_hardship_home", "honour_home")]
    comm = [r for r in rows if r["type"] in ("street_centre", "township_centre", "community_station", "village_point")]
    ib = sum(r["beds"] for r in inst)
    nb = sum(r["nursing_beds"] for r in inst)
    cb = sum(r["beds"] for r in comm)
    assert ib == beds_total and len(inst) == institutions and cb == community_beds
    by_type = {}
    for r in rows:
        by_type[r["type"]] = by_type.get(r["type"], 0) + 1
    print(f"{len(rows)} facilities: " + ", ".join(f"{k} {v}" for k, v in by_type.items()), file=sys.stderr)
    print(f"institutional beds {ib} in {len(inst)} institutions, nursing {nb} ({100 * nb / ib:.2f}%); "
          f"community beds {cb} in {len(comm)} community facilities; service beds {ib + cb}", file=sys.stderr)
    if blind:
        print("blind-spot units: " + ", ".join(f"{c} {names[c]}" for c in blind), file=sys.stderr)


if __name__ == "__main__":
    main()
