"""A batch a person can follow and steer: progress and time left in the status bar, a
word when it ends, a queue that pauses when the server is out of reach (and says so
after the dialog closed), resumes when the address is fixed, reads Chinese ID cards on
this computer instead, counts and restarts cancelled rows, and never queues a file twice
in silence."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QGuiApplication

from pictotext_desktop.records import Result
from pictotext_desktop.ui.batch_progress import Estimate, time_left_text
from tests.gated_engine import GatedEngine
from tests.gui.conftest import TEST_KEY, make_window, read_in
from tests.stand_in_server import NO_CREDITS, StandInServer


def states(window: Any) -> list[str]:
    return [j.state.value for j in window.model.jobs]


def closed_port_url() -> str:
    """An address where nothing listens: the connection is refused, as when offline."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class OnDevice:
    """A stand-in on-device reader: answers at once, and says it was asked."""

    name = "local"

    def __init__(self) -> None:
        self.read: list[str] = []
        self.lock = threading.Lock()

    def supports(self, document_type: str) -> bool:
        return document_type == "cn_id_card"

    def recognize(self, image: Any, document_type: str, *,
                  cancel: threading.Event | None = None) -> Result:
        with self.lock:
            self.read.append(document_type)
        return Result(document_type=document_type, engine=self.name,
                      fields={"name": "李四"})


@pytest.fixture
def on_device() -> OnDevice:
    return OnDevice()


@pytest.fixture
def one_at_a_time(store: Any) -> Any:
    store.override("concurrency", 1)
    return store


@pytest.fixture
def win(qtbot: Any, one_at_a_time: Any, keyring_backend: Any, with_key: str,
        on_device: OnDevice) -> Iterator[Any]:
    window = make_window(qtbot, one_at_a_time, keyring_backend, local_factory=lambda: on_device)
    window.show()
    qtbot.waitExposed(window)
    window.ensure_built()
    yield window
    window.shutdown()


def run(window: Any, qtbot: Any, paths: list[Path]) -> None:
    with qtbot.waitSignal(window.batch_finished, timeout=20_000):
        window.add_paths(paths)


# -- progress ----------------------------------------------------------------------------
def test_time_left_needs_enough_finished_rows() -> None:
    now = [100.0]
    estimate = Estimate(lambda: now[0])
    now[0] = 101.0
    estimate.job_finished()
    assert estimate.seconds_left(27) is None  # one row says nothing yet
    for _ in range(2):
        now[0] += 1.0
        estimate.job_finished()
    assert estimate.seconds_left(27) == pytest.approx(27.0)  # 3 rows in 3 s: 1 s a row
    assert estimate.seconds_left(0) is None
    assert time_left_text(27.0) == "about 25 s left"
    assert time_left_text(125.0) == "about 2 min left"
    now[0] += 60  # a pause: the time paused is not reading time
    estimate.restart()
    assert estimate.seconds_left(10) is None


def test_progress_counts_while_running_and_a_word_when_the_batch_ends(
        qtbot: Any, store: Any, keyring_backend: Any, cards: list[Path]) -> None:
    gated = GatedEngine()
    store.override("engine", "local")
    store.override("concurrency", 1)
    window = make_window(qtbot, store, keyring_backend, local_factory=lambda: gated)
    window.show()
    try:
        window.add_paths(cards)
        progress = window.batch_progress
        gated.wait_for_call(1).answer()
        gated.wait_for_call(2)
        qtbot.waitUntil(lambda: progress.label.text().startswith("1 of 3"))
        assert progress.bar.isVisible() and progress.bar.value() == 1
        assert progress.bar.maximum() == 3
        assert "left" not in progress.label.text()  # one row: no estimate yet
        gated.calls[1].answer(error=None)
        shown: list[tuple[str, str]] = []
        progress.tray_available = lambda: True
        progress.notify_tray = lambda title, text: shown.append((title, text))
        window.isActiveWindow = lambda: False  # the person is in another window
        with qtbot.waitSignal(window.batch_finished, timeout=10_000):
            gated.wait_for_call(3).answer()
        assert not progress.bar.isVisible()
        assert progress.label.text() == "Batch finished: 3 of 3 read"
        assert window.statusBar().currentMessage() == "Batch finished: 3 of 3 read"
        assert shown == [("PicToText Desktop", "Batch finished: 3 of 3 read")]
    finally:
        gated.release_all()
        window.shutdown()


