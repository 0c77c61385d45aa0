"""RAG ratings stated in the minutes: what was rated, Red, Amber or Green, and its plan reference.

"'Voice and influence …' is RAG rated Green", "had one area of red in terms of RAG rating. 4.10
'Children in care have a clear permanency plan …'", "Priority 3 – Amber", a table row ending in a
colour. A colour word counts only where the sentence is about a rating (RAG, rated, rating,
status, or the colour in quotes), and not where it is a hope or a hypothesis ("expected to be
amber", "could move from Green to Amber").
"""
from __future__ import annotations

import re

from scrutinydesk.ingest.layout import Spans, iter_lines, sentence_spans, squash
from scrutinydesk.ingest.segment import Block

# a colour, not the start of a name ("the Red Lion", "Green Lane")
_COLOUR = r"[‘'\"“]?(?P<rating>[Rr]ed|RED|[Aa]mber|AMBER|[Gg]reen|GREEN)[’'\"”]?(?![/-]\w)(?-i:(?![^\S\n]+[A-Z][a-z]))"
_RATED = re.compile(
    rf"\b(?:(?:is|are|was|were|has\s+been|have\s+been|had\s+been|remains?|remained|being|now|currently)\s+)?"
    rf"(?:(?:RAG|rag)[- ])?(?:rated|rating\s+(?:is|was|of)|status\s+(?:is|was|of)|assessed)\s+(?:as\s+|at\s+)?{_COLOUR}\b")
_STATE = re.compile(r"\b(?:is|are|was|were|remains?|remained|stays?|stayed)\s+(?:at\s+|still\s+)?(?P<q>[‘'\"“])?(?P<rating>[Rr]ed|[Aa]mber|[Gg]reen)\b(?![^\S\n]+[A-Z][a-z])")
_LABELLED = re.compile(rf"\bRAG(?:\s+(?:rating|status|rated))?\s*[:=–-]\s*{_COLOUR}\b")
_AS = re.compile(rf"\bas\s+{_COLOUR}\b")
_AS_TRIGGER = re.compile(r"\b(?:rated|rates|rating|showed|shows|showing|listed|lists|marked|flagged|scored|assessed|identified|reported|has|had|recorded|records)\b", re.IGNORECASE)
_AREAS_OF = re.compile(rf"\b(?P<count>one|two|three|four|five|\d+)\s+(?:areas?|priorit(?:y|ies)|actions?|measures?|indicators?|objectives?)\s+(?:of|rated|at)\s+{_COLOUR}\b", re.IGNORECASE)
_COLOUR_FIRST = re.compile(rf"\b(?:a\s+|an\s+)?{_COLOUR}[- ](?:RAG[- ])?(?:rated|rating|status)\s+(?:for|on|against)\s+(?P<subject>[^.;]{{5,160}})")
_LINE_END = re.compile(
    rf"^[^\S\n]*(?:[•·\-–*][^\S\n]*)?(?:(?P<ref>\d{{1,2}}(?:\.\d{{1,2}}){{1,2}}|[A-Z]{{0,3}}\d{{1,2}}(?:\.\d{{1,2}})*)(?:[^\S\n]|[.:)])+)?"
    rf"(?P<subject>[A-Z‘'\"“][^\t\n]{{4,160}}?)[^\S\n]*(?:\t+|[-–—:][^\S\n]*|\([^\S\n]*(?:RAG[: ]*)?)[^\S\n]*{_COLOUR}[^\S\n]*\)?(?:[^\S\n]|\.)*$")
# "3.1 Increase specialist places in mainstream schools Amber": a plan's row as a PDF prints it
_REF_ROW = re.compile(
    rf"^[^\S\n]*(?P<ref>\d{{1,2}}(?:\.\d{{1,2}}){{1,2}})(?:[^\S\n]|[.:)])+(?P<subject>[A-Z‘'\"“][^\t\n]{{4,160}}?)[^\S\n]+{_COLOUR}[^\S\n]*$")
# "action 4.1 … had moved from Amber to Green": the rating it has now
_MOVED_TO = re.compile(
    rf"\b(?:had|has|have)\s+(?:now\s+|since\s+)?(?:moved|improved|changed|gone|shifted|progressed|deteriorated|slipped|dropped|fallen|"
    rf"been\s+(?:re-?rated|upgraded|downgraded))\s+(?:from\s+[‘'\"“]?(?:[Rr]ed|[Aa]mber|[Gg]reen)[’'\"”]?\s+)?to\s+{_COLOUR}")
_RAG_HEADER = re.compile(r"\s*(?:current\s+|overall\s+)?(?:RAG(?:\s+(?:status|rating))?|rating|status)(?:\s*\(.*\))?\s*", re.IGNORECASE)
_SUBJECT_HEADER = re.compile(r"\b(?:action|priority|priorities|measure|objective|indicator|description|area|commitment|outcome|theme|"
                             r"project|deliverable|milestone|subject|title|workstream|activity|recommendation|task)\b", re.IGNORECASE)
