"""Start the QuadReg desktop application: its command line, then its window."""

from __future__ import annotations

import argparse
import os
import signal
import socket
import sys
from collections.abc import Sequence
from typing import NoReturn

from .. import __version__
from ..core.config import SOURCE_HELP, ConfigError
from ..core.files.animation import AREAS, AnimationSpec, AnimationWriter, frame_epochs
from ..core.training.engine import Engine
from ..core.training.engine_process import RemoteEngine
from ..core.files.experiment import Experiment, read_experiment
from ..core.files.lesson import BUILT_IN, built_in_path, read_lesson
from ..core.i18n import LANGUAGES, normalize
from ..core.analysis.race import Racer, parse_race
from ..desktop import APP_ID, data_home, install, uninstall
from .self_test import self_test

#: Base font size: readable from the back of a classroom.
MIN_POINT_SIZE = 10
PROG = "quadreg-gui"
EXIT_BAD_INPUT = 2
#: Qt's own options that take a value, passed on to Qt (e.g. -platform offscreen).
QT_OPTIONS_WITH_VALUE = ("-platform", "-style", "-stylesheet", "-qwindowgeometry",
                         "-qwindowtitle", "-qwindowicon", "-display", "-geometry")
QT_FLAGS = ("-reverse",)


class _Parser(argparse.ArgumentParser):
    """A bad option: one line on stderr and exit status 2, no window."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{PROG}: error: {message} (see {PROG} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="QuadReg: watch gradient descent fit y = w*x^2 + b, live. Opens the "
                    "window with the article's settings; press Space to train.",
        epilog="Qt's own options are passed to Qt: " + ", ".join(
            f"{o} VALUE" for o in QT_OPTIONS_WITH_VALUE[:4]) + ", -reverse. "
               "The same training runs headless with quadreg-train.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("file", nargs="?", metavar="FILE",
                        help="An experiment (.quadreg.json) or a data file to open.")
    parser.add_argument("--data", metavar="FILE", help=SOURCE_HELP["data"])
    desktop = parser.add_mutually_exclusive_group()
    desktop.add_argument("--install-desktop", action="store_true",
                         help="Add QuadReg to the desktop's menu for you (XDG_DATA_HOME): a "
                              "launcher, its icon, an AppStream description and the file "
                              "types of experiments and lessons; then exit.")
    desktop.add_argument("--uninstall-desktop", action="store_true",
                         help="Remove exactly what --install-desktop added; then exit.")
    parser.add_argument("--self-test", action="store_true",
                        help="Offscreen, with the article's settings: run its 800 epochs in "
                             "the window, compare the log with the article's own loop, and "
                             "exit 0 if they are equal (1 if not).")
    parser.add_argument("--x-column", metavar="NAME|N", default="",
                        help=SOURCE_HELP["x_column"])
    parser.add_argument("--y-column", metavar="NAME|N", default="",
                        help=SOURCE_HELP["y_column"])
    parser.add_argument("--lesson", metavar="FILE|NAME",
                        help="Start with a lesson: a .quadreg-lesson.json file, or a built-in "
                             "one by name: " + ", ".join(BUILT_IN) + ".")
    video = parser.add_argument_group(
        "animation", "Write the run of an experiment as a GIF or MP4, offscreen (no window "
        "shown), replaying it epoch for epoch; progress on stderr.")
    video.add_argument("--export-animation", nargs=2, metavar=("EXPERIMENT", "OUT"),
                       help="The experiment (.quadreg.json) to replay, and the .gif or .mp4 "
                            "to write (MP4 needs the video extra).")
    video.add_argument("--size", default="1280x720", metavar="WxH",
                       help="Width x height in pixels, up to 1920x1080 (default 1280x720).")
    video.add_argument("--fps", type=int, default=30, help="Frames a second (default 30).")
    video.add_argument("--seconds", type=float, default=10.0,
                       help="Length in seconds (default 10): the run from its start to its "
                            "last epoch.")
    video.add_argument("--area", default="plots", choices=AREAS,
                       help="The whole plot area, or one panel (default plots).")
    video.add_argument("--race", metavar="OPT[:NAME=X...],...",
                       help="Replay a race of these optimizers on the experiment's data "
                            "instead of its run, as quadreg-train --race takes them.")
    video.add_argument("--step", type=int, default=1, metavar="N",
                       help="With --lesson: the step whose caption is shown (from 1).")
    parser.add_argument("--lang", metavar="CODE", type=language_code,
                        help="The window's language: " + ", ".join(
                            f"{code} ({name})" for code, name in LANGUAGES.items())
                        + ". Default: the one chosen in View > Language, else the system's.")
    return parser


def language_code(text: str) -> str:
    """--lang's value: zh_CN, zh-CN, zh, en, en_US...; argparse turns the error into
    one line and exit status 2."""
    code = normalize(text)
    if code is None:
        raise argparse.ArgumentTypeError(
            f"unknown language {text!r}; allowed: {', '.join(LANGUAGES)}")
    return code


def split_qt_options(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """(our arguments, Qt's arguments) of a command line without the program name."""
    ours: list[str] = []
    qt: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg in QT_OPTIONS_WITH_VALUE:
            qt += [arg, next(args, "")]
        elif arg in QT_FLAGS:
            qt.append(arg)
        else:
            ours.append(arg)
    return ours, qt


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """Answer --help and --version, reject unknown options; returns ours and Qt's."""
    ours, qt = split_qt_options(argv)
    return build_parser().parse_args(ours), qt


def create_app(argv: Sequence[str]):  # -> QApplication (Qt is imported only when needed)
    from PySide6.QtWidgets import QApplication

    from .fonts import choose_ui_font
    from .look import set_base_point_size

    app = QApplication.instance() or QApplication(list(argv))
    app.setApplicationName("QuadReg")
    app.setApplicationDisplayName("QuadReg")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)  # (the launcher's: --install-desktop)
    font = choose_ui_font(app.font())
    if font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
    app.setFont(font)
    set_base_point_size(font.pointSizeF())
    return app


