"""Opening the plan editor over a slow network, against a real PostgreSQL database.

The use case is the one bench_sql counts (``usecases.open_plan_editor``, re-pointed there),
on the database of benchmarks/world.py (a plan with actions for five providers, each with a
consent). It runs once over a direct connection to 127.0.0.1:5432 and once through a loopback
proxy (benchmarks/slowproxy.py) that delays every chunk by 15 ms in each direction, keeping
byte order; each through its own Database and signed-in user. Both are warm (the pool is
connected and used, so connecting is not counted); the median of several opens, interleaved.

- plan_editor_open_wan_ms: median wall time of one open through the proxy (target < 250 ms);
- plan_editor_open_direct_ms: the same over the direct connection;
- plan_editor_open_wan_ratio: wan / direct (for information);
- plan_editor_open_wan_round_trips: client -> server chunks the proxy saw during one open
  (about the round trips the app waited for).

Without a reachable server this says so and is skipped, unless CI=true (benchmarks/pg.py).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("ASSESSMENT_KDF_TARGET_MS", "50")

from sqlalchemy.engine import URL, make_url

from assessment_app.db.engine import Database
from benchmarks import pg, usecases
from benchmarks.slowproxy import SlowProxy
from benchmarks.world import PW, WORKER, make_world

DELAY_S = 0.015  # each way
RUNS = 7


def _timed_ms(signed: usecases.SignedIn, plan_id: str) -> float:
    start = time.perf_counter()
    usecases.open_plan_editor(signed, plan_id)
    return (time.perf_counter() - start) * 1000


def run() -> dict[str, float]:
    with pg.scratch_database("bench_wan") as url, tempfile.TemporaryDirectory() as tmp:
        if url is None:
            return {}
        folder = Path(tmp)
        with pg.as_administrator():
            world = make_world(url, folder / "setup-drafts")
        world.db.dispose()
        with pg.runtime_role(url) as runtime_url:
            return _measure(make_url(runtime_url), world.plan_id, folder)


def _measure(direct_url: URL, plan_id: str, folder: Path) -> dict[str, float]:
    """Measured as the runtime role, as the app runs day to day."""
    with SlowProxy(direct_url.host or "127.0.0.1", direct_url.port or 5432, DELAY_S) as proxy:
        direct_db = Database.open(direct_url)
        wan_db = Database.open(direct_url.set(host="127.0.0.1", port=proxy.port))
        try:
            direct = usecases.sign_in(direct_db, WORKER, PW, folder / "direct-drafts")
            wan = usecases.sign_in(wan_db, WORKER, PW, folder / "wan-drafts")
            for signed in (direct, wan, direct, wan):  # warm: pools connected, caches
                usecases.open_plan_editor(signed, plan_id)
            direct_ms, wan_ms, trips = [], [], []
            for _ in range(RUNS):
                direct_ms.append(_timed_ms(direct, plan_id))
                before = proxy.client_chunks
                wan_ms.append(_timed_ms(wan, plan_id))
                trips.append(proxy.client_chunks - before)
        finally:
            direct_db.dispose()
            wan_db.dispose()
    wan_median, direct_median = statistics.median(wan_ms), statistics.median(direct_ms)
    return {
        "plan_editor_open_wan_ms": wan_median,
        "plan_editor_open_direct_ms": direct_median,
        "plan_editor_open_wan_ratio": wan_median / direct_median,
        "plan_editor_open_wan_round_trips": float(statistics.median(trips)),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value:.3f}")
