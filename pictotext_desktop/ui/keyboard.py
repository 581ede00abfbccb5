"""Keyboard actions of the views: next / previous problem (F8 / Shift+F8), and Ctrl+T
to search the document types.

"Next problem" is one walk through everything that needs the person: inside the shown
record from one flagged field to the next, then on to the next row that needs attention
(failed, nothing read, a check found something), wrapping around.  A failed row has no
fields: the row itself is the stop, with the queue focused.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from pictotext_desktop.ui.doc_type_selector import DocTypeSelector
from pictotext_desktop.ui.queue_view import QueueView
from pictotext_desktop.ui.result_view import ResultView


def tr(text: str) -> str:
    return QCoreApplication.translate("Keyboard", text)


def next_problem(queue: QueueView, result: ResultView, forward: bool = True) -> bool:
    """Go to the next (previous) problem; False, with a notice, when there is none."""
    model = queue.queue_model()
    current = queue.currentIndex()
    shown = result.job
    in_result = result.isAncestorOf(queue.window().focusWidget() or result)
    if (shown is not None and current.isValid() and model.jobs[current.row()] is shown
            and result.focus_flagged(forward, from_edge=not in_result)):
        return True
    row = queue.next_problem_row(forward)  # wraps round, to this row too
    if row < 0:
        result.show_notice(tr("No problems in the queue"))
        return False
    queue.select_row(row)
    job = model.jobs[row]
    if result.job is not job:  # the window shows the selected row; make sure of it
        extras = model.extras.get(job.id)
        result.show_job(job, extras.thumbnail if extras else None)
    if not result.focus_flagged(forward, from_edge=True):
        queue.setFocus(Qt.FocusReason.ShortcutFocusReason)
    return True


class _Window(Protocol):
    """What `install` needs of the main window."""

    @property
    def queue_view(self) -> QueueView: ...
    @property
    def result_view(self) -> ResultView: ...
    @property
    def doc_type(self) -> DocTypeSelector: ...


def install(window: QWidget, parts: _Window, menu_of: QAction | None = None) -> list[QAction]:
    """Add the actions to `window` (and to the menu holding `menu_of`), with their keys."""
    actions = []
    for text, key, slot in (
            (tr("&Next problem"), "F8",
             lambda: next_problem(parts.queue_view, parts.result_view, True)),
            (tr("Pre&vious problem"), "Shift+F8",
             lambda: next_problem(parts.queue_view, parts.result_view, False)),
            (tr("Choose document &type"), "Ctrl+T", lambda: parts.doc_type.focus_search())):
        action = QAction(text, window)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False, run=slot: run())
        window.addAction(action)
        actions.append(action)
    menus = [o for o in (menu_of.associatedObjects() if menu_of else [])
             if isinstance(o, QMenu)]
    if menus:
        menus[0].addSeparator()
        menus[0].addActions(actions)
    return actions
