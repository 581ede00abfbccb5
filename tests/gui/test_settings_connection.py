"""Settings, the connection and the key: Test uses the address typed (not the saved one),
a key refused in a test is saved only when the person says so, a bare host name is
https, problems look like problems in light and dark, and one Settings dialog at a time."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from pictotext_desktop.credentials import SERVICE, KeyStore
from pictotext_desktop.session import client_factory
from pictotext_desktop.settings import BY_KEY, SettingsStore
from pictotext_desktop.ui import theme
from pictotext_desktop.ui.problem_line import Kind
from pictotext_desktop.ui.settings_dialog import SettingsDialog
from tests import stand_in_server as sis
from tests.keyring_session import MemoryKeyring

KEY = "sk_live_0123456789abcdefSECRETabcd"
Role = QPalette.ColorRole


def make_dialog(qtbot: Any) -> SettingsDialog:
    """As the window makes it: the client comes from the saved settings."""
    settings = SettingsStore()
    dialog = SettingsDialog(settings, KeyStore(settings), client_factory(settings))
    qtbot.addWidget(dialog)
    return dialog


@pytest.fixture
def restore_theme(qapp: Any) -> Iterator[None]:
    before = QApplication.palette()
    yield
    theme.apply_theme(theme.SYSTEM)
    QApplication.setPalette(before)


def test_test_uses_the_address_typed_on_the_connection_tab(
        qtbot: Any, memory: MemoryKeyring, server: sis.StandInServer) -> None:
    server.add_key(KEY)
    dialog = make_dialog(qtbot)
    assert dialog.settings.get("api_url") == "https://pictotext.io"  # the saved one
    dialog.editors["api_url"].setText(server.url)  # typed, not saved yet
    box = dialog.slot_boxes["primary"]
    box.edit.setText(KEY)
    with qtbot.waitSignal(box.test_finished, timeout=10_000) as blocker:
        qtbot.mouseClick(box.test_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["valid"]
    assert [r.authorization for r in server.ocr_requests()] == [f"Bearer {KEY}"]
    assert box.result_label.text() == "The key works."
    assert box.result_label.kind == Kind.GOOD
    assert dialog.settings.get("api_url") == "https://pictotext.io"  # still not saved


def test_a_typed_address_that_is_not_valid_is_said_and_nothing_is_sent(
        qtbot: Any, memory: MemoryKeyring) -> None:
    dialog = make_dialog(qtbot)
    dialog.editors["api_url"].setText("ftp://example.com")
    box = dialog.slot_boxes["primary"]
    box.edit.setText(KEY)
    with qtbot.waitSignal(box.test_finished, timeout=5_000) as blocker:
        qtbot.mouseClick(box.test_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["error"]
    assert "is not a server address" in box.result_label.text()
    assert "Connection tab" in box.result_label.text()
    assert box.result_label.kind == Kind.PROBLEM


@pytest.mark.parametrize("answer", [False, True])
def test_a_key_refused_in_a_test_asks_before_it_is_saved(
        qtbot: Any, memory: MemoryKeyring, server: sis.StandInServer, answer: bool) -> None:
    dialog = make_dialog(qtbot)
    dialog.editors["api_url"].setText(server.url)
    asked: list[tuple[str, str]] = []
    dialog.confirm = lambda title, text: asked.append((title, text)) or answer
    box = dialog.slot_boxes["primary"]
    box.edit.setText(KEY)  # the server does not know it
    with qtbot.waitSignal(box.test_finished, timeout=10_000) as blocker:
        qtbot.mouseClick(box.test_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["invalid"]
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert asked == [("Save a refused key?",
                      "PicToText refused this key when it was tested. Save it anyway?")]
    if answer:
        assert memory.entries == {(SERVICE, "primary"): KEY}
    else:
        assert memory.entries == {}
        assert box.result_label.text() == \
            "Not saved: the key was refused when it was tested."
        assert box.result_label.kind == Kind.PROBLEM


def test_a_key_never_tested_is_saved_without_a_question(
        qtbot: Any, memory: MemoryKeyring) -> None:
    dialog = make_dialog(qtbot)
    dialog.confirm = lambda title, text: pytest.fail("asked")  # type: ignore[assignment]
    box = dialog.slot_boxes["primary"]
    box.edit.setText(KEY)
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert memory.entries == {(SERVICE, "primary"): KEY}


def test_a_bare_host_name_is_taken_as_https(qtbot: Any, memory: MemoryKeyring) -> None:
    assert BY_KEY["api_url"].coerce("pictotext.io") == "https://pictotext.io"
    assert BY_KEY["api_url"].coerce(" ocr.example.com/ ") == "https://ocr.example.com"
    dialog = make_dialog(qtbot)
    dialog.editors["api_url"].setText("ocr.example.com")
    assert dialog.apply()
    assert dialog.settings.get("api_url") == "https://ocr.example.com"
    assert not dialog.errors["api_url"].isVisible()


@pytest.mark.parametrize("scheme", [theme.LIGHT, theme.DARK])
def test_problems_look_like_problems_in_light_and_dark(
        qtbot: Any, memory: MemoryKeyring, restore_theme: None, scheme: str) -> None:
    theme.apply_theme(scheme)
    dialog = make_dialog(qtbot)
    dialog.show()
    dialog.editors["api_url"].setText("http://example.com")
    assert not dialog.apply()
    line = dialog.errors["api_url"]
    assert line.isVisible() and line.kind == Kind.PROBLEM
    assert line.text().startswith("http://example.com uses plain http://")
    assert line.icon.isVisible() and not line.icon.pixmap().isNull()
    chosen = line.colour_name()
    assert line.label.palette().color(Role.WindowText).name() == chosen  # not the text's
    assert chosen == theme.tone_colour(theme.Tone.BAD, dialog.palette()).name()
    from PySide6.QtGui import QColor

    background = dialog.palette().color(Role.Window)
    assert theme.contrast(QColor(chosen), background) >= theme.MIN_CONTRAST
    assert theme.is_dark(dialog.palette()) == (scheme == theme.DARK)


def test_one_settings_dialog_at_a_time(window: Any, qtbot: Any) -> None:
    window.open_settings()
    first = window.settings_dialog
    window.open_settings()
    assert window.settings_dialog is first
    shown = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, SettingsDialog) and w.isVisible()]
    assert shown == [first]
    first.reject()
    window.open_settings()
    assert window.settings_dialog is not first and window.settings_dialog.isVisible()
    window.settings_dialog.reject()
