"""The package as installed: a Qt-free core, shipped resources, a safe PySide6."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from quadreg_gui.assets import resource


def test_core_imports_no_qt():
    code = ("import sys, quadreg_gui.cli, quadreg_gui.core.analysis.analysis, quadreg_gui.core.training.trainer, "
            "quadreg_gui.core.files.export, quadreg_gui.core.logformat\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'shiboken6', 'pyqtgraph', 'PyQt5', 'PyQt6')]\n"
            "print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


PACKAGE = Path(__file__).resolve().parents[1] / "quadreg_gui"


def _imports(path: Path) -> set[str]:
    """The modules ``path`` imports, relative ones resolved against its package."""
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = list(package[:len(package) - node.level + 1]) if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def test_no_core_module_imports_qt_even_lazily():
    for path in (PACKAGE / "core").rglob("*.py"):
        qt = {name for name in _imports(path)
              if name.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6")
              or name.startswith("quadreg_gui.gui")}
        assert not qt, f"{path.name} imports {sorted(qt)}"


def test_numba_is_imported_only_by_the_kernels_and_never_in_the_window_s_process():
    """numba would stall the GUI thread for a second: only kernels.py imports it, only
    compiled.py imports that, and no module of the window asks for it."""
    numba = sorted(path.name for path in PACKAGE.rglob("*.py")
                   if any(name.split(".")[0] == "numba" for name in _imports(path)))
    assert numba == ["kernels.py"]
    kernels = sorted(path.name for path in PACKAGE.rglob("*.py")
                     if "quadreg_gui.core.training.kernels" in _imports(path))
    assert kernels == ["compiled.py"]
    gui = sorted(path.name for path in (PACKAGE / "gui").rglob("*.py")
                 if any(name.startswith("quadreg_gui.core.training.compiled")
                        for name in _imports(path)))
    assert gui == []


def test_only_the_application_imports_the_main_window():
    """Helpers take the run's state and the objects they act on, never the window."""
    importers = sorted(path.name for path in PACKAGE.rglob("*.py")
                       if "quadreg_gui.gui.main_window" in _imports(path))
    assert importers == ["app.py"]


def test_icon_ships_as_a_resource():
    icon = resource("quadreg.svg")
    assert icon.is_file()
    assert icon.read_text(encoding="utf-8").startswith("<svg")


def test_pyside6_signals_do_not_leak_references_to_true_and_none(qapp):
    """PySide6 6.12.0 on CPython < 3.12 drops a reference per emit and aborts.

    A leak loses 10,000 references; ordinary churn moves the counts by a few.
    """
    from PySide6 import QtCore

    class Emitter(QtCore.QObject):
        fired = QtCore.Signal(int)

    emitter, seen = Emitter(), []
    emitter.fired.connect(seen.append)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for i in range(10_000):
        emitter.fired.emit(i)
    assert len(seen) == 10_000
    assert sys.getrefcount(True) > true_before - 100
    assert sys.getrefcount(None) > none_before - 100


def test_icon_is_found_from_a_source_checkout_too():
    """`python -m quadreg_gui` inside a clone imports the checkout, not the wheel."""
    root = Path(__file__).resolve().parent.parent
    code = ("from quadreg_gui.assets import resource; "
            "print(resource('quadreg.svg').read_text(encoding='utf-8')[:4])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=root, check=True).stdout
    assert out.strip() == "<svg"


def test_gui_launcher_is_installed():
    if not Path(sys.executable).with_name("quadreg-train").exists():
        pytest.skip("the package is not installed beside this Python")
    launcher = Path(sys.executable).with_name("quadreg-gui")
    assert "quadreg_gui.gui.app" in launcher.read_text(encoding="utf-8")


def test_every_package_of_the_source_tree_is_in_the_wheel():
    """pyproject.toml lists the packages: a new one left out works in a checkout and
    fails when installed."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    root = Path(__file__).resolve().parent.parent
    listed = set(tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]
                 ["packages"])
    found = {".".join(p.parent.relative_to(root).parts)
             for p in (root / "quadreg_gui").rglob("__init__.py")}
    assert found - listed == set()
