"""The GUI entry point: QApplication, translations, crash hook, the window, the event loop.

`cli.run_gui` calls `run_app(store, paths)`.  Only Qt and the window's own modules are
imported before the first paint (tests/gui/test_startup.py checks which); the crash
dialog, the app icon, engines, HEIC support, the keyring and the HTTP client come after
it or on first use.  Translations come from `language.install_translators` (ours and
Qt's `qtbase`), chosen by the `language` setting; a change applies at the next start
(docs/adr/0007).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from pictotext_desktop import APP_NAME, __version__
from pictotext_desktop.settings import SettingsStore
from pictotext_desktop.ui import language

DESKTOP_FILE_NAME = "io.pictotext.Desktop"  # the .desktop file / app id on Wayland


def make_application(argv: list[str] | None = None, *, icon: bool = True) -> QApplication:
    """The QApplication with the app's names; with its icon unless `icon` is False."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("PicToText")
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    if icon:
        set_app_icon(app)
    return app


def set_app_icon(app: QApplication) -> None:
    """Every window's default icon (dialogs too); none if the files are missing."""
    from pictotext_desktop.ui.icons import app_icon

    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)


def run_app(store: SettingsStore, paths: list[Path]) -> int:
    """Create the application and window, queue `paths`, run until the window closes."""
    from pictotext_desktop.ui.excepthook import install_excepthook
    from pictotext_desktop.ui.gc_guard import GuiThreadGarbageCollector
    from pictotext_desktop.ui.main_window import MainWindow

    # The icon comes after the first paint: a window shown with it converts all 9 sizes
    # for the window system first (~20 ms under X11).  The window sets its own then too.
    app = make_application(icon=False)
    windows: list[MainWindow] = []  # the crash dialog's parent, once there is one
    install_excepthook(lambda: windows[0] if windows else None)  # before anything can fail
    collector = GuiThreadGarbageCollector(app)  # before any worker thread starts
    language.install_translators(app, store.get("language"))
    from pictotext_desktop.ui.theme import apply_theme

    apply_theme(str(store.get("theme")))
    window = MainWindow(store)
    windows.append(window)
    collector.busy = lambda: window.is_built and (window.controller.running or window.reading_in)
    window.show()
    window.drop_zone.setFocus()
    window.when_ready(lambda: set_app_icon(app))
    if paths:  # queued until the rest of the window is built, after the first paint
        window.when_ready(lambda: window.take_paths(paths))
    code = app.exec()
    window.shutdown()
    collector.uninstall()
    return int(code)
