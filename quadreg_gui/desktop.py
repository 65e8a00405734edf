"""QuadReg in the desktop's menu, for the current user (freedesktop.org): a launcher, its
icon, an AppStream description and the file types of experiments and lessons.

``install`` writes them under XDG_DATA_HOME and lists what it wrote in a manifest;
``uninstall`` removes exactly what the manifest lists.  Neither needs a desktop to be
running; the desktop's caches are refreshed where their tools are installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from html import escape  # (xml.sax.saxutils imports urllib: 20 ms of start-up)

from . import __version__
from .assets import resource
from .core.files.export import write_bytes

APP_ID = "io.github.quadreg.QuadReg"
#: The file types QuadReg opens: (MIME type, glob, English and Chinese comments).
FILE_TYPES = (
    ("application/x-quadreg-experiment", "*.quadreg.json",
     "QuadReg experiment", "QuadReg 实验"),
    ("application/x-quadreg-lesson", "*.quadreg-lesson.json",
     "QuadReg lesson", "QuadReg 课程"),
)
PNG_SIZES = (16, 32, 48, 64, 128, 256)
#: Where the list of installed files is kept (relative to XDG_DATA_HOME).
MANIFEST = Path("quadreg") / "desktop-files.txt"
RELEASE_DATE = "2026-12-05"


def data_home() -> Path:
    """XDG_DATA_HOME, or its default ~/.local/share."""
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launch_command() -> list[str]:
    """How the desktop starts this installation's window: its quadreg-gui script when
    that is what runs, else this Python with ``-m quadreg_gui`` (a virtual
    environment's own interpreter: the desktop's PATH does not have it)."""
    script = Path(sys.argv[0])
    if script.name == "quadreg-gui" and script.exists():
        return [str(script.resolve())]
    return [sys.executable, "-m", "quadreg_gui"]


def exec_line(command: list[str]) -> str:
    """The Desktop Entry's Exec value: each argument quoted where it must be, then %f."""
    def quoted(arg: str) -> str:
        if not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
            return arg
        inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        return f'"{inner}"'.replace("\\", "\\\\")  # (a second level: the string escapes)
    return " ".join(quoted(arg) for arg in command) + " %f"


def desktop_entry(command: list[str]) -> str:
    mime = ";".join(kind for kind, *_ in FILE_TYPES) + ";"
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.5",
        "Name=QuadReg",
        "GenericName=Gradient descent, live",
        "GenericName[zh_CN]=梯度下降实时演示",
        "Comment=Watch gradient descent fit y = w·x² + b, live: change the learning rate "
        "and see the fit, the loss and the path react",
        "Comment[zh_CN]=实时观察梯度下降拟合 y = w·x² + b：调整学习率，立即看到拟合、损失和路径的变化",
        "Keywords=gradient descent;regression;machine learning;NumPy;momentum;teaching;",
        "Keywords[zh_CN]=梯度下降;回归;机器学习;动量;教学;",
        f"Exec={exec_line(command)}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=Education;Science;Math;",
        f"MimeType={mime}",
        "StartupNotify=true",
        "StartupWMClass=QuadReg",
        "",
    ])


def mime_package() -> str:
    types = "".join(
        f'  <mime-type type="{kind}">\n'
        f"    <comment>{escape(en, quote=False)}</comment>\n"
        f'    <comment xml:lang="zh_CN">{escape(zh, quote=False)}</comment>\n'
        '    <sub-class-of type="application/json"/>\n'
        f'    <glob pattern="{glob}" weight="60"/>\n'
        f'    <icon name="{APP_ID}"/>\n'
        "  </mime-type>\n" for kind, glob, en, zh in FILE_TYPES)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">\n'
            f"{types}</mime-info>\n")


