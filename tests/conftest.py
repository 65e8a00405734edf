"""Shared test setup: offscreen Qt, the oracle on sys.path."""

import os
import sys
from pathlib import Path

# GUI tests run without a display; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))
