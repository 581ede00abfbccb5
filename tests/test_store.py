"""The encrypted result store (pictotext_desktop/store.py): what is kept, what survives a
crash, what is purged, and that nothing readable reaches the disk."""

from __future__ import annotations

import base64
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from keyring.backends import fail

from pictotext_desktop import export, matching, store, store_files
from pictotext_desktop.credentials import SERVICE, STORE_KEY_USERNAME, KeyStore, StoreKeyring
from pictotext_desktop.errors import (
    InvalidApiKeyError,
    ResultStoreUnavailableError,
    UsageError,
)
from pictotext_desktop.records import Check, Record, Severity
from pictotext_desktop.settings import SettingsStore
from pictotext_desktop.store import ResultStore, prepared_hash
from tests.conftest import TEST_KEY
from tests.keyring_session import LockedKeyring, use_backend
from tests.memory_keyring import MemoryKeyring

ROOT = Path(__file__).resolve().parent.parent
ID_NUMBER = "11010519491231002X"
NAME = "张三"
SOURCE = "/photos/张三_身份证正面.jpg"
LATIN_ID = "L01X00T47"
LATIN_SOURCE = "/scans/erika_mustermann_front.png"


def cn_record(source: str = SOURCE, number: str = ID_NUMBER, name: str = NAME) -> Record:
    return Record(
        source=source, document_type="cn_id_card", engine="cloud",
        fields={"name": name, "gender": "男", "idNumber": number,
                "address": "北京市东城区景山前街4号", "dateOfBirth": "1949-12-31"},
    )


def de_record() -> Record:
    return Record(
        source=LATIN_SOURCE, document_type="de_id_card", engine="cloud",
        fields={"lastName": "MUSTERMANN", "firstName": "ERIKA", "documentNumber": LATIN_ID,
                "dateOfBirth": "1964-08-12"},
    )


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(store_files.DATA_DIR_ENV, str(tmp_path / "data"))
    return store_files.default_path()


@pytest.fixture
def opened(path: Path) -> Iterator[ResultStore]:
    with ResultStore.open(path, StoreKeyring()) as result_store:
        yield result_store


# -- records survive the round trip --------------------------------------------------------
def test_record_json_round_trip_of_the_export_contract() -> None:
    record = cn_record()
    record.set_field("address", "北京市东城区景山前街5号")
    record.checks = [Check("idNumber", "CHECK_DIGIT", Severity.ERROR, "Bad check digit",
                           "校验码错误", suggestions=("110105194912310021",))]
    record.notes = {"dateOfBirth": "converted"}
    record.merged_from = ("a_front.jpg", "a_back.jpg")
    exported = json.loads(export.to_json([record]))[0]
    assert Record.from_json(exported).to_json() == record.to_json()
    failed = Record(source="x.jpg", document_type="cn_id_card", error=InvalidApiKeyError())
    back = Record.from_json(failed.to_json())
    assert isinstance(back.error, InvalidApiKeyError)
    assert back.error.message == failed.error.message  # type: ignore[union-attr]
    assert back.to_json() == failed.to_json()


def test_results_come_back_whole_after_reopening(path: Path) -> None:
    record = cn_record()
    record.set_field("address", "北京市东城区景山前街5号")
    record.warnings = ["The photo was small"]
    failed = Record(source="broken.jpg", document_type="cn_id_card", error=InvalidApiKeyError())
    with ResultStore.open(path, StoreKeyring()) as first:
        first.put(record, position=0)
        first.put(failed, position=1, state="failed")
        assert [r.record.to_json() for r in first.session_results()] == [
            record.to_json(), failed.to_json()]
    with ResultStore.open(path, StoreKeyring()) as second:
        saved = second.previous_session()
        assert saved is not None and saved.results == 2
        restored = second.restore_previous()
        assert [r.source for r in restored] == [SOURCE, "broken.jpg"]
        assert [r.state for r in restored] == ["done", "failed"]
        back = restored[0].record
        assert back.to_json() == record.to_json()
        assert back.original == {"address": "北京市东城区景山前街4号"}
        assert back.warnings == ["The photo was small"]
        assert isinstance(restored[1].record.error, InvalidApiKeyError)
        # restored results belong to this session now: safe from the next crash, not offered
        # again, and no longer "previous"
        assert second.previous_session() is None
        assert len(second.session_results()) == 2
    with ResultStore.open(path, StoreKeyring()) as third:
        assert third.previous_session() is not None and len(third.restore_previous()) == 2


