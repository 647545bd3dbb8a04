"""``assessment-app keys rotate``: a new data key, everything re-encrypted; with ``--master`` a
new master key and every key under it (``--resume`` finishes one that was cut off)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from assessment_app.cli.common import report_master_rotation, workspace


def register(sub: Any) -> None:
    keys_p = sub.add_parser("keys", help="key operations").add_subparsers(
        dest="keys_cmd", metavar="ACTION"
    )
    keys_p.required = True
    p = keys_p.add_parser("rotate", help="new data key, re-encrypt everything")
    p.add_argument(
        "--master",
        action="store_true",
        help="replace the master key and every key under it (finishes a cut-off one first)",
    )
    p.add_argument(
        "--resume", action="store_true", help="finish a master-key rotation that was cut off"
    )
    p.add_argument(
        "--new-recovery-key",
        action="store_true",
        help="with --master: a new recovery key too (the old one stops working)",
    )
    p.set_defaults(handler=cmd_keys_rotate)


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    ws = workspace(args)
    if args.master or args.resume or args.new_recovery_key:
        return report_master_rotation(
            args,
            ws.admin.rotate_master_key(
                resume_only=args.resume and not args.master,
                new_recovery_key=args.new_recovery_key,
            ),
        )
    if ws.admin.key_rotation_running():
        return report_master_rotation(args, ws.admin.rotate_master_key(resume_only=True))
    result = ws.admin.rotate_keys()
    print(f"Ny datanyckel: {result.new_key_id}. {result.reencrypted} värden omkrypterade.")
    if result.failed:
        print(
            f"{result.failed} värden kunde inte läsas och lämnades orörda (se loggen).",
            file=sys.stderr,
        )
        return 1
    return 0
