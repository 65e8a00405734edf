"""The window in English and Simplified Chinese: every visible string translated,
switched at run time without losing the run; the .ts and .qm files up to date."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QAction, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from quadreg_gui.core.i18n import normalize, tr
from quadreg_gui.gui.app import parse_args
from quadreg_gui.gui.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "quadreg_zh_CN.ts"
#: Words that stay as they are in Chinese: symbols, names, keys, file types, units.
KEEP = {
    "w", "b", "x", "y", "z", "a", "c", "k", "t", "e", "v", "U", "L", "lr", "L2", "RMS", "RMSE",
    "Adam", "AdaGrad", "RMSProp", "Nesterov", "GD", "Hessian", "Okabe", "Ito", "Ezekiel",
    "QuadReg", "NumPy", "Jupyter", "MIT", "CSV", "TSV", "PNG", "SVG", "MP", "GIF", "JSON",
    "Ctrl",  # MP4
    "Shift", "Esc",
    "F5", "F11", "Home", "Page", "Up", "Down", "Alt", "Delete", "English", "csv", "tsv", "txt",
    "dat",
    "json", "quadreg", "train", "history", "out", "race", "beta", "lambda", "article",
    "quadratic", "line", "cubic", "sum", "mean", "x_min", "x_max", "log", "min", "max",
}


def visible_texts(win: MainWindow) -> dict[str, str]:
    """Every text a user can see or hear under ``win``: widget texts, tooltips,
    accessible names, menu entries, combo items, tabs, table headers, plot titles,
    axis labels and legends.  Keys say where.  Not text: the training log (the article's
    format), recent files (names), and Qt's own internal widgets (objectName qt_*, the tab
    bar's scroll arrows)."""
    texts: dict[str, str] = {}

    def add(where: str, text: str) -> None:
        if text:
            texts[where] = text

    for i, w in enumerate(win.findChildren(QWidget)):
        name = w.objectName()
        if name.startswith(("qt_", "Scroll")) or name == "logView":
            continue
        key = f"{i}:{type(w).__name__}:{name}"
        add(key + ".tip", w.toolTip())
        add(key + ".accessible", w.accessibleName())
        if isinstance(w, (QLabel, QAbstractButton)):
            add(key, w.text())
        elif isinstance(w, (QGroupBox, QMenu)):
            add(key, w.title())
        elif isinstance(w, QComboBox):
            for k in range(w.count()):
                add(f"{key}[{k}]", w.itemText(k))
        elif isinstance(w, QTabWidget):
            for k in range(w.count()):
                add(f"{key}[{k}]", w.tabText(k))
        elif isinstance(w, QTableWidget):
            for k in range(w.columnCount()):
                item = w.horizontalHeaderItem(k)
                add(f"{key}.head[{k}]", item.text())
                add(f"{key}.headtip[{k}]", item.toolTip())
        elif isinstance(w, QPlainTextEdit):
            add(key, w.toPlainText())
        elif isinstance(w, QListWidget):
            for k in range(w.count()):
                add(f"{key}[{k}]", w.item(k).text())
                add(f"{key}[{k}].tip", w.item(k).toolTip())
    for i, action in enumerate(win.findChildren(QAction)):
        if action.objectName() == "recentFileAction":  # a file's name and path
            continue
        if action.associatedObjects() and not action.isSeparator():  # in a menu or bar
            add(f"action{i}:{action.objectName()}", action.text())
            add(f"action{i}:{action.objectName()}.tip", action.toolTip())
    for plot in (win.data_plot, win.loss_plot, win.landscape.plot):
        item = plot.getPlotItem()
        add(plot.objectName() + ".title", item.titleLabel.text)
        for side in ("bottom", "left"):
            add(f"{plot.objectName()}.{side}", item.getAxis(side).labelText)
        for k, (_, label) in enumerate(plot._legend.items if plot._legend else []):
            add(f"{plot.objectName()}.legend[{k}]", label.text)
    add("optimum", win.loss_plot.minimum.label.toPlainText())
    for k, mark in enumerate(win.loss_plot.marks):
        add(f"mark[{k}]", mark.label.toPlainText())
        add(f"mark[{k}].tip", mark.line.toolTip())
    add("colour bar", win.landscape.plot.bar.getAxis("left").labelText)
    add("colour bar ticks", win.landscape.plot.bar.axis.labelText)
    add("left the view", win.landscape.plot.note.textItem.toPlainText())
    return texts


