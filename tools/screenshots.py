"""Make the README screenshots: docs/screenshots/empty.png, batch.png, error.png.

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py

Runs the real window against the stand-in server (offscreen; `grab()` renders widgets).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
KEY = "sk_test_demo_screens_a1b2"


def wait(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from pictotext_desktop.credentials import KeyStore
    from pictotext_desktop.errors import InsufficientCreditsError
    from pictotext_desktop.settings import SettingsStore
    from pictotext_desktop.ui.main_window import MainWindow
    from tests.image_corpus import card_image
    from tests.stand_in_server import StandInServer

    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp, StandInServer() as server:
        os.environ["PICTOTEXT_CONFIG_DIR"] = tmp
        os.environ["PICTOTEXT_API_KEY"] = KEY
        server.add_key(KEY)
        server.state.delay = 0.05
        store = SettingsStore(persist=False)
        store.override("api_url", server.url)
        store.override("auto_merge", False)
        window = MainWindow(store, keystore=KeyStore(store))
        window.confirm = lambda title, text: True
        window.show()
        wait(400)
        window.grab().save(str(OUT / "empty.png"))

        folder = Path(tmp) / "photos"
        folder.mkdir()
        paths = [folder / f"id_card_{n}.jpg" for n in range(1, 6)]
        for n, path in enumerate(paths, 1):
            card_image(tint=n * 12, label=f"Card {n}").save(path, "JPEG", quality=88)
        window.add_paths(paths)
        for _ in range(100):
            wait(100)
            if all(j.state.finished for j in window.model.jobs):
                break
        window.queue_view.selectRow(1)
        wait(300)
        window.grab().save(str(OUT / "batch.png"))

        dialog = window.show_error(InsufficientCreditsError(
            status=402, reason="INSUFFICIENT_CREDITS",
            server_message="You have no remaining included quota or credits.",
            detail="HTTP 402 Payment Required, reason INSUFFICIENT_CREDITS"))
        wait(300)
        if dialog is not None:
            dialog.grab().save(str(OUT / "error.png"))
            dialog.close()
        window.shutdown()
        window.close()
    app.processEvents()
    print("\n".join(str(p) for p in sorted(OUT.glob("*.png"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
