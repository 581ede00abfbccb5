"""With a key and engine "auto", Chinese ID cards go to the cloud instead of being read on
this computer: the settings dialog says so when a key is saved, and so does the status bar.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pictotext_desktop.api.client import ClientConfig, PicToTextClient
from pictotext_desktop.credentials import KeyStore
from pictotext_desktop.settings import SettingsStore
from pictotext_desktop.ui.settings_dialog import SettingsDialog
from tests.gui.conftest import make_window
from tests.memory_keyring import MemoryKeyring

KEY = "sk_live_0123456789abcdefSECRETabcd"
NOTE = "Chinese ID cards will now be read by the PicToText cloud instead of on this computer"


def _save_key(qtbot: QtBot, engine: str) -> str:
    settings = SettingsStore()
    settings.override("engine", engine)
    dialog = SettingsDialog(settings, KeyStore(settings), lambda: PicToTextClient(
        ClientConfig(base_url="http://127.0.0.1:9", rate_limit=100, connect_timeout=2)))
    qtbot.addWidget(dialog)
    box = dialog.slot_boxes["primary"]
    with qtbot.waitSignal(dialog.keys_changed):
        qtbot.keyClicks(box.edit, KEY)
        qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    return box.result_label.text()


def test_saving_a_key_says_chinese_id_cards_now_go_to_the_cloud(
        qtbot: QtBot, memory: MemoryKeyring) -> None:
    text = _save_key(qtbot, "auto")
    assert text.startswith("Saved sk_live_…abcd in the keyring.")
    assert NOTE in text
    assert "choose “On this computer” under Engine" in text


def test_no_such_note_when_the_engine_is_chosen(qtbot: QtBot, memory: MemoryKeyring) -> None:
    assert NOTE not in _save_key(qtbot, "local")


def test_the_status_bar_says_why_chinese_id_cards_go_to_the_cloud(
        qtbot: QtBot, store: Any, memory: MemoryKeyring) -> None:
    window = make_window(qtbot, store, memory)
    window.show()
    qtbot.waitExposed(window)
    window.ensure_built()
    window.keys_changed()  # what the window does after a key change
    # The key is read in a thread (ui/key_status.py); the status follows.
    qtbot.waitUntil(lambda: not window.key_state.pending)
    assert window.engine_status.text() == "Engine: Automatic (on this computer)"
    window.keystore.set("primary", KEY)
    window.keys_changed()
    qtbot.waitUntil(lambda: not window.key_state.pending)
    assert window.engine_status.text() == \
        "Engine: Automatic (PicToText cloud, because a key is set)"
    window.shutdown()