def close_on_signals(window) -> object:
    """Ctrl+C in the terminal and SIGTERM (logout, `kill`) close the window as Ctrl+Q
    does.  Python runs signal handlers only between bytecodes, which Qt's event loop
    does not execute while it waits: the signal's byte on a socket wakes it at once.
    Returns what must stay alive as long as the window."""
    from PySide6.QtCore import QSocketNotifier, QTimer

    reader, writer = socket.socketpair()
    for sock in (reader, writer):
        sock.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    for signum in (signal.SIGINT, signal.SIGTERM):
        # Python runs the handler at its next bytecode, which may be inside a paint
        # that Qt called into Python: closing there would let the paint flush to a
        # destroyed window.  So the close waits for the event loop.
        signal.signal(signum, lambda *_: QTimer.singleShot(0, window, window.close))
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)

    def drain() -> None:  # the Python handler has run by now; empty the socket
        try:
            reader.recv(64)
        except OSError:
            pass

    notifier.activated.connect(drain)
    return reader, writer, notifier


def animation_spec(options: argparse.Namespace) -> AnimationSpec:
    """The animation the options ask for; ConfigError naming what is not allowed."""
    width, _, height = options.size.lower().partition("x")
    if not (width.isdigit() and height.isdigit()):
        raise ConfigError(f"--size must be WIDTHxHEIGHT, e.g. 1280x720; got {options.size!r}")
    spec = AnimationSpec(int(width), int(height), options.fps, options.seconds, options.area)
    spec.check(options.export_animation[1])
    return spec


def replayed_race(specs: str, experiment: Experiment) -> list[Racer]:
    """--race's racers on the experiment's data, from its start; ConfigError naming what
    is wrong."""
    loaded = Engine().load(experiment.config, experiment.table)
    return parse_race(specs, experiment.config, loaded.quad, loaded.initial)


