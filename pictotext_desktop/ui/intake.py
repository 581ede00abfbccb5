"""Getting images in: drops, pastes, open dialogs and command-line paths -> Sources.

Everything arrives as a `QMimeData` (drop or clipboard) or as paths; `Intake` turns it
into `Source`s plus what was skipped and why, so the window can say it in one message.
Nothing is downloaded: web URLs are refused.  Clipboard formats are read defensively
(null mime data, BMP-only images on Wayland, `application/x-qt-image`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pictotext_desktop.cli import IMAGE_SUFFIXES
from pictotext_desktop.imaging import Source

# Image MIME types read from a clipboard, best first (screenshots, browsers, WeChat).
IMAGE_MIME_TYPES = ("image/png", "image/jpeg", "image/jpg", "image/bmp", "image/x-bmp",
                    "image/x-ms-bmp", "image/dib", "image/webp", "image/gif", "image/tiff")
FILE_DIALOG_FILTER = (
    "Images (*.jpg *.jpeg *.jpe *.jfif *.png *.webp *.heic *.heif *.hif *.avif *.bmp *.dib "
    "*.tif *.tiff *.gif);;All files (*)"
)


def tr(text: str) -> str:
    return QCoreApplication.translate("Intake", text)


@dataclass
class IntakeResult:
    """What a drop, paste or dialog gave: sources to queue and what was left out."""

    sources: list[Source] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # names of unsupported files
    refused_urls: list[str] = field(default_factory=list)  # web addresses (never downloaded)
    empty_folders: list[str] = field(default_factory=list)

    def message(self) -> str:
        """One message for everything that was not queued ("" when all was)."""
        parts: list[str] = []
        if self.skipped:
            shown = ", ".join(self.skipped[:8]) + (" …" if len(self.skipped) > 8 else "")
            parts.append(tr("Skipped {n} file(s) that are not images: {names}")
                         .format(n=len(self.skipped), names=shown))
        if self.refused_urls:
            parts.append(tr("Web addresses are not downloaded: save the picture to your "
                            "computer first, then add the file ({urls})")
                         .format(urls=", ".join(self.refused_urls[:3])))
        if self.empty_folders:
            parts.append(tr("No images in: {names}").format(names=", ".join(self.empty_folders)))
        return "\n".join(parts)


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in IMAGE_SUFFIXES


def from_paths(paths: list[Path]) -> IntakeResult:
    """Files and folders (recursive, sorted) -> sources; unsupported files are listed."""
    result = IntakeResult()
    for path in paths:
        if path.is_dir():
            found = sorted((p for p in path.rglob("*") if p.is_file() and is_supported(p)),
                           key=lambda p: str(p).lower())
            if not found:
                result.empty_folders.append(path.name or str(path))
            result.sources.extend(Source(path=p) for p in found)
        elif is_supported(path):
            result.sources.append(Source(path=path))
        else:
            result.skipped.append(path.name)
    return result


def _image_to_png(image: QImage) -> bytes | None:
    if image.isNull():
        return None
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = image.save(buffer, "PNG")  # type: ignore[call-overload]  # str works at runtime
    buffer.close()
    return bytes(buffer.data().data()) if ok else None


def image_bytes_from_mime(mime: QMimeData) -> bytes | None:
    """PNG bytes of the picture in `mime`, whatever format it came in; None if none."""
    if mime.hasImage():
        image = mime.imageData()
        if isinstance(image, QImage):
            png = _image_to_png(image)
            if png:
                return png
    formats = set(mime.formats())
    for fmt in IMAGE_MIME_TYPES:
        if fmt in formats:
            raw = bytes(mime.data(fmt).data())
            if not raw:
                continue
            image = QImage()
            if image.loadFromData(raw):
                png = _image_to_png(image)
                if png:
                    return png
    return None


class Intake:
    """Turns mime data into sources; numbers pasted images ("Pasted image 1", "…2")."""

    def __init__(self) -> None:
        self.pasted = 0

    def from_mime(self, mime: QMimeData | None, *, pasting: bool = False) -> IntakeResult:
        result = IntakeResult()
        if mime is None:
            return result
        local: list[Path] = []
        web: list[str] = []
        if mime.hasUrls():
            for url in mime.urls():
                if url.isLocalFile():
                    local.append(Path(url.toLocalFile()))
                elif url.scheme():
                    web.append(url.toString())
        if local:
            return self._with_refused(from_paths(local), web if not pasting else [])
        image = image_bytes_from_mime(mime)
        if image is not None:
            self.pasted += 1
            result.sources.append(Source(data=image, name=tr("Pasted image {n}")
                                         .format(n=self.pasted)))
            return result
        if mime.hasText():
            text = mime.text().strip()
            candidates = [line.strip() for line in text.splitlines() if line.strip()]
            paths = []
            for line in candidates:
                if line.startswith("file://"):
                    from PySide6.QtCore import QUrl

                    line = QUrl(line).toLocalFile()
                if line.startswith(("http://", "https://")):
                    web.append(line)
                    continue
                path = Path(line).expanduser()
                if path.is_absolute() and path.exists():
                    paths.append(path)
            if paths:
                return self._with_refused(from_paths(paths), web)
        result.refused_urls.extend(web)
        return result

    @staticmethod
    def _with_refused(result: IntakeResult, web: list[str]) -> IntakeResult:
        result.refused_urls.extend(web)
        return result


class DropZone(QFrame):
    """The empty state: says what can be done, and accepts drops of files and folders."""

    dropped = Signal(object)  # IntakeResult
    open_files_clicked = Signal()
    open_folder_clicked = Signal()
    paste_clicked = Signal()

    def __init__(self, intake: Intake, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intake = intake
        self.setAcceptDrops(True)
        self.setObjectName("dropZone")
        self.setAccessibleName(self.tr("Drop zone"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Sunken)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.headline = QLabel(self.tr("Drop photos or folders here"))
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel(self.tr("…or paste a picture with Ctrl+V, or choose files:"))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.headline)
        layout.addWidget(self.hint)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.open_files_button = QPushButton(self.tr("Open files…"))
        self.open_folder_button = QPushButton(self.tr("Open folder…"))
        self.paste_button = QPushButton(self.tr("Paste"))
        for button, signal in ((self.open_files_button, self.open_files_clicked),
                               (self.open_folder_button, self.open_folder_clicked),
                               (self.paste_button, self.paste_clicked)):
            button.setAccessibleName(button.text().rstrip("…"))
            button.clicked.connect(signal)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel()
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.status.setAccessibleName(self.tr("Engine and key status"))
        layout.addSpacing(12)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    # -- drops -------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        accept_drag(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        accept_drag(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.dropped.emit(handle_drop(self.intake, event))


def accept_drag(event: QDragEnterEvent | QDragMoveEvent) -> None:
    """Accept anything with URLs or an image; what is usable is decided on drop."""
    mime = event.mimeData()
    if mime is not None and (mime.hasUrls() or mime.hasImage()):
        event.acceptProposedAction()
    else:
        event.ignore()


def handle_drop(intake: Intake, event: QDropEvent) -> IntakeResult:
    result = intake.from_mime(event.mimeData())
    event.acceptProposedAction()
    return result
