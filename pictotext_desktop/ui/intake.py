"""Getting images in: drops, pastes, open dialogs and command-line paths -> Sources.

Everything arrives as a `QMimeData` (drop or clipboard) or as paths; `Intake` turns it
into `Source`s plus what was skipped and why, so the window can say it in one message.
Nothing is downloaded: web URLs are refused.  Clipboard formats are read defensively
(null mime data, BMP-only images on Wayland, `application/x-qt-image`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QMimeData
from PySide6.QtGui import QDropEvent, QImage

from pictotext_desktop.imaging import IMAGE_SUFFIXES, Source
from pictotext_desktop.session import expand
from pictotext_desktop.textsafe import shorten

# Image MIME types read from a clipboard, best first (screenshots, browsers, WeChat).
IMAGE_MIME_TYPES = ("image/png", "image/jpeg", "image/jpg", "image/bmp", "image/x-bmp",
                    "image/x-ms-bmp", "image/dib", "image/webp", "image/gif", "image/tiff")
# The open dialog's patterns: every suffix intake accepts, the usual photo first.
IMAGE_PATTERNS = " ".join(f"*{s}" for s in sorted(IMAGE_SUFFIXES, key=lambda s: (s != ".jpg", s)))
NAME_CHARS = 200  # a pasted "URL" or a file name can be any length: the message shortens it


def tr(text: str) -> str:
    return QCoreApplication.translate("Intake", text)


def file_dialog_filter() -> str:
    """The open dialog's filter, its names in the interface language."""
    return f"{tr('Images')} ({IMAGE_PATTERNS});;{tr('All files')} (*)"


@dataclass
class IntakeResult:
    """What a drop, paste or dialog gave: sources to queue and what was left out."""

    sources: list[Source] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # names of unsupported files
    refused_urls: list[str] = field(default_factory=list)  # web addresses (never downloaded)
    empty_folders: list[str] = field(default_factory=list)

    def message(self) -> str:
        """One message for everything that was not queued ("" when all was).

        Plain text quoting file names and pasted addresses: whoever shows it must show
        it as plain text (they may hold `<img src=…>`).
        """
        parts: list[str] = []
        if self.skipped:
            shown = ", ".join(_short(self.skipped[:8])) + (" …" if len(self.skipped) > 8
                                                           else "")
            parts.append(tr("Skipped {n} file(s) that are not images: {names}")
                         .format(n=len(self.skipped), names=shown))
        if self.refused_urls:
            parts.append(tr("Web addresses are not downloaded: save the picture to your "
                            "computer first, then add the file ({urls})")
                         .format(urls=", ".join(_short(self.refused_urls[:3]))))
        if self.empty_folders:
            parts.append(tr("No images in: {names}").format(
                names=", ".join(_short(self.empty_folders[:8]))
                + (" …" if len(self.empty_folders) > 8 else "")))
        return "\n".join(parts)


def _short(names: list[str]) -> list[str]:
    """Names on one line each, at most NAME_CHARS long (a name may hold a newline)."""
    return [shorten(" ".join(name.splitlines()), NAME_CHARS) for name in names]


def from_paths(paths: list[Path]) -> IntakeResult:
    """Files and folders -> sources, expanded as the command line does (session.expand:
    folders recursive and sorted, files by name or content); files that are no image
    are listed."""
    expansion = expand(paths, only_images=True)
    return IntakeResult(
        sources=expansion.sources,
        skipped=expansion.not_images,
        empty_folders=[Path(raw).name or raw for raw in expansion.empty_folders],
    )


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


@dataclass
class MimeIntake:
    """What mime data gave before any file is looked at: pasted pictures and refused
    addresses at once (`result`), and local paths for the intake thread to read in
    (`paths`; `must_exist`: they came as text, so only existing ones count)."""

    result: IntakeResult
    paths: list[Path]
    must_exist: bool = False


class Intake:
    """Turns mime data into sources; numbers pasted images ("Pasted image 1", "…2")."""

    def __init__(self) -> None:
        self.pasted = 0

    def from_mime(self, mime: QMimeData | None, *, pasting: bool = False) -> IntakeResult:
        """All of it in this thread, files too (the window reads files with `read_mime`
        and the intake thread instead)."""
        read = self.read_mime(mime, pasting=pasting)
        if not read.paths:
            return read.result
        paths = [p for p in read.paths if not read.must_exist or p.exists()]
        if not paths:
            return read.result
        result = from_paths(paths)
        result.refused_urls.extend(read.result.refused_urls)
        return result

    def read_mime(self, mime: QMimeData | None, *, pasting: bool = False) -> MimeIntake:
        """Mime data -> what it holds, without touching a file (no GUI-thread stall)."""
        result = IntakeResult()
        if mime is None:
            return MimeIntake(result, [])
        local: list[Path] = []
        web: list[str] = []
        if mime.hasUrls():
            for url in mime.urls():
                if url.isLocalFile():
                    local.append(Path(url.toLocalFile()))
                elif url.scheme():
                    web.append(url.toString())
        if local:
            result.refused_urls.extend(web if not pasting else [])
            return MimeIntake(result, local)
        image = image_bytes_from_mime(mime)
        if image is not None:
            self.pasted += 1
            result.sources.append(Source(data=image, name=tr("Pasted image {n}")
                                         .format(n=self.pasted)))
            return MimeIntake(result, [])
        paths: list[Path] = []
        if mime.hasText():
            text = mime.text().strip()
            candidates = [line.strip() for line in text.splitlines() if line.strip()]
            for line in candidates:
                if line.startswith("file://"):
                    from PySide6.QtCore import QUrl

                    line = QUrl(line).toLocalFile()
                if line.startswith(("http://", "https://")):
                    web.append(line)
                    continue
                path = Path(line).expanduser()
                if path.is_absolute():
                    paths.append(path)
        result.refused_urls.extend(web)
        return MimeIntake(result, paths, must_exist=True)


def handle_drop(intake: Intake, event: QDropEvent) -> IntakeResult:
    result = intake.from_mime(event.mimeData())
    event.acceptProposedAction()
    return result
