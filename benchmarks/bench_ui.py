"""Desktop UI benchmarks, each measured in fresh subprocesses (offscreen Qt):

- startup_ratio: time from process start to the sign-in window painted, for the app started the
  way a user starts it, through the ``assessment-app`` command (its own imports included) on an
  existing database, divided by the same for a bare PySide6 QWidget window measured the same way
  in the same run; medians of a few runs each, interleaved. startup_app_ratio is the same through
  the app's entry ``ui.app.run_app`` alone, for information;
- case_list_50k_open_ms: opening the case list over 50,000 cases until its first rows are painted
  (for information); case_list_50k_bare_ms: a bare QTableView on a trivial 50,000-row
  QAbstractTableModel with as many columns, in a window of the same size, to its first paint,
  measured the same way (fresh process, the same warm-up view first); case_list_50k_open_ratio
  is the quotient of their medians, interleaved (target <= 3);
- case_list_50k_rss_mb: the process's resident memory growth while opening the case list (VmRSS).

Run one measurement by hand: ``python -m benchmarks.bench_ui startup-app sqlite:///FILE``.
Top-level imports stay minimal: the startup children import this module too.
"""

from __future__ import annotations

import os
import sys
import time

STARTUP_RUNS = 5
CASE_LIST_RUNS = 7
CASES = 50_000
PW = "bench-password-1"
SPAWNED_ENV = "BENCH_SPAWNED_NS"


def _since_spawn_ms() -> float:
    return (time.time_ns() - int(os.environ[SPAWNED_ENV])) / 1e6


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


# --- children ---------------------------------------------------------------------------------
def _report_first_paint(app: object, is_target: object) -> None:
    """Print the time since spawn once a window that ``is_target`` accepts has been painted,
    then leave at once (nothing after that is measured)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Watcher(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if not self.seen and event.type() == QEvent.Type.Paint and is_target(watched):  # type: ignore[operator]
                self.seen = True
                QTimer.singleShot(0, self.report)  # after this paint has been done
            return False

        def report(self) -> None:
            print(f"{_since_spawn_ms():.3f}", flush=True)
            os._exit(0)

    watcher = Watcher()
    app.installEventFilter(watcher)  # type: ignore[attr-defined]
    _report_first_paint.watcher = watcher  # type: ignore[attr-defined]  # keep it alive


def child_startup_bare() -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.setWindowTitle("bare")
    window.resize(440, 220)
    _report_first_paint(app, lambda w: w is window)
    window.show()
    app.exec()


def child_startup(url: str, through_cli: bool) -> None:
    """The app's entry ``run_app`` (settings, translations, the sign-in dialog), or the whole
    ``assessment-app`` command that calls it. The application object is created first only so
    the paint can be watched; the app reuses it."""
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    _report_first_paint(app, lambda w: type(w).__name__ == "SignInDialog")
    if through_cli:
        from assessment_app.cli.main import main

        main(["--database", url])
    else:
        from ui.app import run_app

        run_app(url)


def _warm_table_view(app: object) -> None:
    """The first table view and font use of the process, not measured."""
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QTableView

    warm = QTableView()
    warm.setModel(QStandardItemModel(20, 6, warm))
    warm.show()
    app.processEvents()  # type: ignore[attr-defined]
    warm.close()


def _until_painted(viewport: object, show: object) -> None:
    """Call ``show`` and return once ``viewport`` has been painted (that paint done)."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

    loop = QEventLoop()

    class Painted(QObject):
        done = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                QTimer.singleShot(0, loop.quit)  # once this paint is done
            return False

    painted = Painted()
    viewport.installEventFilter(painted)  # type: ignore[attr-defined]
    show()  # type: ignore[operator]
    loop.exec()
    viewport.removeEventFilter(painted)  # type: ignore[attr-defined]


def child_case_list(url: str) -> None:
    from PySide6.QtCore import QEventLoop, QSettings

    from assessment_app import accounts
    from assessment_app.db.engine import Database
    from ui.app import make_application
    from ui.cases.list_page import CaseListPage
    from ui.services import RegistryTemplates, Services
    from ui.settings import AppSettings

    app = make_application("sv")
    db = Database.open(url)
    ctx = accounts.sign_in(db, "anna", PW)
    settings = AppSettings(QSettings(os.devnull, QSettings.Format.IniFormat))
    services = Services(db, ctx, settings, RegistryTemplates(), "sv")
    _warm_table_view(app)

    before = _rss_mb()
    start = time.perf_counter()
    page = CaseListPage(services)
    page.resize(1200, 760)
    _until_painted(page.table.viewport(), page.show)
    elapsed = (time.perf_counter() - start) * 1000
    if page.model.total is None:  # the count arrives from the background
        loop = QEventLoop()
        page.model.count_known.connect(loop.quit)
        loop.exec()
    growth = _rss_mb() - before
    rows = page.model.rowCount()
    if rows != CASES or page.model.pages_fetched < 1:
        raise SystemExit(f"expected {CASES} rows on screen, got {rows}")
    print(f"{elapsed:.3f} {growth:.3f} {page.model.name_pages_decrypted}", flush=True)
    os._exit(0)


