"""Your own data, experiments and exports in the window (pytest-qt, offscreen)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import csv  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from probe import lateness  # noqa: E402

from quadreg_gui.core.analysis.race import default_lr  # noqa: E402
from quadreg_gui.gui import store  # noqa: E402
from quadreg_gui.gui.column_dialog import ColumnDialog  # noqa: E402
from quadreg_gui.gui.run_controls import SPEEDS  # noqa: E402

DATA = Path(__file__).parent / "data"


@pytest.fixture
def window(window):
    window.run_controls.speed.setValue(len(SPEEDS) - 1)
    return window


def open_and_wait(qtbot, win, source, *columns):
    generation = win.run.generation
    win.files.open_data(source, *columns)
    qtbot.waitUntil(lambda: win.run.generation > generation and bool(win.run.loaded.config.data)
                    and not win.run.loading, timeout=10_000)


def run_to_end(qtbot, win, epochs=800):
    win.toggle_run()
    qtbot.waitUntil(lambda: win.run.state == "finished" and win.run.epoch == epochs,
                    timeout=10_000)


def test_cars_example_trains_to_the_optimum_with_its_default_rate(qtbot, window):
    open_and_wait(qtbot, window, "example:cars")
    ld = window.run.loaded
    assert (window.run.config.data, window.run.config.model) == ("example:cars", "quadratic")
    lr, _ = default_lr(ld.quad, window.run.config, ld.initial)
    assert window.run.config.lr == lr and window.panel.editors["lr"].value() == lr
    assert not window.data_plot.true_curve.isVisible()
    assert window.data_plot.getAxis("bottom").labelText.startswith("speed_mph  (z = (x − 15.4)")
    x_range = window.data_plot.getViewBox().viewRange()[0]
    assert x_range[0] > 3 and x_range[1] < 26  # the data's view, not the article's -1..1
    assert window.panel.source_label.isVisible()
    assert "50 points" in window.panel.source_label.text()
    assert not window.panel.editors["n_points"].isVisible()
    run_to_end(qtbot, window)
    np.testing.assert_allclose(window.run.latest.theta, ld.optimum, rtol=1e-6)
    qtbot.waitUntil(lambda: window.fit_readout.label.text().replace("\u00a0", " ").startswith(
        "y = 0.09996·x² + 0.9133·x + 2.47   R² 0.6673"))


def test_a_bad_file_leaves_the_data_and_the_run_untouched(qtbot, window):
    for _ in range(3):
        window.step()
    qtbot.waitUntil(lambda: window.run.epoch == 3)
    before = (window.run.config, window.run.generation, window.run.loaded)
    window.files.open_data(str(DATA / "nan.csv"))
    qtbot.waitUntil(lambda: window.banner.text().startswith("Not opened"))
    assert window.banner.text() == ("Not opened: nan.csv, line 3, column 2: 'nan' is not a "
                                    "finite number; expected a number such as 1.5 for 'y'")
    assert (window.run.config, window.run.generation, window.run.loaded) == before
    assert window.run.epoch == 3 and window.panel.editors["n_points"].isVisible()
    window.banner.button.click()  # Dismiss
    assert not window.banner.text().startswith("Not opened")


def test_a_load_the_engine_refuses_leaves_the_data_and_the_run_untouched(qtbot, window,
                                                                         tmp_path):
    """Settings naming a missing data file: the engine's error reaches the window (it
    could not be sent back before, and the load never ended)."""
    window.panel.editors["noise"].setValue(0.5)  # a live change: a mark on the loss plot
    for _ in range(3):
        window.step()
    qtbot.waitUntil(lambda: window.run.epoch == 3)
    before = (window.run.config, window.run.generation, window.run.loaded, window.run.table)
    marks = len(window.loss_plot.marks)
    path = tmp_path / "p.json"
    path.write_text('{"data": "%s"}' % (tmp_path / "missing.csv"))
    window.files.open_path(str(path))
    qtbot.waitUntil(lambda: window.banner.text().startswith("Not loaded"), timeout=10_000)
    assert window.banner.text() == f"Not loaded: {tmp_path / 'missing.csv'}: no such file"
    assert not window.run.loading and not window.busy.isVisible()
    assert (window.run.config, window.run.generation, window.run.loaded,
            window.run.table) == before
    assert window.panel.config == before[0]
    assert window.run.epoch == 3 and len(window.loss_plot.marks) == marks
    window.step()  # the run goes on where it was
    qtbot.waitUntil(lambda: window.run.epoch == 4)


def test_an_engine_that_cannot_start_is_said_in_one_sentence(qtbot, window, monkeypatch):
    from quadreg_gui.core.training import engine_process

    def cannot(self):
        raise engine_process.EngineLost("the training process ended (load)") \
            from OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(engine_process.RemoteEngine, "_connection", cannot)
    window.panel.editors["n_points"].setValue(50)
    qtbot.waitUntil(lambda: window.banner.text().startswith("Not loaded"), timeout=10_000)
    assert window.banner.text() == (
        "Not loaded: The training process could not start ([Errno 12] Cannot allocate "
        "memory): close other programs and try again.")
    assert window.panel.editors["n_points"].value() == 100 and not window.run.loading


HOSTILE = DATA / "hostile"
HOSTILE_EXPECTED = dict(line.split("\t", 1) for line in
                        (HOSTILE / "expected.txt").read_text(encoding="utf-8").splitlines())


def test_every_hostile_file_is_refused_in_the_window_as_on_the_command_line(
        qtbot, window, monkeypatch):
    """File > Open on each file of the CLI's hostile corpus: the banner gives the
    command line's message, and the data and the run stay as they were."""
    monkeypatch.chdir(HOSTILE)  # messages name the file as given
    window.step()
    qtbot.waitUntil(lambda: window.run.epoch == 1)
    before = (window.run.config, window.run.generation, window.run.loaded)
    for name, message in sorted(HOSTILE_EXPECTED.items()):
        window.files.show_message("")
        window.files.open_path(name)
        late = lateness(qtbot, lambda: window.banner.text().startswith("Not "), 10_000)
        assert window.banner.text() in (f"Not opened: {message}", f"Not loaded: {message}"), name
        assert (window.run.config, window.run.generation, window.run.loaded) == before, name
        assert late.max() < 60, f"{name}: the GUI thread waited {late.max():.0f} ms"
    assert window.run.epoch == 1