def test_declined_restore_deletes_the_last_session(path: Path) -> None:
    with ResultStore.open(path, StoreKeyring()) as first:
        first.put(cn_record(), position=0)
    with ResultStore.open(path, StoreKeyring()) as second:
        assert second.discard_previous() == 1
        assert second.previous_session() is None
    with ResultStore.open(path, StoreKeyring()) as third:
        assert third.previous_session() is None


def test_clear_keeps_the_cleared_session_for_the_next_start(opened: ResultStore) -> None:
    opened.put(cn_record(), position=0)
    opened.start_new_session()
    assert opened.session_results() == []
    saved = opened.previous_session()
    assert saved is not None and saved.results == 1


def test_an_edit_replaces_the_saved_record(path: Path) -> None:
    with ResultStore.open(path, StoreKeyring()) as first:
        record = cn_record()
        result_id = first.put(record, position=0)
        record.set_field("name", "李四")
        assert first.update(result_id, record)
    with ResultStore.open(path, StoreKeyring()) as second:
        [restored] = second.restore_previous()
        assert restored.record.fields is not None and restored.record.fields["name"] == "李四"
        assert restored.record.edited == {"name"}


def test_a_record_moved_to_another_row_is_not_accepted(opened: ResultStore) -> None:
    """The row id is authenticated with each value: swapping ciphertexts is detected."""
    first = opened.put(cn_record(), position=0)
    second = opened.put(de_record(), position=1)
    conn = sqlite3.connect(opened.path)
    blob = conn.execute("SELECT record FROM session_results WHERE id = ?", (first,)).fetchone()
    conn.execute("UPDATE session_results SET record = ? WHERE id = ?", (blob[0], second))
    conn.commit()
    conn.close()
    assert [r.id for r in opened.session_results()] == [first]


# -- the file ------------------------------------------------------------------------------
def test_a_read_never_waits_for_a_write_in_progress(opened: ResultStore) -> None:
    """A lookup (the window's duplicate-person check) is answered while the writer
    thread is inside a transaction (a slow fsync), from what was committed before it."""
    import threading

    opened.put(cn_record(), position=0)
    in_write, disk_free = threading.Event(), threading.Event()

    def slow_write() -> None:
        with opened._transaction() as conn:
            conn.execute("DELETE FROM session_results")
            in_write.set()
            disk_free.wait(10)

    writer = threading.Thread(target=slow_write)
    writer.start()
    try:
        assert in_write.wait(5)
        answered: list[int] = []
        reader = threading.Thread(
            target=lambda: answered.append(len(opened.seen_person(ID_NUMBER))))
        reader.start()
        reader.join(5)
        assert answered == [1]  # not blocked, and the uncommitted delete is not seen
    finally:
        disk_free.set()
        writer.join(10)
    assert opened.seen_person(ID_NUMBER) == []  # committed now


def test_wal_mode_and_private_files(opened: ResultStore, path: Path) -> None:
    opened.put(cn_record(), position=0)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    wal = path.with_name(path.name + "-wal")
    assert wal.exists()
    for item in (path, wal):
        assert stat.S_IMODE(item.stat().st_mode) == 0o600, item
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_off_writes_nothing_at_all(path: Path, memory: MemoryKeyring) -> None:
    settings = SettingsStore()
    settings.set("result_store", "off")
    assert store.open_for_settings(settings) is None
    assert not path.parent.exists()
    assert (SERVICE, STORE_KEY_USERNAME) not in memory.entries


