#!/usr/bin/env python3
"""Fails when a module of Sources/ imports one that the architecture does not allow.

The layers (see the Modules section of README.md):
- C bridges (CGSL, CGLPK, CXLSX, CFileSystem) are imported only by their Swift wrapper
  (GSL, GLPK, Reports' workbook, Provenance).
- Model modules compute and do no I/O: they import no edge module (CSV, Provenance,
  ScenarioFiles, Reports), no C bridge and not the command line.
- Edge modules (CSV, XLSX, Provenance, ScenarioFiles, Reports) read and write: they may use the model's types, but they run nothing (no call
  of the simulator, the projection, the facility run, Monte Carlo or a solver).
  ScenarioFiles does not import Reports.
- The application layer (Planning) puts the stages together; the command line imports
  neither a C bridge nor a model module that computes (GLPK, Coverage, Demography,
  Facilities): it parses, calls Planning and prints.
- Only the command line imports ArgumentParser; nothing imports the command line.
- The workbench's routes (Workbench) import Planning, Diagnostics and Hummingbird only; only
  the command line imports Workbench.

KNOWN lists imports that break these rules and are still to be removed, each printed as a
warning; it is empty now. Any other breach fails, so none can be added.

Usage: Scripts/check-imports.py   (from the repository's root; exit 1 on a breach)
"""
import pathlib
import re
import sys

C_BRIDGES = {"CGSL", "CGLPK", "CXLSX", "CFileSystem"}
EDGES = {"CSV", "XLSX", "Provenance", "ScenarioFiles", "Reports"}
MODEL = {
    "Diagnostics", "Quantities", "Geography", "Targets", "Demography", "Facilities",
    "Coverage", "Uncertainty", "Entitlements", "Simulation", "Allocation", "GSL", "GLPK",
}
# What edge modules must not call: running belongs to the model, put together by Planning.
RUNS = re.compile(
    r"\b(Simulator\.run|FacilitySimulation\.run|MonteCarlo\.\w+|\.project\(from:|GLPKProblem|Solver\.)"
)
# What the command line must not import (it calls Planning instead).
COMPUTING = {"GLPK", "GSL", "Coverage", "Demography", "Facilities", "Allocation", "Uncertainty"}
# Which module may use which C bridge.
C_OWNERS = {"GSL": {"CGSL"}, "GLPK": {"CGLPK"}, "Reports": {"CXLSX"}, "Provenance": {"CFileSystem"}}
# Breaches of today, to be removed: (module, imported module).
KNOWN: set = set()
IMPORT = re.compile(r"^\s*(?:@testable\s+)?(?:@_\w+\s+)?(?:public\s+|internal\s+|private\s+|fileprivate\s+|package\s+)?import\s+(?:class\s+|struct\s+|enum\s+|func\s+)?(\w+)")


def rule(module, imported):
    """Why `module` must not import `imported`, or None when it may."""
    if imported in C_BRIDGES and imported not in C_OWNERS.get(module, set()):
        return f"only {', '.join(k for k, v in C_OWNERS.items() if imported in v)} may import the C bridge {imported}"
    if module in MODEL and imported in EDGES:
        return f"{module} is a model module: it does no I/O and imports no edge module ({imported})"
    if module in MODEL and imported == "yanglao":
        return "model modules do not import the command line"
    if module == "ScenarioFiles" and imported == "Reports":
        return "ScenarioFiles reads scenarios; it does not import Reports"
    if module in EDGES | MODEL | {"Planning"} and imported == "yanglao":
        return "nothing imports the command line"
    if module in EDGES and imported == "Planning":
        return "edge modules do not import the application layer"
    if module in MODEL and imported == "Planning":
        return "model modules do not import the application layer"
    if imported == "ArgumentParser" and module != "yanglao":
        return "only the command line parses options"
    if module == "Workbench" and imported not in {"Planning", "Diagnostics", "Hummingbird", "Foundation"}:
        return "the workbench's routes parse, call Planning and encode JSON: they import Planning, Diagnostics and Hummingbird only"
    if module != "yanglao" and imported == "Workbench":
        return "only the command line starts the workbench"
    if module == "yanglao" and imported in COMPUTING:
        return "known" if (module, imported) in KNOWN else (
            f"the command line calls Planning; it does not import {imported}")
    return None


def main():
    root = pathlib.Path("Sources")
    failures, warnings = [], []
    for path in sorted(root.glob("*/**/*.swift")):
        module = path.relative_to(root).parts[0]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if module in EDGES and not line.lstrip().startswith("//"):
                run = RUNS.search(line)
                if run:
                    failures.append(
                        f"{path}:{number}: error: {module} is an edge module: it runs nothing ({run.group(1)})")
            match = IMPORT.match(line)
            if not match:
                continue
            why = rule(module, match.group(1))
            if why == "known":
                warnings.append(f"{path}:{number}: warning: {module} imports {match.group(1)} (to be removed)")
            elif why:
                failures.append(f"{path}:{number}: error: {why}")
    for line in warnings + failures:
        print(line)
    print(f"Imports: {len(failures)} breaches, {len(warnings)} known ones left to remove.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