def english_words(text: str) -> list[str]:
    plain = re.sub(r"<[^>]+>", " ", text)  # rich text: the tags are not shown
    return [w for w in re.findall(r"[A-Za-z_]{2,}", plain) if w not in KEEP]


@pytest.fixture
def win(window):
    yield window
    window.language.set_language("en")  # translators are the application's


def settle(qtbot, win: MainWindow) -> None:
    """Until the redraw the switch scheduled has run."""
    drawn = win.redraws
    win.schedule_redraw()
    qtbot.waitUntil(lambda: win.redraws > drawn)


def test_every_visible_string_changes_to_chinese_and_back(qtbot, win):
    for _ in range(2):  # a pinned run (labelled by what differs from now); a new one
        win.run_controls.step_button.click()  # a step explained, a run under way
        qtbot.waitUntil(lambda: win.run.epoch == 1)
        if not win.pins_panel.list.count():
            win.pins.pin_run()
            qtbot.waitUntil(lambda: win.run.epoch == 0)
    changed = win.run.config.replace(schedule="step", optimizer="momentum")
    win.loss_plot.add_mark(1, changed, ("optimizer", "batch_size", "schedule", "init"), 0.0)
    settle(qtbot, win)
    english = visible_texts(win)
    assert len(english) > 250

    win.actions.language_actions["zh_CN"].trigger()
    settle(qtbot, win)
    chinese = visible_texts(win)
    assert chinese.keys() == english.keys()
    untranslated = {k: t for k, t in chinese.items() if english_words(t)}
    assert untranslated == {}
    assert win.menuBar().actions()[0].text() == "文件(&F)"
    assert win.loss_plot.getPlotItem().titleLabel.text.startswith("损失")
    assert win.run.epoch == 1  # the run goes on

    win.actions.language_actions["en"].trigger()
    settle(qtbot, win)
    assert visible_texts(win) == english


def test_chinese_uses_the_article_terms(qtbot, win):
    win.language.set_language("zh_CN")
    labels = {label.buddy().objectName(): label.text() for label in win.panel.labels}
    assert labels["lrSpin"] == "学习率"
    assert labels["epochsSpin"] == "训练轮数"
    assert labels["momentumSpin"].startswith("动量")
    assert win.panel.editors["optimizer"].itemText(0) == "梯度下降"
    assert "正则化" in win.panel.editors["l2"].toolTip()
    assert tr("Loss") == "损失"


def test_messages_made_before_the_switch_follow_it(qtbot, win):
    lr = win.panel.editors["lr"]
    lr.lineEdit().setText("0")
    lr.lineEdit().textEdited.emit("0")
    assert "must be" in win.banner.text()
    win.language.set_language("zh_CN")
    assert "应为" in win.banner.text() and "must be" not in win.banner.text()
    settle(qtbot, win)
    assert "就绪" in win.status_labels["state"].text()


def test_a_run_in_progress_is_not_lost(qtbot, win):
    win.panel.editors["epochs"].setValue(10_000_000)  # runs on through the test
    win.run_controls.speed.setValue(win.run_controls.speed.maximum())
    win.toggle_run()
    qtbot.waitUntil(lambda: win.run.epoch > 100)
    before = win.run.epoch
    win.language.set_language("zh_CN")
    qtbot.waitUntil(lambda: win.run.epoch > before + 100)
    assert win.run.state == "running", win.run.state
    assert win.run_controls.start_button.text() == "暂停"
    win.toggle_run()
    qtbot.waitUntil(lambda: win.run.state == "paused")