def test_failed_rows_are_counted_and_no_tray_message_when_the_window_is_active(
        win: Any, qtbot: Any, cards: list[Path], tmp_path: Path) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a picture at all")
    progress = win.batch_progress
    shown: list[str] = []
    progress.tray_available = lambda: True
    progress.notify_tray = lambda title, text: shown.append(text)
    win.isActiveWindow = lambda: True
    run(win, qtbot, [*cards[:2], broken])
    assert progress.last_notice == "Batch finished: 2 of 3 read · 1 failed"
    assert shown == []


# -- no server: pause after the first failure, say why, resume when fixed ------------------
def test_no_server_pauses_after_the_first_failure_and_resumes_when_the_address_is_fixed(
        win: Any, qtbot: Any, cards: list[Path], server: StandInServer) -> None:
    win.store.override("api_url", closed_port_url())
    win._reconfigure()
    run(win, qtbot, cards)
    jobs = win.model.jobs
    # One image tried; the batch did not burn through the rest.
    assert [j.attempt for j in jobs] == [1, 0, 0]
    assert states(win) == ["waiting", "waiting", "waiting"]
    assert win.paused
    dialog = win.last_error_dialog
    assert dialog.title_label.text() == "Couldn't reach PicToText"
    assert "settings" in dialog.button_names  # the address is the person's own
    assert "retry" in dialog.button_names
    assert win.model.data(win.model.index(0, 1)) == \
        "waiting (paused: Couldn't reach PicToText)"
    dialog.click("close")
    # The dialog is gone; the window still says the queue is paused and why.
    banner = win.pause_banner
    assert banner.isVisible()
    assert banner.label.text() == "Queue paused: Couldn't reach PicToText"
    assert banner.detail.text().startswith("3 image(s) waiting.")
    assert banner.settings_button.isVisible()
    assert win.batch_progress.last_notice == \
        "Paused: Couldn't reach PicToText (0 of 3 finished)"
    # The address is fixed in Settings: the paused rows go on by themselves.
    win.open_settings()
    settings = win.settings_dialog
    settings.editors["api_url"].setText(server.url)
    with qtbot.waitSignal(win.batch_finished, timeout=20_000):
        settings.apply()
    assert states(win) == ["done", "done", "done"]
    assert not banner.isVisible()
    settings.reject()


def test_the_default_address_offers_no_settings(
        win: Any, qtbot: Any, cards: list[Path]) -> None:
    from pictotext_desktop.errors import ConnectionFailedError
    from pictotext_desktop.ui.queue_pause import offers_for

    win.store.override("api_url", "https://pictotext.io")
    assert not offers_for(win.controller, ConnectionFailedError()).settings
    win.store.override("api_url", "https://ocr.example.com")
    assert offers_for(win.controller, ConnectionFailedError()).settings


def test_a_pause_by_hand_says_so(win: Any, qtbot: Any, cards: list[Path]) -> None:
    win.store.override("auto_start", False)
    win.add_paths(cards)
    win.pause()
    banner = win.pause_banner
    assert banner.isVisible()
    assert banner.label.text() == "Queue paused: press Resume or Start to go on."
    assert not banner.settings_button.isVisible()
    with qtbot.waitSignal(win.batch_finished, timeout=20_000):
        banner.resume_button.click()
    assert not banner.isVisible() and states(win) == ["done", "done", "done"]


# -- out of credits or offline: read the Chinese ID cards on this computer ------------------
def test_out_of_credits_offers_reading_the_id_cards_on_this_computer(
        win: Any, qtbot: Any, cards: list[Path], server: StandInServer,
        on_device: OnDevice) -> None:
    server.add_key(TEST_KEY, NO_CREDITS)
    run(win, qtbot, cards)
    assert states(win) == ["waiting", "waiting", "waiting"]
    dialog = win.last_error_dialog
    assert dialog.title_label.text() == "You are out of PicToText credits"
    assert "on_device" in dialog.button_names
    button = dialog.button_by_name["on_device"]
    assert button.text() == "Read these on this computer instead"
    assert "3 Chinese ID card(s)" in button.toolTip()
    with qtbot.waitSignal(win.batch_finished, timeout=20_000):
        dialog.click("on_device")
    assert states(win) == ["done", "done", "done"]
    assert [j.engine for j in win.model.jobs] == ["local"] * 3
    assert on_device.read == ["cn_id_card"] * 3
    assert win.model.jobs[0].record.fields["name"] == "李四"
    assert not win.pause_banner.isVisible()


