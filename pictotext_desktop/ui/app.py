"""The GUI entry point: QApplication, translations, the main window, the event loop.

`cli.run_gui` calls `run_app(store, paths)`.  Only Qt and the window's own modules are
imported before the first paint; engines, HEIC support and the HTTP client load on first
use.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from pictotext_desktop import APP_ID, APP_NAME, __version__
from pictotext_desktop.settings import SettingsStore

log = logging.getLogger(__name__)


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("PicToText")
    app.setDesktopFileName("io.pictotext.Desktop")
    return app


def install_translations(app: QApplication, language: str) -> None:
    """Qt's own strings, and ours when a .qm exists (resources/translations/)."""
    locale = QLocale.system() if language == "system" else QLocale(language)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    try:
        from pictotext_desktop.paths import resource

        folder = resource("translations")
        ours = QTranslator(app)
        if folder.is_dir() and ours.load(locale, APP_ID, "_", str(folder)):
            app.installTranslator(ours)
    except Exception:  # a missing translation must never stop the app
        log.debug("no translation for %s", locale.name())


def run_app(store: SettingsStore, paths: list[Path]) -> int:
    """Create the application and window, queue `paths`, run until the window closes."""
    from pictotext_desktop.ui.main_window import MainWindow

    app = make_application()
    install_translations(app, store.get("language"))
    window = MainWindow(store)
    window.show()
    window.drop_zone.setFocus()
    if paths:  # queued until the rest of the window is built, after the first paint
        window.when_ready(lambda: window.add_paths(paths))
    code = app.exec()
    window.shutdown()
    return int(code)
