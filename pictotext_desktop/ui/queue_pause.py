"""A paused queue says so, and why, until it goes on; and the ways out an error offers.

When the queue stops by itself (no server, a key refused, no credits) the error dialog
explains once; closing it must not make the window look as if nothing were wrong.  The
banner above the queue stays while the queue is paused: the reason, how many images
wait, Resume, and Open Settings when a setting may be the cause.  A pause by hand says
so too (with waiting rows), so the person knows why nothing moves.

`offers_for` decides what the error dialog adds to its usual buttons: Open Settings for
a server out of reach at an address the person set (or an untrusted certificate), and
"Read these on this computer instead" for Chinese ID cards the on-device reader can take
when the cloud is out of credits or out of reach.  The dialog (ui/error_dialog.py) only
shows them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pictotext_desktop.errors import Category, PicToTextError, TlsError, server_unreachable
from pictotext_desktop.ui import theme
from pictotext_desktop.ui.language import tr_error

if TYPE_CHECKING:
    from pictotext_desktop.jobs import Job
    from pictotext_desktop.settings import SettingsStore
    from pictotext_desktop.ui.queue_controller import QueueController


def tr(text: str) -> str:
    return QCoreApplication.translate("QueuePause", text)


@dataclass
class Offers:
    """What the error dialog offers beyond its category's buttons."""

    settings: bool = False
    on_device: list[Job] = field(default_factory=list)
    read_on_device: Callable[[], object] = lambda: None


def custom_address(store: SettingsStore) -> bool:
    """Whether the server address is one the person set (not the default)."""
    from pictotext_desktop.settings import BY_KEY

    default = str(BY_KEY["api_url"].default).rstrip("/")
    return str(store.get("api_url")).strip().rstrip("/") != default


def settings_may_help(error: PicToTextError, store: SettingsStore) -> bool:
    """A server out of reach at the person's own address, or a certificate not trusted
    (the CA bundle is a setting): Settings is where the fix is."""
    return server_unreachable(error) and (custom_address(store) or isinstance(error, TlsError))


def offers_for(controller: QueueController, error: PicToTextError) -> Offers:
    offers = Offers(settings=settings_may_help(error, controller.store))
    if ((error.category == Category.CREDITS or server_unreachable(error))
            and controller.on_device_available()):
        jobs = controller.on_device_candidates()
        offers.on_device = jobs
        offers.read_on_device = lambda: controller.read_on_device(jobs)
    return offers


class PauseBanner(QFrame):
    """The strip above the queue while it is paused: why, how many wait, Resume."""

    resume_requested = Signal()
    settings_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pauseBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(tr("Queue paused"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        self.icon = QLabel()
        self.icon.setAccessibleName(tr("Paused"))
        texts = QVBoxLayout()
        texts.setSpacing(0)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        texts.addWidget(self.label)
        texts.addWidget(self.detail)
        self.resume_button = QPushButton(tr("Resu&me"))
        self.resume_button.setToolTip(tr("Send the waiting images now (Ctrl+Return)"))
        self.settings_button = QPushButton(tr("Open Se&ttings"))
        layout.addWidget(self.icon)
        layout.addLayout(texts, 1)
        layout.addWidget(self.resume_button)
        layout.addWidget(self.settings_button)
        self._shown: tuple[bool, PicToTextError | None, int, bool] = (False, None, 0, False)
        self.resume_button.clicked.connect(self.resume_requested)
        self.settings_button.clicked.connect(self.settings_requested)
        self.setVisible(False)

    def show_state(self, paused: bool, reason: PicToTextError | None, waiting: int,
                   settings: bool) -> None:
        """Shown while paused with images waiting; hidden otherwise."""
        self._shown = (paused, reason, waiting, settings)
        if not paused or not waiting:
            self.setVisible(False)
            return
        if reason is None:
            title = tr("Queue paused: press Resume or Start to go on.")
            detail = ""
        else:
            title = tr("Queue paused: {reason}").format(reason=tr_error(reason.title))
            detail = tr_error(reason.action)
        count = QCoreApplication.translate("QueuePause", "%n image(s) waiting.", "", waiting)
        self.label.setText(title)
        self.detail.setText(" ".join(t for t in (count, detail) if t))
        self.detail.setVisible(bool(self.detail.text()))
        self.settings_button.setVisible(settings)
        colour = theme.tone_colour(theme.Tone.BAD if reason is not None else theme.Tone.HELD,
                                   self.palette())
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.label.setPalette(palette)
        from pictotext_desktop.ui.icons import status_icon

        side = self.label.fontMetrics().height()
        self.icon.setPixmap(status_icon("paused", colour).pixmap(side, side))
        self.setAccessibleDescription(f"{title} {self.detail.text()}".strip())
        self.setVisible(True)


    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and self.isVisible():
            self.show_state(*self._shown)  # the colour for the new palette
        super().changeEvent(event)


def attach(controller: QueueController, central: QWidget | None,
           open_settings: Callable[[], object]) -> PauseBanner:
    """A banner between the window's top row and its queue (`central`'s layout) that
    follows the controller's state."""
    banner = PauseBanner()
    layout = central.layout() if central is not None else None
    assert isinstance(layout, QVBoxLayout)
    layout.insertWidget(1, banner)

    def update() -> None:
        reason = controller.paused_by
        banner.show_state(controller.paused, reason, len(controller.waiting_jobs()),
                          reason is not None and (reason.category == Category.AUTH
                                                  or settings_may_help(reason,
                                                                       controller.store)))

    controller.state_changed.connect(update)
    controller.batch_finished.connect(update)
    banner.resume_requested.connect(controller.start)
    banner.settings_requested.connect(open_settings)
    return banner
