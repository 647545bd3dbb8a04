"""PDF rendering speed: median time of ``render_plan_pdf`` for a fully filled 14-area plan.

The first render of a process (imports, font registration) is a warm-up and is not counted.
Target: under 150 ms per document. Run alone with ``python benchmarks/bench_pdf.py``.
"""

from __future__ import annotations

import json
import statistics
import time
from typing import Final

from assessment_app.pdf import PlanDocument, render_plan_pdf, sample_plan

RUNS: Final = 15
TARGET_MS: Final = 150.0


def _median_ms(doc: PlanDocument, runs: int) -> float:
    render_plan_pdf(doc)  # warm-up: imports, font registration, caches
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        render_plan_pdf(doc)
        timings.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(timings), 2)


def run(runs: int = RUNS) -> dict[str, float]:
    """Median milliseconds per render for the individual's plan and the provider's assignment."""
    return {
        "pdf_individual_ms": _median_ms(sample_plan("individual", "sv"), runs),
        "pdf_provider_ms": _median_ms(sample_plan("provider", "sv"), runs),
    }


if __name__ == "__main__":
    results = run()
    print(json.dumps(results, indent=2))
    slow = {name: ms for name, ms in results.items() if ms > TARGET_MS}
    if slow:
        print(f"slower than the {TARGET_MS:.0f} ms target: {slow}")
