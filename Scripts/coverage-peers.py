#!/usr/bin/env python3
"""Expected values for the Coverage tests, computed by the peer tools.

Yanglao's floating-catchment scores must agree with PySAL `access` and its siting optima
with PySAL `spopt` (solved by CBC through PuLP). This script draws random instances the
Swift code has never been tuned on, runs the peers on them, and writes the instances and
the peers' answers to Tests/CoverageTests/Fixtures/. The tests read those files; they never
call Python.

Run it outside the repository's environment, with the peers installed:

    python3 -m venv /some/where/peers
    /some/where/peers/bin/pip install access==1.1.10.post3 spopt==0.7.0 pulp==3.3.2
    /some/where/peers/bin/python Scripts/coverage-peers.py

The exact versions used are written to Fixtures/peers.json; rerun only to regenerate the
fixtures on purpose. Distances are Euclidean, sqrt(dx*dx + dy*dy) in that order, as the
Swift code computes them, and coordinates are written with enough digits to round-trip.
"""

import json
import math
import os
import sys
from importlib.metadata import version

import numpy as np
import pandas as pd
import pulp
from access import Access, weights
from spopt.locate import LSCP, MCLP

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests",
                        "CoverageTests", "Fixtures")


def write_points(name, ids, xy, column, values):
    """Writes id,x,y,<column> with round-trip precision."""
    with open(os.path.join(FIXTURES, name), "w", encoding="utf-8") as out:
        out.write(f"id,x,y,{column}\n")
        for identifier, (x, y), value in zip(ids, xy, values):
            out.write(f"{identifier},{float(x)!r},{float(y)!r},{float(value)!r}\n")


def distances(a, b):
    """The dense Euclidean distance matrix, rows a, columns b."""
    dx = a[:, 0][:, None] - b[:, 0][None, :]
    dy = a[:, 1][:, None] - b[:, 1][None, :]
    return np.sqrt(dx * dx + dy * dy)


def clustered_points(rng, count, side, clusters):
    """Points of a made-up town: half around cluster centres, half spread evenly."""
    centres = rng.uniform(0, side, size=(clusters, 2))
    spread = rng.uniform(0.02, 0.08, size=clusters) * side
    points = np.empty((count, 2))
    for index in range(count):
        if index % 2 == 0:
            cluster = rng.integers(clusters)
            points[index] = centres[cluster] + rng.normal(0, spread[cluster], size=2)
        else:
            points[index] = rng.uniform(0, side, size=2)
    return np.round(points, 1)


def floating_catchment(rng):
    """2SFCA and E2SFCA (stepped and Gaussian) by PySAL access."""
    radius = 2000.0
    demand_xy = clustered_points(rng, 300, 10_000.0, 6)
    supply_xy = clustered_points(rng, 40, 10_000.0, 6)
    persons = rng.integers(0, 400, size=len(demand_xy)).astype(float)
    beds = rng.integers(5, 120, size=len(supply_xy)).astype(float)
    demand_ids = [f"d{i}" for i in range(len(demand_xy))]
    supply_ids = [f"s{j}" for j in range(len(supply_xy))]
    write_points("fca-demand.csv", demand_ids, demand_xy, "weight", persons)
    write_points("fca-supply.csv", supply_ids, supply_xy, "capacity", beds)

    cost = distances(demand_xy, supply_xy)
    rows = [(demand_ids[i], supply_ids[j], cost[i, j])
            for i in range(cost.shape[0]) for j in range(cost.shape[1])]
    cost_df = pd.DataFrame(rows, columns=["origin", "dest", "cost"])
    demand_df = pd.DataFrame({"geoid": demand_ids, "persons": persons})
    supply_df = pd.DataFrame({"geoid": supply_ids, "beds": beds})
    model = Access(demand_df=demand_df, demand_index="geoid", demand_value="persons",
                   supply_df=supply_df, supply_index="geoid", supply_value="beds",
                   cost_df=cost_df, cost_origin="origin", cost_dest="dest", cost_name="cost")
    steps = {radius / 3: 1.0, 2 * radius / 3: 0.68, radius: 0.22}
    sigma = radius / 3 / math.sqrt(-2 * math.log(0.68))
    plain = model.two_stage_fca(name="plain", max_cost=radius)["plain_beds"]
    stepped = model.enhanced_two_stage_fca(
        name="stepped", max_cost=radius, weight_fn=weights.step_fn(steps))["stepped_beds"]
    gaussian = model.enhanced_two_stage_fca(
        name="gaussian", max_cost=radius, weight_fn=weights.gaussian(sigma))["gaussian_beds"]
    normalised = model.two_stage_fca(
        name="normal", max_cost=radius, normalize=True)["normal_beds"]

    def cell(series, key):
        value = series.get(key, float("nan"))
        return "" if value is None or (isinstance(value, float) and math.isnan(value)) \
            else repr(float(value))

    with open(os.path.join(FIXTURES, "fca-expected.csv"), "w", encoding="utf-8") as out:
        out.write("id,two_step,stepped,gaussian,two_step_normalised\n")
        for identifier in demand_ids:
            out.write(",".join([identifier, cell(plain, identifier), cell(stepped, identifier),
                                cell(gaussian, identifier), cell(normalised, identifier)]) + "\n")
    return {"radius": radius, "sigma": sigma,
            "steps": [[key, value] for key, value in sorted(steps.items())]}