def test_the_language_is_remembered_only_when_chosen(qtbot, settings):
    first = MainWindow(remember=True)
    qtbot.addWidget(first)
    first.language.choose("zh_CN")
    first.show()
    first.close()
    assert settings.value("session/language", type=str) == "zh_CN"
    again = MainWindow(remember=True)
    qtbot.addWidget(again)
    assert again.language.code == "zh_CN" and again.actions.language_actions["zh_CN"].isChecked()
    assert again.menuBar().actions()[0].text() == "文件(&F)"
    again.restore_defaults()
    assert again.language.code == "en" or QLocale.system().name().startswith("zh")
    again.language.set_language("en")
    again.close()


def test_a_foreign_language_setting_falls_back_with_one_line(qtbot, capfd, settings):
    settings.setValue("session/language", "klingon")
    settings.sync()
    win = MainWindow(remember=True)
    qtbot.addWidget(win)
    err = capfd.readouterr().err
    assert err.count("\n") == 1 and "language" in err and "klingon" in err
    win.language.set_language("en")
    win.close()


@pytest.mark.parametrize("given, code", [("zh_CN", "zh_CN"), ("zh-CN", "zh_CN"), ("zh", "zh_CN"),
                                         ("en", "en"), ("en_GB.UTF-8", "en"), ("fr", None)])
def test_language_codes(given, code):
    assert normalize(given) == code


def test_the_command_line_chooses_the_language(capsys):
    assert parse_args(["--lang", "zh-CN"])[0].lang == "zh_CN"
    with pytest.raises(SystemExit) as stop:
        parse_args(["--lang", "fr"])
    assert stop.value.code == 2
    assert "allowed: en, zh_CN" in capsys.readouterr().err


# --- the translation files ---------------------------------------------------------------
def messages() -> list[tuple[str, str, str | None]]:
    return [(m.findtext("source"), m.findtext("translation") or "",
             m.find("translation").get("type"))
            for m in ET.parse(TS).iter("message")]


def test_every_source_has_a_finished_translation_with_the_same_fields():
    found = messages()
    assert len(found) > 300
    for source, text, kind in found:
        assert kind is None and text, source
        assert sorted(re.findall(r"\{[^}]*\}", source)) == \
            sorted(re.findall(r"\{[^}]*\}", text)), source
        assert source.count("&") == text.count("&"), source  # the menus keep a mnemonic


def tool(name: str) -> Path:
    path = Path(sys.executable).with_name(name)
    if not path.exists():
        pytest.skip(f"{name} is not installed beside this Python")
    return path


