"""Typing in the interview, through the real widgets (offscreen Qt), in a fresh subprocess.

The interview screen (``InterviewPage``, opened as the main window opens it, see
benchmarks/usecases.py) shows an assessment whose 14 areas are all answered (demo answers and
ratings saved with the record services, benchmarks/world.py). A free-text answer (a
``long_text`` question, a QPlainTextEdit) gets the keyboard focus and then one key press at a
time with ``QTest.keyClick`` (for å, ä and ö, which keyClick cannot send, the same click through
``QTest.sendKeyEvent`` with the key and its text), appended to the existing answer.

Each keystroke is timed as the CPU time of the whole process (``time.process_time()``) around
the key click plus ``QApplication.processEvents()``, so the work the key triggers (the
change handlers, layout, painting) is counted; no timer is waited for. The baseline is the same
keystrokes into a bare ``QLineEdit`` in a bare window, measured the same way in the same
process, in alternating blocks with the interview. The bare window is shown beside the
interview but never activated, so the interview's answer keeps the keyboard focus throughout
(leaving the field would flush the autosave). Warm-up keys are not counted.

- interview_keystroke_ms: median CPU ms per keystroke in the interview answer;
- interview_keystroke_p95_ms: the 95th percentile (target <= 16 ms, one frame at 60 Hz);
- interview_keystroke_bare_ms: the median for the bare QLineEdit;
- interview_keystroke_ratio: interview median / bare median (target <= 3);
- interview_keystroke_sql: SQL statements sent while typing all the measured keys (for
  information; typing should not touch the database);
- interview_autosave_ms, interview_autosave_sql: the autosave of the typed answer (it fires
  3 s after the last key and is kept out of the keystrokes: a keystroke during which it ran
  would be dropped and counted), done once afterwards, CPU ms and statements;
- interview_instrument_click_ms, _p95_ms, _ratio, _sql: clicking answers in the AUDIT dialog
  opened from the substance-use area (the total and its reading are redrawn on each click),
  CPU ms per click, against a bare QRadioButton, and the statements sent (target: p95 <= 16 ms,
  no statements; the template is not evaluated).

Run alone: ``python -m benchmarks.bench_interview``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TEXT = (
    " Hon vill flytta till en egen lägenhet i höst, börja arbeta igen och träffa sin syster "
    "oftare. Åren i gänget tog mycket kraft."
)
WARM_UP = 8
BLOCKS = 4  # alternating blocks: bare, interview, bare, interview, ...
ANSWER_AREA = "motivation"  # the first area; its first long answer is typed into


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


def child(folder: Path) -> dict[str, float]:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

    from benchmarks import usecases
    from benchmarks.sqlcount import StatementCounter
    from benchmarks.world import make_world
    from ui.app import make_application
    from ui.settings import AppSettings

    SWEDISH_KEYS = {"å": Qt.Key.Key_Aring, "ä": Qt.Key.Key_Adiaeresis, "ö": Qt.Key.Key_Odiaeresis}
    app = make_application("sv")
    world = make_world(f"sqlite:///{folder / 'interview.sqlite3'}", folder / "drafts")
    settings = AppSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    services = usecases.services(world.signed, settings)

    bare = QWidget()
    bare.setWindowTitle("bare")
    bare_edit = QLineEdit(bare)
    QVBoxLayout(bare).addWidget(bare_edit)
    bare.resize(600, 120)
    bare.show()
    bare_edit.setFocus()

    page = usecases.interview_page(world.signed, services, world.assessment_id)
    page.resize(1100, 760)
    page.show()
    page.activateWindow()
    _wait(app, page.isActiveWindow)
    row = next(i for i, p in enumerate(page.section_pages) if p.section.id == ANSWER_AREA)
    page.areas.setCurrentRow(row)
    block = next(
        b
        for b in page.section_pages[row].blocks.values()
        if b.question.type == "long_text" and b.isVisibleTo(page)
    )
    edit = block.editor.focus_target()
    assert isinstance(edit, QPlainTextEdit)
    answered = len(world.template.areas) - sum(
        1 for p in page.section_pages[1:] if not any(b.editor.value() for b in p.blocks.values())
    )
    if answered != len(world.template.areas):
        raise RuntimeError(f"only {answered} of the areas have answers")
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    _wait(app, edit.hasFocus)
    before = edit.toPlainText()

    autosaves = [0]
    page.session.autosaved.connect(lambda _at: autosaves.__setitem__(0, autosaves[0] + 1))
    page.session.kept_locally.connect(lambda _r: autosaves.__setitem__(0, autosaves[0] + 1))
    # The autosave runs in the background a few seconds after the last key; typing here is
    # faster than that, and process CPU time would count the background work as a keystroke's,
    # so the wait is lengthened while typing and the autosave is measured on its own below.
    page.session.timer.setInterval(600_000)

    def key(widget: QWidget, ch: str) -> None:
        if ch.isascii():
            QTest.keyClick(widget, ch)
        else:  # what keyClick(widget, ch) does, for a character it cannot send
            click, none = QTest.KeyAction.Click, Qt.KeyboardModifier.NoModifier
            QTest.sendKeyEvent(click, widget, SWEDISH_KEYS[ch.lower()], ch, none)

    def type_into(widget: QWidget, text: str, out: list[float] | None) -> int:
        dropped = 0
        for ch in text:
            seen = autosaves[0]
            start = time.process_time()
            key(widget, ch)
            app.processEvents()
            elapsed = time.process_time() - start
            if autosaves[0] != seen:
                dropped += 1  # the autosave ran inside this keystroke: not a keystroke's cost
            elif out is not None:
                out.append(elapsed * 1000)
        return dropped

    warm, measured = TEXT[:WARM_UP], TEXT[WARM_UP:]
    type_into(bare_edit, warm, None)
    type_into(edit, warm, None)
    size = -(-len(measured) // BLOCKS)
    bare_ms: list[float] = []
    interview_ms: list[float] = []
    dropped = 0
    with StatementCounter(world.db.engine) as typing_sql:
        for first in range(0, len(measured), size):
            chunk = measured[first : first + size]
            type_into(bare_edit, chunk, bare_ms)
            dropped += type_into(edit, chunk, interview_ms)
    typing_sql.report("typing")
    if edit.toPlainText() != before + TEXT or bare_edit.text() != TEXT:
        raise RuntimeError("the keystrokes did not all arrive")
    if page.answers()[block.question.id] != (before + TEXT).strip():
        raise RuntimeError("the typed answer is not in the interview's answers")

    with StatementCounter(world.db.engine) as autosave_sql:
        start = time.process_time()
        page.session.flush()
        _wait(app, lambda: autosaves[0] >= 1)
        autosave_ms = (time.process_time() - start) * 1000
    autosave_sql.report("autosave")
    if autosaves[0] < 1:
        raise RuntimeError("the autosave did not save")
    clicks = _instrument_clicks(app, page, world.db.engine)
    page.close()
    bare.close()
    world.db.dispose()

    bare_median = statistics.median(bare_ms)
    median = statistics.median(interview_ms)
    print(
        f"  {len(interview_ms)} keystrokes into {block.question.id} "
        f"({len(before)} characters before), {dropped} dropped for the autosave"
    )
    return {
        "interview_keystroke_ms": median,
        "interview_keystroke_p95_ms": _p95(interview_ms),
        "interview_keystroke_bare_ms": bare_median,
        "interview_keystroke_ratio": median / bare_median,
        "interview_keystroke_sql": float(typing_sql.count),
        "interview_autosave_ms": autosave_ms,
        "interview_autosave_sql": float(autosave_sql.count),
        **clicks,
    }


def _instrument_clicks(app: Any, page: Any, engine: Any) -> dict[str, float]:
    """Clicking answers in the AUDIT dialog of the substance-use area: CPU ms per click against
    a bare radio button, and the statements sent (none: an instrument is scored on its own,
    nothing of the template is evaluated)."""
    from PySide6.QtWidgets import QButtonGroup, QRadioButton, QVBoxLayout, QWidget

    from benchmarks.sqlcount import StatementCounter

    bare = QWidget()
    group = QButtonGroup(bare)
    radios = [QRadioButton(f"Svar {n}", bare) for n in range(5)]
    layout = QVBoxLayout(bare)
    for radio in radios:
        group.addButton(radio)
        layout.addWidget(radio)
    bare.show()
    dialog = page.open_instrument("audit")
    if dialog is None:
        raise RuntimeError("the substance-use area offers no AUDIT")
    _wait(app, dialog.isVisible)
    app.processEvents()
    buttons = [list(options.values()) for options in dialog.buttons.values()]

    def click(button: Any, out: list[float] | None) -> None:
        start = time.process_time()
        button.click()
        app.processEvents()
        if out is not None:
            out.append((time.process_time() - start) * 1000)

    for n in range(WARM_UP):
        click(buttons[n % len(buttons)][n % 3], None)
        click(radios[n % 5], None)
    bare_ms: list[float] = []
    dialog_ms: list[float] = []
    with StatementCounter(engine) as sql:
        for round_ in range(6):
            for n, options in enumerate(buttons):
                click(options[(n + round_) % len(options)], dialog_ms)
                click(radios[(n + round_) % 5], bare_ms)
    sql.report("instrument clicks")
    if dialog.score().answered != len(buttons):
        raise RuntimeError("the clicks did not all arrive")
    dialog.reject()
    bare.close()
    median = statistics.median(dialog_ms)
    return {
        "interview_instrument_click_ms": median,
        "interview_instrument_click_p95_ms": _p95(dialog_ms),
        "interview_instrument_click_ratio": median / statistics.median(bare_ms),
        "interview_instrument_click_sql": float(sql.count),
    }


def _wait(app: object, done: object, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not done():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise RuntimeError("the window did not get ready")
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.01)


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-interview-") as tmp:
        folder = Path(tmp)
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "ASSESSMENT_KDF_TARGET_MS": os.environ.get("ASSESSMENT_KDF_TARGET_MS", "50"),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            env[name] = str(folder / name.lower())  # never the user's own files
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_interview", "child", tmp],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    if done.returncode != 0 or not lines:
        raise RuntimeError(
            f"the interview child failed (exit {done.returncode}): {done.stderr[-3000:]}"
        )
    for line in lines[:-1]:
        print(line)
    return {k: float(v) for k, v in json.loads(lines[-1]).items()}


if __name__ == "__main__":
    if sys.argv[1:2] == ["child"]:
        result = child(Path(sys.argv[2]))
        print(json.dumps(result), flush=True)
        os._exit(0)  # nothing after the measurement matters; skip Qt's teardown
    print(json.dumps(run(), indent=2))
