"""Start-up in two steps, the key-rotation note, and Settings opened from the window.

The first paint shows the drop zone and chrome before the rest is imported and built;
nothing moves when it is, and nothing the person adds in between is lost.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, Qt, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QToolBar

from tests.gui.conftest import TEST_KEY, MemoryKeyring, make_window, read_in
from tests.gui.drag import drag_enter_event, drop_event
from tests.stand_in_server import StandInServer

WRONG_KEY = "sk_test_wrong_key_9999"


class _FirstPaint(QObject):
    """Notes what the window looked like when the drop zone was first painted."""

    def __init__(self, window: Any) -> None:
        super().__init__()
        self.window = window
        self.seen: dict[str, Any] | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.seen is None:
            self.seen = layout_of(self.window)
            self.seen["built"] = self.window.is_built
        return False


def layout_of(window: Any) -> dict[str, Any]:
    zone = window.drop_zone
    toolbar = window.findChild(QToolBar, "queueToolbar")
    return {
        "zone": (zone.mapTo(window, QPoint(0, 0)), zone.size()),
        "headline": zone.headline.mapTo(window, QPoint(0, 0)),
        "toolbar": toolbar.geometry(),
        "menus": [a.text() for a in window.menuBar().actions()],
        "headline_text": zone.headline.text(),
        "buttons": [zone.open_files_button.text(), zone.open_folder_button.text(),
                    zone.paste_button.text()],
    }


def test_first_paint_comes_before_the_build_and_nothing_moves(
        qtbot: Any, store: Any, keyring_backend: MemoryKeyring, with_key: str) -> None:
    window = make_window(qtbot, store, keyring_backend)
    spy = _FirstPaint(window)
    window.drop_zone.installEventFilter(spy)
    assert not window.is_built
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.show()
    seen = spy.seen
    assert seen is not None and seen["built"] is False  # painted with only the shell
    assert seen["headline_text"] == "Drop photos or folders here"
    assert seen["buttons"] == ["Open files…", "Open folder…", "Paste"]
    assert seen["menus"] == ["&File", "&Edit", "&Queue", "&Help"]
    QApplication.processEvents()
    after = layout_of(window)
    # No layout jump: the drop zone, its text and the toolbar stay where they were.
    assert after["zone"] == seen["zone"]
    assert after["headline"] == seen["headline"]
    assert after["toolbar"] == seen["toolbar"]
    # The deferred part is in: the real type selector, shortcuts, the key status.
    assert window.doc_type.value() == "cn_id_card"
    assert window.act_settings.shortcut().toString() == "Ctrl+,"
    qtbot.waitUntil(lambda: "…abcd" in window.drop_zone.status.text())
    window.shutdown()


def test_parts_are_built_on_demand(qtbot: Any, store: Any, keyring_backend: MemoryKeyring,
                                   with_key: str, cards: list[Path]) -> None:
    store.override("auto_start", False)
    window = make_window(qtbot, store, keyring_backend)  # never shown
    assert not window.is_built
    assert window.add_paths(cards) == 3
    assert window.is_built
    assert [j.source.display_name for j in window.model.jobs] == [
        "card_1.jpg", "card_2.jpg", "card_3.jpg"]
    window.shutdown()


def test_command_line_paths_wait_for_the_build(
        qtbot: Any, store: Any, keyring_backend: MemoryKeyring, with_key: str,
        cards: list[Path]) -> None:
    store.override("auto_start", False)
    window = make_window(qtbot, store, keyring_backend)
    window.when_ready(lambda: window.add_paths(cards[:2]))  # what app.run_app does
    assert not window.is_built
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.show()
    assert [j.source.display_name for j in window.model.jobs] == ["card_1.jpg", "card_2.jpg"]
    assert window.stack.currentWidget() is window.splitter
    window.shutdown()


def test_a_drop_before_the_build_is_not_lost(
        qtbot: Any, store: Any, keyring_backend: MemoryKeyring, with_key: str,
        cards: list[Path]) -> None:
    store.override("auto_start", False)
    window = make_window(qtbot, store, keyring_backend)
    zone = window.drop_zone
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(cards[0]))])
    centre = zone.rect().center()
    enter = drag_enter_event(centre, mime)
    QApplication.sendEvent(zone, enter)
    assert enter.isAccepted()
    assert not window.is_built
    QApplication.sendEvent(zone, drop_event(centre, mime))
    read_in(qtbot, window)  # the files are read in off the GUI thread
    assert [j.source.display_name for j in window.model.jobs] == ["card_1.jpg"]
    window.shutdown()


def test_first_paint_imports_only_the_shell() -> None:
    """The module bodies that cost start-up time load after the first paint, not before."""
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM']='offscreen'\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from pictotext_desktop.settings import SettingsStore\n"
        "from pictotext_desktop.ui.main_window import MainWindow\n"
        "w = MainWindow(SettingsStore(persist=False)); w.show()\n"
        "late = ('pictotext_desktop.jobs', 'pictotext_desktop.imaging', "
        "'pictotext_desktop.catalog', 'pictotext_desktop.ui.queue_view', "
        "'pictotext_desktop.ui.result_view', 'pictotext_desktop.ui.error_dialog', 'PIL')\n"
        "print(','.join(m for m in late if m in sys.modules))\n"
        "while not w.is_built: app.processEvents()\n"
        "print(','.join(m for m in late if m not in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    before, after = out.stdout.splitlines()[-2:]
    assert before == ""  # nothing heavy before the first paint…
    assert "pictotext_desktop.ui.queue_view" not in after  # …and the rest right after it
    assert "pictotext_desktop.catalog" not in after


# What the start path loads (as a person starts the app) ------------------------------
# Each costs start-up time and none is needed to show the window: they load after its
# first paint (the keyring, the result store, the HTTP client, the queue) or on first use
# (the crash dialog, on a crash; the document catalog; images).
NOT_BEFORE_FIRST_PAINT = (
    "keyring", "requests", "urllib3", "PIL", "sqlite3", "cryptography", "numpy",
    "onnxruntime", "logging.handlers", "pictotext_desktop.credentials",
    "pictotext_desktop.store", "pictotext_desktop.jobs", "pictotext_desktop.catalog",
    "pictotext_desktop.api.client", "pictotext_desktop.ui.queue_controller",
    "pictotext_desktop.ui.crash_dialog",
)
FIRST_PAINT_PROBE = """
import json, os, sys
from pictotext_desktop.ui import main_window
shown = main_window.MainWindow.show