def test_the_ts_file_holds_every_string_of_the_code(tmp_path):
    """pyside6-lupdate finds no string that the .ts lacks (or holds in vain)."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "quadreg_gui").rglob("*.py"))
    subprocess.run([tool("pyside6-lupdate"), *sources, "-no-obsolete", "-ts", fresh],
                   check=True, capture_output=True)
    in_code = {m.findtext("source") for m in ET.parse(fresh).iter("message")}
    assert in_code == {source for source, _, _ in messages()}


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path):
    compiled = tmp_path / "zh.qm"
    subprocess.run([tool("pyside6-lrelease"), TS, "-qm", compiled], check=True,
                   capture_output=True)
    assert compiled.read_bytes() == TS.with_suffix(".qm").read_bytes()


def dialog_texts(dialog: QWidget) -> list[str]:
    texts = [dialog.windowTitle()]
    for w in dialog.findChildren(QWidget):
        texts += [w.toolTip(), w.accessibleName()]
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        elif isinstance(w, QComboBox):
            texts += [w.itemText(k) for k in range(w.count())]
    return [t for t in texts if t]


def test_dialogs_open_in_chinese(qtbot, win):
    from quadreg_gui.gui.actions import SHORTCUT_NOTE, shortcut_table
    from quadreg_gui.gui.column_dialog import ColumnDialog
    from quadreg_gui.gui.dialogs import AboutDialog, ShortcutsDialog
    from quadreg_gui.gui.race_dialog import RaceDialog

    win.language.set_language("zh_CN")
    ld = win.run.loaded
    dialogs = [AboutDialog(win), ShortcutsDialog(win, shortcut_table(), tr(SHORTCUT_NOTE)),
               RaceDialog(win, win.run.config, ld.quad, ld.initial),
               ColumnDialog(win, "数据", ("速度", "距离", "年份"))]  # no English of the file's
    for dialog in dialogs:
        texts = dialog_texts(dialog)
        assert len(texts) >= 3
        leftovers = [t for t in texts if english_words(t)]
        # The About box names the article in both languages.
        assert all("NumPy" in t for t in leftovers), (type(dialog).__name__, leftovers)
        dialog.deleteLater()


def test_a_data_file_message_in_chinese_names_line_and_column(win, tmp_path):
    from quadreg_gui.core.files.datafile import DataFileError, read_table

    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n3,abc\n", encoding="utf-8")
    win.language.set_language("zh_CN")
    with pytest.raises(DataFileError) as error:
        read_table(str(bad))
    assert str(error.value) == f"{bad}，第 3 行，第 2 列：'abc' 不是数；'y' 需要像 1.5 这样的数"
    win.language.set_language("en")
    with pytest.raises(DataFileError) as error:
        read_table(str(bad))
    assert "line 3, column 2: 'abc' is not a number" in str(error.value)


def test_switching_back_and_forth_loads_each_translation_once(qtbot, win):
    """A switch loaded the translators anew and kept the old ones: 40 KiB a switch, the
    largest growth of a twenty-minute soak."""
    from PySide6.QtCore import QTranslator

    for _ in range(10):
        win.language.set_language("zh_CN")
        win.language.set_language("en")
    assert len(win.language.findChildren(QTranslator)) <= 2
    win.language.set_language("zh_CN")
    assert tr("Loss") == "损失"


def wrapped_lines(label: QLabel) -> list[str]:
    """The lines ``label``'s text is laid out in at its width, as a word-wrapped label
    breaks them (at word boundaries, and between any two Chinese characters)."""
    layout = QTextLayout(label.text(), label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(label.contentsRect().width())
        lines.append(label.text()[line.textStart():line.textStart() + line.textLength()])
    layout.endLayout()
    return lines


def test_a_readouts_chinese_names_stay_whole_when_it_wraps(qtbot, window):
    """"损失 0.17" never as "损" at a line's end and "失 0.17" below it."""
    window.language.set_language("zh_CN")
    window.appearance.set_scale(2.0)
    label = window.fit_readout.label
    qtbot.waitUntil(lambda: "损" in label.text())
    for width in range(120, 420, 4):
        label.setFixedWidth(width)
        lines = [line.strip().replace("\u2060", "") for line in wrapped_lines(label)]
        assert not any(line.endswith("损") or line.startswith("失") for line in lines), \
            (width, lines)
    window.language.set_language("en")


def test_switching_language_renders_no_marker_again(qtbot, win):
    """Every scatter plot renders each marker style once (into its atlas): a switch of
    language restyles the plots with the same pens and brushes, so no atlas grows
    (each switch added a rendering per plot until its atlas held a thousand)."""
    import pyqtgraph as pg

    def atlas_sizes() -> list[int]:
        return [len(item.fragmentAtlas) for view in win.findChildren(pg.PlotWidget)
                for item in view.scene().items() if isinstance(item, pg.ScatterPlotItem)]

    win.step()
    qtbot.waitUntil(lambda: win.run.epoch == 1)
    win.language.set_language("zh_CN")
    settle(qtbot, win)
    win.language.set_language("en")
    settle(qtbot, win)
    before = atlas_sizes()
    assert len(before) >= 8 and sum(before) > 0
    for code in ["zh_CN", "en"] * 5:
        win.language.set_language(code)
        settle(qtbot, win)
    assert atlas_sizes() == before
