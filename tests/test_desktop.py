"""quadreg-gui --install-desktop / --uninstall-desktop: the launcher, icon, AppStream
description and file types for the current user, validated by the desktop's own tools
where they are installed, and removed again to the last file."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quadreg_gui.desktop import APP_ID, PNG_SIZES, exec_line, install, uninstall

GUI = [sys.executable, "-c", "import sys; from quadreg_gui.gui.app import main; "
                              "main(sys.argv[1:])"]


def _run(args: list[str], home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_DATA_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DISPLAY", None)  # (it works without a desktop)
    return subprocess.run(GUI + args, capture_output=True, text=True, env=env, timeout=120)


def _entry(home: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  (keys keep their case)
    parser.read(home / "applications" / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_install_then_uninstall_leaves_nothing_and_says_what_it_did(tmp_path):
    home = tmp_path / "share"
    done = _run(["--install-desktop"], home)
    assert done.returncode == 0, done.stderr
    assert f"wrote {home / 'applications' / f'{APP_ID}.desktop'}" in done.stdout
    entry = _entry(home)
    assert entry["Exec"].endswith(" -m quadreg_gui %f")  # (this Python, not PATH's)
    assert entry["Icon"] == APP_ID and "Education;" in entry["Categories"]
    assert "application/x-quadreg-experiment;" in entry["MimeType"]
    assert entry["GenericName[zh_CN]"] and entry["Comment[zh_CN]"]
    for size in PNG_SIZES:
        png = home / f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(png.read_bytes()[16:20], "big") == size  # (IHDR's width)
    gone = _run(["--uninstall-desktop"], home)
    assert gone.returncode == 0, gone.stderr
    assert gone.stdout.count("removed ") == done.stdout.count("wrote ") + 1  # + manifest
    left = [p for p in home.rglob("*") if p.is_file()]
    assert not left, left
    again = _run(["--uninstall-desktop"], home)
    assert again.returncode == 0 and "nothing to remove" in again.stdout


def test_uninstall_keeps_what_it_did_not_install(tmp_path):
    home = tmp_path / "share"
    other = home / "applications" / "other.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=other\n")
    install(home, ["/opt/q/quadreg-gui"])
    uninstall(home)
    assert [p for p in home.rglob("*") if p.is_file()] == [other]


def test_the_desktop_s_validators_accept_what_is_installed(tmp_path):
    install(tmp_path, ["/opt/Quad Reg/bin/quadreg-gui"])
    checked = []
    tools = {"desktop-file-validate": [str(tmp_path / "applications" / f"{APP_ID}.desktop")],
             "appstreamcli": ["validate", "--no-net",
                              str(tmp_path / "metainfo" / f"{APP_ID}.metainfo.xml")]}
    for tool, args in tools.items():
        if shutil.which(tool):
            done = subprocess.run([tool, *args], capture_output=True, text=True)
            assert done.returncode == 0, done.stdout + done.stderr
            checked.append(tool)
    if shutil.which("update-mime-database"):
        globs = (tmp_path / "mime" / "globs2").read_text()
        assert "application/x-quadreg-experiment:*.quadreg.json" in globs
        assert "application/x-quadreg-lesson:*.quadreg-lesson.json" in globs
        checked.append("update-mime-database")
    if shutil.which("xdg-mime"):
        env = {**os.environ, "XDG_DATA_HOME": str(tmp_path),
               "XDG_CONFIG_HOME": str(tmp_path / "config")}
        found = subprocess.run(["xdg-mime", "query", "default",
                                "application/x-quadreg-experiment"], capture_output=True,
                               text=True, env=env)
        assert found.stdout.strip() == f"{APP_ID}.desktop", found.stdout + found.stderr
        checked.append("xdg-mime")
    if not checked:
        pytest.skip("none of desktop-file-validate, appstreamcli, update-mime-database, "
                    "xdg-mime is installed")


@pytest.mark.parametrize("command, line", [
    (["/usr/bin/quadreg-gui"], "/usr/bin/quadreg-gui %f"),
    (["/opt/Quad Reg/bin/python3", "-m", "quadreg_gui"],
     '"/opt/Quad Reg/bin/python3" -m quadreg_gui %f'),
    (['/home/a"b$c/py'], '"/home/a\\\\"b\\\\$c/py" %f'),
])
def test_the_launcher_s_command_is_quoted_as_the_desktop_entry_spec_says(command, line):
    assert exec_line(command) == line
