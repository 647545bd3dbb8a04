"""Writing files so that they are either wholly there or not changed at all.

The bytes go to a hidden temporary file in the destination's folder (same file system, so the
final rename is atomic), are flushed to disk, and then replace the destination. On any failure
the temporary file is removed and the destination is left as it was. The new file gets mode
0600 from ``mkstemp``: everything this app writes out is confidential. Messages name the file,
never its folder or the operating system's text.

``write_private_file`` and ``dump_json`` are the text/JSON forms the command line and the
screens share (e.g. the subject-access export as JSON).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import tempfile
from pathlib import Path

from assessment_app.errors import ExportError

_MISSING = {errno.ENOENT, errno.ENOTDIR}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def write_private_atomic(
    data: bytes, dest: Path, *, what_en: str = "the file", what_sv: str = "filen"
) -> None:
    """Write ``data`` to ``dest`` atomically, owner-only; raise ``ExportError`` on an OSError.

    ``what_en``/``what_sv`` name the kind of file in the message ("the PDF", "PDF-filen").
    """
    dest = Path(dest)
    try:
        fd, tmp_name = tempfile.mkstemp(dir=dest.parent, prefix=".", suffix=".tmp")
    except OSError as exc:
        raise _export_error(exc, dest, what_en, what_sv) from None
    tmp = Path(tmp_name)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, dest)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise _export_error(exc, dest, what_en, what_sv) from None
        raise
    _sync_folder(dest.parent)


def write_private_file(path: Path, text: str) -> None:
    """Write text only its owner can read, atomically (temp file + rename)."""
    write_private_atomic(text.encode("utf-8"), path)


def dump_json(data: object) -> str:
    """Readable JSON: UTF-8 characters as they are (å, ä, ö), indented, keys in their order."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (not on Windows)."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _export_error(exc: OSError, dest: Path, what_en: str, what_sv: str) -> ExportError:
    """A bilingual message with the file name only: no folder path, no OS text."""
    name = dest.name
    code = exc.errno
    if code in _MISSING:
        en = "the folder does not exist. Choose another folder."
        sv = "mappen finns inte. Välj en annan mapp."
    elif code in _DENIED:
        en = "you do not have permission to write to that folder. Choose another folder."
        sv = "du har inte behörighet att skriva i mappen. Välj en annan mapp."
    elif code in _FULL:
        en = "the disk is full. Free some space or choose another place."
        sv = "disken är full. Frigör utrymme eller välj en annan plats."
    elif code == errno.EISDIR:
        en = "there is a folder with that name. Choose another file name."
        sv = "det finns en mapp med det namnet. Välj ett annat filnamn."
    else:
        detail = "?" if code is None else errno.errorcode.get(code, str(code))
        en = f"the file could not be written (error {detail})."
        sv = f"filen kunde inte skrivas (fel {detail})."
    return ExportError(
        f'Could not save {what_en} "{name}": {en}',
        f"Det gick inte att spara {what_sv} ”{name}”: {sv}",
    )
