"""Undo and Redo actions that say what they did: "Undid: Pair A with B", "Redid: …"."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from rmdesk.ui.common.icons import icon


def _identity(command: QUndoCommand | None) -> int:
    return int(shiboken6.getCppPointer(command)[0]) if command is not None else 0


class _Refusals(QObject):
    """Where an undo or a redo the Workspace refused is said (``ui.common.undo.Command``):
    the sentence, and whether the stack will still move (an undo) or not (a redo)."""

    said = Signal(str, bool)


#: One for the application: ``UndoStatus`` shows what it says instead of "Undid: …".
REFUSALS = _Refusals()


class UndoStatus(QObject):
    """Watches an undo stack and words each move for the status bar.

    An index going down undid a step; going up either redid a step that was on the stack
    already or pushed a new one (told apart by the command's identity).
    """

    message = Signal(str)

    def __init__(self, stack: QUndoStack, parent: QObject) -> None:
        super().__init__(parent)
        self.stack = stack
        self.act_undo = QAction(icon("undo"), "&Undo", parent)
        self.act_undo.setIconText("Undo")
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_undo.triggered.connect(stack.undo)
        self.act_redo = QAction(icon("redo"), "&Redo", parent)
        self.act_redo.setIconText("Redo")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.act_redo.triggered.connect(stack.redo)
        stack.canUndoChanged.connect(self.act_undo.setEnabled)
        stack.canRedoChanged.connect(self.act_redo.setEnabled)
        stack.undoTextChanged.connect(lambda t: self._name(self.act_undo, "Undo", t))
        stack.redoTextChanged.connect(lambda t: self._name(self.act_redo, "Redo", t))
        self.act_undo.setEnabled(stack.canUndo())
        self.act_redo.setEnabled(stack.canRedo())
        self._index = stack.index()
        self._known = self._commands()
        self._refused: str | None = None
        stack.indexChanged.connect(self._moved)
        REFUSALS.said.connect(self._refusal)

    def _refusal(self, text: str, moves: bool) -> None:
        """An undo or redo was refused: said now. After a refused undo the stack still steps
        down (the step is dropped), and that move is not to be told as an undo; a refused
        redo drops the step without a move."""
        if moves:
            self._refused = text
        self.message.emit(text)

    @staticmethod
    def _name(action: QAction, verb: str, text: str) -> None:
        if not shiboken6.isValid(action):  # its window is gone; the stack outlived it
            return
        action.setText(f"&{verb} {text}" if text else f"&{verb}")
        action.setToolTip(f"{verb}: {text}" if text else verb)

    def _commands(self) -> list[int]:
        return [_identity(self.stack.command(i)) for i in range(self.stack.count())]

    def _moved(self, index: int) -> None:
        if not shiboken6.isValid(self.stack):  # the window is being torn down
            return
        before, known = self._index, self._known
        self._index, self._known = index, self._commands()
        if self._refused is not None:  # the refused step was dropped: nothing was done
            self.message.emit(self._refused)
            self._refused = None
            return
        if index < before:
            self.message.emit(f"Undid: {self.stack.text(index)} · redo: Ctrl+Shift+Z")
        elif index > before:
            step = index - 1
            again = step < len(known) and known[step] == self._known[step]
            text = self.stack.text(step)
            self.message.emit(f"Redid: {text}" if again else f"{text} · undo: Ctrl+Z")