def child_case_list_bare() -> None:
    """The baseline: a bare QTableView over a trivial model of as many rows and columns."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
    from PySide6.QtWidgets import QTableView

    from ui.app import make_application
    from ui.cases.model import COLUMNS

    Index = QModelIndex | QPersistentModelIndex

    class Trivial(QAbstractTableModel):
        def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else CASES

        def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(COLUMNS)

        def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            return f"AV-2026-{index.row() + 1:05d}" if index.column() == 0 else "Person"

    app = make_application("sv")
    _warm_table_view(app)

    start = time.perf_counter()
    view = QTableView()
    view.setModel(Trivial(view))
    view.verticalHeader().hide()  # as the case list does: no 50,000 row numbers
    view.resize(1200, 760)
    _until_painted(view.viewport(), view.show)
    elapsed = (time.perf_counter() - start) * 1000
    print(f"{elapsed:.3f}", flush=True)
    os._exit(0)


# --- the parent -------------------------------------------------------------------------------
def _spawn(args: list[str], env: dict[str, str]) -> str:
    import subprocess

    env = {**env, SPAWNED_ENV: str(time.time_ns())}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_ui", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"{args[0]} failed: {done.stderr[-2000:]}")
    return done.stdout.strip().splitlines()[-1]


def _make_database(url: str, cases_count: int) -> None:
    from sqlalchemy import insert

    from assessment_app import accounts
    from assessment_app.db.engine import Database
    from assessment_app.db.models import Case, Individual
    from assessment_app.db.types import new_id, utcnow
    from assessment_app.records import cases

    db = Database.create(url)
    accounts.initialise(db, "admin", PW, unit_name="Enhet")
    admin = accounts.sign_in(db, "admin", PW)
    accounts.add_user(admin, "anna", PW, "caseworker", unit="Enhet")
    ctx = accounts.sign_in(db, "anna", PW)
    today = utcnow().date()
    individuals, case_rows = [], []
    for i in range(cases_count):
        iid, cid = new_id(), new_id()
        individuals.append(
            {
                "id": iid,
                "name_enc": ctx.seal("individuals", "name_enc", iid, f"Person {i}"),
                "protection_level": "none",
                "version": 1,
                "created_at": utcnow(),
                "updated_at": utcnow(),
            }
        )
        case_rows.append(
            {
                "id": cid,
                "case_ref": f"AV-2026-{i + 1:05d}",
                "individual_id": iid,
                "status": "open",
                "assigned_user_id": ctx.user_id,
                "unit_id": ctx.unit_id,
                "opened_on": today,
                "last_entry_at": utcnow(),
                "version": 1,
                "created_at": utcnow(),
                "updated_at": utcnow(),
            }
        )
    if cases_count:
        with db.session() as session:
            session.execute(insert(Individual), individuals)
            session.execute(insert(Case), case_rows)
    from assessment_app.workspace import Workspace

    assert Workspace(ctx).cases.count(cases.CaseQuery(mine_only=True)) == cases_count
    db.dispose()


def run() -> dict[str, float]:
    import statistics
    import tempfile
    from pathlib import Path

    os.environ.setdefault("ASSESSMENT_KDF_TARGET_MS", "50")
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as tmp:
        folder = Path(tmp)
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "XDG_CONFIG_HOME": str(folder / "config"),  # never the user's own settings
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        small = f"sqlite:///{folder / 'small.sqlite3'}"
        _make_database(small, 0)
        app_ms, cli_ms, bare_ms = [], [], []
        _spawn(["startup-bare"], env)  # warm the OS file cache for all
        _spawn(["startup-app", small], env)
        _spawn(["startup-cli", small], env)
        for _ in range(STARTUP_RUNS):
            bare_ms.append(float(_spawn(["startup-bare"], env)))
            app_ms.append(float(_spawn(["startup-app", small], env)))
            cli_ms.append(float(_spawn(["startup-cli", small], env)))

        big = f"sqlite:///{folder / 'big.sqlite3'}"
        _make_database(big, CASES)
        open_ms, bare_list_ms, rss_mb = [], [], []
        _spawn(["case-list-bare"], env)  # warm the OS file cache for both
        for _ in range(CASE_LIST_RUNS):
            bare_list_ms.append(float(_spawn(["case-list-bare"], env)))
            elapsed, growth, _pages = _spawn(["case-list", big], env).split()
            open_ms.append(float(elapsed))
            rss_mb.append(float(growth))
    app_median, bare_median = statistics.median(app_ms), statistics.median(bare_ms)
    cli_median = statistics.median(cli_ms)
    list_median, bare_list_median = statistics.median(open_ms), statistics.median(bare_list_ms)
    print(f"  case list ms: {_rounded(open_ms)}; bare table view ms: {_rounded(bare_list_ms)}")
    print(f"  start-up ms: command {_rounded(cli_ms)}; bare window {_rounded(bare_ms)}")
    return {
        "startup_app_ms": app_median,
        "startup_cli_ms": cli_median,
        "startup_bare_ms": bare_median,
        "startup_ratio": cli_median / bare_median,
        "startup_app_ratio": app_median / bare_median,
        "case_list_50k_open_ms": list_median,
        "case_list_50k_bare_ms": bare_list_median,
        "case_list_50k_open_ratio": list_median / bare_list_median,
        "case_list_50k_rss_mb": statistics.median(rss_mb),
    }


def _rounded(samples: list[float]) -> list[float]:
    return [round(x, 1) for x in samples]


def main(argv: list[str]) -> int:
    if not argv:
        print(run())
    elif argv[0] == "startup-bare":
        child_startup_bare()
    elif argv[0] in ("startup-app", "startup-cli"):
        child_startup(argv[1], through_cli=argv[0] == "startup-cli")
    elif argv[0] == "case-list":
        child_case_list(argv[1])
    elif argv[0] == "case-list-bare":
        child_case_list_bare()
    else:
        raise SystemExit(f"unknown mode {argv[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
