"""Audit action codes of the record lifecycle (short, stable, free of personal data)."""

from __future__ import annotations

RETENTION_REVIEW = "retention.review"
RETENTION_DELETE = "retention.delete"
BACKUP = "backup"
RESTORE = "restore"
ROLLBACK_DETECTED = "rollback.detected"
ROLLBACK_ACCEPT = "rollback.accept"
SUBJECT_ACCESS_PDF = "subject-access pdf"  # detail of an ``export`` entry
