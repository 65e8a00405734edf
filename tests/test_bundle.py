"""The self-contained folder PyInstaller builds (packaging/build_bundle.py): moved to
another place and started with no Python on PATH or PYTHONPATH, it answers --version
and passes its --self-test (the article's 800 epochs in the window, offscreen).

Built by .ci/run (QUADREG_BUNDLE=1, with the bundle extra): the README's test command
skips it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quadreg_gui import __version__

BUILD = Path(__file__).resolve().parent.parent / "packaging" / "build_bundle.py"

pytestmark = [pytest.mark.heavy, pytest.mark.skipif(
    os.environ.get("QUADREG_BUNDLE") != "1",
    reason="the bundle is built by .ci/run (QUADREG_BUNDLE=1) or by hand")]


def test_the_bundle_works_moved_elsewhere_without_python(tmp_path):
    pytest.importorskip("PyInstaller", reason="pip install '.[bundle]'")
    dist = tmp_path / "dist"
    built = subprocess.run([sys.executable, str(BUILD), "--dist", str(dist)],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "MiB" in built.stdout
    moved = tmp_path / "elsewhere" / "QuadReg"
    shutil.copytree(dist / "QuadReg", moved, symlinks=True)
    shutil.rmtree(dist)
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}  # (no PATH, no PYTHONPATH)
    version = subprocess.run([str(moved / "QuadReg"), "--version"], capture_output=True,
                             text=True, env=env, cwd=tmp_path, timeout=60)
    assert version.returncode == 0 and version.stdout.strip() == f"quadreg-gui {__version__}"
    tested = subprocess.run([str(moved / "QuadReg"), "--self-test"], capture_output=True,
                            text=True, env=env, cwd=tmp_path, timeout=300)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "self-test passed" in tested.stdout
