"""What an empty workspace shows: open the sample cohort, or import a roster."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

COLUMN_WIDTH = 560
BUTTON_WIDTH = 220


class FirstRunPage(QWidget):
    sample_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRun")
        title = QLabel("<h1>Welcome to rmdesk</h1>")
        text = QLabel(
            "Reverse mentoring pairs junior employees, as mentors, with senior leaders.<br>"
            "Start by bringing in your HR roster: <b>drag a CSV or Excel export onto this "
            "window</b>, or choose it with File ▸ Import roster…<br><br>"
            "Just looking around? Open the sample cohort: about 200 people of Northwind, "
            "a fictional company, over five divisions."
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sample = QPushButton("Open the sample cohort")
        self.sample.setObjectName("openSample")
        self.sample.clicked.connect(self.sample_requested)
        self.importer = QPushButton("Import roster…")
        self.importer.setObjectName("importRoster")
        self.importer.clicked.connect(self.import_requested)
        self.sample.setDefault(True)
        # a column of fixed width, centred: a word-wrapped label placed with an alignment
        # flag gets the height of one unwrapped line, and loses its last lines
        column = QWidget()
        column.setFixedWidth(COLUMN_WIDTH)
        inner = QVBoxLayout(column)
        inner.addWidget(title)
        inner.addWidget(text)
        inner.addSpacing(12)
        buttons = QVBoxLayout()
        for b in (self.sample, self.importer):
            b.setFixedWidth(BUTTON_WIDTH)
            buttons.addWidget(b, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        lay.addLayout(row)
        lay.addStretch(2)
