"""The meeting briefing as a QTextDocument, for Qt's print preview and printer (the PDF export uses fpdf2).

Both read the same ``core.briefing.Briefing``, so what prints is what exports.
"""
from __future__ import annotations

import html
from datetime import date

from PySide6.QtGui import QTextDocument

from scrutinydesk.core.briefing import Briefing
from scrutinydesk.core.dates import long_date


def briefing_html(briefing: Briefing, prepared_on: date) -> str:
    meeting = briefing.meeting
    count = len(briefing.questions)
    out = [
        "<div style='font-family: sans-serif; color: #1a202c;'>",
        "<p style='color:#1f4e79; font-size:8pt; letter-spacing:1px;'><b>MY QUESTIONS</b></p>",
        f"<h1 style='margin:0'>{html.escape(meeting.committee)}</h1>",
        f"<p style='font-size:12pt; margin-top:2px'>{html.escape(meeting.when)}</p>",
        f"<p style='color:#5f6b7a; font-size:8pt'>{count} question{'s' if count != 1 else ''} · prepared "
        f"{html.escape(long_date(prepared_on.isoformat()))}</p><hr>",
    ]
    if not briefing.questions:
        out.append("<p><i>You have no questions for this meeting yet.</i></p>")
    for section in briefing.sections:
        if not section.questions:
            out.append(f"<p style='color:#5f6b7a'>{html.escape(section.heading)} · no questions</p>")
            continue
        reference = f" <span style='color:#5f6b7a; font-size:9pt'>{html.escape(section.reference)}</span>" if section.reference else ""
        out.append(f"<h3 style='margin-bottom:0'>{html.escape(section.heading)}{reference}</h3>")
        if section.context:
            out.append(f"<p style='color:#5f6b7a; margin-top:0'><i>{html.escape(section.context)}</i></p>")
        for question in section.questions:
            out.append(
                f"<p style='margin-bottom:0'><b style='color:#1f4e79'>Q{question.number}</b>&nbsp;&nbsp;"
                f"{html.escape(question.note.text)}</p>"
                f"<p style='color:#5f6b7a; font-size:8pt; margin-top:0'>{html.escape(question.about)}</p>"
            )
            for figure in question.figures:
                quote = f"<br><i>“{html.escape(figure.quote)}”</i>" if figure.quote else ""
                out.append(f"<table width='100%' cellpadding='6' style='background:#eef2f7'><tr><td>"
                           f"<b>{html.escape(figure.headline)}</b>{quote}</td></tr></table>")
            if question.note.answer:
                when = f" ({html.escape(long_date(question.note.answered_on))})" if question.note.answered_on else ""
                out.append(f"<p><b>Answer{when}:</b> {html.escape(question.note.answer)}</p>")
            else:
                out.append("<p style='color:#9aa5b1'>Answer: ______________________________________________</p>")
    out.append("</div>")
    return "\n".join(out)


def briefing_document(briefing: Briefing, prepared_on: date | None = None) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(briefing_html(briefing, prepared_on or date.today()))
    return document