def test_settings_choose_the_mode_and_validate_the_period(
    path: Path, memory: MemoryKeyring
) -> None:
    settings = SettingsStore()
    assert settings.get("result_store") == "session" and settings.get("history_days") == 30
    for bad in (0, 3651):
        with pytest.raises(UsageError, match="history-days"):
            settings.set("history_days", bad)
    with pytest.raises(UsageError, match="off, session, history"):
        settings.set("result_store", "forever")
    settings.set("result_store", "history")
    settings.set("history_days", 3650)
    opened = store.open_for_settings(settings)
    assert opened is not None
    with opened:
        assert opened.keep_history and opened.history_days == 3650
        opened.put(cn_record(), position=0)
        assert opened.history_count() == 1
    settings.set("result_store", "session")
    opened = store.open_for_settings(settings)
    assert opened is not None
    with opened:
        opened.put(de_record(), position=0)
        assert opened.history_count() == 1  # session mode adds nothing to the history
    assert (SERVICE, STORE_KEY_USERNAME) in memory.entries


def test_the_data_key_lives_in_the_keyring_next_to_the_api_keys(
    opened: ResultStore, memory: MemoryKeyring
) -> None:
    text = memory.entries[(SERVICE, STORE_KEY_USERNAME)]
    assert len(base64.b64decode(text)) == 32
    assert StoreKeyring().load() == base64.b64decode(text)


# -- no keyring ----------------------------------------------------------------------------
def test_no_keyring_refuses_with_the_reason_and_writes_nothing(path: Path) -> None:
    with use_backend(fail.Keyring()), pytest.raises(ResultStoreUnavailableError) as caught:
        ResultStore.open(path, StoreKeyring())
    error = caught.value
    assert "keyring" in error.message.lower()  # the platform's way to a working keyring
    assert error.title == "Results are not being saved"
    assert "export them before closing" in error.action
    assert not error.stops_batch
    assert not path.parent.exists()


def test_a_locked_keyring_says_to_unlock_it(path: Path) -> None:
    with use_backend(LockedKeyring()), pytest.raises(ResultStoreUnavailableError) as caught:
        ResultStore.open(path, StoreKeyring())
    assert "unlock" in caught.value.message.lower()
    assert not path.parent.exists()


