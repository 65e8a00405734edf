"""Build QuadReg as a self-contained folder with PyInstaller: packaging/dist/QuadReg/,
whose QuadReg executable starts on a machine without Python.

Run: python packaging/build_bundle.py [--dist FOLDER]   (needs: pip install '.[bundle]')
The same command builds it on Windows and macOS (not tested there).  Prints the folder
and its size; check it with: packaging/dist/QuadReg/QuadReg --self-test
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build(dist: Path) -> Path:
    """The bundle's folder under ``dist``, built from QuadReg.spec."""
    try:
        import PyInstaller.__main__ as pyinstaller
    except ImportError:
        sys.exit("build_bundle.py needs PyInstaller: pip install '.[bundle]'")
    with tempfile.TemporaryDirectory(prefix="quadreg-bundle-") as work:
        pyinstaller.run([str(HERE / "QuadReg.spec"), "--noconfirm", "--clean",
                         "--log-level", "WARN", "--distpath", str(dist),
                         "--workpath", work])
    return dist / "QuadReg"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=HERE / "dist",
                        help="Where the QuadReg folder goes (default: packaging/dist).")
    args = parser.parse_args()
    folder = build(args.dist.resolve())
    print(f"built {folder}: {folder_size(folder) / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
