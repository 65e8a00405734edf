"""One kind of action of bench_soak.py, repeated: what each leaves behind.

Run: python benchmarks/bench_repeat.py KIND [--times N] [--every K]
KIND is one of bench_soak's kinds (run, settings, examples, race, pins, exports,
language).  Goes through the kind's actions in turn, N times in all (default 400),
each followed by 50 ms of the event loop and the end of any load it started, after 20
actions to warm up; every K actions (default 100) prints the window's RSS after glibc's
malloc_trim and its growth per action since the start.  Memory kept per action that
does not fall towards zero as the count grows is a leak; a cache that fills gives less
and less.
"""

from __future__ import annotations

import argparse
import ctypes
import itertools
import random
import tempfile
from pathlib import Path

from bench_soak import KINDS, actions, create_app, pause, rss_mib

from quadreg_gui.gui.main_window import MainWindow

WARM_UP = 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument("--times", type=int, default=400)
    parser.add_argument("--every", type=int, default=100)
    args = parser.parse_args()
    trim = ctypes.CDLL("libc.so.6").malloc_trim
    random.seed(1)
    app = create_app(["bench_repeat"])
    win = MainWindow()
    win.resize(1280, 720)
    win.show()
    pause(1500)
    kind = itertools.cycle(actions(win, Path(tempfile.mkdtemp(prefix="quadreg-repeat-")))
                           [args.kind])

    def once() -> None:
        next(kind)()
        pause(50)
        while win.run.loading:
            pause(10)

    for _ in range(WARM_UP):
        once()
    trim(0)
    start = rss_mib()
    print(f"{args.kind}: RSS {start:.1f} MiB after {WARM_UP} to warm up")
    for done in range(1, args.times + 1):
        once()
        if done % args.every == 0:
            trim(0)
            now = rss_mib()
            kept = (now - start) * 1024 / done
            print(f"{done:6d}  {now:8.2f} MiB  {kept:+6.2f} KiB an action", flush=True)
    win.close()
    app.quit()


if __name__ == "__main__":
    main()
