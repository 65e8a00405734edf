"""Qt's SVG made portable: strokes moved to the page's coordinates."""

import xml.etree.ElementTree as ET

from quadreg_gui.core.files.svg import SVG, flatten_strokes

PAGE = b"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<svg width="100" height="50" xmlns="http://www.w3.org/2000/svg"
     xmlns:xlink="http://www.w3.org/1999/xlink" version="1.2" baseProfile="tiny">
<g stroke-width="4" transform="matrix(10,0,0,-5,20,40)">
<polyline fill="none" vector-effect="non-scaling-stroke" points="0,0 1,2 " />
<path vector-effect="non-scaling-stroke" d="M0,0 L1,1 C1,2 2,2 3,1 Z" />
</g>
<g transform="matrix(10,0,0,10,0,0)">
<text x="1" y="1">kept</text>
<polyline vector-effect="non-scaling-stroke" points="0,0 1,1" />
</g>
</svg>"""


def test_strokes_under_a_scaling_transform_move_to_the_page():
    root = ET.fromstring(flatten_strokes(PAGE))
    moved, kept = root.findall(f"{{{SVG}}}g")
    assert "transform" not in moved.attrib and moved.get("stroke-width") == "4"
    line, path = moved
    assert line.get("points") == "20,40 30,30"
    assert path.get("d") == "M 20,40 L 30,35 C 30,30 40,30 50,35 Z"
    assert "vector-effect" not in line.attrib and "vector-effect" not in path.attrib
    # A group with anything but strokes (text) keeps its transform and its children.
    assert kept.get("transform") == "matrix(10,0,0,10,0,0)"
    assert kept[1].get("points") == "0,0 1,1"