def export_animation(options: argparse.Namespace, qt_args: list[str]) -> int:
    """--export-animation: the experiment's run replayed in an offscreen window, its
    frames written; 0 when written, 2 for bad input, 1 if writing failed."""
    from .frame_loop import FrameLoop, stage
    from .main_window import MainWindow
    from .run_controls import SPEEDS

    source, out = options.export_animation
    try:
        spec = animation_spec(options)
        experiment = read_experiment(source)
        lesson = read_lesson(built_in_path(options.lesson) if options.lesson in BUILT_IN
                             else options.lesson) if options.lesson else None
        racers = replayed_race(options.race, experiment) if options.race else []
    except (ConfigError, ValueError) as exc:  # (DataFileError is a ValueError)
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = create_app([PROG, *qt_args])
    window = MainWindow()
    if options.lang:
        window.language.set_language(options.lang)
    window.run_controls.speed.setValue(len(SPEEDS) - 1)
    window.actions.panel_actions["parametersAction"].setChecked(False)
    if lesson is not None:
        window.lessons.show_caption(lesson, options.step - 1)
        window.lesson_bar.hide_buttons()
    window.focus.set("" if spec.area == "plots" else spec.area)
    window.show()
    area = stage([window.lesson_bar, window.grid] if lesson else [window.grid], spec.width,
                 spec.height)
    window.apply_data(experiment.config, experiment.table)
    if racers:  # raced once the data is in
        window.run.loadedChanged.connect(lambda: window.race.active or window.race.prepare(
            racers))
    outcome = {"error": ""}
    with AnimationWriter(out, spec) as writer:
        loop = FrameLoop(window.run, area, writer, frame_epochs(experiment.config.epochs,
                                                                spec.frames),
                         (lambda: window.race.epoch) if racers else lambda: window.run.epoch,
                         window.requestSteps.emit,
                         window.schedule_redraw, lambda: window.redraws)
        loop.progressed.connect(lambda done, frames: print(
            f"frame {done} of {frames}", file=sys.stderr, flush=True))
        loop.finished.connect(lambda error: (outcome.update(error=error), app.quit()))
        loop.start()
        app.exec()
        if outcome["error"]:
            raise OSError(outcome["error"])
    window.shutdown()
    print(f"{PROG}: wrote {out}", file=sys.stderr)
    return 0


def desktop_files(add: bool) -> int:
    """--install-desktop / --uninstall-desktop: what was done, a line each."""
    try:
        done = install() if add else uninstall()
    except OSError as exc:
        print(f"{PROG}: error: {exc.strerror or exc}: {exc.filename or data_home()}",
              file=sys.stderr)
        return 1
    print("\n".join(done))
    return 0


def main(argv: Sequence[str] | None = None) -> NoReturn:
    args = list(sys.argv[1:] if argv is None else argv)
    options, qt_args = parse_args(args)
    if options.install_desktop or options.uninstall_desktop:
        sys.exit(desktop_files(options.install_desktop))
    if options.self_test:
        from .main_window import MainWindow
        code = self_test(qt_args, MainWindow, PROG)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    if options.export_animation:
        try:
            code = export_animation(options, qt_args)
        except ConfigError as exc:  # (an MP4 without the video extra)
            print(f"{PROG}: error: {exc}", file=sys.stderr)
            code = 2
        except OSError as exc:
            print(f"{PROG}: error: cannot write {options.export_animation[1]}: "
                  f"{exc.strerror or exc}", file=sys.stderr)
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    engine = RemoteEngine.forked_now()  # (before Qt's imports and threads)
    from .main_window import MainWindow

    app = create_app([PROG, *qt_args])
    window = MainWindow(remember=True, engine=engine)
    if options.lang:
        window.language.set_language(options.lang)
    if options.data:
        window.files.open_data(options.data, options.x_column, options.y_column)
    elif options.file:
        window.files.open_path(options.file)
    if options.lesson:
        built_in = options.lesson in BUILT_IN
        window.files.open_lesson(built_in_path(options.lesson) if built_in else options.lesson,
                                 remember=not built_in)
    keep = close_on_signals(window)
    app.aboutToQuit.connect(window.shutdown)
    window.show()
    code = app.exec()
    signal.set_wakeup_fd(-1)
    del keep
    # The session is saved and synced, a history file being written is complete, and
    # the worker has stopped (or stops inside one NumPy call, computing nothing to
    # keep): nothing is left but freeing memory.  The interpreter's teardown of every
    # Qt and pyqtgraph object would take 120-150 ms (measured) after the window went.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
