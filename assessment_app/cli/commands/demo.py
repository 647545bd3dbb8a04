"""``assessment-app demo``: add realistic synthetic cases."""

from __future__ import annotations

import argparse
from typing import Any

from assessment_app.cli.common import workspace
from assessment_app.errors import ConfigurationError


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="add realistic synthetic cases")
    p.add_argument("--cases", type=int, required=True, metavar="N")
    p.add_argument("--seed", type=int, metavar="S")
    p.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    from assessment_app import demo

    if args.cases < 1:
        raise ConfigurationError("--cases must be at least 1.", "--cases måste vara minst 1.")
    ws = workspace(args)
    for ref in demo.generate(ws, args.cases, args.seed):
        print(ref, flush=True)
    return 0