def test_offline_offers_it_for_id_cards_only(
        win: Any, qtbot: Any, cards: list[Path], on_device: OnDevice) -> None:
    win.store.override("api_url", closed_port_url())
    win._reconfigure()
    win.store.override("auto_start", False)
    win.add_paths(cards[:2])
    win.doc_type.set_value("passport")
    win.add_paths(cards[2:])
    with qtbot.waitSignal(win.batch_finished, timeout=20_000):
        win.start()
    dialog = win.last_error_dialog
    assert "on_device" in dialog.button_names
    assert "2 Chinese ID card(s)" in dialog.button_by_name["on_device"].toolTip()
    with qtbot.waitSignal(win.batch_finished, timeout=20_000):
        dialog.click("on_device")
    assert states(win) == ["done", "done", "waiting"]  # the passport waits for the cloud
    assert win.pause_banner.isVisible()


def test_no_offer_without_the_on_device_reader(
        win: Any, qtbot: Any, cards: list[Path], server: StandInServer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(win.controller, "on_device_available", lambda: False)
    server.add_key(TEST_KEY, NO_CREDITS)
    run(win, qtbot, cards[:1])
    assert "on_device" not in win.last_error_dialog.button_names


# -- cancelled rows, new rows, files given twice -------------------------------------------
def test_cancelled_rows_are_counted_and_start_sends_them_again(
        win: Any, qtbot: Any, cards: list[Path]) -> None:
    win.store.override("auto_start", False)
    win.add_paths(cards)
    win.act_cancel.trigger()
    assert states(win) == ["cancelled"] * 3
    assert win.counts_status.text().endswith("· 3 cancelled")
    assert win.act_start.isEnabled()
    with qtbot.waitSignal(win.batch_finished, timeout=20_000):
        win.act_start.trigger()
    assert states(win) == ["done"] * 3
    assert "cancelled" not in win.counts_status.text()


def test_new_rows_are_scrolled_into_view(win: Any, qtbot: Any, tmp_path: Path) -> None:
    from tests.image_corpus import card_image

    win.store.override("auto_start", False)
    win.resize(900, 420)
    paths = []
    for i in range(40):
        path = tmp_path / f"c{i:02}.jpg"
        card_image((64, 40), tint=i).save(path, "JPEG")
        paths.append(path)
    win.add_paths(paths[:20])
    win.queue_view.scrollToTop()
    win.add_paths(paths[20:])
    view = win.queue_view
    last = win.model.index(39, 0)
    qtbot.waitUntil(lambda: view.viewport().rect().intersects(view.visualRect(last)))


def test_pasting_files_already_queued_says_so(win: Any, qtbot: Any,
                                              cards: list[Path]) -> None:
    win.store.override("auto_start", False)
    win.add_paths(cards)
    win.queue_view.selectRow(2)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(cards[0]))])
    QGuiApplication.clipboard().setMimeData(mime)
    assert win.paste() == 1  # read in off the GUI thread: one file taken
    read_in(qtbot, win)
    assert win.last_message == "card_1.jpg is already in the queue."
    assert win.statusBar().currentMessage() == "card_1.jpg is already in the queue."
    assert win.queue_view.selected_jobs() == [win.model.jobs[0]]  # shown where it is
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in cards])
    QGuiApplication.clipboard().setMimeData(mime)
    assert win.paste() == 3
    read_in(qtbot, win)
    assert win.last_message == ("3 files are already in the queue: card_1.jpg, card_2.jpg, "
                                "card_3.jpg")
    assert len(win.model.jobs) == 3


