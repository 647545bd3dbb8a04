"""write_pdf_atomic: the destination is either the new file or exactly what it was before.

Tests run as root, so a read-only folder does not stop writes; permission errors are simulated
by patching ``os.replace`` / ``tempfile.mkstemp``, and a full disk by patching ``os.write`` /
``os.fsync``. A real chmod test runs too when the suite is not run as root.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import pytest

from assessment_app.errors import ExportError
from assessment_app.pdf import write_pdf_atomic

DATA = b"%PDF-1.4 new content " * 1000
OLD = b"old content"


def _raiser(code: int, kind: type[OSError] = OSError) -> Callable[..., NoReturn]:
    def fail(*args: Any, **kwargs: Any) -> NoReturn:
        raise kind(code, os.strerror(code), "/some/secret/folder/plan.pdf")

    return fail


def _listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def _assert_clean_message(error: ExportError, tmp_path: Path) -> None:
    for message in (error.user_message, error.message_en, str(error)):
        assert "plan.pdf" in message  # the file name is fine...
        assert str(tmp_path) not in message  # ...the folder path is not
        assert "secret" not in message


def test_writes_new_file(tmp_path: Path) -> None:
    dest = tmp_path / "plan.pdf"
    write_pdf_atomic(DATA, dest)
    assert dest.read_bytes() == DATA
    assert _listing(tmp_path) == ["plan.pdf"]
    if os.name == "posix":
        assert stat.S_IMODE(dest.stat().st_mode) == 0o600


def test_replaces_existing_file(tmp_path: Path) -> None:
    dest = tmp_path / "plan.pdf"
    dest.write_bytes(OLD)
    write_pdf_atomic(DATA, dest)
    assert dest.read_bytes() == DATA
    assert _listing(tmp_path) == ["plan.pdf"]


def test_accepts_a_string_path_and_empty_data(tmp_path: Path) -> None:
    dest = tmp_path / "tom.pdf"
    write_pdf_atomic(b"", str(dest))  # type: ignore[arg-type]
    assert dest.read_bytes() == b""


def test_short_writes_are_continued(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write

    def short_write(fd: int, data: Any) -> int:
        return real_write(fd, bytes(data[:7]))

    dest = tmp_path / "plan.pdf"
    with monkeypatch.context() as patch:
        patch.setattr(os, "write", short_write)
        write_pdf_atomic(DATA, dest)
    assert dest.read_bytes() == DATA


def test_missing_folder(tmp_path: Path) -> None:
    dest = tmp_path / "finns-inte" / "plan.pdf"
    with pytest.raises(ExportError) as caught:
        write_pdf_atomic(DATA, dest)
    assert "mappen finns inte" in caught.value.user_message
    assert "folder does not exist" in caught.value.message_en
    _assert_clean_message(caught.value, tmp_path)
    assert _listing(tmp_path) == []


def test_path_under_a_file(tmp_path: Path) -> None:
    (tmp_path / "en-fil").write_bytes(OLD)
    with pytest.raises(ExportError) as caught:
        write_pdf_atomic(DATA, tmp_path / "en-fil" / "plan.pdf")
    assert "mappen finns inte" in caught.value.user_message
    assert _listing(tmp_path) == ["en-fil"]
    assert (tmp_path / "en-fil").read_bytes() == OLD


def test_destination_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "plan.pdf").mkdir()
    with pytest.raises(ExportError) as caught:
        write_pdf_atomic(DATA, tmp_path / "plan.pdf")
    assert "mapp med det namnet" in caught.value.user_message
    assert _listing(tmp_path) == ["plan.pdf"]
    assert (tmp_path / "plan.pdf").is_dir()


@pytest.mark.parametrize("code", [errno.EACCES, errno.EPERM])
def test_permission_denied_on_replace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    dest = tmp_path / "plan.pdf"
    dest.write_bytes(OLD)
    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", _raiser(code, PermissionError))
        with pytest.raises(ExportError) as caught:
            write_pdf_atomic(DATA, dest)
    assert "behörighet" in caught.value.user_message
    assert "permission" in caught.value.message_en
    _assert_clean_message(caught.value, tmp_path)
    assert _listing(tmp_path) == ["plan.pdf"]
    assert dest.read_bytes() == OLD


def test_permission_denied_creating_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(tempfile, "mkstemp", _raiser(errno.EACCES, PermissionError))
        with pytest.raises(ExportError) as caught:
            write_pdf_atomic(DATA, tmp_path / "plan.pdf")
    assert "behörighet" in caught.value.user_message
    assert _listing(tmp_path) == []


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root ignores folder permissions"
)
def test_read_only_folder_for_real(tmp_path: Path) -> None:
    folder = tmp_path / "skrivskyddad"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError) as caught:
            write_pdf_atomic(DATA, folder / "plan.pdf")
        assert "behörighet" in caught.value.user_message
        assert _listing(folder) == []
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize("target", ["write", "fsync"])
def test_disk_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str) -> None:
    dest = tmp_path / "plan.pdf"
    dest.write_bytes(OLD)
    with monkeypatch.context() as patch:
        patch.setattr(os, target, _raiser(errno.ENOSPC))
        with pytest.raises(ExportError) as caught:
            write_pdf_atomic(DATA, dest)
    assert "disken är full" in caught.value.user_message
    assert "disk is full" in caught.value.message_en
    _assert_clean_message(caught.value, tmp_path)
    assert _listing(tmp_path) == ["plan.pdf"]
    assert dest.read_bytes() == OLD


def test_other_os_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", _raiser(errno.EIO))
        with pytest.raises(ExportError) as caught:
            write_pdf_atomic(DATA, tmp_path / "plan.pdf")
    assert "EIO" in caught.value.user_message
    assert "could not be written" in caught.value.message_en
    _assert_clean_message(caught.value, tmp_path)
    assert _listing(tmp_path) == []


def test_error_is_chained_without_the_os_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(os, "write", _raiser(errno.ENOSPC))
        with pytest.raises(ExportError) as caught:
            write_pdf_atomic(DATA, tmp_path / "plan.pdf")
    # The OS error (which names the full path) is not attached to the export error.
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


def test_interrupt_cleans_up_and_propagates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: Any) -> NoReturn:
        raise KeyboardInterrupt

    dest = tmp_path / "plan.pdf"
    dest.write_bytes(OLD)
    with monkeypatch.context() as patch:
        patch.setattr(os, "write", interrupted)
        with pytest.raises(KeyboardInterrupt):
            write_pdf_atomic(DATA, dest)
    assert _listing(tmp_path) == ["plan.pdf"]
    assert dest.read_bytes() == OLD
