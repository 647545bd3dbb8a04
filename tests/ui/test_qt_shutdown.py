"""Guard against a Qt binding that aborts the interpreter at exit.

PySide6 6.12.0 on Python 3.11 miscounts references to None/True/False returned from Python
overrides (eventFilter, event), and the process dies while finalising ("none_dealloc" /
"bool_dealloc") after all work is done. pyproject.toml pins PySide6 below 6.12 for that; this
test fails if an upgrade brings the fault back.
"""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = r"""
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

app = QApplication([])

class Filter(QObject):
    def eventFilter(self, obj, event):
        return False

class Widget(QWidget):
    def event(self, event):
        return super().event(event)

edit = QLineEdit()
edit.show()
f = Filter()
app.installEventFilter(f)
for i in range(2000):
    app.processEvents()
    edit.setText(str(i))
app.removeEventFilter(f)
w = Widget()
w.show()
for _ in range(2000):
    app.sendEvent(w, QEvent(QEvent.Type.UpdateRequest))
print("finished")
"""


def test_process_with_python_overrides_exits_cleanly() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.stdout.strip() == "finished"
    assert done.returncode == 0, done.stderr[-2000:]