def metainfo() -> str:
    """AppStream's description.  (Without screenshots: AppStream takes them only from a
    web address, and QuadReg has none yet.)"""
    kinds = "".join(f"    <mediatype>{kind}</mediatype>\n" for kind, *_ in FILE_TYPES)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<component type="desktop-application">
  <id>{APP_ID}</id>
  <metadata_license>CC0-1.0</metadata_license>
  <project_license>MIT</project_license>
  <name>QuadReg</name>
  <summary>Watch gradient descent fit a curve, live</summary>
  <summary xml:lang="zh_CN">实时观察梯度下降拟合曲线</summary>
  <description>
    <p>QuadReg turns the classic lesson of fitting y = w·x² + b with plain NumPy gradient
    descent into a live instrument: change the learning rate, momentum or noise and watch
    the fit, the loss and the path through parameter space react at once.</p>
    <p xml:lang="zh_CN">QuadReg 把用 NumPy 梯度下降拟合 y = w·x² + b 的经典课程变成实时仪器：调整学习率、动量或噪声，立即看到拟合、损失和参数空间中的路径如何变化。</p>
    <ul>
      <li>The loss landscape, the stable limits, the theory and each step explained</li>
      <li>Races of optimizers, pinned runs, your own data and lessons for the class</li>
      <li>Presentation mode, keyboard and presenter-clicker control, English and Chinese</li>
    </ul>
  </description>
  <launchable type="desktop-id">{APP_ID}.desktop</launchable>
  <categories>
    <category>Education</category>
    <category>Science</category>
  </categories>
  <keywords>
    <keyword>gradient descent</keyword>
    <keyword>regression</keyword>
    <keyword>momentum</keyword>
  </keywords>
  <provides>
    <binary>quadreg-gui</binary>
{kinds}  </provides>
  <content_rating type="oars-1.1"/>
  <releases>
    <release version="{__version__}" date="{RELEASE_DATE}"/>
  </releases>
</component>
"""


def _png(svg: bytes, size: int) -> bytes:
    """The icon at ``size`` pixels, drawn by Qt's SVG renderer (no application, no
    display: an image of shapes needs neither)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter, Qt
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(QByteArray(svg)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def _files(command: list[str], home: Path) -> dict[Path, Callable[[], bytes]]:
    """Each file to install (relative to ``home``) and how to make its bytes."""
    svg = resource("quadreg.svg").read_bytes()
    files: dict[Path, Callable[[], bytes]] = {
        Path("applications") / f"{APP_ID}.desktop": lambda: desktop_entry(command).encode(),
        Path("metainfo") / f"{APP_ID}.metainfo.xml": lambda: metainfo().encode(),
        Path("mime") / "packages" / f"{APP_ID}.xml": lambda: mime_package().encode(),
        Path("icons/hicolor/scalable/apps") / f"{APP_ID}.svg": lambda: svg,
    }
    for size in PNG_SIZES:
        files[Path(f"icons/hicolor/{size}x{size}/apps") / f"{APP_ID}.png"] = \
            lambda size=size: _png(svg, size)
    return files


def install(home: Path | None = None, command: list[str] | None = None) -> list[str]:
    """Install the launcher, icon, description and file types under ``home``
    (XDG_DATA_HOME); returns what was done, a line each."""
    home = home or data_home()
    said = []
    written = []
    for relative, make in _files(command or launch_command(), home).items():
        path = home / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, make())
        written.append(relative)
        said.append(f"wrote {path}")
    manifest = home / MANIFEST
    manifest.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(manifest, "".join(f"{p}\n" for p in written).encode())
    return said + _refresh(home)


def uninstall(home: Path | None = None) -> list[str]:
    """Remove exactly what ``install`` wrote (its manifest's files, and folders it leaves
    empty); returns what was done."""
    home = home or data_home()
    manifest = home / MANIFEST
    if not manifest.is_file():
        return [f"nothing to remove: {manifest} does not exist"]
    said, removed = [], [manifest]
    for line in manifest.read_text(encoding="utf-8").splitlines():
        path = home / line
        if line and path.is_file():
            path.unlink()
            removed.append(path)
            said.append(f"removed {path}")
    manifest.unlink()
    said.append(f"removed {manifest}")
    said += _refresh(home)
    _drop_generated_mime(home)
    for path in removed:  # the folders it leaves empty, up to ``home``
        folder = path.parent
        while folder != home and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return said


def _refresh(home: Path) -> list[str]:
    """The desktop's caches of file types, launchers and icons, where their tools are."""
    said = []
    for tool, target in (("update-mime-database", home / "mime"),
                         ("update-desktop-database", home / "applications"),
                         ("gtk-update-icon-cache", home / "icons" / "hicolor")):
        if shutil.which(tool) and target.is_dir():
            args = [tool, "-f", "-t", str(target)] if tool.startswith("gtk") else [tool, str(target)]
            done = subprocess.run(args, capture_output=True, text=True, check=False)
            said.append(f"ran {tool} {target}" + ("" if done.returncode == 0
                                                   else f" (failed: {done.stderr.strip()})"))
    return said


def _drop_generated_mime(home: Path) -> None:
    """With no package left, the database update-mime-database made there goes too."""
    mime = home / "mime"
    packages = mime / "packages"
    if mime.is_dir() and not (packages.is_dir() and any(packages.iterdir())):
        shutil.rmtree(mime)
