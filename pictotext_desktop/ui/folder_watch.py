"""Settings → Workflow → Watch a folder: new, complete files in it join the queue by
themselves, and the status bar says "Watching ~/Scans".

`watch.FolderWatcher` (Qt-free, shared with `pictotext-desktop watch`) calls back in its
own thread; the path is relayed through a Qt signal, so it reaches the window in the GUI
thread, where it is queued like a dropped file.  Nothing is written to disk here: files
already read are known to the queue (same path) and to the result store (same image).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QLabel

if TYPE_CHECKING:
    from pictotext_desktop.watch import FolderWatcher, StableFile

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def short_path(folder: Path) -> str:
    """~/Scans rather than /home/someone/Scans."""
    try:
        return "~/" + folder.relative_to(Path.home()).as_posix()
    except ValueError:
        return str(folder)


class FolderWatch(QObject):
    """Watches the `watch_folder` setting's folder for `window` (its `add_paths`)."""

    file_ready = Signal(object)  # Path; emitted in the watcher's thread, received in the GUI's

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._window = window
        self.folder: Path | None = None
        self.watcher: FolderWatcher | None = None
        self.status = QLabel()
        self.status.setAccessibleName(tr("Watched folder"))
        self.status.setVisible(False)
        window.statusBar().addPermanentWidget(self.status)
        self.file_ready.connect(self._add)
        self.apply()

    def apply(self) -> None:
        """Follow the setting: start, stop or move the watch."""
        value = str(self._window.store.get("watch_folder") or "").strip()
        folder = Path(value).expanduser() if value else None
        if folder == self.folder and (folder is None or self.watcher is not None):
            return
        self.stop()
        self.folder = folder
        if folder is None:
            return
        from pictotext_desktop.watch import FolderWatcher, SeenStore

        watcher = FolderWatcher(folder, self._from_thread, seen=SeenStore(load=False))
        try:
            watcher.start()
        except (OSError, RuntimeError) as exc:
            watcher.stop()
            log.warning("watch folder not started: %s", type(exc).__name__)
            self._window.show_message(tr("The folder {folder} cannot be watched.").format(
                folder=short_path(folder)))
            return
        self.watcher = watcher
        self.status.setText(tr("Watching {folder}").format(folder=short_path(folder)))
        self.status.setToolTip(str(folder))
        self.status.setVisible(True)

    def stop(self) -> None:
        """End the watcher's threads (on quit, and before a new folder)."""
        watcher, self.watcher = self.watcher, None
        if watcher is not None:
            watcher.stop()
        self.status.setVisible(False)

    def _from_thread(self, stable: StableFile) -> None:
        self.file_ready.emit(stable.path)

    def _add(self, path: Path) -> None:
        if self.watcher is not None and not self._window._closing:
            self._window.take_paths([path])
