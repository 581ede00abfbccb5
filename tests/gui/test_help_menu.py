"""Help menu: About (copyable versions), What leaves this computer, Open log folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QGuiApplication

from pictotext_desktop import about


def test_help_menu_lists_the_three_entries(window: Any) -> None:
    help_menu = window.menuBar().actions()[-1].menu()
    texts = [a.text() for a in help_menu.actions() if not a.isSeparator()]
    assert texts == ["&What leaves this computer", "Open &log folder",
                     "&About PicToText Desktop"]


def test_about_lists_every_version_and_copies_them(window: Any) -> None:
    window.act_about.trigger()
    dialog = window.help_dialog
    assert dialog is not None and dialog.isVisible()
    shown = dialog.versions.toPlainText()
    for name in ("PicToText Desktop", "Qt", "PySide6", "Pillow", "pi-heif", "libheif",
                 "Python", "OS"):
        assert f"\n{name}: " in f"\n{shown}", name
    assert about.versions()["Qt"] in shown
    QGuiApplication.clipboard().clear()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == shown
    assert dialog.copy_button.text() == "Copied"
    dialog.reject()


def test_privacy_dialog_says_what_leaves(window: Any) -> None:
    opened: list[str] = []
    window.open_url = opened.append
    window.act_privacy.trigger()
    dialog = window.help_dialog
    assert dialog is not None and dialog.windowTitle() == "What leaves this computer"
    text = dialog.plain_text()
    for phrase in ("without EXIF, GPS location", "the image, the document type and your "
                   "API key", "then nothing leaves it", "system keyring",
                   "never holds field values, API keys or images", "no telemetry"):
        assert phrase in text, phrase
    # The full account is linked in a source checkout; the link goes through the hook.
    assert dialog.full_path is not None and dialog.full_path.name == "privacy.md"
    assert dialog.link.isVisibleTo(dialog)
    dialog.open_full_account()
    assert opened and QUrl(opened[0]).toLocalFile().endswith("docs/privacy.md")
    dialog.reject()


def test_open_log_folder_uses_the_hook(window: Any, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from pictotext_desktop import logs

    monkeypatch.setenv(logs.LOG_DIR_ENV, str(tmp_path / "logs"))
    opened: list[str] = []
    window.open_url = opened.append
    window.act_log_folder.trigger()
    assert len(opened) == 1
    folder = Path(QUrl(opened[0]).toLocalFile())
    assert folder == tmp_path / "logs"
    assert folder.is_dir()


def test_application_icon_has_every_size() -> None:
    from pictotext_desktop.ui.icons import PNG_SIZES, app_icon, icon_files

    files = icon_files()
    assert [side for _path, side in files] == [*PNG_SIZES, 0]
    icon = app_icon()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert {(n, n) for n in PNG_SIZES} <= sizes
    # HiDPI: a 32 px icon at 2x is drawn from the real 64 px file.
    pixmap = icon.pixmap(QSize(32, 32), 2.0)
    assert pixmap.width() == 64 and pixmap.devicePixelRatio() == 2.0


def test_make_application_sets_icon_and_desktop_file() -> None:
    # A fresh process: the test session's QApplication already exists.
    code = ("from pictotext_desktop.ui.app import make_application; app = make_application(); "
            "print(app.desktopFileName(), app.windowIcon().isNull(), "
            "len(app.windowIcon().availableSizes()))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=60, check=True).stdout.split()
    assert out == ["io.pictotext.Desktop", "False", "8"]