def show(self):
    from PySide6.QtCore import QObject, QTimer

    class Watch(QObject):  # the first event while exposed is the Expose event
        def eventFilter(self, watched, event):
            if watched.isExposed():
                watched.removeEventFilter(self)
                QTimer.singleShot(0, painted)  # after this paint, before anything it queued
            return False

    def painted():
        try:
            hooks = sys.modules.get("pictotext_desktop.ui.excepthook")
            print(json.dumps({
                "loaded": [m for m in json.loads(sys.argv[1]) if m in sys.modules],
                "hook": sys.excepthook is getattr(hooks, "_sys_hook", None),
                "built": self.is_built,
            }), flush=True)
        finally:
            os._exit(0)

    shown(self)
    self.watch = Watch(self)
    self.windowHandle().installEventFilter(self.watch)

main_window.MainWindow.show = show
from pictotext_desktop.cli import main
sys.exit(main([]))
"""


def test_start_path_loads_nothing_heavy_before_the_first_paint(tmp_path: Path) -> None:
    """`pictotext-desktop` started as a person starts it (settings, log, translations,
    crash hook, window): at the window's first paint the crash hook is installed, and
    the keyring, the HTTP client, the result store, the crash dialog and the other
    modules that cost start-up time are not loaded yet."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PICTOTEXT_CONFIG_DIR": str(tmp_path),
           "PICTOTEXT_LOG_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_PROBE, json.dumps(NOT_BEFORE_FIRST_PAINT)],
        capture_output=True, text=True, timeout=60, check=True, env=env)
    seen = json.loads(out.stdout.splitlines()[-1])
    assert seen == {"loaded": [], "hook": True, "built": False}