# -- damaged file, lost key ----------------------------------------------------------------
def test_a_damaged_file_is_set_aside_with_a_message(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database at all\n" * 200)
    with ResultStore.open(path, StoreKeyring()) as opened:
        [notice] = opened.notices
        assert notice.kind == "damaged"
        assert "damaged" in notice.text() and notice.aside.name in notice.text()
        assert notice.aside.name.startswith("results.db.") and notice.aside.suffix == ".bad"
        assert notice.aside.read_bytes().startswith(b"this is not a database")
        opened.put(cn_record(), position=0)  # a fresh store works
    with ResultStore.open(path, StoreKeyring()) as again:
        assert again.notices == []
        assert again.previous_session() is not None


def test_a_store_damaged_inside_is_set_aside(path: Path) -> None:
    with ResultStore.open(path, StoreKeyring()) as first:
        for i in range(40):
            first.put(cn_record(source=f"card_{i}.jpg"), position=i)
    data = bytearray(path.read_bytes())
    data[4096:len(data)] = os.urandom(len(data) - 4096)  # every page after the first
    path.write_bytes(bytes(data))
    with ResultStore.open(path, StoreKeyring()) as opened:
        assert [n.kind for n in opened.notices] == ["damaged"]
        assert opened.previous_session() is None


def test_a_lost_key_starts_afresh_and_keeps_the_old_file(
    path: Path, memory: MemoryKeyring
) -> None:
    with ResultStore.open(path, StoreKeyring()) as first:
        first.put(cn_record(), position=0)
    del memory.entries[(SERVICE, STORE_KEY_USERNAME)]
    with ResultStore.open(path, StoreKeyring()) as opened:
        [notice] = opened.notices
        assert notice.kind == "key_gone" and "no longer in the system's keyring" in notice.text()
        assert notice.aside.exists()
        assert opened.previous_session() is None
    assert (SERVICE, STORE_KEY_USERNAME) in memory.entries


def test_a_different_key_is_detected(path: Path, memory: MemoryKeyring) -> None:
    with ResultStore.open(path, StoreKeyring()) as first:
        first.put(cn_record(), position=0)
    memory.entries[(SERVICE, STORE_KEY_USERNAME)] = base64.b64encode(os.urandom(32)).decode()
    with ResultStore.open(path, StoreKeyring()) as opened:
        assert [n.kind for n in opened.notices] == ["key_wrong"]
        assert opened.previous_session() is None


# -- crash ---------------------------------------------------------------------------------
WRITER = """
import sys, time
from pathlib import Path
from pictotext_desktop.records import Record
from pictotext_desktop.store import ResultStore

class Key:
    def __init__(self, key): self.key = key
    def load(self): return self.key
    def create(self): raise AssertionError("the key exists")

store = ResultStore.open(Path(sys.argv[1]), Key(bytes.fromhex(sys.argv[2])))
for i in range(27):
    record = Record(source=f"card_{i:02d}.jpg", document_type="cn_id_card", engine="cloud",
                    fields={"name": f"Person {i}", "idNumber": f"1101051949123100{i:02d}"})
    result_id = store.put(record, position=i)
    print(result_id, i, flush=True)
    time.sleep(0.05)
print("finished", flush=True)
time.sleep(60)
"""


class FixedKey:
    def __init__(self, key: bytes) -> None:
        self.key = key

    def load(self) -> bytes:
        return self.key

    def create(self) -> bytes:
        raise AssertionError("the key exists")


def test_every_committed_result_survives_kill_9(path: Path) -> None:
    key = os.urandom(32)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), key.hex()],
                              stdout=subprocess.PIPE, text=True, env=env)
    committed: dict[str, int] = {}
    try:
        assert writer.stdout is not None
        while len(committed) < 13:
            line = writer.stdout.readline()
            assert line, "the writer stopped early"
            result_id, position = line.split()
            committed[result_id] = int(position)
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    assert writer.returncode == -signal.SIGKILL
    assert path.with_name(path.name + "-wal").exists()  # killed before any checkpoint
    with ResultStore.open(path, FixedKey(key)) as reopened:
        assert reopened.notices == []
        saved = reopened.previous_session()
        assert saved is not None and 13 <= saved.results < 27
        restored = reopened.restore_previous()
    by_id = {r.id: r for r in restored}
    assert set(committed) <= set(by_id)
    for result_id, i in committed.items():
        record = by_id[result_id].record
        assert by_id[result_id].source == f"card_{i:02d}.jpg"
        assert record.fields == {"name": f"Person {i}", "idNumber": f"1101051949123100{i:02d}"}
    assert [r.position for r in restored] == sorted(r.position for r in restored)


# -- retention -----------------------------------------------------------------------------
def test_history_is_purged_after_its_period(path: Path) -> None:
    clock = Clock(datetime(2026, 11, 1, 9, 0, tzinfo=UTC))
    with ResultStore.open(path, StoreKeyring(), keep_history=True, history_days=30,
                          clock=clock) as opened:
        old = opened.put(cn_record(), position=0)
        clock.now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
        recent = opened.put(de_record(), position=1)
        assert opened.history_count() == 2
        assert opened.purge(datetime(2026, 12, 1, 8, 59, tzinfo=UTC)) == 0  # 29 d 23:59
        assert opened.purge(datetime(2026, 12, 1, 9, 1, tzinfo=UTC)) == 1
        assert [r.id for r in opened.history()] == [recent]
        assert opened.search(ID_NUMBER) == []
        assert old in {r.id for r in opened.session_results()}  # the session is not history
    # at open: the rest goes once its 30 days are over
    clock.now = datetime(2026, 12, 20, 9, 1, tzinfo=UTC)
    with ResultStore.open(path, StoreKeyring(), keep_history=True, history_days=30,
                          clock=clock) as reopened:
        assert reopened.history_count() == 0
        assert reopened.search("Erika Mustermann") == []