def siting(rng):
    """MCLP (with and without existing facilities) and LSCP by PySAL spopt with CBC."""
    radius = 1500.0
    demand_xy = clustered_points(rng, 400, 12_000.0, 8)
    candidate_xy = clustered_points(rng, 60, 12_000.0, 8)
    existing_xy = clustered_points(rng, 5, 12_000.0, 8)
    persons = rng.integers(1, 300, size=len(demand_xy)).astype(float)
    write_points("siting-demand.csv", [f"d{i}" for i in range(len(demand_xy))], demand_xy,
                 "weight", persons)
    write_points("siting-candidates.csv", [f"c{j}" for j in range(len(candidate_xy))],
                 candidate_xy, "capacity", np.full(len(candidate_xy), 0.0))
    write_points("siting-existing.csv", [f"e{k}" for k in range(len(existing_xy))],
                 existing_xy, "capacity", np.full(len(existing_xy), 0.0))
    solver = pulp.PULP_CBC_CMD(msg=False)
    expected = {"radius": radius, "mclp": [], "mclp_existing": [], "lscp": None}

    candidate_cost = distances(demand_xy, candidate_xy)
    for p in (1, 3, 6, 10):
        model = MCLP.from_cost_matrix(candidate_cost, persons, radius, p_facilities=p)
        model.solve(solver)
        covered = float(pulp.value(model.problem.objective))
        expected["mclp"].append({"sites": p, "covered_weight": covered})

    # spopt counts predefined facilities among the p sites; Yanglao's p counts new ones.
    both = np.hstack([distances(demand_xy, existing_xy), candidate_cost])
    predefined = np.array([1] * len(existing_xy) + [0] * len(candidate_xy))
    for new_sites in (2, 5):
        model = MCLP.from_cost_matrix(both, persons, radius,
                                      p_facilities=len(existing_xy) + new_sites,
                                      predefined_facilities_arr=predefined)
        model.solve(solver)
        expected["mclp_existing"].append({"new_sites": new_sites,
                                          "covered_weight": float(pulp.value(model.problem.objective))})

    # spopt's LSCP needs every client coverable: drop those no candidate reaches.
    reachable = (candidate_cost <= radius).any(axis=1)
    model = LSCP.from_cost_matrix(candidate_cost[reachable], radius)
    model.solve(solver)
    expected["lscp"] = {"sites": int(round(pulp.value(model.problem.objective))),
                        "unreachable_points": int((~reachable).sum())}
    return expected


def main():
    os.makedirs(FIXTURES, exist_ok=True)
    rng = np.random.default_rng(20260505)
    fca = floating_catchment(rng)
    sites = siting(rng)
    record = {
        "generator": "Scripts/coverage-peers.py",
        "seed": 20260505,
        "python": sys.version.split()[0],
        "packages": {name: version(name) for name in
                     ("access", "spopt", "pulp", "numpy", "pandas")},
        "solver": "CBC bundled with PuLP (PULP_CBC_CMD)",
        "floating_catchment": fca,
        "siting": sites,
    }
    with open(os.path.join(FIXTURES, "peers.json"), "w", encoding="utf-8") as out:
        json.dump(record, out, indent=2)
        out.write("\n")
    print(json.dumps(record, indent=2))


if __name__ == "__main__":
    main()
