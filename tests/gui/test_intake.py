"""Getting images in: drops, pastes, open dialogs, duplicates (what the person sees queued)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

from tests.gui.drag import drag_enter_event, drop_event


@pytest.fixture
def idle_window(window: Any) -> Any:
    """The window with auto-start off, so nothing is sent while intake is checked."""
    window.store.override("auto_start", False)
    return window


def drop(target: Any, mime: QMimeData) -> bool:
    """Send a real drag-enter + drop pair and wait until it is read in (off the GUI
    thread); returns whether the drag was accepted."""
    enter = drag_enter_event(target.rect().center(), mime)
    QApplication.sendEvent(target, enter)
    accepted = enter.isAccepted()
    QApplication.sendEvent(target, drop_event(target.rect().center(), mime))
    window = target.window()
    wait_until(lambda: not window.reading_in)
    return accepted


def wait_until(done: Any, timeout: float = 10.0) -> None:
    import time

    end = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < end, "not read in"
        QApplication.processEvents()
        time.sleep(0.005)


def url_mime(*items: Path | str) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(i)) if isinstance(i, Path) else QUrl(i)
                  for i in items])
    return mime


def names(window: Any) -> list[str]:
    return [j.source.display_name for j in window.model.jobs]


def test_empty_state_says_how_to_add_images(idle_window: Any, qtbot: Any) -> None:
    zone = idle_window.drop_zone
    qtbot.waitUntil(lambda: "…abcd" in zone.status.text())  # filled in after first paint
    assert idle_window.stack.currentWidget() is zone
    assert "Drop photos or folders here" in zone.headline.text()
    assert "Ctrl+V" in zone.hint.text()
    assert zone.open_files_button.text() == "Open files…"
    assert zone.open_folder_button.text() == "Open folder…"
    # The key is shown masked, never in full.
    assert "…abcd" in zone.status.text()
    assert "sk_test_gui_key_abcd" not in zone.status.text()


def test_empty_state_without_key_says_card_is_read_here(
        qtbot: Any, store: Any, keyring_backend: Any) -> None:
    from tests.gui.conftest import make_window

    window = make_window(qtbot, store, keyring_backend)
    window.show()
    qtbot.waitUntil(lambda: "No key yet" in window.drop_zone.status.text())
    assert "read on this computer" in window.drop_zone.status.text()
    window.shutdown()


def test_drop_valid_files_queues_them(idle_window: Any, cards: list[Path]) -> None:
    assert drop(idle_window.drop_zone, url_mime(*cards[:2]))
    assert names(idle_window) == ["card_1.jpg", "card_2.jpg"]
    assert idle_window.stack.currentWidget() is idle_window.splitter
    assert [j.state.value for j in idle_window.model.jobs] == ["waiting", "waiting"]


def test_drop_invalid_file_is_refused_with_message(idle_window: Any, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    drop(idle_window.drop_zone, url_mime(text))
    assert names(idle_window) == []
    assert "notes.txt" in idle_window.last_message
    assert "not images" in idle_window.last_message


def test_mixed_drop_queues_supported_and_lists_skipped_once(
        idle_window: Any, qtbot: Any, cards: list[Path], tmp_path: Path) -> None:
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    doc = tmp_path / "letter.docx"
    doc.write_bytes(b"PK\x03\x04")
    with qtbot.waitSignal(idle_window.message_shown) as shown:
        drop(idle_window, url_mime(cards[0], pdf, doc, "https://example.com/card.jpg"))
    # A PDF is read page by page (this one is damaged: one row that will say so).
    assert names(idle_window) == ["card_1.jpg", "scan.pdf"]
    message = shown.args[0]
    assert "letter.docx" in message and "scan.pdf" not in message
    assert "Skipped 1 file(s)" in message
    assert "https://example.com/card.jpg" in message  # refused, never downloaded


def test_drop_folder_is_recursive_and_sorted(idle_window: Any, tmp_path: Path,
                                             cards: list[Path]) -> None:
    nested = cards[0].parent / "more" / "deeper"
    nested.mkdir(parents=True)
    (nested / "zz_back.PNG").write_bytes(cards[0].read_bytes())
    (nested / "readme.md").write_text("not an image")
    drop(idle_window.drop_zone, url_mime(cards[0].parent))
    assert names(idle_window) == ["card_1.jpg", "card_2.jpg", "card_3.jpg", "zz_back.PNG"]


def test_image_without_suffix_is_queued_as_the_command_line_reads_it(
        idle_window: Any, cards: list[Path], tmp_path: Path) -> None:
    from pictotext_desktop.session import expand_paths

    photo = tmp_path / "IMG_0001"  # a JPEG saved without a suffix (phone export, download)
    photo.write_bytes(cards[0].read_bytes())
    drop(idle_window.drop_zone, url_mime(photo))
    assert names(idle_window) == ["IMG_0001"]
    assert "not images" not in idle_window.last_message
    sources, problems = expand_paths([str(photo)])  # what `scan` reads
    assert [s.display_name for s in sources] == ["IMG_0001"] and problems == []


def test_folder_queues_what_the_command_line_scans(idle_window: Any, cards: list[Path],
                                                   tmp_path: Path) -> None:
    from pictotext_desktop.session import expand_paths

    folder = cards[0].parent
    (folder / "sub").mkdir()
    (folder / "sub" / "b.JPEG").write_bytes(cards[1].read_bytes())
    (folder / "notes.txt").write_text("not an image")
    empty = tmp_path / "empty"
    empty.mkdir()
    idle_window.add_paths([folder, empty])
    sources, problems = expand_paths([str(folder), str(empty)])
    assert [j.source.path for j in idle_window.model.jobs] == [s.path for s in sources]
    assert names(idle_window)[-1] == "b.JPEG"
    assert problems == [f"{empty}: the folder has no images"]
    assert "No images in: empty" in idle_window.last_message


def test_web_url_drop_is_refused(idle_window: Any) -> None:
    drop(idle_window.drop_zone, url_mime("https://example.com/id.jpg"))
    assert names(idle_window) == []
    assert "not downloaded" in idle_window.last_message


def test_same_file_twice_is_queued_once(idle_window: Any, cards: list[Path]) -> None:
    drop(idle_window.drop_zone, url_mime(cards[0]))
    drop(idle_window.drop_zone, url_mime(cards[0], cards[1]))
    idle_window.add_paths([cards[0].parent / ".." / "cards" / "card_1.jpg"])
    assert names(idle_window) == ["card_1.jpg", "card_2.jpg"]


def test_paste_image_data(idle_window: Any) -> None:
    image = QImage(64, 40, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    QGuiApplication.clipboard().setImage(image)
    assert idle_window.paste() == 1
    QGuiApplication.clipboard().setImage(image)
    idle_window.act_paste.trigger()
    assert names(idle_window) == ["Pasted image 1", "Pasted image 2"]
    source = idle_window.model.jobs[0].source
    assert source.data is not None and source.data.startswith(b"\x89PNG")


def test_paste_bmp_only_clipboard(idle_window: Any) -> None:
    """Wayland apps sometimes offer only image/bmp: it must still paste."""
    image = QImage(30, 20, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.red)
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "BMP")
    mime = QMimeData()
    mime.setData("image/bmp", buffer.data())
    result = idle_window.intake.from_mime(mime, pasting=True)
    assert len(result.sources) == 1
    assert result.sources[0].data.startswith(b"\x89PNG")


def test_paste_null_mime_data_is_harmless(idle_window: Any) -> None:
    assert idle_window.intake.from_mime(None).sources == []


def test_paste_copied_files_uri_list(idle_window: Any, cards: list[Path]) -> None:
    QGuiApplication.clipboard().setMimeData(url_mime(cards[1]))
    assert idle_window.paste() == 1
    wait_until(lambda: not idle_window.reading_in)
    assert names(idle_window) == ["card_2.jpg"]


def test_paste_text_that_is_a_local_path(idle_window: Any, cards: list[Path]) -> None:
    QGuiApplication.clipboard().setText(f"  {cards[2]}\n")
    assert idle_window.paste() == 1
    wait_until(lambda: not idle_window.reading_in)
    assert names(idle_window) == ["card_3.jpg"]


def test_paste_plain_text_says_nothing_to_paste(idle_window: Any) -> None:
    QGuiApplication.clipboard().setText("just some words")
    assert idle_window.paste() == 0
    assert "no picture" in idle_window.last_message


def test_open_files_and_folder_dialog_hooks(idle_window: Any, cards: list[Path]) -> None:
    idle_window.ask_open_paths = lambda: [cards[0]]
    idle_window.act_open.trigger()
    idle_window.ask_folder = lambda: cards[0].parent
    idle_window.act_open_folder.trigger()
    wait_until(lambda: not idle_window.reading_in)
    assert names(idle_window) == ["card_1.jpg", "card_2.jpg", "card_3.jpg"]


def test_file_dialog_filter_offers_phone_formats() -> None:
    from pictotext_desktop.ui.intake import file_dialog_filter

    for suffix in ("*.heic", "*.heif", "*.webp", "*.jpg", "*.png"):
        assert suffix in file_dialog_filter()


def test_thumbnails_are_made_off_the_gui_thread(idle_window: Any, qtbot: Any,
                                                cards: list[Path]) -> None:
    from pictotext_desktop import card_worker

    before = card_worker.LOOKS.done.get("thumbnail", 0)
    idle_window.add_paths([cards[0]])
    job = idle_window.model.jobs[0]
    qtbot.waitUntil(lambda: idle_window.model.extras[job.id].thumbnail is not None)
    pixmap = idle_window.model.extras[job.id].thumbnail
    assert max(pixmap.width(), pixmap.height()) <= 96
    # in a card worker process, not even in a thread of the window's: its GIL stays free
    assert card_worker.LOOKS.done.get("thumbnail", 0) == before + 1
