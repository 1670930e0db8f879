"""Retake the README's screenshots of the admin with the demo register.

    .venv/bin/python scripts/screenshots.py      # needs Debian's chromium

The pictures are taken by the browser tests themselves (tests/browser/test_screens.py,
Playwright driving /usr/bin/chromium against a live server holding the demo data);
this runs them with UPDATE_SCREENSHOTS=1, which writes the PNGs under docs/.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    env = {**os.environ, "UPDATE_SCREENSHOTS": "1", "REQUIRE_BROWSER": "1"}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "tests/browser/test_screens.py::test_readme_screenshots",
    ]
    sys.exit(subprocess.run(command, cwd=ROOT, env=env, check=False).returncode)


if __name__ == "__main__":
    main()
