"""Light and dark follow the OS: the UI takes every colour from the current palette.

A theme switch reaches Qt as a new application palette; a widget with its own palette or
style sheet colours would keep the old look.  So: no colour literals in ui/, no widget
with an explicit palette, and after `QApplication.setPalette(dark)` the drop zone and the
field check labels show the dark palette's colours.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from pictotext_desktop.imaging import Source
from pictotext_desktop.jobs import Job, JobState
from pictotext_desktop.records import Check, Record, Severity

UI = Path(__file__).resolve().parents[2] / "pictotext_desktop" / "ui"
Role = QPalette.ColorRole


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, rgb in ((Role.Window, "#202124"), (Role.WindowText, "#e8eaed"),
                      (Role.Base, "#17181a"), (Role.AlternateBase, "#2a2b2e"),
                      (Role.Text, "#e8eaed"), (Role.Button, "#303134"),
                      (Role.ButtonText, "#e8eaed"), (Role.PlaceholderText, "#9aa0a6"),
                      (Role.Highlight, "#8ab4f8"), (Role.HighlightedText, "#202124"),
                      (Role.Link, "#8ab4f8"), (Role.ToolTipBase, "#303134"),
                      (Role.ToolTipText, "#e8eaed")):
        palette.setColor(role, QColor(rgb))
    return palette


@pytest.fixture
def dark_app(qapp: Any) -> Iterator[QPalette]:
    before = QApplication.palette()
    dark = dark_palette()
    yield dark
    QApplication.setPalette(before)


def test_no_colour_literals_in_ui() -> None:
    """Colours come from the palette, or from ui/theme.py (contrast-checked)."""
    hex_colour = re.compile(r"""["']#[0-9a-fA-F]{3,8}["']""")
    colour_call = re.compile(r"QColor\((?!0, 0, 0, 0\))[^)]")  # transparent is no colour
    problems = []
    for path in sorted(UI.glob("*.py")):
        if path.name == "theme.py":
            continue  # the one place that names colours; tests/gui/test_theme.py checks them
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if hex_colour.search(line) or colour_call.search(line) or "setStyleSheet" in line \
                    or "Qt.GlobalColor" in line:
                problems.append(f"{path.name}:{number}: {line.strip()}")
    assert problems == []


def _shown_job() -> Job:
    record = Record(source="a.jpg", document_type="cn_id_card", engine="local",
                    fields={"name": "张三", "idNumber": "11010519491231002X"})
    record.checks = [Check("idNumber", "CHECKSUM", Severity.WARNING, "Check digit is wrong",
                           "校验码错误")]
    return Job(source=Source(name="a.jpg", data=b""), document_type="cn_id_card",
               state=JobState.DONE, record=record)


def test_dark_palette_reaches_drop_zone_and_field_labels(window: Any,
                                                         dark_app: QPalette) -> None:
    window.result_view.show_job(_shown_job())
    zone = window.drop_zone
    light_text = zone.headline.palette().color(Role.WindowText)
    assert light_text != dark_app.color(Role.WindowText)  # the test starts light

    QApplication.setPalette(dark_app)
    QApplication.processEvents()

    assert zone.palette().color(Role.AlternateBase) == dark_app.color(Role.AlternateBase)
    assert zone.palette().color(zone.backgroundRole()) == dark_app.color(Role.AlternateBase)
    assert zone.headline.palette().color(Role.WindowText) == dark_app.color(Role.WindowText)
    assert zone.status.palette().color(zone.status.foregroundRole()) == dark_app.color(
        Role.PlaceholderText)
    row = window.result_view.rows["idNumber"]
    assert not row.checks.isHidden()
    assert row.checks.palette().color(row.checks.foregroundRole()) == dark_app.color(
        Role.WindowText)
    assert row.label.palette().color(Role.WindowText) == dark_app.color(Role.WindowText)
    assert row.mark.palette().color(row.mark.foregroundRole()) == dark_app.color(Role.Link)
    # No widget anywhere in the window pinned a palette of its own (it would stay light).
    pinned = [w.objectName() or type(w).__name__ for w in window.findChildren(QWidget)
              if w.testAttribute(Qt.WidgetAttribute.WA_SetPalette)
              or w.styleSheet()]
    assert pinned == []


def test_rows_built_after_the_switch_are_dark_too(window: Any, dark_app: QPalette) -> None:
    QApplication.setPalette(dark_app)
    QApplication.processEvents()
    window.result_view.show_job(_shown_job())
    row = window.result_view.rows["name"]
    assert row.edit.palette().color(Role.Base) == dark_app.color(Role.Base)
    assert row.edit.palette().color(Role.Text) == dark_app.color(Role.Text)
