"""Run at QT_SCALE_FACTOR=2 (tests/gui/test_hidpi.py): builds the window with a row of
every outcome, a record with findings, the pause banner, an error dialog and Settings,
then checks every icon and icon-sized picture they show.  Prints one JSON line.

An icon is crisp at 200 % when it is drawn from a vector (an icon engine that renders
at the asked scale) or from a file at least twice the size it is shown at; a picture a
label shows must have been made at the screen's scale (device pixel ratio 2).
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from pictotext_desktop.credentials import KeyStore
from pictotext_desktop.errors import ConnectionFailedError, InsufficientCreditsError
from pictotext_desktop.imaging import Source
from pictotext_desktop.jobs import Job, JobState
from pictotext_desktop.records import Record
from pictotext_desktop.settings import SettingsStore
from tests.memory_keyring import MemoryKeyring


def main() -> int:
    app = QApplication(sys.argv[:1])
    from pictotext_desktop.checks import check_record
    from pictotext_desktop.ui.error_dialog import ErrorDialog
    from pictotext_desktop.ui.main_window import MainWindow
    from pictotext_desktop.ui.queue_view import outcome_icon
    from pictotext_desktop.ui.settings_dialog import SettingsDialog

    store = SettingsStore()
    store.override("auto_start", False)
    store.override("result_store", "off")  # no keyring: nothing here needs one
    keystore = KeyStore(store, backend=MemoryKeyring())
    window = MainWindow(store, keystore=keystore)
    window.show()
    window.ensure_built()
    flagged = Record(source="card.jpg", document_type="cn_id_card", engine="cloud",
                     fields={"name": "张三", "idNumber": "110105194912310021"})
    check_record(flagged)
    empty = Record(source="blank.jpg", document_type="cn_id_card", engine="cloud",
                   fields={"name": None})

    def job(state: JobState, record: Record | None = None, error: object = None) -> Job:
        return Job(source=Source(name=f"{state}.jpg", data=b""), document_type="cn_id_card",
                   state=state, record=record, error=error)  # type: ignore[arg-type]

    jobs = [job(JobState.DONE, flagged), job(JobState.DONE, empty),
            job(JobState.FAILED, error=ConnectionFailedError()),
            job(JobState.WAITING, error=ConnectionFailedError()), job(JobState.CANCELLED),
            job(JobState.DONE, Record(source="ok.jpg", document_type="cn_id_card",
                                      engine="cloud", fields={"name": "李四"}))]
    window.model.add(jobs)
    window.stack.setCurrentWidget(window.splitter)
    window.queue_view.selectRow(0)
    window.controller.paused = True
    window.controller.paused_by = ConnectionFailedError()
    window.controller.state_changed.emit()
    error = ErrorDialog(InsufficientCreditsError(), on_device=2, offer_settings=True)
    error.show()
    settings = SettingsDialog(store, keystore, lambda: None)  # type: ignore[arg-type,return-value]
    settings.editors["api_url"].setText("http://example.com")
    settings.apply()
    settings.slot_boxes["primary"].show_result("x", good=True)
    settings.show()
    app.processEvents()

    checked: list[str] = []
    problems: list[str] = []

    def check_icon(where: str, icon: QIcon, side: int) -> None:
        if icon.isNull():
            return
        checked.append(where)
        sizes = icon.availableSizes()
        if sizes:  # from files: one of them must be at least twice the size shown
            if max(s.width() for s in sizes) < 2 * side:
                problems.append(f"{where}: largest {max(s.width() for s in sizes)} px "
                                f"for {side} px")
            return
        pixmap = icon.pixmap(QSize(side, side))  # an engine: drawn at the screen's scale?
        if pixmap.devicePixelRatio() < 2 or pixmap.width() < 2 * side:
            problems.append(f"{where}: drawn {pixmap.width()} px at ratio "
                            f"{pixmap.devicePixelRatio()} for {side} px")

    tops: list[QWidget] = [window, error, settings]
    check_icon("window icon", window.windowIcon(), 64)
    toolbar_side = window.findChildren(QWidget, "queueToolbar")[0].iconSize().width()
    for top in tops:
        for action in top.findChildren(QAction):
            check_icon(f"action {action.text()!r}", action.icon(), toolbar_side)
        for button in top.findChildren(QAbstractButton):
            check_icon(f"button {button.text()!r}", button.icon(), button.iconSize().width())
        for label in top.findChildren(QLabel):
            pixmap = label.pixmap()
            if pixmap.isNull():
                continue
            checked.append(f"label {label.objectName() or label.accessibleName()!r}")
            if pixmap.devicePixelRatio() < 2:
                problems.append(f"label {label.accessibleName()!r} in {type(top).__name__}: "
                                f"picture made at ratio {pixmap.devicePixelRatio()}")
    for row in jobs:
        icon = outcome_icon(row)
        if icon is not None:
            check_icon(f"row {row.state}", icon, 16)
    print(json.dumps({"ratio": app.devicePixelRatio(), "checked": checked,
                      "problems": problems}))
    error.close()
    settings.close()
    window.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
