"""Multi-line values in the result view: the MRZ box (monospace, one line per zone line)
and the zone's parts read out under it.  Split from result_view.py; its strings keep the
"ResultView" translation context they were written in."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QFocusEvent, QFont, QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit

from pictotext_desktop.checks import parse_mrz


def tr(text: str) -> str:
    return QCoreApplication.translate("ResultView", text)


def mrz_part_label(part: str) -> str:
    """A part of a machine-readable zone (`MrzResult.parts()` names), in the interface language."""
    labels = {
        "format": tr("Format"),
        "document_code": tr("Document code"),
        "issuing_state": tr("Issuing state"),
        "document_number": tr("Document number"),
        "surname": tr("Surname"),
        "given_names": tr("Given names"),
        "nationality": tr("Nationality"),
        "birth_date": tr("Birth date (YYMMDD)"),
        "sex": tr("Sex"),
        "expiry_date": tr("Expiry date (YYMMDD)"),
        "optional_data": tr("Optional data"),
        "optional_data_2": tr("Optional data (line 2)"),
    }
    return labels.get(part, part)


def shown_value(value: str | None) -> str:
    """A value as the field shows it: an escaped line break ("\\n") is a real one."""
    return (value or "").replace("\\r\\n", "\n").replace("\\n", "\n")


def is_multiline(value: str | None) -> bool:
    return value is not None and "\n" in shown_value(value).strip()


def mrz_parts_text(value: str) -> str:
    """'Label: value' lines of a zone's parts, a failed check digit marked; '' if no MRZ."""
    parsed = parse_mrz(value)
    if parsed is None:
        return ""
    lines = []
    for part, text in parsed.parts():
        if not text:
            continue
        line = tr("{part}: {value}").format(part=mrz_part_label(part),
                                            value=text)
        if part in parsed.failed:
            line += "  " + tr("(check digit does not match)")
        elif part in parsed.repairs:
            line += "  " + tr("(a look-alike character was corrected)")
        lines.append(line)
    if "composite" in parsed.failed:
        lines.append(tr("The whole zone's check digit does not match."))
    return "\n".join(lines)


class MultiLineEdit(QPlainTextEdit):
    """A multi-line value (the MRZ) in monospace, with QLineEdit's few calls the rows use.

    Tab moves on (it types no tab), and leaving the box finishes the edit.
    """

    editingFinished = Signal()

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setFixedPitch(True)
        self.setFont(font)
        self.setPlainText(text)
        lines = max(2, text.count("\n") + 1)
        metrics = self.fontMetrics()
        self.setFixedHeight(metrics.lineSpacing() * lines + 2 * self.frameWidth() + 12)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()