def test_purge_is_due_once_a_day(path: Path) -> None:
    clock = Clock(datetime(2026, 11, 1, 9, 0, tzinfo=UTC))
    with ResultStore.open(path, StoreKeyring(), keep_history=True, clock=clock) as opened:
        assert not opened.purge_due()  # purged at open
        assert not opened.purge_due(clock.now + timedelta(hours=23, minutes=59))
        assert opened.purge_due(clock.now + timedelta(days=1))
        opened.purge(clock.now + timedelta(days=1))
        assert not opened.purge_due(clock.now + timedelta(days=1, hours=1))


def test_history_days_outside_the_range_are_refused(path: Path) -> None:
    for bad in (0, 3651):
        with pytest.raises(ValueError, match="1-3650"):
            ResultStore.open(path, StoreKeyring(), history_days=bad)
    assert not path.exists()


def test_delete_all_history(path: Path) -> None:
    with ResultStore.open(path, StoreKeyring(), keep_history=True) as opened:
        opened.put(cn_record(), position=0)
        opened.put(de_record(), position=1)
        aside = path.with_name(path.name + ".20260101T000000.bad")
        aside.write_bytes(b"old")
        assert opened.delete_all_history() == 2
        assert opened.history() == [] and opened.search(NAME) == []
        assert not aside.exists()
    assert not path.with_name(path.name + "-wal").exists()


# -- duplicate person, search --------------------------------------------------------------
def test_the_same_person_is_flagged_within_the_batch_and_against_history(path: Path) -> None:
    clock = Clock(datetime(2026, 11, 30, 10, 0, tzinfo=UTC))
    with ResultStore.open(path, StoreKeyring(), keep_history=True, clock=clock) as first:
        first.put(cn_record(source="card_12.jpg"), position=0)
        clock.now = datetime(2026, 11, 30, 10, 5, tzinfo=UTC)
        second = first.put(cn_record(source="card_13.jpg"), position=1)
        within = first.seen_person(ID_NUMBER.lower(), exclude=second)
        assert [(s.source, s.read_at.date().isoformat()) for s in within] == [
            ("card_12.jpg", "2026-11-30")]
        assert first.seen_person("110105 19491231 002X") != []  # spacing does not matter
        assert first.seen_person("11010519491231002") == []  # exact match only
    clock.now = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    with ResultStore.open(path, StoreKeyring(), keep_history=True, clock=clock) as later:
        later.discard_previous()
        seen = later.seen_person(ID_NUMBER)
        assert [(s.source, s.in_history) for s in seen] == [
            ("card_12.jpg", True), ("card_13.jpg", True)]
        assert later.seen_person(LATIN_ID) == []


def test_search_by_name_or_number_is_exact(path: Path) -> None:
    with ResultStore.open(path, StoreKeyring(), keep_history=True) as opened:
        opened.put(cn_record(), position=0)
        opened.put(de_record(), position=1)
        assert [r.source for r in opened.search(NAME)] == [SOURCE]
        assert [r.source for r in opened.search(" 张 三 ")] == [SOURCE]
        assert [r.source for r in opened.search("erika mustermann")] == [LATIN_SOURCE]
        assert [r.source for r in opened.search("Mustermann, Erika")] == [LATIN_SOURCE]
        assert [r.source for r in opened.search("mustermann")] == [LATIN_SOURCE]
        assert [r.source for r in opened.search("l01x00t47")] == [LATIN_SOURCE]
        assert opened.search("张") == [] and opened.search("Muster") == []
        assert opened.search("110105") == []


