"""Records rendered as short HTML for the detail panes: what, where it was made, and a link to the minutes."""
from __future__ import annotations

import html
import json
import sqlite3

from scrutinydesk.core.action_history import action_history
from scrutinydesk.core.dates import long_date, meeting_when
from scrutinydesk.core.store import record_context, record_row


def _where(conn: sqlite3.Connection, table: str, record_id: str) -> str:
    ctx = record_context(conn, table, record_id)
    if ctx is None:
        return ""
    item = f" · Item {html.escape(ctx.item_number)}" if ctx.item_number else ""
    title = f" · {html.escape(ctx.item_title)}" if ctx.item_title else ""
    return (f"<p style='color:palette(mid)'>{html.escape(ctx.committee)} · "
            f"{html.escape(meeting_when(ctx.date, ctx.year))}{item}{title}</p>")


def _link(record_id: str) -> str:
    return f"<p><a href='record:{html.escape(record_id)}'>Show in the minutes</a></p>"


def resolution_html(conn: sqlite3.Connection, record_id: str) -> str:
    row = record_row(conn, "resolutions", record_id)
    if row is None:
        return ""
    parts = json.loads(row["parts"] or "[]")
    body = html.escape(row["text"])
    if parts:
        body = "<ol type='a'>" + "".join(f"<li>{html.escape(p)}</li>" for p in parts) + "</ol>"
    movers = []
    if row["moved_by"]:
        movers.append(f"Moved by {html.escape(row['moved_by'])}")
    if row["seconded_by"]:
        movers.append(f"seconded by {html.escape(row['seconded_by'])}")
    routine = " <i>(routine)</i>" if row["routine"] else ""
    return (f"<h3>Resolved{routine}</h3>{_where(conn, 'resolutions', record_id)}<p>{body}</p>"
            f"<p>{', '.join(movers)}</p>{_link(record_id)}")


def action_html(conn: sqlite3.Connection, record_id: str) -> str:
    row = record_row(conn, "actions", record_id)
    if row is None:
        return ""
    due = f"Due {long_date(row['due'])}" if row["due"] else "No due date given"
    status = "Completed" if row["status"] == "completed" else "Open"
    history = "".join(f"<li>{html.escape(entry.sentence())}</li>" for entry in action_history(conn, record_id))
    return (f"<h3>{html.escape(row['owner'] or 'Owner not stated')} to {html.escape(row['text'])}</h3>"
            f"{_where(conn, 'actions', record_id)}<p><b>{status}</b> · {due}</p>"
            + (f"<p>History:</p><ul>{history}</ul>" if history else "") + _link(record_id))
