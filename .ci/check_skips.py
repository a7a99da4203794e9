"""Report every skipped test of a pytest JUnit XML report, and fail where a skip hides a
test that should have run.

Usage: ``python .ci/check_skips.py REPORT.xml SHARED_DIR``. Each skip is printed with its
reason. When ``SHARED_DIR`` (``../shared``) exists, the exit status is 1 if a test whose
skip reason names ``../shared`` was skipped, or if no test of ``tests/test_seed_article.py``
(the acceptance tests on the seed article) ran.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

SEED_MODULE = "tests.test_seed_article"


def main(argv: list[str]) -> int:
    report, shared = Path(argv[1]), Path(argv[2])
    cases = list(ET.parse(report).getroot().iter("testcase"))
    skipped: list[tuple[str, str]] = []
    for case in cases:
        skip = case.find("skipped")
        if skip is not None:
            test = f"{case.get('classname', '')}::{case.get('name', '')}"
            skipped.append((test, skip.get("message", "")))
    for test, reason in skipped:
        print(f"skipped {test}: {reason}")
    print(f"{len(cases)} tests, {len(skipped)} skipped")
    if not shared.is_dir():
        print(f"{shared} is not there: tests that need it may skip")
        return 0
    hidden = [test for test, reason in skipped if "../shared" in reason]
    seed_ran = [case for case in cases
                if case.get("classname") == SEED_MODULE and case.find("skipped") is None]
    if hidden:
        print(f"FAIL: {shared} exists, yet tests that need it were skipped: {hidden}")
    if not seed_ran:
        print(f"FAIL: {shared} exists, yet no seed-article test ({SEED_MODULE}) ran")
    return 1 if hidden or not seed_ran else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