def test_time_left_appears_once_enough_rows_finished(
        qtbot: Any, store: Any, keyring_backend: Any, tmp_path: Path) -> None:
    from tests.image_corpus import card_image

    paths = []
    for i in range(5):
        path = tmp_path / f"card_{i}.jpg"
        card_image((320, 200), tint=i * 10).save(path, "JPEG")
        paths.append(path)
    gated = GatedEngine()
    store.override("engine", "local")
    store.override("concurrency", 1)
    window = make_window(qtbot, store, keyring_backend, local_factory=lambda: gated)
    window.show()
    window.ensure_built()
    now = [1000.0]
    window.batch_progress.estimate = Estimate(lambda: now[0])
    try:
        window.add_paths(paths)
        label = window.batch_progress.label
        for number in (1, 2):
            now[0] += 2.0
            gated.wait_for_call(number).answer()
            qtbot.waitUntil(lambda n=number: label.text().startswith(f"{n} of 5"))
            assert "left" not in label.text()  # too few rows to say
        now[0] += 2.0
        gated.wait_for_call(3).answer()
        # 3 rows in 6 s: 2 s a row, 2 rows to go.
        qtbot.waitUntil(lambda: label.text() == "3 of 5 · about 5 s left")
        for number in (4, 5):
            gated.wait_for_call(number).answer()
        qtbot.waitUntil(lambda: label.text() == "Batch finished: 5 of 5 read")
    finally:
        gated.release_all()
        window.shutdown()


@pytest.fixture
def restore_theme(qapp: Any) -> Iterator[None]:
    from PySide6.QtWidgets import QApplication

    from pictotext_desktop.ui import theme

    before = QApplication.palette()
    yield
    theme.apply_theme(theme.SYSTEM)
    QApplication.setPalette(before)


def test_the_banner_and_the_retry_icon_follow_light_and_dark(
        win: Any, qtbot: Any, restore_theme: None) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from pictotext_desktop.errors import ConnectionFailedError
    from pictotext_desktop.ui import theme

    def ink(icon: Any) -> str:
        """The colour of the icon's most opaque pixel."""
        image = icon.pixmap(32, 32).toImage()
        best = max(((image.pixelColor(x, y)) for x in range(image.width())
                    for y in range(image.height())), key=lambda c: c.alpha())
        return str(best.name())

    banner = win.pause_banner
    banner.show_state(True, ConnectionFailedError(), 2, True)
    for scheme in (theme.LIGHT, theme.DARK):
        theme.apply_theme(scheme)
        QApplication.processEvents()
        palette = win.palette()
        assert theme.is_dark(palette) == (scheme == theme.DARK)
        shown = banner.label.palette().color(QPalette.ColorRole.WindowText)
        assert shown == theme.tone_colour(theme.Tone.BAD, banner.palette())
        assert theme.contrast(shown, palette.color(QPalette.ColorRole.Window)) >= \
            theme.MIN_CONTRAST
        assert ink(win.act_retry.icon()) == \
            palette.color(QPalette.ColorRole.ButtonText).name()


def test_a_burst_of_answers_recounts_the_rows_once(
        qtbot: Any, store: Any, keyring_backend: Any, with_key: str, cards: list[Path]) -> None:
    """Counting walks every row: a burst of events (answers that queued up while the
    window was busy) is counted once, and the label still ends up right."""
    from pictotext_desktop.jobs import JobEvent, JobState

    store.override("auto_start", False)
    window = make_window(qtbot, store, keyring_backend)
    window.show()
    window.ensure_built()
    window.add_paths(cards)
    read_in(qtbot, window)
    progress = window.batch_progress
    counted: list[int] = []
    real_counts = progress.counts
    progress.counts = lambda: counted.append(1) or real_counts()  # type: ignore[method-assign]
    try:
        jobs = window.model.jobs
        for job in jobs:
            job.state = JobState.DONE
        for _ in range(20):
            for job in jobs:
                window.controller.job_changed.emit(job, JobEvent(job, JobState.DONE))
        assert counted == []  # nothing recounted inside the burst
        qtbot.waitUntil(lambda: progress.label.text().startswith("3 of 3"), timeout=2000)
        assert len(counted) == 1
    finally:
        for job in window.model.jobs:
            job.state = JobState.WAITING
        window.shutdown()