_REF_HEADER = re.compile(r"\s*(?:ref(?:erence)?\.?|no\.?|#|number|id)\s*", re.IGNORECASE)
_REF_CELL = re.compile(r"\s*[A-Z]{0,3}\d{1,2}(?:\.\d{1,2}){0,2}\s*")
_BARE_COLOUR = re.compile(r"\s*[‘'\"“]?(?P<rating>red|amber|green)[’'\"”]?\s*", re.IGNORECASE)
_QUOTED = re.compile(r"(?P<ref>\b\d{1,2}(?:\.\d{1,2}){1,2}\b)?[^\S\n]*[‘\"“'](?P<subject>[^’\"”\n]{5,200}?)[.,]?[’\"”'](?!\w)")
_ANY_COLOUR = re.compile(r"(?i:red|amber|green)")
_CONTEXT = re.compile(r"\b(?:RAG|rated|rating|ratings|status)\b")
_HYPOTHETICAL = re.compile(
    r"\b(?:could|would|might|may|expected|expect|hope|hoped|aim|aims|aiming|target|ambition|likely|should|"
    r"move\s+(?:from|to)|moving\s+(?:from|to)|from\s+(?:[Rr]ed|[Aa]mber|[Gg]reen)\s+to|be\s+[‘'\"“]?(?:red|amber|green))\b",
    re.IGNORECASE)
_NOTHING = re.compile(r"(?:none|no|nothing|neither|no areas?|no actions?|no priorit(?:y|ies))(?: of (?:them|these|the \w+))?", re.IGNORECASE)
_REF = re.compile(r"\b(?P<ref>\d{1,2}(?:\.\d{1,2}){1,2})\b")
_LEADING = re.compile(r"^(?:[,;:\s–—-]|while\b|whilst\b|and\b|but\b|however\b|although\b|in addition\b|also\b|that\b|of the \w+\b)+", re.IGNORECASE)
_TRAILING = re.compile(r"(?:\s+(?:is|are|was|were|has|have|had|been|being|now|currently|still|remains?|remained|RAG|overall|given|assigned|awarded|a|an|with))+\s*$", re.IGNORECASE)


def _rating(word: str) -> str:
    return word.strip("‘'\"“’”").capitalize()


def _appositive(clause_parts: list[str]) -> str:
    """Walk back over comma-separated pieces without a verb: "and one, the timeliness of
    Education, Health and Care Plans, was rated Red" gives the phrase between the commas."""
    kept: list[str] = []
    for piece in reversed(clause_parts):
        if re.search(r"\b(?:is|are|was|were|rated|had|has|have|been|noted|said|reported|explained|confirmed|advised|highlighted|"
                     r"stated|added)\b|^\s*(?:and|or|but)\b", piece) or not piece.strip():
            if kept:
                break
            continue
        kept.insert(0, piece.strip())
    return ", ".join(kept)


