"""Run every benchmark module, write benchmarks/results.json, print a table with targets.

Targets are checked here, never in the test suite: timing belongs to benchmarks.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent

# name -> (comparison, target, description)
TARGETS: dict[str, tuple[str, float, str]] = {
    "save_assessment_ratio": ("<=", 15.0, "save of a full assessment / raw sqlite3 commit"),
    "pnr_lookup_50k_ms": ("<", 5.0, "personnummer lookup among 50,000 cases"),
    "pdf_individual_ms": ("<", 150.0, "individual's plan PDF, 14 areas"),
    "pdf_provider_ms": ("<", 150.0, "provider's plan PDF, 14 areas"),
    "startup_ratio": ("<=", 3.0, "assessment-app start to sign-in window / bare PySide6 window"),
    "case_list_50k_open_ms": ("<", 300.0, "case list over 50,000 cases to first painted rows"),
    "case_list_50k_rss_mb": ("<", 60.0, "memory growth of that case list"),
    "pg_lost_updates": ("<=", 0.0, "accepted saves missing after 20 clients x 20 s"),
}


def main(argv: list[str]) -> int:
    only = set(argv)
    results: dict[str, float] = {}
    for module in sorted(pkgutil.iter_modules([str(HERE)]), key=lambda m: m.name):
        if not module.name.startswith("bench_"):
            continue
        if only and module.name not in only:
            continue
        start = time.perf_counter()
        mod = importlib.import_module(f"benchmarks.{module.name}")
        print(f"running {module.name} ...", flush=True)
        results.update(mod.run())
        print(f"  done in {time.perf_counter() - start:.1f} s", flush=True)
    out = HERE / "results.json"
    existing = json.loads(out.read_text()) if out.exists() and only else {}
    existing.update(results)
    out.write_text(json.dumps(existing, indent=2, sort_keys=True) + "\n")
    failed = 0
    print(f"\n{'benchmark':<28} {'value':>12}  {'target':<10} status")
    for name, value in sorted(results.items()):
        target = TARGETS.get(name)
        status, goal = "", ""
        if target:
            op, limit, _ = target
            ok = value < limit if op == "<" else value <= limit
            status = "ok" if ok else "MISSED"
            failed += not ok
            goal = f"{op} {limit:g}"
        print(f"{name:<28} {value:>12.3f}  {goal:<10} {status}")
    print(f"\nwritten to {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
