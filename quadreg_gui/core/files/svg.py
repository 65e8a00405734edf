"""Qt's SVG made portable: strokes drawn in the coordinates of the page.

QSvgGenerator writes a plot's curves in data coordinates, inside a group whose
transform scales them to the page (190 x 35 on the data plot), and keeps their
width with ``vector-effect="non-scaling-stroke"``.  Renderers without that
attribute (ImageMagick's own, and older ones) scale the 4 px pen with the data:
the fitted curve filled the plot.  So the points of such groups are moved to
the page's coordinates and the group's transform dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
_MATRIX = re.compile(r"matrix\(([^)]*)\)")
_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_STROKES = {f"{{{SVG}}}polyline": "points", f"{{{SVG}}}path": "d"}

Point = Callable[[float, float], tuple[float, float]]


def flatten_strokes(svg: bytes) -> bytes:
    """``svg`` with every group of non-scaling strokes under a matrix transform moved
    to the page's coordinates (groups that hold anything else are left alone)."""
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", XLINK)
    root = ET.fromstring(svg)
    for group in root.iter(f"{{{SVG}}}g"):
        match = _MATRIX.fullmatch(group.get("transform", "").strip())
        children = list(group)
        if match is None or not children or any(
                child.tag not in _STROKES or child.get("vector-effect") != "non-scaling-stroke"
                for child in children):
            continue
        a, b, c, d, e, f = (float(v) for v in match.group(1).split(","))

        def move(x: float, y: float) -> tuple[float, float]:
            return a * x + c * y + e, b * x + d * y + f

        for child in children:
            name = _STROKES[child.tag]
            child.set(name, _moved(child.get(name, ""), move))
            del child.attrib["vector-effect"]
        del group.attrib["transform"]
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _moved(text: str, move: Point) -> str:
    """Polyline points or path data (absolute commands and x,y pairs, as Qt writes
    them) with each pair moved."""
    out: list[str] = []
    pending: list[float] = []
    for token in _TOKEN.findall(text):
        if token.isalpha():
            out.append(token)
            continue
        pending.append(float(token))
        if len(pending) == 2:
            x, y = move(*pending)
            out.append(f"{x:.6g},{y:.6g}")
            pending = []
    return " ".join(out)
