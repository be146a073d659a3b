#!/usr/bin/env python3
"""Fails when a module of Sources/ imports one that the architecture does not allow.

The layers (see the Modules section of README.md):
- C bridges (CGSL, CGLPK, CXLSX, CFileSystem) are imported only by their Swift wrapper
  (GSL, GLPK, Reports' workbook, Provenance).
- Model modules compute and do no I/O: they import no edge module (CSV, Provenance,
  ScenarioFiles, Reports), no C bridge and not the command line.
- Edge modules read and write. ScenarioFiles does not import Reports.
- Only the command line imports ArgumentParser.

KNOWN lists the imports that break these rules today and are to be removed (issue "One run,
one truth"); each is printed as a warning. Any other breach fails, so none can be added.

Usage: Scripts/check-imports.py   (from the repository's root; exit 1 on a breach)
"""
import pathlib
import re
import sys

C_BRIDGES = {"CGSL", "CGLPK", "CXLSX", "CFileSystem"}
EDGES = {"CSV", "Provenance", "ScenarioFiles", "Reports"}
MODEL = {
    "Diagnostics", "Quantities", "Geography", "Targets", "Demography", "Facilities",
    "Coverage", "Uncertainty", "Entitlements", "Simulation", "Allocation", "GSL", "GLPK",
}
# Which module may use which C bridge.
C_OWNERS = {"GSL": {"CGSL"}, "GLPK": {"CGLPK"}, "Reports": {"CXLSX"}, "Provenance": {"CFileSystem"}}
# Breaches of today, to be removed: (module, imported module).
KNOWN = {
    ("ScenarioFiles", "Uncertainty"),  # draws, sensitivity and required run the simulator
    ("ScenarioFiles", "Coverage"),
    ("ScenarioFiles", "Facilities"),
    ("Reports", "ScenarioFiles"),  # reports read LoadedScenario
    ("Reports", "Coverage"),
    ("yanglao", "GLPK"),  # site drives the solver itself
    ("yanglao", "Coverage"),
    ("yanglao", "Demography"),
    ("yanglao", "Facilities"),
}
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
    if module in EDGES and imported == "yanglao":
        return "edge modules do not import the command line"
    if imported == "ArgumentParser" and module != "yanglao":
        return "only the command line parses options"
    if module in EDGES | {"yanglao"} and (module, imported) in KNOWN:
        return "known"
    return None


def main():
    root = pathlib.Path("Sources")
    failures, warnings = [], []
    for path in sorted(root.glob("*/**/*.swift")):
        module = path.relative_to(root).parts[0]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
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
