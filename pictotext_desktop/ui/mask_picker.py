"""Masking presets as check boxes, combinable as the CLI's `--mask` (masking.py).

Used by the Export dialog and by Settings (the `display_mask` setting).  `spec()` is the
text `masking.parse_mask` reads: "" (none), "standard", or names joined by commas.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from pictotext_desktop import masking
from pictotext_desktop.errors import UsageError

STANDARD = frozenset(masking.BY_NAME["standard"].parts)
CHOICES = ("id-6-4", "id-3-3", "id-no-birth", "name", "address")


def tr(text: str) -> str:
    return QCoreApplication.translate("MaskPicker", text)


def preset_label(name: str) -> str:
    """A preset as the person reads it, with its example."""
    return {
        "id-6-4": tr("ID numbers: keep the first 6 and last 4 (450103********8506)"),
        "id-3-3": tr("ID numbers: keep the first 3 and last 3 (450************506)"),
        "id-no-birth": tr("ID numbers: hide the birth date digits"),
        "name": tr("Names: keep the surname (韩**)"),
        "address": tr("Addresses: keep the province and city (广西壮族自治区南宁市****)"),
    }[name]


class MaskPicker(QWidget):
    """One check box per preset, and Standard (= ID 6+4, names, addresses) in one click."""

    changed = Signal(str)  # the new spec

    def __init__(self, spec: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Masking"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for name in CHOICES:
            box = QCheckBox(preset_label(name), self)
            box.setObjectName(f"mask_{name}")
            box.toggled.connect(self._toggled)
            self.boxes[name] = box
            layout.addWidget(box)
        buttons = QHBoxLayout()
        self.standard_button = QPushButton(tr("Standard"), self)
        self.standard_button.setToolTip(tr("ID numbers keep the first 6 and last 4, names "
                                           "the surname, addresses the province and city"))
        self.standard_button.clicked.connect(lambda: self.set_spec("standard"))
        self.none_button = QPushButton(tr("No masking"), self)
        self.none_button.clicked.connect(lambda: self.set_spec(""))
        buttons.addWidget(self.standard_button)
        buttons.addWidget(self.none_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._quiet = False
        self.set_spec(spec)

    def set_spec(self, spec: str) -> None:
        """Tick the boxes `spec` stands for (an unknown spec ticks none)."""
        try:
            mask = masking.parse_mask(spec)
        except UsageError:
            mask = masking.NO_MASK
        wanted = set(mask.id_rules) | ({"name"} if mask.names else set()) | (
            {"address"} if mask.addresses else set())
        self._quiet = True
        try:
            for name, box in self.boxes.items():
                box.setChecked(name in wanted)
        finally:
            self._quiet = False
        self.changed.emit(self.spec())

    def spec(self) -> str:
        chosen = [name for name in CHOICES if self.boxes[name].isChecked()]
        return "standard" if set(chosen) == STANDARD else ",".join(chosen)

    def chosen_mask(self) -> masking.Mask:
        return masking.parse_mask(self.spec())

    def _toggled(self, _checked: bool) -> None:
        if not self._quiet:
            self.changed.emit(self.spec())
