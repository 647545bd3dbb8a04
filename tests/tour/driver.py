"""The scripted tour's driver (``make tour``, tests/tour/run_tour.py): the real app under Xvfb,
driven with xdotool as a person would, from the first run to both PDFs, with a picture of every
step.

    xvfb-run -a -s "-screen 0 1366x900x24" python -m tests.tour.run_tour --out docs/tour

(``make tour`` installs xvfb, xdotool and poppler-utils where missing and runs exactly this.)
The app is started as ``python -m assessment_app`` on a new SQLite file in a temporary folder,
with its own home folder, and with ``ASSESSMENT_TOUR_STATE`` set: then it writes what is on
screen to a file a few times a second (ui/tour_hook.py). The tour clicks the controls it finds
there by their labels, types with xdotool, and after each step saves ``NN-step.png`` (the
windows on screen, taken from the X server). The PDFs' pages are rendered with pdftoppm.

It fails (exit 1, saying which step) on an error banner or a critical message box, on a
traceback in the app's stderr, when the app exits, or when a step does not reach its screen.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
ADMIN, WORKER, SUPERVISOR = "admin", "lena", "omar"
PASSWORDS = {ADMIN: "admin-tour-2026!", WORKER: "lena-tour-2026!", SUPERVISOR: "omar-tour-2026!"}
# the worker and the supervisor sign in first with the temporary password the administrator
# chose (PASSWORDS) and are made to pick their own ("Byt lösenord")
OWN_PASSWORDS = {WORKER: "lenas-egen-fras-2026", SUPERVISOR: "omars-egen-fras-2026"}
MAIN_TITLE = "Kartläggning och handlingsplan"
PROVIDER = "Vägen Ut Boendestöd AB"

TOTAL_LIMIT = 240  # seconds for the whole tour (it takes about two minutes)

State = dict[str, Any]
Control = dict[str, Any]


class TourFailed(Exception):
    pass


def plain(text: str) -> str:
    return " ".join(text.replace("&", "").split()).casefold()


class Tour:
    def __init__(self, out: Path, work: Path, *, timeout: float = 30.0) -> None:
        self.out = out
        self.work = work
        self.timeout = timeout
        self.step_no = 0
        self.step_name = "start"
        self.state_file = work / "state.json"
        self.stderr_file = work / "app-stderr.txt"
        self.app: subprocess.Popen[bytes] | None = None
        self.database = work / "kartlaggning.sqlite3"
        self.pdfs: list[Path] = []
        self.deadline = time.monotonic() + TOTAL_LIMIT

    # --- the app --------------------------------------------------------------------------
    def start_app(self) -> None:
        home = self.work / "home"
        home.mkdir(exist_ok=True)
        env = dict(
            os.environ,
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_CACHE_HOME=str(home / ".cache"),
            ASSESSMENT_TOUR_STATE=str(self.state_file),
            ASSESSMENT_KDF_TARGET_MS="50",  # quick sign-ins on a throwaway database
            ASSESSMENT_LANGUAGE="sv",
            PYTHONPATH=str(REPO),
            QT_QPA_PLATFORM="xcb",
        )
        env.pop("ASSESSMENT_DATABASE_URL", None)
        self.app = subprocess.Popen(
            [sys.executable, "-m", "assessment_app", "--database", f"sqlite:///{self.database}"],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self.stderr_file.open("wb"),
        )

    def stop_app(self) -> None:
        if self.app is not None and self.app.poll() is None:
            self.app.terminate()
            try:
                self.app.wait(10)
            except subprocess.TimeoutExpired:
                self.app.kill()

    def cli(self, *args: str, user: str | None = None, env: dict[str, str] | None = None) -> str:
        """The app's own command line on the tour's database (the register, the users)."""
        command = [sys.executable, "-m", "assessment_app", "--database"]
        command += [f"sqlite:///{self.database}"]
        if user:
            command += ["--user", user]
        full_env = dict(os.environ, PYTHONPATH=str(REPO), ASSESSMENT_KDF_TARGET_MS="50")
        full_env.update(env or {})
        if user:
            full_env["ASSESSMENT_PASSWORD"] = PASSWORDS[user]
        done = subprocess.run(
            [*command, *args], cwd=REPO, env=full_env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise TourFailed(f"assessment-app {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    # --- what is on screen ------------------------------------------------------------------
    def state(self) -> State:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            try:
                return json.loads(self.state_file.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
            except (OSError, ValueError):
                self.check_health()
                time.sleep(0.1)
        raise TourFailed("the app writes no screen state")

    def check_health(self, state: State | None = None, *, allow_errors: bool = False) -> None:
        if self.app is not None and self.app.poll() is not None:
            raise TourFailed(f"the app exited with {self.app.returncode}")
        text = self.stderr_file.read_text(encoding="utf-8", errors="replace")
        if "Traceback" in text:
            raise TourFailed("traceback on the app's stderr:\n" + text[text.index("Traceback") :])
        if state is not None and state["errors"] and not allow_errors:
            raise TourFailed("error on screen: " + " | ".join(state["errors"]))

    def wait(self, what: str, test: Callable[[State], bool], timeout: float | None = None) -> State:
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            state = self.state()
            self.check_health(state)
            if test(state):
                return state
            if time.monotonic() > deadline:
                self.shot("failed", numbered=False)
                raise TourFailed(f"{what} did not show; on screen: {json.dumps(state)[:1500]}")
            time.sleep(0.2)

    def wait_window(self, title: str, timeout: float | None = None) -> State:
        """Waits for the window, gives it the keyboard (no window manager under Xvfb), and
        waits until the app says it is the active one."""
        self.wait(f"the window {title!r}", lambda s: any(w["title"] == title for w in s["windows"]))
        ids = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
        if ids:
            subprocess.run(["xdotool", "windowfocus", "--sync", ids[-1]], check=False)
        return self.wait(
            f"the window {title!r} active",
            lambda s: s["active"] is not None and s["active"]["title"] == title,
            timeout,
        )

    def wait_screen(self, page_class: str, timeout: float | None = None) -> State:
        return self.wait(f"the screen {page_class}", lambda s: page_class in s["screens"], timeout)

    def find(self, state: State | None = None, **match: str) -> Control:
        """A control of the active window by its label, text, kind, placeholder or group
        (case and & insensitive; a label or text matches by its start)."""
        state = state or self.state()
        for control in state["controls"]:
            ok = True
            for key, wanted in match.items():
                have = plain(str(control.get(key, "")))
                want = plain(wanted)
                if key in ("label", "text", "placeholder", "group"):
                    ok = have.startswith(want)
                else:
                    ok = have == want
                if not ok:
                    break
            if ok:
                return control  # type: ignore[no-any-return]
        raise TourFailed(f"no control {match} on screen")

    def find_when(self, timeout: float | None = None, **match: str) -> Control:
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            try:
                return self.find(**match)
            except TourFailed:
                self.check_health(self.state())
                if time.monotonic() > deadline:
                    self.shot("failed", numbered=False)
                    raise
                time.sleep(0.2)

    def banner(self, start: str, state: State | None = None) -> bool:
        """Whether a banner on screen says this (its start, case insensitive)."""
        state = state or self.state()
        return any(plain(b["text"]).startswith(plain(start)) for b in state["banners"])

    def table_text(self, state: State | None = None) -> str:
        state = state or self.state()
        return "\n".join(
            " | ".join(row["cells"]) for table in state["tables"] for row in table["rows"]
        )

    def row(self, text: str, state: State | None = None) -> Control:
        """The first row of any list on screen whose cells contain the text."""
        state = state or self.state()
        for table in state["tables"]:
            for row in table["rows"]:
                if any(text in cell for cell in row["cells"]):
                    return row  # type: ignore[no-any-return]
        raise TourFailed(f"no row with {text!r} on screen")

    # --- hands ------------------------------------------------------------------------------
    @staticmethod
    def xdo(*args: str) -> None:
        subprocess.run(["xdotool", *args], check=True)

    def tab_to(self, label: str, *, limit: int = 40) -> None:
        """Tab (as a person at the keyboard) until the field with this label has the focus;
        a scrolled page brings it into view."""
        for _ in range(limit):
            focus = self.state()["focus"] or {}
            if plain(focus.get("label", "")).startswith(plain(label)):
                return
            self.key("Tab")
            time.sleep(0.1)
        raise TourFailed(f"Tab does not reach {label!r}")

    def click(self, control: Control | None = None, **match: str) -> None:
        control = control or self.find_when(**match)
        if not control.get("in_view", True):
            name = control.get("label") or control["text"]
            raise TourFailed(f"{control['kind']} {name!r} is scrolled out of view")
        x = control["x"] + min(control["w"] // 2, 60)
        y = control.get("cy", control["y"] + control["h"] // 2)
        self.xdo("mousemove", "--sync", str(x), str(y), "click", "1")
        time.sleep(0.25)

    def type(self, text: str) -> None:
        # xdotool maps a letter the keyboard map lacks (å, ä, ö) to a spare key first; slower
        # typing gives the app time to see the new map
        delay = "15" if text.isascii() else "70"
        self.xdo("type", "--delay", delay, text)
        time.sleep(0.15)

    def key(self, *keys: str) -> None:
        self.xdo("key", "--delay", "60", *keys)
        time.sleep(0.2)

    def fill(self, text: str, **match: str) -> None:
        """Click the field, select what is there, type; a visible text is read back and typed
        again if a letter was lost on the way (it happens with xdotool and non-ASCII)."""
        for _ in range(3):
            control = self.find_when(**match)
            if control.get("in_view", True):
                self.click(control)
            else:
                self.tab_to(control["label"])
            self.key("ctrl+a")
            self.type(text)
            if "Password" in control.get("echo", ""):
                return
            if control["kind"] not in ("QLineEdit", "QPlainTextEdit", "QTextEdit"):
                return
            time.sleep(0.3)
            if self.find(**match)["text"] == text:
                return
        raise TourFailed(f"{match}: could not type {text!r}")

    def choose(self, item: str, **match: str) -> None:
        """A drop-down by keyboard: Tab to it (or, with ``click``, a click opens the list and
        Escape closes it again), type the start of the item (Qt's keyboard search), else step
        with Down; the state says what it shows."""
        control = self.find_when(**match)
        if "label" in match and control.get("label"):
            self.tab_to(match["label"])
        else:
            self.click(control)
            self.key("Escape")
        self.type(item.split()[0][:4])  # a space would open the list
        time.sleep(0.3)
        for _ in range(40):
            now = self.find_when(**match)
            if plain(now["text"]).startswith(plain(item)):
                return
            self.key("Down")
            time.sleep(0.1)
        raise TourFailed(f"{match}: shows {now['text']!r}, found no {item!r}")

    # --- pictures ---------------------------------------------------------------------------
    def shot(self, name: str, *, numbered: bool = True) -> Path:
        """The windows on screen (their bounding box, from the X server) as a PNG."""
        time.sleep(0.5)  # let the last paint land
        if numbered:
            self.step_no += 1
            name = f"{self.step_no:02d}-{name}"
        path = self.out / f"{name}.png"
        windows = self.state()["windows"] if self.state_file.exists() else []
        from tests.tour.grab import grab

        grab(path, windows)
        return path

    def render_pdfs(self, dpi: int = 60) -> None:
        """Every page of the saved PDFs as NN-pdf-<name>-<page>.png (pdftoppm)."""
        for pdf in self.pdfs:
            self.step_no += 1
            prefix = self.out / f"{self.step_no:02d}-pdf-{pdf.stem}"
            done = subprocess.run(
                ["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(prefix)],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0 or not list(self.out.glob(f"{prefix.name}-*.png")):
                raise TourFailed(f"pdftoppm {pdf.name}: {done.stderr.strip()}")

    def step(self, name: str, action: Callable[[], None]) -> None:
        if time.monotonic() > self.deadline:
            raise TourFailed(f"the tour takes longer than {TOTAL_LIMIT} s")
        self.step_name = name
        print(f"  {self.step_no + 1:02d} {name}", flush=True)
        action()
        self.check_health(self.state())
        self.shot(name)


def shrink(out: Path) -> None:
    """optipng, where installed, on the pictures (they go into the repository's docs)."""
    if shutil.which("optipng"):
        pictures = sorted(str(p) for p in out.glob("*.png"))
        subprocess.run(["optipng", "-quiet", "-o1", *pictures], check=False)


def run(out: Path, keep: bool) -> int:
    for tool in ("xdotool", "pdftoppm"):
        if shutil.which(tool) is None:
            print(f"The tour needs {tool} (make tour installs it).", file=sys.stderr)
            return 2
    if not os.environ.get("DISPLAY"):
        print("The tour needs an X display: run it under xvfb-run (make tour).", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    work = Path(tempfile.mkdtemp(prefix="assessment-tour-"))
    tour = Tour(out, work)
    from tests.tour import steps

    started = time.monotonic()

    def stopped(signum: int, _frame: object) -> None:
        raise TourFailed(f"stopped by signal {signum}")

    # a CI timeout or Ctrl+C still stops the app and removes the work folder (finally below)
    signal.signal(signal.SIGTERM, stopped)
    signal.signal(signal.SIGINT, stopped)
    try:
        tour.start_app()
        steps.run_all(tour)
    except TourFailed as failure:
        with contextlib.suppress(OSError, TourFailed):
            tour.shot("failed", numbered=False)
        print(f"TOUR FAILED at step {tour.step_no + 1} ({tour.step_name}): {failure}")
        return 1
    finally:
        tour.stop_app()
        if keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    shrink(out)
    print(f"Tour done in {time.monotonic() - started:.0f} s: {tour.step_no} steps in {out}")
    return 0
