"""The system-library check `make run` does before starting Qt (installer/syslibs.py): the
real probe on this machine, a faked missing library, and the one line it prints."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.installer.conftest import IN_CI, INSTALLER, load_script

syslibs = load_script("syslibs.py")


def test_the_loader_probe_agrees_with_ldd_of_the_real_plugin():
    plugin = syslibs.xcb_plugin()
    assert plugin is not None and plugin.name == "libqxcb.so"
    not_found = set(syslibs.ldd_missing(plugin))
    out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=True).stdout
    linked = [name for name in syslibs.QT_XCB_LIBRARIES if name in out]
    assert "libxcb-cursor.so.0" in linked and "libxkbcommon-x11.so.0" in linked
    for name in linked:
        assert syslibs.loads(name) == (name not in not_found), name


def test_this_machine_has_every_library_the_xcb_plugin_loads():
    """.ci/run installs them (`syslibs.py --install`); elsewhere the test says what is missing."""
    missing = syslibs.missing_libraries(plugin=syslibs.xcb_plugin())
    if missing and not IN_CI:
        pytest.skip(syslibs.message(missing))
    assert missing == []


def test_the_loader_probe_reports_a_library_that_is_not_there():
    assert syslibs.loads("libc.so.6")
    assert not syslibs.loads("libno-such-library-for-the-test.so.7")
    names = ["libxcb.so.1", "libno-such-library-for-the-test.so.7"]
    assert syslibs.missing_libraries(names) == ["libno-such-library-for-the-test.so.7"]


def test_a_missing_cursor_library_names_its_package_in_one_line():
    hidden = {"libxcb-cursor.so.0", "libxkbcommon-x11.so.0"}
    missing = syslibs.missing_libraries(
        loader=lambda name: name not in hidden and syslibs.loads(name)
    )
    assert missing == ["libxcb-cursor.so.0", "libxkbcommon-x11.so.0"]
    line = syslibs.message(missing)
    assert "\n" not in line
    assert line.endswith("sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0")
    assert "saknar systembibliotek" in line and "lacks system libraries" in line


def test_an_unknown_library_is_named_as_it_is():
    packages, unknown = syslibs.packages_for(["libGL.so.1", "libGLX.so.0", "libfoo.so.3"])
    assert packages == ["libgl1", "libglx0"] and unknown == ["libfoo.so.3"]
    assert syslibs.message(["libfoo.so.3"]).endswith("install: libfoo.so.3")


def test_every_library_the_plugin_links_is_in_the_list_or_in_the_wheel():
    """ldd of the real plugin: every system library it names that a bare Debian lacks is
    known, so the line can say which package to install."""
    plugin = syslibs.xcb_plugin()
    out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=True).stdout
    names = {line.split()[0] for line in out.splitlines() if "=>" in line}
    from_system = {n for n in names if "/Qt/lib/" not in out.split(n, 1)[1].split("\n", 1)[0]}
    for expected in ("libxcb-cursor.so.0", "libxkbcommon-x11.so.0", "libxcb-icccm.so.4"):
        assert expected in from_system
        assert expected in syslibs.QT_XCB_LIBRARIES


def test_the_command_prints_the_line_and_fails_when_a_library_is_missing():
    result = subprocess.run(
        [sys.executable, str(INSTALLER / "syslibs.py"), "--assume-missing", "libxcb-cursor.so.0"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "sudo apt-get install libxcb-cursor0" in result.stderr


def test_the_command_is_quiet_and_succeeds_on_this_machine():
    if syslibs.missing_libraries(plugin=syslibs.xcb_plugin()) and not IN_CI:
        pytest.skip("libraries missing here (see the test above)")
    result = subprocess.run(
        [sys.executable, str(INSTALLER / "syslibs.py")], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_another_qt_platform_needs_no_x11_libraries():
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, str(INSTALLER / "syslibs.py")], env=env, capture_output=True, check=False
    )
    assert result.returncode == 0


def test_the_readme_names_every_package_the_check_knows():
    """The README's list of system libraries is the check's list (the tour and `make run`)."""
    readme = (INSTALLER.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Systembibliotek / System libraries") :]
    listed = set(section[: section.index("```\n", section.index("```sh") + 5)].split())
    missing = sorted(set(syslibs.QT_XCB_LIBRARIES.values()) - listed)
    assert not missing, f"README.md lacks {missing}"