def test_more_than_two_columns_ask_which(qtbot, window, monkeypatch):
    asked = []

    def choose(dialog):
        asked.append([dialog.x_combo.itemText(i) for i in range(dialog.x_combo.count())])
        dialog.x_combo.setCurrentIndex(0)
        dialog.y_combo.setCurrentIndex(2)
        return ColumnDialog.DialogCode.Accepted

    monkeypatch.setattr(ColumnDialog, "exec", choose)
    open_and_wait(qtbot, window, str(DATA / "four_columns.csv"))
    assert asked == [["speed", "dist", "year"]]
    assert (window.run.config.x_column, window.run.config.y_column) == ("speed", "year")
    np.testing.assert_array_equal(window.run.loaded.data.y, [1920, 1921, 1922])


def test_a_file_of_one_huge_line_never_stalls_the_window(qtbot, window, tmp_path):
    """A 100 MB line: refused on its bytes in the reading thread; decoding and
    splitting it there first kept the GUI thread waiting 143 ms (goal: 30 ms)."""
    path = tmp_path / "line.csv"
    path.write_text("1,2," * 25_000_000 + "\n")
    window.files.open_data(str(path))
    late = lateness(qtbot, lambda: window.banner.text().startswith("Not opened"), 10_000)
    assert window.banner.text() == ("Not opened: line.csv, line 1: longer than 65,536 "
                                    "characters; expected a header and rows of at most that")
    assert late.max() < 60, f"the GUI thread waited {late.max():.0f} ms"


