"""Figures: quantitative statements about measured things, with unit, comparators, period,
indicator code and area ("Devon (484 per 10,000) now being below the national average (465)",
"a 40% increase in contacts", "five children in care", "£1.3 million").

``figure_numbers`` decides which numbers are figures; ``figure_context`` reads what surrounds them.
"""
from __future__ import annotations

from datetime import date

from scrutinydesk.ingest.catalogue import normalise
from scrutinydesk.ingest.figure_comparators import TableHeaders, mark_respective, mark_table_columns
from scrutinydesk.ingest.figure_context import (
    SentenceContext,
    area_of,
    counted_scope,
    indicator_code,
    number_window,
    period_of,
    quote_span,
    sentence_context,
)
from scrutinydesk.ingest.figure_numbers import Number, as_number, find_numbers
from scrutinydesk.ingest.layout import sentence_spans, squash
from scrutinydesk.ingest.segment import Block


def _earlier_records(text: str, context: SentenceContext, numbers: list[Number], later: dict,
                     meeting: date | None) -> list[tuple[Number, dict]]:
    """Earlier values named before the figure they lead to ("from 1,900 in April to 1,452"): same
    unit, indicator and area as that figure, their own period."""
    out = []
    for number in numbers:
        number.unit = later["unit"]
        quote = quote_span(text, context, number)
        period, guessed = period_of(context, number, meeting)
        record = {**later, "value": as_number(number.value), "period": period, "comparators": {},
                  "quote": squash(text[quote[0]:quote[1]]), "span": [quote[0], quote[1]]}
        record.pop("doubt", None)
        if guessed:
            record["doubt"] = "period not known"
        out.append((number, record))
    return out


def _add_respective(number: Number, sentence_records: list[tuple[Number, dict]]) -> None:
    """"52% … and 61% …, against England averages of 55% and 88% respectively": the k-th listed
    comparator belongs to the k-th of the figures of its unit before the list."""
    index, count = number.extra["respective"]
    same = [record for _, record in sentence_records if record["unit"] == number.unit or number.unit is None]
    if len(same) >= count:
        same[len(same) - count + index]["comparators"].setdefault(number.comparator_area, as_number(number.value))


def find_figures(text: str, work: str, item_key: str, block: Block, meeting: date | None, home: str | None) -> list[dict]:
    """Figures of one block, in text order."""
    records: list[dict] = []
    headers = TableHeaders(work)
    for sentence in sentence_spans(work, block.start, block.end):
        numbers = find_numbers(work, *sentence)
        if not numbers:
            continue
        mark_respective(work, *sentence, numbers)
        mark_table_columns(work, sentence[0], numbers, headers, block.start)
        sentence_records: list[tuple[Number, dict]] = []
        pending_comparators: list[Number] = []
        pending_earlier: list[Number] = []
        last_by_unit: dict[str, tuple[Number, dict]] = {}
        context = sentence_context(work, *sentence, meeting)
        for position, number in enumerate(numbers):
            around = number_window(context, number)
            norm_window = normalise(work[around[0]:around[1]])
            primary = last_by_unit.get(number.unit) if number.unit else (sentence_records[-1] if sentence_records else None)
            if number.role == "comparator" and "respective" in number.extra:
                _add_respective(number, sentence_records)
                continue
            if number.role == "comparator":
                if primary is not None and (number.unit in (None, primary[1]["unit"])):
                    primary[1]["comparators"].setdefault(number.comparator_area, as_number(number.value))
                    continue
                if primary is None and number.unit is None:
                    pending_comparators.append(number)
                    continue
                if number.unit is None:
                    continue
            if number.unit is None:
                if primary is None:
                    if number.role == "earlier":
                        pending_earlier.append(number)  # "fallen from 1,900 in April to 1,452": the unit comes later
                    continue
                number.unit = primary[1]["unit"]
            quote = quote_span(text, context, number)
            period, guessed = period_of(context, number, meeting)
            scope = counted_scope(work, sentence[1], number)
            indicator = (primary[1]["indicator"] if number.role == "earlier" and primary else
                         indicator_code(norm_window, work[around[0]:around[1]], number.start - around[0], number.unit,
                                        work[scope[0]:scope[1]] if scope else None))
            area = area_of(work, context, number, home, numbers[position + 1].start if position + 1 < len(numbers) else None)
            if number.role == "comparator":
                area = number.comparator_area
            record = {
                "item": item_key, "indicator": indicator, "value": as_number(number.value), "unit": number.unit,
                "area": area, "period": period, "comparators": {}, "quote": squash(text[quote[0]:quote[1]]),
                "span": [quote[0], quote[1]], "_block": block.kind,
            }
            for comparator in pending_comparators:
                if comparator.unit in (None, number.unit):
                    record["comparators"].setdefault(comparator.comparator_area, as_number(comparator.value))
            pending_comparators = []
            if number.role != "earlier" and pending_earlier:
                sentence_records.extend(_earlier_records(text, context, pending_earlier, record, meeting))
                pending_earlier = []
            doubts = []
            if indicator is None:
                doubts.append("indicator unmatched")
            if guessed:
                doubts.append("period not known")
            if doubts:
                record["doubt"] = "; ".join(doubts)
            sentence_records.append((number, record))
            last_by_unit[number.unit] = (number, record)
        records.extend(r for _, r in sorted(sentence_records, key=lambda nr: nr[0].start))
    return records
