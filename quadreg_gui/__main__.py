"""python -m quadreg_gui: the desktop application."""

from .gui.app import main

main()
