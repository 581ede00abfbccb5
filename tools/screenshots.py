"""Make the README screenshots: docs/screenshots/empty.png, batch.png, error.png, and
outcomes-light.png / outcomes-dark.png (every row outcome, a finding with its suggestion).

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


def show_outcomes(window: object) -> None:
    """Rows for each outcome (problem, nothing read, failed, paused, cancelled), shot in
    the light and the dark theme with the problem row selected."""
    from pictotext_desktop.checks import check_record
    from pictotext_desktop.errors import InsufficientCreditsError, ServiceUnavailableError
    from pictotext_desktop.imaging import Source
    from pictotext_desktop.jobs import Job, JobState
    from pictotext_desktop.records import Record
    from pictotext_desktop.ui import theme

    def job(name: str, state: JobState, fields: dict[str, str | None] | None = None,
            error: object = None) -> Job:
        record = None
        if fields is not None:
            record = Record(source=name, document_type="cn_id_card", engine="cloud",
                            fields=fields)
            check_record(record)
        return Job(source=Source(name=name, data=b""), document_type="cn_id_card",
                   state=state, record=record, error=error)  # type: ignore[arg-type]

    fields = {"name": "张三", "sex": "男", "ethnicity": "汉",
              "dateOfBirth": "1949-12-31", "address": "北京市朝阳区建国路 1 号",
              "idNumber": "110105194912310021"}
    jobs = [job("id_card_6.jpg", JobState.DONE, fields),
            job("blank.jpg", JobState.DONE, {k: None for k in fields}),
            job("id_card_7.jpg", JobState.FAILED, error=ServiceUnavailableError()),
            job("id_card_8.jpg", JobState.WAITING, error=InsufficientCreditsError()),
            job("id_card_9.jpg", JobState.CANCELLED)]
    model = window.model  # type: ignore[attr-defined]
    model.add(jobs)
    view = window.queue_view  # type: ignore[attr-defined]
    view.select_row(model.row_of(jobs[0].id))
    wait(300)
    for name in (theme.LIGHT, theme.DARK):
        theme.apply_theme(name)
        wait(300)
        window.grab().save(str(OUT / f"outcomes-{name}.png"))  # type: ignore[attr-defined]
    theme.apply_theme(theme.SYSTEM)


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
        show_outcomes(window)

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