def test_dialogs_and_recent_menus_made_per_use_do_not_stay(qtbot, window, tmp_path,
                                                            monkeypatch):
    """A session opens many of them: each used to stay, a child of the window, until
    the window closed (memory grew over a long session)."""
    from PySide6.QtCore import QAbstractAnimation, QObject
    from PySide6.QtGui import QAction

    from quadreg_gui.gui.race_dialog import RaceDialog

    monkeypatch.setattr(RaceDialog, "exec", lambda dialog: RaceDialog.DialogCode.Rejected)
    store.remember_file(str(tmp_path / "a.csv"))

    def count(kind):
        """(Animations end and go by themselves, so they are not counted: one runs
        for a moment after a load.  One failure in CI, on Python 3.13, found one object
        more and did not say which; a failure now lists them.)"""
        return len([o for o in window.findChildren(kind)
                    if not isinstance(o, QAbstractAnimation)])

    window.actions.fill_recent_menu()
    window.race.open_dialog()
    qtbot.waitUntil(lambda: count(RaceDialog) == 0)
    before = (count(QAction), count(QObject))
    for _ in range(10):
        window.actions.fill_recent_menu()
        window.race.open_dialog()
    qtbot.waitUntil(lambda: count(RaceDialog) == 0)
    # None stays (a deferred timer pending at the first count may have ended since).
    assert count(QAction) == before[0] and count(QObject) <= before[1], \
        sorted(type(o).__name__ for o in window.findChildren(QObject))


def test_dropping_a_file_opens_it(qtbot, window, tmp_path):
    path = tmp_path / "points.csv"
    shutil.copy(DATA / "crlf.csv", path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier)
    try:  # PySide6 6.12 takes a QPointF (and deprecates QPoint); earlier ones a QPoint
        enter = QDragEnterEvent(QPointF(50, 50), *args)
    except TypeError:
        enter = QDragEnterEvent(QPoint(50, 50), *args)
    assert QApplication.sendEvent(window, enter) and enter.isAccepted()
    event = QDropEvent(QPointF(50, 50), *args)
    generation = window.run.generation
    QApplication.sendEvent(window, event)
    qtbot.waitUntil(lambda: window.run.generation > generation
                    and bool(window.run.loaded.config.data))
    assert window.run.loaded.data.name == "points.csv"
    assert store.recent_files()[0] == str(path.resolve())


def test_edits_keep_the_file_and_article_data_returns(qtbot, window):
    open_and_wait(qtbot, window, "example:galileo")
    window.panel.editors["lr"].setValue(0.05)
    assert window.run.config.data == "example:galileo" and window.run.config.lr == 0.05
    window.panel.standardize_check.setChecked(False)
    qtbot.waitUntil(lambda: window.run.loaded.data.scaling is None and not window.run.loading)
    assert window.run.config.standardize == "off"
    generation = window.run.generation
    window.panel.article_button.click()
    qtbot.waitUntil(lambda: window.run.generation > generation and not window.run.loading)
    assert window.run.config.data == "" and window.run.loaded.data.truth == (3.0, 2.0)
    assert window.data_plot.true_curve.isVisible()


def test_saved_experiment_reopens_as_the_identical_run(qtbot, window, tmp_path):
    path = tmp_path / "class.quadreg.json"
    source = tmp_path / "points.csv"
    shutil.copy(DATA / "bom.csv", source)
    open_and_wait(qtbot, window, str(source))
    window.panel.editors["optimizer"].setCurrentIndex(1)  # momentum
    window.panel.editors["epochs"].setValue(300)
    run_to_end(qtbot, window, 300)
    first = window.log.lines()
    assert window.files.save_experiment_to(str(path))
    window.files.use_article_data()
    qtbot.waitUntil(lambda: not window.run.config.data and not window.run.loading)
    generation = window.run.generation
    window.files.open_experiment(str(path))
    qtbot.waitUntil(lambda: window.run.generation > generation and not window.run.loading)
    assert window.run.config.optimizer == "momentum" and window.run.config.data == str(source)
    run_to_end(qtbot, window, 300)
    assert window.log.lines() == first


def test_experiment_with_a_changed_data_file_warns(qtbot, window, tmp_path):
    rows = "\n".join(f"{i},{i * i + 1}" for i in range(20_000))
    source = tmp_path / "big.csv"
    source.write_text("x,y\n" + rows + "\n")
    open_and_wait(qtbot, window, str(source))
    path = tmp_path / "run.quadreg.json"
    assert window.files.save_experiment_to(str(path))
    with source.open("a") as f:
        f.write("20000,1\n")
    window.files.open_experiment(str(path))
    qtbot.waitUntil(lambda: "changed since" in window.banner.text())
    assert window.banner.level == "warning"


