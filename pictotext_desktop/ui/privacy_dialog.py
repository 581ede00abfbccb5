"""Help → What leaves this computer: docs/privacy.md in short, in the interface language.

The text is written here as translatable sentences (docs/privacy.md is English-only and
not in a wheel install); it must stay faithful to that page, which remains the full
account and is linked when the build has it.  Sentences are plain text, so a translator
never edits HTML; the dialog adds the headings and paragraphs around them.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pictotext_desktop.paths import resource_root


def full_account_path() -> Path | None:
    """docs/privacy.md beside the resources (a source checkout or the frozen bundle);
    None in a wheel install, which has the dialog's summary only."""
    try:
        root = Path(str(resource_root()))
    except (TypeError, ValueError):
        return None
    candidate = root.parent / "docs" / "privacy.md"
    return candidate if candidate.is_file() else None


class PrivacyDialog(QDialog):
    """Where each piece of data goes: image, fields, saved results, key, log, reports."""

    def __init__(self, parent: QWidget | None = None, *,
                 open_url: Callable[[str], object] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("privacyDialog")
        self.setWindowTitle(self.tr("What leaves this computer"))
        self._open_url = open_url
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName(self.tr("What leaves this computer"))
        self.browser.setOpenLinks(False)
        self.browser.setHtml(self.html())
        layout.addWidget(self.browser, 1)
        self.full_path = full_account_path()
        self.link = QLabel(self)
        self.link.setObjectName("privacyFullAccount")
        if self.full_path is not None:
            self.link.setText('<a href="{url}">{text}</a>'.format(
                url=html.escape(QUrl.fromLocalFile(str(self.full_path)).toString()),
                text=html.escape(self.tr("Read the full account (docs/privacy.md)"))))
            self.link.linkActivated.connect(self.open_full_account)
        self.link.setVisible(self.full_path is not None)
        layout.addWidget(self.link)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 560)

    def sections(self) -> list[tuple[str, list[str]]]:
        """(heading, paragraphs) in the interface language."""
        return [
            (self.tr("PicToText cloud"), [
                self.tr("Reads all 44 document types. For each image the app sends one "
                        "HTTPS request to the PicToText server set in Settings, with three "
                        "things in it: the image, the document type and your API key."),
                self.tr("The image sent is a new copy, not your file: turned upright, "
                        "shrunk (2048 pixels on the long side by default) and re-encoded "
                        "without EXIF, GPS location, camera details or thumbnails. Its file "
                        "name is your file's name reduced to ASCII letters and digits."),
                self.tr("Certificates are always checked; plain http:// is refused except "
                        "for this computer itself. What PicToText keeps is described in "
                        "PicToText's own privacy policy."),
            ]),
            (self.tr("On this computer"), [
                self.tr("Chinese ID cards can be read on this computer: then nothing leaves "
                        "it. The reading models ship with the app and are never downloaded."),
                self.tr("With the engine set to Automatic, Chinese ID cards are read on "
                        "this computer when no API key is set; other document types need "
                        "the cloud, and the app says so instead of sending anything."),
            ]),
            (self.tr("The fields read"), [
                self.tr("Go only to you: the window, the clipboard when you copy, files you "
                        "export, and the window's encrypted store on this computer."),
            ]),
            (self.tr("Saved results and history"), [
                self.tr("By default the window keeps the results of the last session in one "
                        "encrypted file (results.db in the app's data folder), so a crash "
                        "loses nothing; they are deleted once the next start has offered "
                        "them back and you restored or declined them. With “Keep results on "
                        "this computer” set to No, nothing is written at all."),
                self.tr("A searchable history is off by default. Turned on (Settings → "
                        "Privacy and history), every successful result is kept, encrypted, "
                        "for the days set there (30 by default, 1 to 3650); older ones are "
                        "deleted at start and once a day, and Delete all history deletes "
                        "them at once."),
                self.tr("Every value, name, ID number and file name in the file is encrypted "
                        "with a key kept in the system keyring. To search by name or number "
                        "and to say “this person was read on …”, the file keeps keyed "
                        "hashes of them, never the values. Without a keyring nothing is "
                        "kept."),
            ]),
            (self.tr("Masking"), [
                self.tr("Masking hides parts of ID numbers, names and addresses in what the "
                        "window shows and copies (Settings → Privacy and history; none by "
                        "default; Show reveals one value) and in exports (the Export "
                        "dialog). The checks run on the full values, and a masked file says "
                        "which masking it used."),
            ]),
            (self.tr("Your API key"), [
                self.tr("Stored only in the system keyring (or taken from an environment "
                        "variable, or kept for this session only); never in a plain file. "
                        "It is sent only to the PicToText server, over HTTPS. Everywhere "
                        "else the app shows only its last 4 characters."),
            ]),
            (self.tr("The log file"), [
                self.tr("A rotating log on this computer (Help → Open log folder) holds "
                        "versions, which engine and document type were used, HTTP status "
                        "and reason codes, timings, image sizes and error details."),
                self.tr("It never holds field values, API keys or images; ID numbers and "
                        "keys are removed from every line, even by accident."),
            ]),
            (self.tr("Reports"), [
                self.tr("Nothing is sent automatically: no telemetry, no crash upload, no "
                        "update check. A support report or crash report is text you copy "
                        "and choose to send. It contains versions, the error and technical "
                        "details, and at most the key's last 4 characters; never an image "
                        "or a field value."),
            ]),
        ]

    def html(self) -> str:
        parts: list[str] = []
        for heading, paragraphs in self.sections():
            parts.append(f"<h3>{html.escape(heading)}</h3>")
            parts += [f"<p>{html.escape(p)}</p>" for p in paragraphs]
        return "\n".join(parts)

    def plain_text(self) -> str:
        return self.browser.toPlainText()

    def open_full_account(self, *_args: object) -> None:
        if self.full_path is None:
            return
        url = QUrl.fromLocalFile(str(self.full_path)).toString()
        if self._open_url is not None:
            self._open_url(url)
        else:
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(QUrl(url))
