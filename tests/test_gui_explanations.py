"""Explained in the window: each pane's "?", Help > What am I looking at? (F1), and
every term the readouts use defined, in English and Chinese."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from quadreg_gui.gui import explanations  # noqa: E402

#: The terms readouts use, as each language writes them.
TERMS = {"en": ("Stable limit", "Oscillates", "Best constant rate", "Condition number",
                "Within 1 %", "R²", "RMSE", "log₁₀(loss − lowest)", "Learning rate", "Epoch"),
         "zh_CN": ("稳定上限", "振荡", "最佳固定学习率", "条件数", "1 % 以内", "R²", "RMSE",
                   "log₁₀(损失 − 最小值)", "学习率", "训练轮数")}


@pytest.fixture
def shown(monkeypatch):
    """The explanations opened: (window title, text), without showing them."""
    opened = []

    def exec_(dialog):
        opened.append((dialog.windowTitle(), dialog.text.toPlainText()))
        return 0

    monkeypatch.setattr(explanations.ExplanationDialog, "exec", exec_)
    return opened


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_each_panes_question_mark_explains_it_and_defines_the_terms(qtbot, window, shown,
                                                                    language):
    window.language.set_language(language)
    grid = window.grid
    for plot in (grid.data_plot, grid.loss_plot, grid.landscape.plot):
        qtbot.mouseClick(plot.help_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(grid.tabs.cornerWidget(), Qt.MouseButton.LeftButton)
    titles = [title for title, _ in shown]
    assert titles == [explanations.tr(explanations.PANES[k][0])
                      for k in ("data", "loss", "landscape", "log")]
    for _, text in shown:
        assert all(term in text for term in TERMS[language]), text
        assert ("Terms" in text) == (language == "en")
    window.language.set_language("en")


def test_f1_shows_every_pane_and_term(qtbot, window, shown):
    qtbot.keyClick(window, Qt.Key.Key_F1)
    title, text = shown[0]
    assert title == "What am I looking at?"
    for key, (pane, _) in explanations.PANES.items():
        assert pane in text, key
    assert text.index("Data and fit") < text.index("Terms")


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_question_mark_stays_clear_of_the_title(qtbot, window, scale):
    """Also the quadratic model's slice title, longer than the landscape is wide."""
    window.resize(1024, 768)
    window.appearance.set_scale(scale)
    model = window.panel.editors["model"]
    model.setCurrentIndex(model.findData("quadratic"))
    qtbot.waitUntil(lambda: window.run.config.model == "quadratic" and not window.run.loading)
    for plot in (window.data_plot, window.loss_plot, window.landscape.plot):
        title = plot.getPlotItem().titleLabel.item
        qtbot.waitUntil(lambda plot=plot: plot.help_button.isVisible())
        text = plot.mapFromScene(title.sceneBoundingRect()).boundingRect()
        assert not text.intersects(plot.help_button.geometry()), plot.objectName()
    window.appearance.set_scale(1.0)
