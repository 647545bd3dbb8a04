"""``assessment-app keys rotate``: a new data key, everything re-encrypted."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from assessment_app.cli.common import workspace


def register(sub: Any) -> None:
    keys_p = sub.add_parser("keys", help="key operations").add_subparsers(
        dest="keys_cmd", metavar="ACTION"
    )
    keys_p.required = True
    keys_p.add_parser("rotate", help="new data key, re-encrypt everything").set_defaults(
        handler=cmd_keys_rotate
    )


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    result = workspace(args).admin.rotate_keys()
    print(f"Ny datanyckel: {result.new_key_id}. {result.reencrypted} värden omkrypterade.")
    if result.failed:
        print(
            f"{result.failed} värden kunde inte läsas och lämnades orörda (se loggen).",
            file=sys.stderr,
        )
        return 1
    return 0
