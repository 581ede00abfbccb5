"""An Engine (engines/base.py) whose answers wait until the test releases them, so a test
can cancel, retry or rotate while a request is in flight and then let the old answer land.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from pictotext_desktop.errors import PicToTextError
from pictotext_desktop.imaging import PreparedImage
from pictotext_desktop.records import Result


@dataclass
class Call:
    """One recognize() call: its picture, and the gate the test opens to answer it."""

    number: int
    image: PreparedImage
    gate: threading.Event = field(default_factory=threading.Event)
    error: PicToTextError | None = None
    answered: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread = field(default_factory=threading.current_thread)

    def land(self, error: PicToTextError | None = None) -> None:
        """Answer, and wait until the worker that asked has done all it will do with it."""
        self.answer(error)
        assert self.answered.wait(10)
        self.thread.join(10)
        assert not self.thread.is_alive()

    def answer(self, error: PicToTextError | None = None) -> None:
        self.error = error
        self.gate.set()


class GatedEngine:
    """Answers call n with the name "answer n" once the test calls `calls[n-1].answer()`."""

    name = "cloud"

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)

    def supports(self, document_type: str) -> bool:
        return True

    def recognize(self, image: PreparedImage, document_type: str, *,
                  cancel: threading.Event | None = None) -> Result:
        with self._lock:
            call = Call(len(self.calls) + 1, image)
            self.calls.append(call)
            self._arrived.notify_all()
        try:
            if not call.gate.wait(30):
                raise PicToTextError("the test never answered")
            if call.error is not None:
                raise call.error
            return Result(document_type=document_type, engine=self.name,
                          fields={"name": f"answer {call.number}"})
        finally:
            call.answered.set()

    def wait_for_call(self, number: int, timeout: float = 10.0) -> Call:
        with self._lock:
            if not self._arrived.wait_for(lambda: len(self.calls) >= number, timeout):
                raise AssertionError(f"call {number} never came")
            return self.calls[number - 1]

    def release_all(self) -> None:
        with self._lock:
            for call in self.calls:
                call.gate.set()
