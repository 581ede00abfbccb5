"""The settings dialog, driven with qtbot: keys (set, test, remove, secondary, no keyring)
and the settings generated from the declarative table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QSpinBox,
)
from pytestqt.qtbot import QtBot

from pictotext_desktop.api.client import ClientConfig, PicToTextClient
from pictotext_desktop.credentials import SERVICE, KeyStore
from pictotext_desktop.settings import SETTINGS, SettingsStore
from pictotext_desktop.ui.settings_dialog import SettingsDialog
from tests import stand_in_server as sis
from tests.keyring_session import LockedKeyring, MemoryKeyring, use_backend

KEY = "sk_live_0123456789abcdefSECRETabcd"
OTHER = "sk_live_fedcba9876543210OTHERwxyz"


def make_dialog(qtbot: QtBot, url: str = "http://127.0.0.1:9") -> SettingsDialog:
    settings = SettingsStore()
    dialog = SettingsDialog(
        settings, KeyStore(settings),
        lambda: PicToTextClient(ClientConfig(base_url=url, rate_limit=100, connect_timeout=2)),
    )
    qtbot.addWidget(dialog)
    return dialog


def visible_text(dialog: SettingsDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


# -- keys ----------------------------------------------------------------------------------
def test_set_key_masks_and_stores(qtbot: QtBot, memory: MemoryKeyring) -> None:
    dialog = make_dialog(qtbot)
    box = dialog.slot_boxes["primary"]
    assert box.edit.echoMode() == QLineEdit.EchoMode.Password
    assert "memory keyring MemoryKeyring" in dialog.backend_label.text()
    assert box.current_label.text() == "No key set."
    with qtbot.waitSignal(dialog.keys_changed):
        qtbot.keyClicks(box.edit, f" {KEY} ")
        qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert memory.entries == {(SERVICE, "primary"): KEY}
    assert box.edit.text() == ""
    assert "sk_live_…abcd" in box.current_label.text()
    assert "in the keyring" in box.current_label.text()
    assert "Added today" in box.info_label.text()
    assert "0 call(s) this month" in box.info_label.text()
    assert KEY not in visible_text(dialog)
    assert box.save_button.text() == "Replace in keyring"


def test_show_hide_toggle(qtbot: QtBot, memory: MemoryKeyring) -> None:
    box = make_dialog(qtbot).slot_boxes["primary"]
    qtbot.mouseClick(box.show_button, Qt.MouseButton.LeftButton)
    assert box.edit.echoMode() == QLineEdit.EchoMode.Normal
    qtbot.mouseClick(box.show_button, Qt.MouseButton.LeftButton)
    assert box.edit.echoMode() == QLineEdit.EchoMode.Password


def test_malformed_key_shows_why_and_stores_nothing(qtbot: QtBot, memory: MemoryKeyring) -> None:
    box = make_dialog(qtbot).slot_boxes["primary"]
    box.edit.setText("sk_live_abc def")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert "spaces or line breaks" in box.result_label.text()
    assert memory.entries == {}


def test_unusual_prefix_warns_but_saves(qtbot: QtBot, memory: MemoryKeyring) -> None:
    box = make_dialog(qtbot).slot_boxes["secondary"]
    box.edit.setText("pk_0123456789wxyz")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert "does not start with sk_" in box.result_label.text()
    assert memory.entries == {(SERVICE, "secondary"): "pk_0123456789wxyz"}


@pytest.mark.parametrize(("state", "outcome", "words"), [
    (sis.ACTIVE, "valid", "The key works."),
    (sis.NO_CREDITS, "account", "out of PicToText credits"),
    (sis.DISABLED, "invalid", "API_KEY_DISABLED"),
    (None, "invalid", "INVALID_API_KEY"),
])
def test_test_button_runs_in_background_and_shows_result(
    qtbot: QtBot, memory: MemoryKeyring, server: sis.StandInServer,
    state: str | None, outcome: str, words: str,
) -> None:
    if state:
        server.add_key(KEY, state)
    KeyStore(SettingsStore()).set("primary", KEY)
    dialog = make_dialog(qtbot, server.url)
    box = dialog.slot_boxes["primary"]
    with qtbot.waitSignal(box.test_finished, timeout=10000) as blocker:
        qtbot.mouseClick(box.test_button, Qt.MouseButton.LeftButton)
        assert "Testing sk_live_…abcd" in box.result_label.text()
        assert not box.test_button.isEnabled()
    assert blocker.args == [outcome]
    assert words in box.result_label.text()
    assert box.test_button.isEnabled()
    assert [r.headers["authorization"] for r in server.ocr_requests()] == [f"Bearer {KEY}"]


def test_test_typed_key_before_saving(qtbot: QtBot, memory: MemoryKeyring,
                                      server: sis.StandInServer) -> None:
    server.add_key(OTHER)
    box = make_dialog(qtbot, server.url).slot_boxes["secondary"]
    box.edit.setText(OTHER)
    with qtbot.waitSignal(box.test_finished, timeout=10000) as blocker:
        qtbot.mouseClick(box.test_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["valid"]
    assert memory.entries == {}  # testing does not store


def test_unreachable_is_not_invalid(qtbot: QtBot, memory: MemoryKeyring) -> None:
    with sis.StandInServer() as srv:
        url = srv.url
    KeyStore(SettingsStore()).set("primary", KEY)
    box = make_dialog(qtbot, url).slot_boxes["primary"]
    with qtbot.waitSignal(box.test_finished, timeout=15000) as blocker:
        qtbot.mouseClick(box.test_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["unreachable"]
    assert "Couldn't reach PicToText" in box.result_label.text()
    assert "invalid" not in box.result_label.text().split(".")[0]


def test_remove_asks_first(qtbot: QtBot, memory: MemoryKeyring) -> None:
    KeyStore(SettingsStore()).set("primary", KEY)
    KeyStore(SettingsStore()).set("secondary", OTHER)
    dialog = make_dialog(qtbot)
    questions: list[str] = []
    answers = iter([False, True])

    def confirm(title: str, text: str) -> bool:
        questions.append(text)
        return next(answers)

    dialog.confirm = confirm
    box = dialog.slot_boxes["secondary"]
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)  # "No"
    assert (SERVICE, "secondary") in memory.entries
    with qtbot.waitSignal(dialog.keys_changed):
        qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)  # "Yes"
    assert memory.entries == {(SERVICE, "primary"): KEY}
    assert "sk_live_…wxyz" in questions[0] and OTHER not in questions[0]
    assert box.current_label.text() == "No key set."
    assert not box.remove_button.isEnabled()


def test_rotation_note_and_usage(qtbot: QtBot, memory: MemoryKeyring) -> None:
    from datetime import UTC, datetime, timedelta

    added = datetime(2025, 1, 1, tzinfo=UTC)
    KeyStore(SettingsStore(), clock=lambda: added).set("primary", KEY)
    settings = SettingsStore()
    later = KeyStore(settings, clock=lambda: added + timedelta(days=91))
    later.record_call("primary", ok=True)
    later.record_call("primary", ok=False)
    dialog = SettingsDialog(settings, later, lambda: PicToTextClient())
    qtbot.addWidget(dialog)
    box = dialog.slot_boxes["primary"]
    assert "Added 91 day(s) ago" in box.info_label.text()
    assert "2 call(s) this month (1 failed)" in box.info_label.text()
    assert "rotating keys every 90 days" in box.rotation_label.text()


@pytest.mark.parametrize("backend", [fail.Keyring, LockedKeyring])
def test_without_keyring_explains_and_session_only_works(
    qtbot: QtBot, backend: type, tmp_path: Path
) -> None:
    with use_backend(backend()):
        dialog = make_dialog(qtbot)
        box = dialog.slot_boxes["primary"]
        if backend is fail.Keyring:
            assert "No secure key storage" in dialog.backend_label.text()
            assert "GNOME Keyring" in dialog.keyring_problem_label.text()
            assert not box.save_button.isVisibleTo(dialog)
        else:  # detected, fails on use: the save attempt explains
            box.edit.setText(KEY)
            qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
            assert "locked" in box.result_label.text().lower()
        assert box.session_button.isVisibleTo(dialog)
        box.edit.setText(KEY)
        with qtbot.waitSignal(dialog.keys_changed):
            qtbot.mouseClick(box.session_button, Qt.MouseButton.LeftButton)
        assert dialog.keystore.get("primary") == KEY
        assert "for this session only" in box.current_label.text()
    config = tmp_path / "config" / "settings.json"
    assert not config.exists() or KEY.encode() not in config.read_bytes()


# -- generated settings --------------------------------------------------------------------
def test_widgets_are_generated_from_the_table(qtbot: QtBot, memory: MemoryKeyring) -> None:
    dialog = make_dialog(qtbot)
    expected = {s.key for s in SETTINGS} - {"document_type"}
    assert set(dialog.editors) == expected
    kinds = {"bool": QCheckBox, "choices": QComboBox, "int": QSpinBox, "float": QDoubleSpinBox,
             "str": QLineEdit}
    for setting in SETTINGS:
        if setting.key not in dialog.editors:
            continue
        kind = ("bool" if setting.type is bool else "choices" if setting.choices
                else setting.type.__name__)
        assert isinstance(dialog.editors[setting.key], kinds[kind]), setting.key
        assert dialog.editors[setting.key].accessibleName()


def test_insecure_url_is_shown_inline_and_nothing_saved(
    qtbot: QtBot, memory: MemoryKeyring, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot)
    url_edit = dialog.editors["api_url"]
    assert isinstance(url_edit, QLineEdit)
    url_edit.setText("http://example.com")
    quality = dialog.editors["jpeg_quality"]
    assert isinstance(quality, QSpinBox)
    quality.setValue(75)
    assert dialog.apply() is False
    assert "plain http://" in dialog.errors["api_url"].text()
    assert dialog.errors["api_url"].isVisibleTo(dialog)
    assert not (tmp_path / "config" / "settings.json").exists()
    url_edit.setText("http://127.0.0.1:8765/")
    with qtbot.waitSignal(dialog.settings_changed):
        assert dialog.apply() is True
    assert not dialog.errors["api_url"].isVisibleTo(dialog)
    saved = json.loads((tmp_path / "config" / "settings.json").read_text())["settings"]
    assert saved == {"api_url": "http://127.0.0.1:8765", "jpeg_quality": 75}


def test_settings_saved_on_ok(qtbot: QtBot, memory: MemoryKeyring) -> None:
    dialog = make_dialog(qtbot)
    auto_copy = dialog.editors["auto_copy"]
    engine = dialog.editors["engine"]
    timeout = dialog.editors["read_timeout"]
    assert isinstance(auto_copy, QCheckBox) and isinstance(engine, QComboBox)
    assert isinstance(timeout, QDoubleSpinBox)
    auto_copy.setChecked(True)
    engine.setCurrentIndex(engine.findData("local"))
    timeout.setValue(60.0)
    with qtbot.waitSignal(dialog.settings_changed):
        dialog.accept()
    fresh = SettingsStore()
    assert (fresh.get("auto_copy"), fresh.get("engine"), fresh.get("read_timeout")) == (
        True, "local", 60.0)


def test_cancel_saves_nothing(qtbot: QtBot, memory: MemoryKeyring, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot)
    box = dialog.editors["auto_start"]
    assert isinstance(box, QCheckBox)
    box.setChecked(False)
    with qtbot.assertNotEmitted(dialog.settings_changed):
        dialog.reject()
    assert SettingsStore().get("auto_start") is True
