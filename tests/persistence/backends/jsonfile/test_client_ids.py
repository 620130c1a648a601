"""JSON store: client ids live in the log only; each store object's index follows other writers and new files."""

from __future__ import annotations

from pathlib import Path

from persistence.backends.jsonfile.store import JsonStore


def test_two_store_objects_see_each_others_client_ids(tmp_path: Path) -> None:
    one, two = JsonStore(str(tmp_path / "s")), JsonStore(str(tmp_path / "s"))
    one.create_session(["a"], session_id="s")
    first = one.append_message("s", "a", "x", client_id="c1")
    assert two.append_message("s", "a", "x", client_id="c1") == first  # two builds its index from the log
    second = two.append_message("s", "a", "y", client_id="c2")
    assert one.append_message("s", "a", "y", client_id="c2") == second  # one catches up on two's line
    assert [m.seq for m in one.get_messages("s")] == [1, 2]
    assert sorted(p.name for p in (tmp_path / "s" / "s").iterdir()) == [
        "lock",
        "messages.jsonl",
        "session.json",
    ]


def test_an_index_of_a_replaced_session_is_rebuilt(tmp_path: Path) -> None:
    store = JsonStore(str(tmp_path / "s"))
    store.create_session(["a"], session_id="s")
    store.append_message("s", "a", "old", client_id="c1")
    store.append_message("s", "a", "old", client_id="c2")
    store.delete_session("s")
    store.create_session(["a"], session_id="s")
    assert store.append_message("s", "a", "new", client_id="c2").seq == 1, "the old log's ids are gone"
    assert store.append_message("s", "a", "new", client_id="c2").content == "new"


def test_a_torn_final_line_is_never_taken_for_a_stored_message(tmp_path: Path) -> None:
    store = JsonStore(str(tmp_path / "s"))
    store.create_session(["a"], session_id="s")
    store.append_message("s", "a", "kept", client_id="c1")
    log = tmp_path / "s" / "s" / "messages.jsonl"
    with open(log, "ab") as handle:  # what a writer killed mid-append leaves: no newline
        handle.write(
            b'{"seq":2,"sender":"a","content":"torn","recipients":[],"timestamp":1.0,"metadata":{},"client_id":"c2"'
        )
    message = store.append_message("s", "a", "again", client_id="c2")
    assert (message.seq, message.content) == (2, "again")
    assert [m.content for m in store.get_messages("s")] == ["kept", "again"]
