"""Fault tests: a short run in ``make test``, a long one in ``make test-faults``.

``ASSESSMENT_FAULT_ROUNDS`` sets the number of kill rounds (30 by default, 300 in
``make test-faults``); ``ASSESSMENT_FAULTS_FULL=1`` makes the audit bit-fiddle change every
character of every value instead of a spread of positions.
"""

from __future__ import annotations

import os

ROUNDS = int(os.environ.get("ASSESSMENT_FAULT_ROUNDS", "30"))
FULL = os.environ.get("ASSESSMENT_FAULTS_FULL", "") == "1"
