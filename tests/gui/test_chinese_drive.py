"""No English left in a Chinese interface: record notes, a file's own error words, the
server address problems, Qt's own dialogs, and what the batch and the pause say."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel

from pictotext_desktop import errors, notes
from pictotext_desktop.errors import ConnectionFailedError
from pictotext_desktop.jobs import same_image_note
from pictotext_desktop.ui import language
from pictotext_desktop.ui.batch_progress import time_left_text
from pictotext_desktop.ui.error_dialog import ErrorDialog
from pictotext_desktop.ui.queue_pause import PauseBanner
from pictotext_desktop.ui.result_view import tr_note
from tests.test_file_messages import file_cases

HAN = range(0x4E00, 0xA000)
# Words that stay as they are in Chinese too: formats, units, the app's and Qt's names.
KEPT = {"JPEG", "PDF", "PNG", "MB", "MP", "GB", "HEIC", "HEIF", "PicToText", "http",
        "https", "Ctrl", "Return", "pictotext", "io", "localhost"}


def has_chinese(text: str) -> bool:
    return any(ord(c) in HAN for c in text)


def english_left(text: str, *names: str) -> list[str]:
    """ASCII words of 3+ letters left once the file names and kept words are taken out."""
    for name in names:
        text = text.replace(name, "")
    return [w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in KEPT]


@pytest.fixture
def chinese(qapp: Any) -> Iterator[None]:
    app = QCoreApplication.instance()
    assert app is not None
    installed = language.install_translators(app, "zh_CN")
    assert len(installed) == 2  # Qt's own (qtbase) and ours
    yield
    language.remove_translators(app, installed)


def test_record_notes_are_chinese_and_keep_their_values(chinese: None) -> None:
    made = [
        notes.note(notes.SMALL_IMAGE, name="tiny.jpg", width=120, height=80),
        notes.note(notes.REDUCED, name="big.jpg", width=2400, height=1800, mb="9.8"),
        notes.NO_ID_TEXT,
        notes.note(notes.TURNED, degrees=180),
        same_image_note("card_1.jpg"),
        notes.note(notes.LONG_NAMES, count="3", limit="200"),
        notes.note(notes.MANY_FIELDS, count="1,500", limit="1,000"),
    ]
    shown = [tr_note(text) for text in made]
    for text in shown:
        assert has_chinese(text) and not english_left(text, "tiny.jpg", "big.jpg",
                                                      "card_1.jpg"), text
    assert "120×80" in shown[0] and "180°" in shown[3] and "card_1.jpg" in shown[4]
    assert tr_note("A note of the server's own") == "A note of the server's own"


def test_a_files_own_error_words_are_chinese(chinese: None, tmp_path: Path) -> None:
    names = ["empty.jpg", "missing.jpg", "a folder", "notes.txt", "scan.pdf", "cut.jpg",
             "noise.jpg", "huge.png", "blob.bin"]
    for case, message in file_cases(tmp_path).items():
        shown = language.tr_error_words(message, errors.PicToTextError.explanation)
        assert has_chinese(shown), (case, shown)
        assert not english_left(shown, *names, "RGB"), (case, shown)
        assert any(name in shown for name in names), (case, shown)


def test_server_address_problems_are_chinese(chinese: None, qtbot: Any,
                                             memory: Any) -> None:
    from pictotext_desktop.credentials import KeyStore
    from pictotext_desktop.session import client_factory
    from pictotext_desktop.settings import SettingsStore
    from pictotext_desktop.ui.settings_dialog import SettingsDialog

    settings = SettingsStore()
    dialog = SettingsDialog(settings, KeyStore(settings), client_factory(settings))
    qtbot.addWidget(dialog)
    for typed in ("ftp://example.com", "http://example.com"):
        dialog.editors["api_url"].setText(typed)
        assert not dialog.apply()
        shown = dialog.errors["api_url"].text()
        assert has_chinese(shown) and typed in shown, shown
        assert not english_left(shown, typed), shown


def test_qts_own_dialogs_are_chinese(chinese: None, qtbot: Any) -> None:
    dialog = QFileDialog(None, "打开图片")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    texts = [b.text() for b in box.buttons()]
    assert texts and all(has_chinese(t) for t in texts), texts
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert any(has_chinese(t) for t in labels), labels


def test_what_the_batch_and_the_pause_say_is_chinese(chinese: None, qtbot: Any) -> None:
    assert time_left_text(125) == "约剩 2 分钟"
    banner = PauseBanner()
    qtbot.addWidget(banner)
    banner.show_state(True, ConnectionFailedError(), 3, True)
    for text in (banner.label.text(), banner.detail.text(), banner.resume_button.text(),
                 banner.settings_button.text()):
        assert has_chinese(text) and not english_left(text), text
    dialog = ErrorDialog(errors.InsufficientCreditsError(), on_device=2, offer_settings=False)
    qtbot.addWidget(dialog)
    button = dialog.button_by_name["on_device"]
    assert button.text() == "改为在本机识别这些证件"
    assert has_chinese(button.toolTip()) and "2" in button.toolTip()
