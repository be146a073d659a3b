#!/usr/bin/env python3
"""Check an HTML report the way a reader would, in headless Chromium.

Usage: Scripts/check-report.py REPORT.html [--targets N] [--screenshot OUT.png]

- the page loads with no console error (Chromium's log of the page's console);
- the target table (the table with class "targets") has N body rows when --targets is given;
- every <svg> has drawing elements inside it;
- a full-page screenshot is saved for people to look at.

Exits 1 with a message on the first failed check. Needs the Debian package `chromium`.
"""
import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def chromium(*arguments, timeout=120):
    command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--enable-logging=stderr", "--v=0", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report")
    parser.add_argument("--targets", type=int)
    parser.add_argument("--screenshot")
    args = parser.parse_args()
    url = Path(args.report).resolve().as_uri()

    with tempfile.TemporaryDirectory() as profile:
        dump = chromium(f"--user-data-dir={profile}", "--dump-dom", url)
    if dump.returncode != 0 or "<html" not in dump.stdout:
        sys.exit(f"{args.report}: Chromium could not load the page:\n{dump.stderr[-2000:]}")
    console = [line for line in dump.stderr.splitlines() if "CONSOLE" in line]
    if console:
        sys.exit(f"{args.report}: the page wrote to the console:\n" + "\n".join(console))
    dom = dump.stdout

    if args.targets is not None:
        match = re.search(r'<table class="targets">(.*?)</table>', dom, re.S)
        if not match:
            sys.exit(f"{args.report}: no table with class 'targets'")
        body = match.group(1).split("<tbody>", 1)[-1]
        rows = body.count("<tr")
        if rows != args.targets:
            sys.exit(f"{args.report}: the target table has {rows} rows, expected {args.targets}")

    svgs = re.findall(r"<svg\b.*?</svg>", dom, re.S)
    for index, svg in enumerate(svgs):
        if not re.search(r"<(polyline|line|rect|circle|path|text)\b", svg):
            sys.exit(f"{args.report}: chart {index + 1} of {len(svgs)} is empty")

    if args.screenshot:
        with tempfile.TemporaryDirectory() as profile:
            shot = chromium(f"--user-data-dir={profile}", f"--screenshot={args.screenshot}",
                            "--window-size=900,3000", url)
        if shot.returncode != 0 or not Path(args.screenshot).exists():
            sys.exit(f"{args.report}: no screenshot:\n{shot.stderr[-2000:]}")

    print(f"{args.report}: loads without console errors; {len(svgs)} charts drawn"
          + (f"; {args.targets} target rows" if args.targets is not None else ""))


if __name__ == "__main__":
    main()
