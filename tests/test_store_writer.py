"""Results are saved off the window's thread, in the order they were queued."""

from __future__ import annotations

import logging
import threading

import pytest

from pictotext_desktop.store_writer import StoreWriter


def test_writes_run_in_order_on_another_thread_and_flush_waits() -> None:
    writer = StoreWriter()
    gate = threading.Event()
    done: list[tuple[int, str]] = []
    writer.submit(gate.wait)
    for i in range(50):
        writer.submit(lambda i=i: done.append((i, threading.current_thread().name)))
    assert done == []  # queued behind the first write: the caller did not wait
    gate.set()
    writer.flush()
    assert [i for i, _ in done] == list(range(50))
    assert {name for _, name in done} == {"pictotext-store-writer"}
    writer.close()


def test_a_failing_write_is_logged_and_the_next_ones_still_run(
        caplog: pytest.LogCaptureFixture) -> None:
    writer = StoreWriter()
    done: list[int] = []

    def broken() -> None:
        raise OSError("disk full: card_0001.jpg 110101199001011234")

    writer.submit(broken)
    writer.submit(lambda: done.append(1))
    with caplog.at_level(logging.WARNING, logger="pictotext_desktop.store_writer"):
        writer.close()
    assert done == [1]
    assert "result store write failed: OSError" in caplog.text
    assert "110101199001011234" not in caplog.text