def test_save_failures_are_one_sentence_and_leave_nothing(qtbot, window, tmp_path,
                                                          monkeypatch):
    assert not window.files.save_experiment_to(str(tmp_path / "no" / "x.quadreg.json"))
    assert window.banner.text() == "Could not save x.quadreg.json: No such file or directory."

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    assert not window.exports.export_window(str(tmp_path / "window.png"))
    assert window.banner.text() == "Could not save window.png: No space left on device."
    assert list(tmp_path.iterdir()) == []


def test_exports_write_png_svg_csv_and_script(qtbot, window, tmp_path):
    run_to_end(qtbot, window)
    ex = window.exports
    for key in ex.plots():
        assert ex.export_plot(key, str(tmp_path / f"{key}.png"), "png", 2.0)
        assert ex.export_plot(key, str(tmp_path / f"{key}.svg"), "svg")
        assert (tmp_path / f"{key}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        ET.parse(tmp_path / f"{key}.svg")  # well-formed XML
        assert (tmp_path / f"{key}.svg").stat().st_size > 1000
    small = window.exports.plots()["data"][1].width()
    from PySide6.QtGui import QImage
    assert QImage(str(tmp_path / "data.png")).width() >= 2 * small - 2
    assert ex.export_window(str(tmp_path / "window.png"))
    ex.copy_plot("loss")
    assert not QGuiApplication.clipboard().image().isNull()
    with qtbot.waitSignal(ex.historySaved, timeout=10_000) as done:
        ex.export_history(str(tmp_path / "history.csv"))
    assert done.args[0].complete
    rows = list(csv.reader((tmp_path / "history.csv").read_text().splitlines()))
    assert rows[0] == ["epoch", "w_after", "b_after", "loss_before", "lr", "grad_w_before",
                       "grad_b_before"] and len(rows) == 801
    assert ex.export_script(str(tmp_path / "run.py"))
    assert "import numpy as np" in (tmp_path / "run.py").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{k}.{s}" for k in ex.plots() for s in ("png", "svg")]
        + ["window.png", "history.csv", "run.py"])  # no temporary files left


def test_missing_recent_file_is_forgotten_with_a_message(qtbot, window, tmp_path):
    path = tmp_path / "gone.csv"
    store.remember_file(str(path))
    window.actions.fill_recent_menu()
    assert str(path) in [a.toolTip() for a in window.actions.recent_menu.actions()]
    window.files.open_recent(str(path))
    assert "gone.csv no longer exists" in window.banner.text()
    assert str(path) not in store.recent_files()


def test_large_file_reads_in_the_background_with_progress(qtbot, window, tmp_path,
                                                          monkeypatch):
    monkeypatch.setattr("quadreg_gui.gui.files.PROGRESS_AFTER_MS", 0)
    path = tmp_path / "large.csv"
    x = np.linspace(-1, 1, 300_000)
    np.savetxt(path, np.column_stack([x, 2 * x**2]), delimiter=",", fmt="%.6f")
    fractions = []
    window.files.background.progressed.connect(lambda kind, f: fractions.append(f))
    open_and_wait(qtbot, window, str(path))
    assert len(fractions) >= 5 and fractions[-1] == 1.0
    assert not window.busy.isVisible() and window.run.loaded.data.n == 300_000
    QApplication.processEvents()


