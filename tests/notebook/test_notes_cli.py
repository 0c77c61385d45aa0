"""``scrutinydesk notes``: add, list, export and import, and notes surviving a rebuild and a switch of release."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from notebook_release import ACTION, FIGURE_REF, NOV, build_release
from pypdf import PdfReader

from scrutinydesk.cli import main
from scrutinydesk.core.build_database import BuildInputs, ExtractedDocument, build_database
from scrutinydesk.core.manifest import SourceMeta

KEPT_ACTION = "send a briefing note to Members on placements"
DROPPED_ACTION = "circulate the sufficiency strategy to the Committee"


def _minutes(kept_action: str, with_dropped: bool) -> ExtractedDocument:
    """A hand-made extraction (independent of the extractor's quality) with one or two actions."""
    text = (
        "7 Performance Report\n"
        f"Officers agreed to {kept_action}.\n"
        + (f"The Head of Service agreed to {DROPPED_ACTION}.\n" if with_dropped else "")
        + "RESOLVED that the Committee welcomes the improvement.\n"
    )

    def span(words: str) -> list[int]:
        return [text.index(words), text.index(words) + len(words)]

    actions = [{"item": "i1", "owner": "Officers", "text": kept_action, "due": None, "explicit": False,
                "span": span(kept_action)}]
    if with_dropped:
        actions.append({"item": "i1", "owner": "Head of Service", "text": DROPPED_ACTION, "due": None,
                        "explicit": False, "span": span(DROPPED_ACTION)})
    document = {
        "source": {"path": "minutes.txt", "sha256": "cd" * 32},
        "meeting": {"committee": "Children's Scrutiny Committee", "date": "2022-11-15"},
        "items": [{"key": "i1", "number": "7", "title": "Performance Report", "report_ref": None, "span": [0, len(text)]}],
        "resolutions": [{"item": "i1", "text": "that the Committee welcomes the improvement.", "parts": [],
                         "moved_by": None, "seconded_by": None, "routine": False, "span": span("RESOLVED")}],
        "actions": actions,
        "figures": [],
        "rag": [],
    }
    return ExtractedDocument(text, document, SourceMeta(source_url="https://example.org/minutes"))


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _action_ids(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return {text: record_id for record_id, text in conn.execute("SELECT id, text FROM actions")}


def test_notes_follow_their_records_through_a_rebuild_and_a_pulled_release(tmp_path: Path) -> None:
    share, keys, home = tmp_path / "share", tmp_path / "keys", tmp_path / "member"
    share.mkdir()
    assert _run("keygen", "officer", "--out", str(keys), "--no-passphrase")[0] == 0
    v1 = tmp_path / "master-v1.db"
    build_database(v1, [_minutes(KEPT_ACTION, with_dropped=True)], BuildInputs())
    assert _run("publish", str(v1), "--to", str(share), "--key", str(keys / "officer.key"))[0] == 0
    assert _run("pull", "--from", str(share), "--trust", str(keys / "officer.pub"), "--data-dir", str(home))[0] == 0

    ids_v1 = _action_ids(v1)
    kept_id, dropped_id = ids_v1[KEPT_ACTION], ids_v1[DROPPED_ACTION]
    code, out, _ = _run("notes", "add", kept_id, "Has the briefing note gone out?", "--data-dir", str(home))
    assert code == 0 and "Added note" in out
    assert _run("notes", "add", dropped_id, "Ask for the strategy", "--question", "--data-dir", str(home))[0] == 0

    # The officer fixes the wording of one action and the extractor no longer finds the other.
    v2 = tmp_path / "master-v2.db"
    build_database(v2, [_minutes("send a briefing note to all Members on placements", with_dropped=False)],
                   BuildInputs(keep_ids_from=v1))
    assert _action_ids(v2) == {"send a briefing note to all Members on placements": kept_id}
    assert _run("publish", str(v2), "--to", str(share), "--key", str(keys / "officer.key"))[0] == 0
    assert _run("pull", "--from", str(share), "--trust", str(keys / "officer.pub"), "--data-dir", str(home))[0] == 0

    code, out, _ = _run("notes", "list", "--json", "--data-dir", str(home))
    notes = {n["target_id"]: n for n in json.loads(out)["notes"]}
    assert notes[kept_id]["detached"] is False and notes[kept_id]["text"] == "Has the briefing note gone out?"
    assert notes[dropped_id]["detached"] is True
    assert notes[dropped_id]["target_quote"] == DROPPED_ACTION
    assert notes[dropped_id]["text"] == "Ask for the strategy"

    code, out, _ = _run("notes", "list", "--data-dir", str(home))
    attached_part, detached_part = out.split("Detached")
    assert kept_id in attached_part and "Has the briefing note gone out?" in attached_part
    assert dropped_id in detached_part and f"“{DROPPED_ACTION}”" in detached_part
    assert "Ask for the strategy" in detached_part


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A member's data folder whose current release is the small test release."""
    folder = tmp_path / "home"
    (folder / "snapshots").mkdir(parents=True)
    build_release(folder / "snapshots" / "v000001.db")
    (folder / "current.json").write_text(json.dumps({"version": 1, "path": "snapshots/v000001.db"}), encoding="utf-8")
    return folder


def test_unknown_target_id_is_one_plain_sentence(home: Path) -> None:
    code, out, err = _run("notes", "add", "childrens-scrutiny/2022-11-15/99", "text", "--data-dir", str(home))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "childrens-scrutiny/2022-11-15/99" in err and "Traceback" not in err


def test_questions_are_listed_with_their_status(home: Path) -> None:
    _run("notes", "add", FIGURE_REF, "Why 465?", "--question", "--data-dir", str(home))
    (note,) = json.loads(_run("notes", "list", "--json", "--data-dir", str(home))[1])["notes"]
    assert (note["kind"], note["status"], note["meeting_id"]) == ("question", "draft", NOV)
    code, out, _ = _run("notes", "status", note["uuid"], "answered", "--answer", "A typo", "--data-dir", str(home))
    assert code == 0
    listed = _run("notes", "list", "--data-dir", str(home))[1]
    assert "(question, answered) Why 465?" in listed and "answer: A typo" in listed


def test_export_pdf_for_a_meeting(home: Path, tmp_path: Path) -> None:
    _run("notes", "add", ACTION, "Has the £ cost of agency staff been “confirmed”?", "--question", "--data-dir", str(home))
    out = tmp_path / "brief.pdf"
    code, stdout, _ = _run("notes", "export", "--meeting", NOV, "--pdf", str(out), "--data-dir", str(home))
    assert code == 0 and "1 question" in stdout
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "Has the £ cost of agency staff been “confirmed”?" in text and "Item 8 Performance Report" in text


def test_export_json_and_import_elsewhere_without_duplicates(home: Path, tmp_path: Path) -> None:
    _run("notes", "add", ACTION, "one", "--data-dir", str(home))
    _run("notes", "add", FIGURE_REF, "two", "--question", "--data-dir", str(home))
    backup = tmp_path / "backup.json"
    assert _run("notes", "export", "--json", str(backup), "--data-dir", str(home))[0] == 0
    other = tmp_path / "new-laptop"
    code, out, _ = _run("notes", "import", str(backup), "--data-dir", str(other))
    assert code == 0 and "2 added" in out
    assert "0 added" in _run("notes", "import", str(backup), "--data-dir", str(other))[1]
    notes = json.loads(_run("notes", "list", "--json", "--data-dir", str(other))[1])["notes"]
    assert sorted(n["text"] for n in notes) == ["one", "two"]


@pytest.mark.parametrize(
    "args",
    [
        ["notes", "export"],
        ["notes", "export", "--pdf", "x.pdf"],
        ["notes", "export", "--json", "x.json", "--meeting", NOV],
        ["notes", "export", "--meeting", "nope/2020-01-01", "--pdf", "x.pdf"],
        ["notes", "import", "missing.json"],
        ["notes", "add", ACTION, "   "],
    ],
)
def test_bad_export_and_import_arguments_are_plain_errors(home: Path, tmp_path: Path, args: list[str], monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = _run(*args, "--data-dir", str(home))
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "x.json").exists()


def test_a_notebook_under_onedrive_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SCRUTINYDESK_HOME", str(tmp_path / "OneDrive" / "scrutinydesk"))
    code, _, err = _run("notes", "list")
    assert code == 2 and "OneDrive" in err and "--data-dir" in err
    assert not (tmp_path / "OneDrive" / "scrutinydesk" / "notebook.db").exists()


def _span_texts(db: Path) -> dict[str, tuple[str, str]]:
    """Each action's id -> (source file name, the words of the minutes it was read from)."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT a.id, d.path, substr(d.text, a.span_start + 1, a.span_end - a.span_start) FROM actions a "
            "JOIN items i ON i.id = a.item_id JOIN documents d ON d.id = i.document_id ORDER BY a.id"
        )
        return {record_id: (Path(path).name, words) for record_id, path, words in rows}


def test_seed_minutes_rebuilt_with_keep_ids_from_keep_notes_and_detach_the_removed_one(tmp_path: Path) -> None:
    """The check as the issue words it, on the real minutes, extractor and ``build --keep-ids-from``."""
    minutes = tmp_path / "minutes"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data" / "minutes", minutes)
    share, keys, home = tmp_path / "share", tmp_path / "keys", tmp_path / "member"
    share.mkdir()
    _run("keygen", "officer", "--out", str(keys), "--no-passphrase")
    v1, v2 = tmp_path / "v1.db", tmp_path / "v2.db"
    assert _run("build", str(v1), "--minutes", str(minutes))[0] == 0
    spans = _span_texts(v1)
    assert len(spans) >= 2, "the seed minutes carry actions"
    # One action is reworded a little by the officer; another one's sentence is removed from the minutes.
    kept_id, (kept_file, kept_words) = next(iter(spans.items()))
    dropped_id, (dropped_file, dropped_words) = next(
        (rid, span) for rid, span in spans.items() if span[0] != kept_file and (minutes / span[0]).read_text("utf-8").count(span[1]) == 1
    )
    (minutes / dropped_file).write_text((minutes / dropped_file).read_text("utf-8").replace(dropped_words, ""), "utf-8")
    reworded = kept_words[:-1] + " as soon as possible."
    (minutes / kept_file).write_text((minutes / kept_file).read_text("utf-8").replace(kept_words, reworded, 1), "utf-8")

    for release in (v1, v2):
        if release == v2:
            assert _run("build", str(v2), "--minutes", str(minutes), "--keep-ids-from", str(v1))[0] == 0
        assert _run("publish", str(release), "--to", str(share), "--key", str(keys / "officer.key"))[0] == 0
        assert _run("pull", "--from", str(share), "--trust", str(keys / "officer.pub"), "--data-dir", str(home))[0] == 0
        if release == v1:
            assert _run("notes", "add", kept_id, "Chase this", "--data-dir", str(home))[0] == 0
            assert _run("notes", "add", dropped_id, "Was this done?", "--question", "--data-dir", str(home))[0] == 0

    assert "as soon as possible" in _span_texts(v2)[kept_id][1], "the reworded action kept its id"
    assert dropped_id not in _span_texts(v2)
    notes = {n["target_id"]: n for n in json.loads(_run("notes", "list", "--json", "--data-dir", str(home))[1])["notes"]}
    assert (notes[kept_id]["detached"], notes[kept_id]["text"]) == (False, "Chase this")
    assert notes[dropped_id]["detached"] is True and notes[dropped_id]["text"] == "Was this done?"
    quote = notes[dropped_id]["target_quote"]
    assert quote and quote[:40] in " ".join(dropped_words.split()), "the detached note keeps the words it was on"
    listing = _run("notes", "list", "--data-dir", str(home))[1]
    assert dropped_id in listing.split("Detached")[1] and kept_id in listing.split("Detached")[0]