# -- never pay twice -----------------------------------------------------------------------
def test_the_same_prepared_image_is_found_again(path: Path) -> None:
    image = b"\xff\xd8prepared jpeg bytes\xff\xd9"
    with ResultStore.open(path, StoreKeyring()) as first:
        assert first.lookup_prepared(image, "cn_id_card") is None
        first.put(cn_record(), position=0, prepared=prepared_hash(image))
        failed = Record(source="b.jpg", document_type="cn_id_card", error=InvalidApiKeyError())
        first.put(failed, position=1, prepared=prepared_hash(b"other"), state="failed")
        found = first.lookup_prepared(image, "cn_id_card")
        assert found is not None and found.to_json() == cn_record().to_json()
        assert first.lookup_prepared(image, "hk_id_card") is None  # other type: send it
        assert first.lookup_prepared(b"other", "cn_id_card") is None  # failures are retried
    with ResultStore.open(path, StoreKeyring()) as second:  # the saved session
        entry = second.find_prepared(prepared_hash(image), "cn_id_card")
        assert entry is not None and entry.source == SOURCE
        second.discard_previous()
        assert second.lookup_prepared(image, "cn_id_card") is None


def test_history_remembers_images_after_the_session_is_gone(path: Path) -> None:
    image = b"prepared"
    with ResultStore.open(path, StoreKeyring(), keep_history=True) as first:
        first.put(cn_record(), position=0, prepared=prepared_hash(image))
    with ResultStore.open(path, StoreKeyring(), keep_history=True) as second:
        second.discard_previous()
        entry = second.find_prepared(prepared_hash(image), "cn_id_card")
        assert entry is not None and entry.session_id is None


def test_memory_dedupe_without_a_store() -> None:
    seen = matching.MemoryDedupe()
    seen.remember(b"img", cn_record())
    seen.remember(b"bad", Record(source="x", document_type="cn_id_card",
                                 error=InvalidApiKeyError()))
    found = seen.lookup_prepared(b"img", "cn_id_card")
    assert found is not None and found.to_json() == cn_record().to_json()
    found.source = "again.jpg"  # the caller's copy: the remembered record is unchanged
    assert seen.lookup_prepared(b"img", "cn_id_card").source == SOURCE  # type: ignore[union-attr]
    assert seen.lookup_prepared(b"img", "de_id_card") is None
    assert seen.lookup_prepared(b"bad", "cn_id_card") is None


# -- nothing readable on disk --------------------------------------------------------------
def needles(*secrets: str) -> dict[str, bytes]:
    out = {}
    for text in secrets:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            out[f"{text!r} as {encoding}"] = text.encode(encoding)
    return out


def leaks(folder: Path, wanted: dict[str, bytes]) -> list[str]:
    found = []
    for item in sorted(folder.rglob("*")):
        if item.is_file():
            data = item.read_bytes()
            found += [f"{label} in {item.name}" for label, b in wanted.items() if b in data]
    return found


def test_no_value_name_file_name_or_key_in_any_file(
    tmp_path: Path, path: Path, memory: MemoryKeyring
) -> None:
    keys = KeyStore(SettingsStore())
    keys.set("primary", TEST_KEY)
    wanted = needles(ID_NUMBER, NAME, "张三_身份证正面", "北京市东城区", LATIN_ID, "MUSTERMANN",
                     "erika_mustermann", TEST_KEY)
    record = cn_record()
    assert leaks_in_bytes(export.to_json([record, de_record()]).encode(), wanted)  # can fail
    files: list[str] = []
    with ResultStore.open(path, StoreKeyring(), keep_history=True) as opened:
        store_key = StoreKeyring().load()
        assert store_key is not None
        wanted["store key"] = store_key
        wanted["store key, base64"] = base64.b64encode(store_key)
        first = opened.put(record, position=0, prepared=prepared_hash(b"img"))
        opened.put(de_record(), position=1)
        record.set_field("name", "张三丰")
        opened.update(first, record)
        opened.seen_person(ID_NUMBER)
        opened.search(NAME)
        files = sorted(p.name for p in path.parent.iterdir())
        assert "results.db-wal" in files  # the log of recent writes is searched too
        assert leaks(tmp_path, wanted) == []
    assert leaks(tmp_path, wanted) == []
    assert {p.name for p in path.parent.iterdir()} <= set(files)


