"""The bundle's entry point: QuadReg's window (and its command line), frozen.

freeze_support lets the engine's process (multiprocessing's forkserver or spawn) start
from the frozen executable instead of opening a second window."""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from quadreg_gui.gui.app import main

    main()