AFTER_FIRST_PAINT_PROBE = """
import json, os, sys, threading, time
from pictotext_desktop.ui import main_window
shown = main_window.MainWindow.show
imported_in = {}

class Watch:  # which thread first imports these (a meta path finder that finds nothing)
    def find_spec(self, name, path=None, target=None):
        if name in ("requests", "keyring") and name not in imported_in:
            imported_in[name] = threading.current_thread().name
        return None

sys.meta_path.insert(0, Watch())

def show(self):
    from PySide6.QtCore import QTimer

    shown(self)
    started = time.monotonic()

    def look():  # 2 s after the first paint, once the key's status is shown
        settled = self.key_status.text() not in ("", "Checking the API key…")
        if (settled and time.monotonic() - started >= 2) or time.monotonic() - started > 30:
            print(json.dumps({"key": self.key_status.text(), "imported_in": imported_in,
                              "requests": "requests" in sys.modules}), flush=True)
            os._exit(0)

    self.looker = QTimer(self)
    self.looker.timeout.connect(look)
    self.looker.start(50)

main_window.MainWindow.show = show
from pictotext_desktop.cli import main
sys.exit(main([]))
"""


def test_start_path_reads_the_key_off_the_gui_thread_without_the_http_client(
        tmp_path: Path) -> None:
    """After the first paint the key's status is read in a thread of its own (choosing
    the keyring backend there too), and neither that nor the rest of the start-up loads
    `requests` (~0.3 s): the HTTP client loads when the first image is sent."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PICTOTEXT_CONFIG_DIR": str(tmp_path),
           "PICTOTEXT_LOG_DIR": str(tmp_path), "PICTOTEXT_DATA_DIR": str(tmp_path),
           "PICTOTEXT_API_KEY": TEST_KEY,
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path}/no-bus"}
    out = subprocess.run([sys.executable, "-c", AFTER_FIRST_PAINT_PROBE],
                         capture_output=True, text=True, timeout=60, check=True, env=env)
    seen = json.loads(out.stdout.splitlines()[-1])
    assert seen["key"] == "Key: sk_test_…abcd (from PICTOTEXT_API_KEY)"
    assert seen["requests"] is False
    assert seen["imported_in"].get("keyring") not in (None, "MainThread")


FIRST_DROP_PROBE = """
import json, os, sys, threading
from pathlib import Path
from PySide6.QtWidgets import QApplication
imported_in = {}

class Watch:  # which thread first imports `requests`, and how many rows were in by then
    def find_spec(self, name, path=None, target=None):
        if name == "requests" and name not in imported_in:
            imported_in[name] = (threading.current_thread().name, len(window.model.jobs))
        return None

app = QApplication([])
from pictotext_desktop.settings import SettingsStore
from pictotext_desktop.ui.main_window import MainWindow
window = MainWindow(SettingsStore(persist=False))
window.show()
window.ensure_built()
sys.meta_path.insert(0, Watch())
window.take_paths([Path(sys.argv[1])])
while window.reading_in or not window.model.jobs:
    app.processEvents()
print(json.dumps({"imported_in": imported_in.get("requests")}), flush=True)
os._exit(0)
"""


def test_the_first_drop_loads_the_http_client_before_its_first_row(
        tmp_path: Path, card_jpeg: Path) -> None:
    """The modules a batch's first job needs (the HTTP client, the checks) are loaded by
    the intake thread at the first drop, before its first row: loaded by the first job
    they held the GIL while the batch started, and the GUI thread waited for it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PICTOTEXT_CONFIG_DIR": str(tmp_path),
           "PICTOTEXT_LOG_DIR": str(tmp_path), "PICTOTEXT_DATA_DIR": str(tmp_path)}
    env.pop("PICTOTEXT_API_KEY", None)
    out = subprocess.run([sys.executable, "-c", FIRST_DROP_PROBE, str(card_jpeg)],
                         capture_output=True, text=True, timeout=60, check=True, env=env)
    seen = json.loads(out.stdout.splitlines()[-1])
    assert seen["imported_in"] == ["pictotext-intake", 0]