def leaks_in_bytes(data: bytes, wanted: dict[str, bytes]) -> list[str]:
    return [label for label, b in wanted.items() if b in data]


# -- the real Secret Service ---------------------------------------------------------------
REAL_SCRIPT = """
import json, sys
from pictotext_desktop.credentials import StoreKeyring
from pictotext_desktop.records import Record
from pictotext_desktop.store import ResultStore
from pictotext_desktop.store_files import default_path

step = sys.argv[1]
with ResultStore.open(default_path(), StoreKeyring(), keep_history=True) as store:
    if step == "write":
        record = Record.from_json(json.loads(sys.stdin.read()))
        store.put(record, position=0)
        print("saved", store.path)
    else:
        [restored] = store.restore_previous()
        print(json.dumps(restored.record.to_json(), ensure_ascii=True))
        print(len(store.seen_person(restored.record.fields["idNumber"])))
"""


@pytest.mark.keyring_real
def test_real_keyring_round_trip_and_nothing_readable_anywhere(tmp_path: Path) -> None:
    from tests.keyring_session import missing_tools, start_private_session

    missing = missing_tools()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"needs {', '.join(missing)}")
        pytest.skip(f"needs {', '.join(missing)}")
    session = start_private_session(tmp_path / "kr")
    session.env["PYTHONPATH"] = str(ROOT)
    try:
        record = cn_record()
        done = session.run(sys.executable, "-c", REAL_SCRIPT, "write",
                           input=json.dumps(record.to_json()))
        assert done.returncode == 0, done.stderr
        # the platform's data folder (XDG_DATA_HOME inside the private root)
        assert done.stdout.split()[1] == str(
            session.root / "data" / "pictotext-desktop" / "results.db")
        done = session.run(sys.executable, "-c", REAL_SCRIPT, "read")
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        assert json.loads(lines[0]) == record.to_json() and lines[1] == "1"
        looked_up = session.run("secret-tool", "lookup", "service", SERVICE,
                                "username", STORE_KEY_USERNAME)
        assert looked_up.returncode == 0
        key_text = looked_up.stdout.strip()
        assert len(base64.b64decode(key_text)) == 32
        wanted = needles(ID_NUMBER, NAME, "张三_身份证正面", "北京市东城区", key_text)
        wanted["store key"] = base64.b64decode(key_text)
        assert leaks(session.root, wanted) == []  # the data folder, home, keyring files
    finally:
        session.close()


def test_a_keyring_that_cannot_take_a_new_key_leaves_the_old_file_alone(
    path: Path, memory: MemoryKeyring
) -> None:
    with ResultStore.open(path, StoreKeyring()) as first:
        first.put(cn_record(), position=0)
    del memory.entries[(SERVICE, STORE_KEY_USERNAME)]

    class ReadOnly(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise PermissionError("read-only keyring")

    with use_backend(ReadOnly()), pytest.raises(ResultStoreUnavailableError):
        ResultStore.open(path, StoreKeyring())
    assert store_files.set_aside_files(path) == [] and path.exists()


def test_a_store_locked_by_another_writer_is_not_moved(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ResultStore.open(path, StoreKeyring()) as first:
        first.put(cn_record(), position=0)
    monkeypatch.setattr(store_files, "BUSY_TIMEOUT", 0.1)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(ResultStoreUnavailableError, match="in use by another program"):
            ResultStore.open(path, StoreKeyring())
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store_files.set_aside_files(path) == []
    with ResultStore.open(path, StoreKeyring()) as again:
        assert again.previous_session() is not None
