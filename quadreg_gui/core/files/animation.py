"""Animations of a run written to a file, frame by frame: GIF (Pillow) or MP4
(imageio-ffmpeg, whose wheel brings an ffmpeg: the ``video`` extra), atomically.

A frame is an RGB array (height x width x 3, uint8).  An MP4 streams its frames to
ffmpeg; a GIF keeps each frame as 8-bit palette image (a byte a pixel) until the
end, when Pillow writes them all.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..config import ConfigError
from .export import atomic_file, atomic_path

FORMATS = (".gif", ".mp4")
MAX_WIDTH, MAX_HEIGHT = 1920, 1080
MIN_SIDE = 64
MAX_FPS = 60
MAX_SECONDS = 600
#: A GIF's frames are kept until it is written: at most this many pixels in all.
MAX_GIF_PIXELS = 400_000_000
AREAS = ("plots", "data", "loss", "landscape", "log")
MP4_MISSING = ("MP4 needs the video extra (an ffmpeg): pip install 'quadreg-gui[video]'; "
               "GIF needs nothing more")


@dataclass(frozen=True)
class AnimationSpec:
    """What to make: its size in pixels, frames a second, length, and what it shows."""

    width: int = 1280
    height: int = 720
    fps: int = 30
    seconds: float = 10.0
    area: str = "plots"

    @property
    def frames(self) -> int:
        return max(2, round(self.fps * self.seconds))

    def check(self, path: str) -> None:
        """ConfigError naming what is not allowed."""
        suffix = Path(path).suffix.lower()
        if suffix not in FORMATS:
            raise ConfigError(f"{path}: an animation is a .gif or an .mp4 file")
        if not (MIN_SIDE <= self.width <= MAX_WIDTH and MIN_SIDE <= self.height <= MAX_HEIGHT):
            raise ConfigError.bad_value("size", f"must be from {MIN_SIDE}x{MIN_SIDE} to "
                                                f"{MAX_WIDTH}x{MAX_HEIGHT}; got "
                                                f"{self.width}x{self.height}")
        if not 1 <= self.fps <= MAX_FPS:
            raise ConfigError.bad_value("fps", f"must be a whole number from 1 to {MAX_FPS}; "
                                               f"got {self.fps}")
        if not 0.1 <= self.seconds <= MAX_SECONDS:
            raise ConfigError.bad_value("seconds", f"must be a number in [0.1, {MAX_SECONDS}];"
                                                   f" got {self.seconds:g}")
        if self.area not in AREAS:
            raise ConfigError.bad_value("area", f"must be one of {', '.join(AREAS)}; got "
                                                f"{self.area!r}")
        if suffix == ".gif" and self.frames * self.width * self.height > MAX_GIF_PIXELS:
            raise ConfigError.bad_value("size", "a GIF that large or long is kept in memory "
                                                "until written: make it smaller or shorter, or "
                                                "an MP4")


def frame_epochs(epochs: int, frames: int) -> list[int]:
    """The epoch each frame shows: the run's start to its end, evenly."""
    return [round(i * epochs / (frames - 1)) for i in range(frames)]


class AnimationWriter(contextlib.AbstractContextManager):
    """``write(frame)`` for each frame; the file appears, whole, when the block ends
    without an error (an error or a cancel leaves no file)."""

    def __init__(self, path: str, spec: AnimationSpec) -> None:
        self.path, self.spec = path, spec
        self.mp4 = Path(path).suffix.lower() == ".mp4"
        self._frames: list[Any] = []
        self._stack = contextlib.ExitStack()
        self._encoder: Any = None

    def __enter__(self) -> AnimationWriter:
        if self.mp4:
            try:
                import imageio_ffmpeg
            except ImportError:
                raise ConfigError(MP4_MISSING) from None
            tmp = self._stack.enter_context(atomic_path(self.path))
            self._encoder = imageio_ffmpeg.write_frames(
                tmp, (self.spec.width, self.spec.height), fps=self.spec.fps, quality=8,
                macro_block_size=2, output_params=["-f", "mp4"])
            self._encoder.send(None)  # (the generator starts ffmpeg)
        return self

    def write(self, frame: np.ndarray) -> None:
        if frame.shape != (self.spec.height, self.spec.width, 3) or frame.dtype != np.uint8:
            raise ValueError(f"a frame of {self.spec.width}x{self.spec.height} RGB bytes; "
                             f"got {frame.shape} {frame.dtype}")
        if self.mp4:
            self._encoder.send(np.ascontiguousarray(frame))
        else:
            from PIL import Image
            self._frames.append(Image.fromarray(frame, "RGB").quantize(
                colors=256, method=Image.Quantize.MEDIANCUT))

    def __exit__(self, kind, error, traceback) -> None:
        try:
            if self.mp4:
                self._encoder.close()  # ffmpeg ends: the file is complete
            elif kind is None:
                self._write_gif()
        finally:
            self._stack.__exit__(kind, error, traceback)

    def _write_gif(self) -> None:
        first, *rest = self._frames
        with atomic_file(self.path, binary=True) as f:
            first.save(f, format="GIF", save_all=True, append_images=rest, loop=0,
                       duration=round(1000 / self.spec.fps), optimize=False)
        self._frames = []


def iter_frames(path: str) -> Iterator[np.ndarray]:
    """The frames of an animation file, as RGB arrays (tests and checks; small files)."""
    if Path(path).suffix.lower() == ".mp4":
        width, height = _mp4_size(path)
        raw = _ffmpeg(["-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]).stdout
        frames = np.frombuffer(raw, np.uint8).reshape(-1, height, width, 3)
        yield from frames
        return
    from PIL import Image, ImageSequence
    with Image.open(path) as image:
        for frame in ImageSequence.Iterator(image):
            yield np.asarray(frame.convert("RGB"))


def duration_seconds(path: str) -> float:
    """How long the animation plays."""
    if Path(path).suffix.lower() == ".mp4":
        found = re.search(r"Duration: (\d+):(\d+):([\d.]+)",
                          _ffmpeg(["-i", path], check=False).stderr.decode("utf-8", "replace"))
        if found is None:
            raise ValueError(f"{path}: no duration found")
        hours, minutes, seconds = found.groups()
        return int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    from PIL import Image, ImageSequence
    with Image.open(path) as image:
        return sum(frame.info.get("duration", 0) for frame in ImageSequence.Iterator(image)) \
            / 1000


def _ffmpeg(args: list[str], check: bool = True) -> subprocess.CompletedProcess:
    """imageio-ffmpeg's ffmpeg, run to its end (its own readers leave pipes open)."""
    import imageio_ffmpeg
    return subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", *args],
                          capture_output=True, check=check)


def _mp4_size(path: str) -> tuple[int, int]:
    info = _ffmpeg(["-i", path], check=False).stderr.decode("utf-8", "replace")
    found = re.search(r"Video: .*?, (\d{2,5})x(\d{2,5})", info)
    if found is None:
        raise ValueError(f"{path}: no video stream found")
    return int(found.group(1)), int(found.group(2))