def _pixels(image):
    from PySide6.QtGui import QImage

    image = image.convertToFormat(QImage.Format.Format_RGB32)
    raw = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes())
    return raw.reshape(image.height(), image.bytesPerLine() // 4, 4)[:, :image.width(), :3] \
        .astype(int)


def _ink(rgb):
    """Dark grey pixels: the axes, ticks and text."""
    return (rgb.max(axis=2) < 110) & (rgb.max(axis=2) - rgb.min(axis=2) < 40)


def _within_a_pixel(mask, of):
    grown = of.copy()
    grown[1:] |= of[:-1]
    grown[:-1] |= of[1:]
    grown[:, 1:] |= of[:, :-1]
    grown[:, :-1] |= of[:, 1:]
    return (mask & grown).sum() / mask.sum()


@pytest.mark.parametrize("key", ["data", "loss", "landscape"])
@pytest.mark.parametrize("non_scaling_strokes", [True, False])
def test_an_exported_svg_renders_like_the_png_of_the_same_plot(qtbot, window, key,
                                                                non_scaling_strokes):
    """The axes' text and ticks of the SVG lie where the PNG has them (at QSvgGenerator's
    own 90 dpi they were drawn scaled, off the data): most ink of each within a pixel
    of the other's, and the data's colours in the same box.  Also in a renderer that
    ignores vector-effect="non-scaling-stroke" (ImageMagick's): the curves, written in
    data coordinates under a scaling transform, filled the plot there."""
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from quadreg_gui.gui.exports import plot_image, plot_svg

    _, plot = window.exports.plots()[key]
    png = plot_image(plot, 1.0)
    drawn = QImage(png.size(), QImage.Format.Format_RGB32)
    drawn.fill(QColor("white"))
    painter = QPainter(drawn)
    svg = plot_svg(plot)
    if not non_scaling_strokes:
        svg = svg.replace(b'vector-effect="non-scaling-stroke"', b"")
    QSvgRenderer(svg).render(painter)
    painter.end()
    a, b = _pixels(png), _pixels(drawn)
    assert _within_a_pixel(_ink(b), _ink(a)) > 0.75
    assert _within_a_pixel(_ink(a), _ink(b)) > 0.4
    colour = [np.nonzero(rgb.max(axis=2) - rgb.min(axis=2) > 80) for rgb in (a, b)]
    for (ya, xa), (yb, xb) in [colour]:
        assert abs(ya.min() - yb.min()) <= 2 and abs(ya.max() - yb.max()) <= 2
        assert abs(xa.min() - xb.min()) <= 2 and abs(xa.max() - xb.max()) <= 2


def test_a_history_export_without_data_is_answered_and_not_left_pending(qtbot, tmp_path):
    """The engine has no run yet (its load failed or has not ended): the export is
    answered with why, so the window does not keep it as being written (at quit it
    said it had cancelled it)."""
    from quadreg_gui.gui.worker import TrainingWorker
    worker = TrainingWorker()
    try:
        path = str(tmp_path / "h.csv")
        with qtbot.waitSignal(worker.historyWritten) as written:
            worker.writeHistory(path)
        done = written.args[0]
        assert (done.path, done.complete, done.error) == (path, False, "no run has data yet")
    finally:
        worker.close_engine()
    assert not (tmp_path / "h.csv").exists()


def test_a_file_the_launcher_passes_opens_as_what_it_is(qtbot, window, tmp_path):
    """The launcher's %f (quadreg-gui FILE): a data file, an experiment and a lesson,
    each opened as what it is."""
    from quadreg_gui.core.files.lesson import built_in_path
    source = tmp_path / "points.csv"
    shutil.copy(DATA / "bom.csv", source)
    window.files.open_path(str(source))
    qtbot.waitUntil(lambda: window.run.config.data == str(source) and not window.run.loading)
    window.panel.editors["epochs"].setValue(321)
    experiment = tmp_path / "class.quadreg.json"
    assert window.files.save_experiment_to(str(experiment))
    window.files.use_article_data()
    qtbot.waitUntil(lambda: not window.run.config.data and not window.run.loading)
    window.files.open_path(str(experiment))
    qtbot.waitUntil(lambda: window.run.config.data == str(source) and not window.run.loading)
    assert window.run.config.epochs == 321
    lesson = tmp_path / "class.quadreg-lesson.json"
    shutil.copy(built_in_path("article"), lesson)
    window.files.open_path(str(lesson))
    qtbot.waitUntil(lambda: window.lessons.active and window.lesson_bar.isVisible())


def test_a_notebook_exports_in_the_window_s_language(qtbot, window, tmp_path):
    """File ▸ Export ▸ Jupyter notebook…: the run shown, the article's sections in the
    language the window speaks."""
    from quadreg_gui.core.files.notebook import WORDS
    assert window.findChild(QAction, "exportNotebookAction") is not None
    window.panel.editors["lr"].setValue(0.004)
    qtbot.waitUntil(lambda: window.run.config.lr == 0.004)
    path = tmp_path / "class.ipynb"
    window.language.set_language("zh_CN")
    try:
        assert window.exports.export_notebook(str(path), window.language.code)
    finally:
        window.language.set_language("en")
    cells = ["".join(cell["source"])  # (on disk, a cell's lines are a list)
             for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]]
    assert "gradient descent, lr 0.004" in cells[0]
    assert cells[1] == f"## {WORDS['zh_CN']['data']}"
    assert not window.exports.export_notebook(str(tmp_path / "no" / "x.ipynb"), "en")
