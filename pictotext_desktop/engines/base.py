"""The Engine protocol every recogniser follows, so GUI, CLI and tests treat them alike."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    import threading

    from pictotext_desktop.imaging import PreparedImage
    from pictotext_desktop.records import Result


@runtime_checkable
class Engine(Protocol):
    """Reads one prepared image.  Raises a `PicToTextError` subclass on failure."""

    name: str  # "cloud" | "local"

    def supports(self, document_type: str) -> bool: ...

    def recognize(
        self,
        image: PreparedImage,
        document_type: str,
        *,
        cancel: threading.Event | None = None,
    ) -> Result:
        """Read one image.  When `cancel` is set (from any thread) the engine stops as soon
        as it can and raises `CancelledError`; engines check it between their steps."""
        ...
