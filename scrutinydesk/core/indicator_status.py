"""RAG by polarity and direction of travel: the two judgements shown beside every indicator.

RAG compares the council's value with England's for the same period. "Green" means at or better
than England; "Amber" worse by no more than ``AMBER_MARGIN`` of England's value; "Red" worse by
more. An indicator whose polarity is "neither" (a referral rate: higher is not better or worse in
itself) is not rated, and says so rather than showing a colour.
"""
from __future__ import annotations

from dataclasses import dataclass

AMBER_MARGIN = 0.05
RAG_SYMBOLS = {"Green": "●", "Amber": "▲", "Red": "■", None: "○"}
RAG_RULE = (f"Green: at or better than England; Amber: worse than England by up to {AMBER_MARGIN:.0%}; "
            f"Red: worse by more than {AMBER_MARGIN:.0%}.")


@dataclass(frozen=True)
class Rag:
    rating: str | None  # "Green" | "Amber" | "Red" | None (not rated)
    reason: str

    @property
    def text(self) -> str:
        """The rating as a symbol and a word, never a colour alone."""
        return f"{RAG_SYMBOLS[self.rating]} {self.rating or 'Not rated'}"


def rag_by_polarity(value: float | None, england: float | None, polarity: str | None) -> Rag:
    """The RAG of ``value`` against England's value for the same period."""
    if polarity not in ("higher_better", "lower_better"):
        return Rag(None, "Not rated: neither a higher nor a lower value is better in itself.")
    if value is None or england is None:
        return Rag(None, "Not rated: no England value for the same period.")
    worse_by = (england - value) if polarity == "higher_better" else (value - england)
    if worse_by <= 0:
        return Rag("Green", "At or better than England.")
    if england and worse_by <= abs(england) * AMBER_MARGIN:
        return Rag("Amber", f"Worse than England by {worse_by:.3g}, within {AMBER_MARGIN:.0%}.")
    return Rag("Red", f"Worse than England by {worse_by:.3g}.")


@dataclass(frozen=True)
class Direction:
    arrow: str  # "▲" | "▼" | "▶" | ""
    change: float | None
    judgement: str  # "improving" | "worsening" | "no change" | "" (no polarity or no previous value)

    @property
    def text(self) -> str:
        if self.change is None:
            return "no earlier value"
        words = "up" if self.change > 0 else "down" if self.change < 0 else "no change"
        judged = f", {self.judgement}" if self.judgement and self.judgement != "no change" else ""
        return f"{self.arrow} {words} {abs(self.change):.3g}{judged}" if self.change else f"{self.arrow} no change"


def direction_of_travel(latest: float | None, previous: float | None, polarity: str | None) -> Direction:
    """Which way the value moved since the previous period, and whether that is better."""
    if latest is None or previous is None:
        return Direction("", None, "")
    change = round(latest - previous, 6)
    if change == 0:
        return Direction("▶", 0.0, "no change")
    arrow = "▲" if change > 0 else "▼"
    if polarity == "higher_better":
        judgement = "improving" if change > 0 else "worsening"
    elif polarity == "lower_better":
        judgement = "improving" if change < 0 else "worsening"
    else:
        judgement = ""
    return Direction(arrow, change, judgement)
