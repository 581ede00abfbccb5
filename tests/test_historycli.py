"""`pictotext-desktop history …`: the saved results from a terminal (historycli.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from keyring.backends import fail

from pictotext_desktop import store_files
from pictotext_desktop.credentials import StoreKeyring
from pictotext_desktop.settings import SettingsStore
from pictotext_desktop.store import ResultStore
from tests.keyring_session import use_backend
from tests.test_store import ID_NUMBER, NAME, SOURCE, cn_record, de_record

Run = Callable[..., tuple[int, str, str]]


def fill(days_ago: int = 0) -> None:
    SettingsStore().set("result_store", "history")
    then = datetime.now(UTC) - timedelta(days=days_ago)
    with ResultStore.open(store_files.default_path(), StoreKeyring(), keep_history=True,
                          history_days=3650, clock=lambda: then) as opened:
        opened.put(cn_record(), position=0)
        opened.put(de_record(), position=1)


def test_without_saved_results_nothing_is_created(run_cli: Run) -> None:
    code, out, err = run_cli("history", "status")
    assert (code, err) == (0, "")
    assert out == "No saved results (result_store = session).\n"
    assert not store_files.default_path().parent.exists()


def test_status_and_exact_search(run_cli: Run) -> None:
    fill()
    code, out, _ = run_cli("history", "status")
    assert code == 0
    assert "mode: history (history kept 30 days)" in out and "history: 2 result(s)" in out
    code, out, _ = run_cli("history", "search", NAME)
    assert code == 0
    [found] = json.loads(out)
    assert found["source"] == SOURCE and found["fields"]["idNumber"] == ID_NUMBER
    assert found["readAt"].startswith(datetime.now(UTC).date().isoformat())
    code, out, _ = run_cli("history", "search", ID_NUMBER.lower(), "--format", "csv")
    assert code == 0 and NAME in out
    code, out, _ = run_cli("history", "search", "张")
    assert (code, json.loads(out)) == (0, [])


def test_purge_uses_the_period_setting(run_cli: Run) -> None:
    fill(days_ago=40)
    code, out, _ = run_cli("history", "purge")
    assert code == 0 and out == "Deleted 2 result(s) older than 30 days.\n"
    code, out, _ = run_cli("history", "status")
    assert "history: 0 result(s)" in out


def test_delete_all_needs_yes(run_cli: Run) -> None:
    fill()
    code, _, err = run_cli("history", "delete-all")
    assert code == 2 and "add --yes" in err
    code, out, _ = run_cli("history", "delete-all", "--yes")
    assert (code, out) == (0, "Deleted the history (2 result(s)).\n")
    code, out, _ = run_cli("history", "search", NAME)
    assert json.loads(out) == []


def test_no_keyring_says_why(run_cli: Run) -> None:
    fill()
    with use_backend(fail.Keyring()):
        code, out, err = run_cli("history", "search", NAME)
    assert code == 5 and out == ""
    assert "the saved results cannot be opened" in err and "keyring" in err.lower()
