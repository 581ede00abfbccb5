"""Which engine reads which document: the `engine` setting (auto, cloud, local)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from pictotext_desktop.errors import EngineUnavailableError, NeedsCloudKeyError

if TYPE_CHECKING:  # the window imports this module before its first paint: keep it light
    from pictotext_desktop.credentials import KeyStore
    from pictotext_desktop.engines.base import Engine

LOCAL_TYPES = frozenset({"cn_id_card"})
ENGINE_MODES = ("auto", "cloud", "local")


def not_read_locally(document_type: str) -> EngineUnavailableError:
    """The error for a type outside `LOCAL_TYPES` sent to the on-device reader."""
    return EngineUnavailableError(
        f"The on-device reader reads Chinese ID cards (cn_id_card) only, not "
        f"{document_type}. Use the PicToText cloud engine for this type."
    )


def engine_name(mode: str, has_key: bool, document_type: str) -> str:
    """"cloud" or "local": what the engine setting means for this type, key or no key.

    The one rule behind both the choice (`EngineRouter.engine_for`) and the status texts.
    """
    if mode != "auto":
        return mode
    return "local" if not has_key and document_type in LOCAL_TYPES else "cloud"


class EngineRouter:
    """auto: the cloud when a key is available, otherwise on-device for Chinese ID cards;
    any other type with no key gets NeedsCloudKeyError (the GUI offers Settings).

    Both engines come from factories (session.py builds them), so this module never
    imports engines/local.py, which imports it for `LOCAL_TYPES`.
    """

    def __init__(
        self,
        mode: str,
        keystore: KeyStore,
        cloud_factory: Callable[[], Engine],
        local_factory: Callable[[], Engine],
    ) -> None:
        if mode not in ENGINE_MODES:
            raise ValueError(mode)
        self.mode = mode
        self.keystore = keystore
        self._cloud_factory = cloud_factory
        self._local_factory = local_factory
        self._cloud: Engine | None = None
        self._local: Engine | None = None
        self._lock = threading.Lock()

    def cloud(self) -> Engine:
        with self._lock:
            if self._cloud is None:
                self._cloud = self._cloud_factory()
            return self._cloud

    def local(self) -> Engine:
        with self._lock:
            if self._local is None:
                self._local = self._local_factory()
            return self._local

    def engine_for(self, document_type: str) -> Engine:
        has_key = self.keystore.has_any_key()
        if engine_name(self.mode, has_key, document_type) == "local":
            if document_type not in LOCAL_TYPES:
                raise not_read_locally(document_type)
            return self.local()
        if self.mode == "auto" and not has_key:
            raise NeedsCloudKeyError()  # "auto" reads this type in the cloud only
        return self.cloud()

