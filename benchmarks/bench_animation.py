"""How long an animation takes to make: the article's 800 epochs as a 10 s, 30 fps,
1280 x 720 MP4 (the goal: under 30 s), and as a GIF of 640 x 360, each made by
`quadreg-gui --export-animation` as File > Export > Animation makes it.

Run: python benchmarks/bench_animation.py [--repeats N]
Prints min / median / max seconds of each, and the time per second of video.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quadreg_gui.core.config import TrainConfig
from quadreg_gui.core.files.experiment import write_experiment

CASES = {"MP4 1280x720": ("run.mp4", "1280x720"), "GIF 640x360": ("run.gif", "640x360")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="quadreg-bench-animation-"))
    env = {**os.environ, "XDG_CONFIG_HOME": str(folder)}  # settings of its own
    experiment = folder / "article.quadreg.json"
    write_experiment(experiment, TrainConfig(), {}, None)
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(args.repeats):  # the cases side by side in each round
        for name, (out, size) in CASES.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "quadreg_gui", "--export-animation",
                            str(experiment), str(folder / out), "--size", size, "--fps", "30",
                            "--seconds", "10"], check=True, env=env, capture_output=True)
            times[name].append(time.perf_counter() - start)
    print("800 epochs as 10 s at 30 fps (300 frames):")
    for name, taken in times.items():
        median = statistics.median(taken)
        print(f"  {name}: {min(taken):.1f} / {median:.1f} / {max(taken):.1f} s (min / median / "
              f"max), {median / 10:.2f} s per second of video")


if __name__ == "__main__":
    main()
