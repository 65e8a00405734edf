"""python -m quadreg_gui: the desktop application."""

import sys

from .gui.app import main

sys.exit(main())
