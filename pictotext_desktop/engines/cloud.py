"""CloudEngine: the PicToText API with the docs' primary -> secondary key fallback."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from pictotext_desktop.api.client import (
    PicToTextClient,
    mask_key,
    redact_error,
    redact_result,
)
from pictotext_desktop.credentials import KeyStore, Slot
from pictotext_desktop.errors import (
    ApiKeyDisabledError,
    InvalidApiKeyError,
    NoApiKeyError,
    PicToTextError,
)
from pictotext_desktop.imaging import PreparedImage
from pictotext_desktop.records import Result

log = logging.getLogger(__name__)
_REFUSED = (InvalidApiKeyError, ApiKeyDisabledError)


class CloudEngine:
    """Reads any of the 44 types through PicToText.

    When the primary key is refused (INVALID_API_KEY / API_KEY_DISABLED) and a secondary
    exists, the same image is retried once with the secondary, which becomes the
    keystore's active slot for the rest of the session; `on_notice` tells the person
    (status bar) and the log names only the last 4 characters of either key.
    """

    name = "cloud"

    def __init__(
        self,
        client: PicToTextClient,
        keystore: KeyStore,
        on_notice: Callable[[str], None] | None = None,
    ) -> None:
        self.client = client
        self.keystore = keystore
        self.on_notice = on_notice
        # Every key this engine has sent: a server may quote any of them back later.
        # Kept from what was already read, so clearing them never touches the keyring.
        self._sent: set[str] = set()
        self._sent_lock = threading.Lock()

    def supports(self, document_type: str) -> bool:
        return True

    def _key(self, slot: Slot) -> str | None:
        return self.keystore.get(slot)

    def recognize(
        self,
        image: PreparedImage,
        document_type: str,
        *,
        cancel: threading.Event | None = None,
    ) -> Result:
        """Read one image; `cancel` stops waiting for PicToText's answer at once."""
        slot = self.keystore.active_slot
        key = self._key(slot)
        if key is None and slot == "primary":
            slot, key = "secondary", self._key("secondary")
        if not key:
            raise NoApiKeyError()
        try:
            return self._call(slot, key, image, document_type, cancel)
        except _REFUSED:
            secondary = self._key("secondary") if slot == "primary" else None
            if not secondary:
                raise
        result = self._call("secondary", secondary, image, document_type, cancel)
        if self.keystore.use_secondary_for_session():
            message = (
                f"The primary key {mask_key(key)} was refused; using the secondary key "
                f"{mask_key(secondary)} for the rest of this session."
            )
            log.warning(message)
            if self.on_notice is not None:
                self.on_notice(message)
        return result

    def _call(self, slot: Slot, key: str, image: PreparedImage, document_type: str,
              cancel: threading.Event | None) -> Result:
        with self._sent_lock:
            self._sent.add(key)
            sent = tuple(self._sent)
        try:
            result = self.client.recognize(image, document_type, key, cancel=cancel)
        except PicToTextError as exc:
            if exc.status is not None:  # PicToText answered: the call counts
                self.keystore.record_call(slot, ok=False)
            # The client cleared the key it sent; a server could also quote an earlier one.
            raise redact_error(exc, *sent) from None
        self.keystore.record_call(slot, ok=True)
        return redact_result(result, *sent)
