"""The "Things worth a question" panel: one card per flag, each with a one-click "Add as draft question".

Cards, not a table: each is a few sentences a member reads in full, with its own buttons. A county's
indicator can carry six hundred flags; the panel builds the first ``CARDS_PER_BATCH`` cards and a
"Show 10 more" button for the next, so opening a chart never waits on hundreds of widgets.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from scrutinydesk.core.question_flags import QuestionFlag
from scrutinydesk.ui.chart_style import OKABE_ITO
from scrutinydesk.ui.flow_layout import FlowLayout

# One style sheet on the panel for all its cards: a sheet set on each card is parsed and polished per card.
CARD_STYLE = (f"#questionCard {{ background: palette(base); border: 1px solid palette(mid); "
              f"border-left: 4px solid {OKABE_ITO['vermillion']}; border-radius: 4px; }} "
              "#questionQuote { color: palette(mid); font-style: italic; }")
MIN_CHARACTERS = 22  # the panel's narrowest, in average characters
CARDS_PER_BATCH = 10  # cards built at once: two screenfuls beside a chart, some 30 ms to lay out


class QuestionCard(QFrame):
    """One thing worth a question."""

    add_clicked = Signal(object)
    open_clicked = Signal(object)
    selected = Signal(object)

    def __init__(self, flag: QuestionFlag, parent=None) -> None:
        super().__init__(parent)
        self.flag = flag
        self.setObjectName("questionCard")  # styled by the panel's CARD_STYLE
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(f"Worth a question: {flag.title}")
        self.title = QLabel(f"⚑ <b>{flag.title}</b>")
        self.title.setWordWrap(True)
        self.detail = QLabel(flag.detail)
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        if flag.quote and flag.quote not in flag.detail:
            quote = QLabel(f"“{flag.quote}”")
            quote.setWordWrap(True)
            quote.setObjectName("questionQuote")
            layout.addWidget(quote)
        buttons = FlowLayout()  # the buttons wrap when the panel is narrow or the text large
        self.add_button = QPushButton("Add as draft question")
        self.add_button.setToolTip(flag.question)
        self.add_button.clicked.connect(lambda: self.add_clicked.emit(self.flag))
        buttons.addWidget(self.add_button)
        if flag.meeting_id and not flag.target_id.startswith("indicator:"):
            self.open_button = QPushButton("Open in minutes")
            self.open_button.clicked.connect(lambda: self.open_clicked.emit(self.flag))
            buttons.addWidget(self.open_button)
        layout.addLayout(buttons)

    def mousePressEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        self.selected.emit(self.flag)
        super().mousePressEvent(event)


class QuestionPanel(QScrollArea):
    """The list of cards beside a chart (or under the plan's RAG table)."""

    add_question = Signal(str, str)
    open_record = Signal(str, str)
    flag_selected = Signal(object)

    def __init__(self, heading: str = "Things worth a question", parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(heading)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setStyleSheet(CARD_STYLE)
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(6, 6, 6, 6)
        self._layout.setSpacing(8)
        self.heading = QLabel(f"<b>{heading}</b>")
        self.heading.setWordWrap(True)
        self._heading_text = heading
        self._layout.addWidget(self.heading)
        self.more_button = QPushButton()
        self.more_button.clicked.connect(self.show_more)
        self.more_button.hide()
        self._layout.addWidget(self.more_button)
        self._layout.addStretch(1)
        self.setWidget(body)
        self.cards: list[QuestionCard] = []
        self.flags: list[QuestionFlag] = []
        self._batches: list[QWidget] = []

    def minimumSizeHint(self) -> QSize:
        """Some twenty characters wide, or the widest button, whatever the text size; the cards wrap to it."""
        body = self.widget().minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        width = max(self.fontMetrics().averageCharWidth() * MIN_CHARACTERS, body + 2 * self.frameWidth())
        return QSize(width, super().minimumSizeHint().height())

    def set_flags(self, flags: list[QuestionFlag]) -> None:
        """Show ``flags`` in their order: the first batch of cards now, the rest on "Show more"."""
        for batch in self._batches:
            batch.setParent(None)
            batch.deleteLater()
        self._batches, self.cards = [], []
        self.flags = list(flags)
        self.heading.setText(f"<b>{self._heading_text}</b>" + (f" ({len(flags)})" if flags else
                                                                 "<br><i>Nothing stands out here.</i>"))
        self._add_cards(CARDS_PER_BATCH)
        self.verticalScrollBar().setValue(0)

    def show_more(self) -> None:
        """The next batch of cards; the keyboard stays on the button, or on the first new card once all show."""
        first_new, had_focus = len(self.cards), self.more_button.hasFocus()
        self._add_cards(CARDS_PER_BATCH)
        if had_focus and self.more_button.isHidden() and first_new < len(self.cards):
            self.cards[first_new].add_button.setFocus()

    def _add_cards(self, count: int) -> None:
        """The next ``count`` cards, built inside one widget that joins the panel whole: cards added to
        the shown panel one by one would each be shown, and the panel laid out again, on their own."""
        wanted = self.flags[len(self.cards):len(self.cards) + count]
        if wanted:
            batch = QWidget()
            column = QVBoxLayout(batch)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(self._layout.spacing())
            for flag in wanted:
                card = QuestionCard(flag)
                card.add_clicked.connect(lambda f: self.add_question.emit(f.target_id, f.question))
                card.open_clicked.connect(lambda f: self.open_record.emit(f.meeting_id or "", f.target_id))
                card.selected.connect(self.flag_selected)
                column.addWidget(card)
                self.cards.append(card)
            self._layout.insertWidget(self._layout.indexOf(self.more_button), batch)
            self._batches.append(batch)
        left = len(self.flags) - len(self.cards)
        if left > 0:
            text = f"Show {min(left, CARDS_PER_BATCH)} more ({len(self.flags)} in all)"
            self.more_button.setText(text)
            self.more_button.setAccessibleName(f"{text}: {self._heading_text.lower()}")
            self.more_button.setToolTip(f"{len(self.cards)} of {len(self.flags)} shown")
        self.more_button.setVisible(left > 0)
