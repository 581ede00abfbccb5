"""What selecting a row, and editing a field, cost the GUI thread in a finished batch.

    python bench/selection.py [N]

N card photos of `bench/scale.py`'s set (made there first; default 30) are read against
the stand-in server; then every row is selected twice, each selection followed by a
synchronous repaint of the result view and the queue.  Reported: the GUI thread's own CPU per
selection of the second pass (median and the worst few, with the row's document type)
and a profile of that pass (the biggest cumulative costs, in CPU time).  Then each row's
first editable field is edited (as a person does: new text, Enter) and both views
repainted: the same figures for the edits.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.gui import KEY, standin_process  # noqa: E402
from bench.scale import images_in, make_images  # noqa: E402


def main() -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from pictotext_desktop.credentials import KeyStore
    from pictotext_desktop.settings import SettingsStore
    from pictotext_desktop.ui.main_window import MainWindow

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    paths = images_in(make_images(max(count, 200)))[:count]
    app = QApplication([])
    with standin_process(0.0) as url:
        os.environ["PICTOTEXT_API_KEY"] = KEY
        store = SettingsStore(persist=False)
        store.override("api_url", url)
        store.override("rate_limit", 100.0)
        store.override("auto_merge", False)
        window = MainWindow(store, keystore=KeyStore(store))
        window.confirm = lambda title, text: True
        window.resize(1100, 720)
        window.show()
        loop = QEventLoop()
        QTimer.singleShot(300, loop.quit)
        loop.exec()
        loop = QEventLoop()
        window.batch_finished.connect(loop.quit)
        window.add_paths(paths)
        QTimer.singleShot(120_000, loop.quit)
        loop.exec()
        app.processEvents()
        times: list[tuple[float, int, str]] = []
        parts: dict[str, list[float]] = {"select": [], "result view paint": [],
                                         "queue paint": []}
        profile = cProfile.Profile(time.thread_time)  # CPU time: load does not blur it
        for second in (False, True):
            for row in range(window.model.rowCount()):
                started = time.thread_time()
                if second:
                    profile.enable()
                window.queue_view.select_row(row)
                selected = time.thread_time()
                window.result_view.repaint()
                painted = time.thread_time()
                window.queue_view.viewport().repaint()
                if second:
                    profile.disable()
                    ended = time.thread_time()
                    job = window.result_view.job
                    kind = job.record.document_type if job and job.record else "-"
                    times.append(((ended - started) * 1000, row, kind))
                    for name, ms in zip(parts, (selected - started, painted - selected,
                                                ended - painted), strict=True):
                        parts[name].append(ms * 1000)
                app.processEvents()
        times.sort(reverse=True)
        print(f"{len(times)} selections: GUI-thread CPU median {times[len(times) // 2][0]:.1f} "
              "ms; worst " + ", ".join(f"{ms:.1f} ms (row {r}, {kind})"
                                        for ms, r, kind in times[:5]))
        print_parts(parts, profile)
        edits(window)
        window.shutdown()
    os._exit(0)


def print_parts(parts: dict[str, list[float]], profile: cProfile.Profile) -> None:
    """Each part's median and max, then the pass's biggest cumulative costs."""
    print("  of which (median / max ms): " + "; ".join(
        f"{name} {sorted(v)[len(v) // 2]:.1f} / {max(v):.1f}" for name, v in parts.items()))
    pstats.Stats(profile).sort_stats("cumulative").print_stats(15)


def edits(window: Any) -> None:
    """Each row's first editable field edited, then both views repainted."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    times: list[float] = []
    parts: dict[str, list[float]] = {"edit": [], "result view paint": [], "queue paint": []}
    profile = cProfile.Profile(time.thread_time)
    for row_no in range(window.model.rowCount()):
        window.queue_view.select_row(row_no)
        window.result_view.repaint()
        window.queue_view.viewport().repaint()
        app.processEvents()
        row = next((r for r in window.result_view.rows.values()
                    if r.edit.isEnabled() and not r.edit.isReadOnly()), None)
        if row is None:
            continue
        started = time.thread_time()
        profile.enable()
        row.edit.setText(f"edited {row_no}")
        row.edit.editingFinished.emit()
        edited = time.thread_time()
        window.result_view.repaint()
        painted = time.thread_time()
        window.queue_view.viewport().repaint()
        profile.disable()
        ended = time.thread_time()
        times.append((ended - started) * 1000)
        for name, ms in zip(parts, (edited - started, painted - edited, ended - painted),
                            strict=True):
            parts[name].append(ms * 1000)
        app.processEvents()
    if not times:
        return
    times.sort(reverse=True)
    print(f"{len(times)} edits: GUI-thread CPU median {times[len(times) // 2]:.1f} ms; "
          "worst " + ", ".join(f"{ms:.1f} ms" for ms in times[:5]))
    print_parts(parts, profile)


if __name__ == "__main__":
    raise SystemExit(main())
