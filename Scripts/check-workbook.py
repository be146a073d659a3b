#!/usr/bin/env python3
"""Read an annual report's workbook back and compare its Targets sheet with the report's CSV.

Usage: Scripts/check-workbook.py REPORT.xlsx REPORT.csv

The workbook is read with openpyxl (a reader independent of the library that wrote it);
every cell of the Targets sheet must equal the CSV's: text exactly, numbers to 1e-9.
Also checks the sheets (Summary, Targets, Districts, Indicators, Costs first; Funding, Service list,
Need and supply when the run has them) and the frozen header.
"""
import csv
import sys

import openpyxl


def main():
    workbook_path, csv_path = sys.argv[1], sys.argv[2]
    book = openpyxl.load_workbook(workbook_path)
    names = book.sheetnames
    if len(names) < 5:
        sys.exit(f"{workbook_path}: expected at least 5 sheets, found {names}")
    targets = book[names[1]]
    if targets.freeze_panes != "B2":
        sys.exit(f"{workbook_path}: the Targets sheet's header is not frozen ({targets.freeze_panes})")
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    sheet = [[cell.value for cell in row] for row in targets.iter_rows()]
    if len(sheet) != len(rows):
        sys.exit(f"{workbook_path}: {len(sheet)} rows in the sheet, {len(rows)} in the CSV")
    for number, (expected, found) in enumerate(zip(rows, sheet), start=1):
        for column, (text, value) in enumerate(zip(expected, found)):
            if value is None:
                value = ""
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                if text == "" or abs(float(text) - value) > 1e-6 * max(1, abs(value)):
                    sys.exit(f"row {number}, column {column + 1}: sheet {value!r}, CSV {text!r}")
            elif str(value) != text:
                sys.exit(f"row {number}, column {column + 1}: sheet {value!r}, CSV {text!r}")
    print(f"{workbook_path}: {len(rows) - 1} targets, every cell equal to {csv_path}")


if __name__ == "__main__":
    main()