def _subject_before(work: str, sentence_start: int, position: int) -> tuple[str | None, str | None, int]:
    """(subject, ref, start) of what was rated: a quotation just before the rating, else the words
    before it in its clause."""
    quoted = [m for m in _QUOTED.finditer(work, sentence_start, position) if position - m.end() <= 25]
    if quoted:
        last = quoted[-1]
        ref = last.group("ref")
        return squash(last.group("subject")), ref, last.start()
    clause_start = sentence_start
    for match in re.finditer(r"[;]|,\s+(?:while|whilst|and|but|whereas)\b|\b(?:while|whilst|whereas)\b|,", work[sentence_start:position]):
        clause_start = sentence_start + match.end()
    clause = work[clause_start:position]
    quoted = list(_QUOTED.finditer(clause))
    if quoted:
        last = quoted[-1]
        ref = last.group("ref") or (_REF.search(clause[:last.start()]).group("ref") if _REF.search(clause[:last.start()]) else None)
        return squash(last.group("subject")), ref, clause_start + last.start()
    subject = _TRAILING.sub("", _LEADING.sub("", clause)).strip(" ,;:–—-")
    if re.fullmatch(r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|all|most|some", subject, re.IGNORECASE):
        return None, None, -1  # "19 were rated Green, 5 Amber": counts of rated things rate nothing by name
    if len(subject) < 4:
        subject = _appositive(work[sentence_start:position].split(","))
        subject = _TRAILING.sub("", subject).strip(" ,;:–—-")
        if subject:
            clause_start = work.rfind(subject, sentence_start, position)
            clause = work[clause_start:position]
    if len(subject) < 4 or len(subject.split()) > 25:
        return None, None, position
    ref_match = _REF.search(subject) or _REF.search(work, max(sentence_start, clause_start - 30), clause_start)
    ref = ref_match.group("ref") if ref_match else None
    return squash(subject), ref, clause_start + (len(clause) - len(clause.lstrip()))


def _table_ratings(work: str, block: Block) -> list[tuple[str | None, str | None, str, int, int]]:
    """Ratings in the RAG column of a tab-separated table: (subject, ref, rating, start, end) per row.
    The subject is the column named like "Action" or "Priority", else the first cell of words."""
    found = []
    columns: list[str] | None = None
    rag_column = -1
    for line in iter_lines(work, block.start, block.end):
        if "\t" not in line.text:
            columns = None
            continue
        cells = line.text.split("\t")
        if columns is None:
            rag_column = next((i for i, cell in enumerate(cells) if _RAG_HEADER.fullmatch(cell)), -1)
            columns = cells if rag_column >= 0 else None
            continue
        rating = _BARE_COLOUR.fullmatch(cells[rag_column]) if rag_column < len(cells) else None
        if not rating:
            continue
        named = [i for i, name in enumerate(columns) if _SUBJECT_HEADER.search(name) and i != rag_column and i < len(cells)]
        wordy = [i for i, cell in enumerate(cells) if i != rag_column and re.search(r"[A-Za-z]{3,}", cell) and not _REF_CELL.fullmatch(cell)]
        subject_column = (named or wordy or [None])[0]
        ref_column = next((i for i, name in enumerate(columns) if _REF_HEADER.fullmatch(name) and i < len(cells)), None)
        subject = squash(cells[subject_column]) if subject_column is not None else None
        ref = cells[ref_column].strip() if ref_column is not None and _REF_CELL.fullmatch(cells[ref_column]) else None
        if subject and not ref:
            leading = re.match(r"(\d{1,2}(?:\.\d{1,2}){1,2})\s+(.+)", subject)
            if leading:
                ref, subject = leading.groups()
        found.append((subject, ref, rating.group("rating"), line.start, line.end))
    return found


def find_rag(text: str, work: str, item_key: str, block: Block) -> list[dict]:
    """RAG ratings of one block, in text order."""
    records: list[dict] = []
    taken = Spans()

    def add(subject: str | None, ref: str | None, rating: str, start: int, end: int) -> None:
        if taken.overlaps(start, end):
            return
        taken.add(start, end)
        record = {"item": item_key, "ref": ref, "subject": subject, "rating": _rating(rating),
                  "span": [start, end], "_block": block.kind}
        if not subject:
            record["doubt"] = "subject not found"
        records.append(record)

    if not _ANY_COLOUR.search(work, block.start, block.end):
        return []
    context = bool(_CONTEXT.search(work, block.start, block.end))
    if "\t" in work[block.start:block.end]:
        for subject, ref, rating, start, end in _table_ratings(work, block):
            add(subject, ref, rating, start, end)
    ref_rows = [(line, _REF_ROW.match(line.text)) for line in iter_lines(work, block.start, block.end) if _ANY_COLOUR.search(line.text)]
    listed = sum(1 for _, match in ref_rows if match) >= 2
    for line, ref_row in ref_rows:
        match = _LINE_END.match(line.text)
        if match and (context or "\t" in line.text):
            subject = squash(match.group("subject")).strip("‘'\"“’” ")
            add(subject, match.group("ref"), match.group("rating"), line.start + match.start("subject"), line.start + match.end("rating"))
        elif ref_row and (context or listed):
            add(squash(ref_row.group("subject")), ref_row.group("ref"), ref_row.group("rating"),
                line.start + ref_row.start("ref"), line.start + ref_row.end("rating"))

    for start, end in sentence_spans(work, block.start, block.end):
        sentence = work[start:end]
        if not _ANY_COLOUR.search(sentence):
            continue
        for match in _AREAS_OF.finditer(sentence):
            follow = _QUOTED.search(work, start + match.end(), min(block.end, start + match.end() + 400))
            if follow:
                add(squash(follow.group("subject")), follow.group("ref"), match.group("rating"),
                    start + match.start(), follow.end())
        for match in _COLOUR_FIRST.finditer(sentence):
            if _HYPOTHETICAL.search(sentence[:match.start()][-60:]):
                continue
            add(squash(match.group("subject")), None, match.group("rating"), start + match.start(), start + match.end())
        floor = start
        ratings = sorted([(m, p) for p in (_RATED, _STATE, _AS, _LABELLED, _MOVED_TO) for m in p.finditer(sentence)],
                         key=lambda mp: mp[0].start())
        for match, pattern in ratings:
            rating = match.group("rating")
            if pattern is _STATE and not (match.group("q") or _CONTEXT.search(sentence) or rating[0].isupper()):
                continue
            if pattern is _AS and not (_AS_TRIGGER.search(sentence[:match.start()]) and (rating[0].isupper() or _CONTEXT.search(sentence))):
                continue
            before = sentence[:match.start()]
            if _HYPOTHETICAL.search(before[-60:]) or (pattern is not _MOVED_TO and _HYPOTHETICAL.search(sentence[match.start():match.end()])):
                continue
            subject_floor = floor
            if pattern is _AS:
                trigger = list(_AS_TRIGGER.finditer(work, floor, start + match.start()))
                if trigger:
                    subject_floor = trigger[-1].end()
            subject, ref, subject_start = _subject_before(work, subject_floor, start + match.start())
            floor = start + match.end()
            if subject_start < 0:
                continue
            if subject and _NOTHING.fullmatch(subject):
                continue  # "none were Red" rates nothing
            add(subject, ref, rating, min(subject_start, start + match.start()), start + match.end())
    return sorted(records, key=lambda r: r["span"][0])