# Key rotation note ---------------------------------------------------------------------
def _window_with_key_added(qtbot: Any, store: Any, backend: MemoryKeyring,
                           days_ago: int) -> Any:
    from pictotext_desktop.credentials import KeyStore

    now = datetime.now(UTC)
    KeyStore(store, backend=backend, clock=lambda: now - timedelta(days=days_ago)).set(
        "primary", TEST_KEY)
    window = make_window(qtbot, store, backend)
    window.show()
    return window


def test_status_bar_notes_a_key_due_for_rotation(
        qtbot: Any, store: Any, keyring_backend: MemoryKeyring) -> None:
    window = _window_with_key_added(qtbot, store, keyring_backend, days_ago=120)
    note = window.rotation_status
    qtbot.waitUntil(lambda: note.isVisible())
    assert note.text() == "Key is 120 days old: consider a new one (Settings)"
    assert "rotating keys every 90 days" in note.toolTip()
    assert TEST_KEY not in note.text() + note.toolTip()
    window.shutdown()


def test_no_rotation_note_for_a_recent_key(
        qtbot: Any, store: Any, keyring_backend: MemoryKeyring) -> None:
    window = _window_with_key_added(qtbot, store, keyring_backend, days_ago=89)
    qtbot.waitUntil(lambda: "…abcd" in window.key_status.text())
    assert not window.rotation_status.isVisible()
    assert window.rotation_status.text() == ""
    window.shutdown()


# Settings from the main window ---------------------------------------------------------
def test_ctrl_comma_opens_the_real_settings_dialog(window: Any, qtbot: Any) -> None:
    from pictotext_desktop.ui.settings_dialog import SettingsDialog

    qtbot.waitUntil(lambda: window.is_built)
    # The shortcut is Ctrl+, and triggering it opens the dialog.  (Pressing the keys
    # would need this window activated, which leaves focus state on the shared
    # QApplication that disturbed later tests' selections.)
    assert window.act_settings.shortcut() == QKeySequence("Ctrl+,")
    assert window.act_settings.shortcutContext() != Qt.ShortcutContext.WidgetShortcut
    window.act_settings.trigger()
    qtbot.waitUntil(lambda: window.settings_dialog is not None
                    and window.settings_dialog.isVisible())
    assert isinstance(window.settings_dialog, SettingsDialog)
    assert window.settings_dialog.slot_boxes["primary"].current_label.text() != ""
    window.settings_dialog.close()


def test_new_key_in_settings_resumes_a_queue_paused_by_a_refused_key(
        qtbot: Any, store: Any, keyring_backend: MemoryKeyring, cards: list[Path],
        server: StandInServer) -> None:
    from pictotext_desktop.credentials import KeyStore

    KeyStore(store, backend=keyring_backend).set("primary", WRONG_KEY)
    window = make_window(qtbot, store, keyring_backend)
    window.show()
    with qtbot.waitSignal(window.batch_finished, timeout=20_000):
        window.add_paths(cards[:2])
    assert [j.state.value for j in window.model.jobs] == ["waiting", "waiting"]
    assert window.paused
    error = window.last_error_dialog
    assert error is not None and error.title_label.text() == "Your API key was not accepted"
    error.click("settings")  # the error dialog's own way to the settings
    # It opens at once, or once the key's status (read in its own thread) is known.
    qtbot.waitUntil(lambda: window.settings_dialog is not None
                    and window.settings_dialog.isVisible(), timeout=5000)
    dialog = window.settings_dialog
    assert dialog is not None
    box = dialog.slot_boxes["primary"]
    box.edit.setText(TEST_KEY)
    with qtbot.waitSignal(window.batch_finished, timeout=20_000):
        box.save_button.click()  # stored in the keyring -> keys_changed -> resume
    assert [j.state.value for j in window.model.jobs] == ["done", "done"]
    assert not window.paused
    assert not error.isVisible()
    assert keyring_backend.entries[("pictotext-desktop", "primary")] == TEST_KEY
    dialog.close()
    window.shutdown()

