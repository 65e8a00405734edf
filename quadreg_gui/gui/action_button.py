"""A tool button that stands for an action, kept in step with it by hand.

Qt 6.11's QToolButton.setDefaultAction (which QToolBar.addAction uses) connects the
button to the action's ``changed`` once more at every change of the action: measured,
1,000 setEnabled calls left 1,000 connections, each called at every later change.  A
race turns three of the toolbar's actions on and off, and a language switch renames
them: a long lesson leaked memory and slowed each change down.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton, QWidget


class ActionButton(QToolButton):
    """Shows ``action``'s text (without its mnemonic), tooltip and whether it is
    enabled, and triggers it when clicked.  Its visibility is the toolbar's (which
    hides what does not fit behind its extension button)."""

    def __init__(self, action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action_ = action
        self.setObjectName(f"{action.objectName()}Button")
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # as a toolbar's own: Space stays Start
        self.clicked.connect(action.trigger)
        action.changed.connect(self._follow)
        self._follow()

    @Slot()
    def _follow(self) -> None:
        action = self.action_
        self.setText(action.iconText())
        self.setToolTip(action.toolTip())
        self.setEnabled(action.isEnabled())
