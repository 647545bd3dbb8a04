"""``make tour``: the real app under Xvfb, driven with xdotool from the first run to both PDFs.

    xvfb-run -a -s "-screen 0 1366x900x24" python -m tests.tour.run_tour --out docs/tour

See tests/tour/driver.py for how it drives and checks, tests/tour/steps.py for the steps.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.tour.driver import REPO, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "tour")
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    args = parser.parse_args(argv)
    return run(args.out.resolve(), args.keep)


if __name__ == "__main__":
    sys.exit(main())
