"""A scan's wiring, the same for the command line and the window (Qt-free).

settings -> keystore -> API client -> engine router -> prepare options, and PATH/folder
expansion.  `cli.run_scan` and `ui/main_window.py` both build their scans from here, so
what a scan is made of exists once (docs/architecture.md).  Heavy parts (the HTTP client,
the engines, Pillow) are imported on first use: the window builds its session before its
first paint.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

from pictotext_desktop import settings
from pictotext_desktop.textsafe import for_terminal

if TYPE_CHECKING:
    from pictotext_desktop.api.client import PicToTextClient
    from pictotext_desktop.credentials import KeyStore
    from pictotext_desktop.engines.base import Engine
    from pictotext_desktop.engines.router import EngineRouter
    from pictotext_desktop.imaging import PrepareOptions, Source

# What a person is told when a folder holds no image (the CLI prints it on stderr).
EMPTY_FOLDER = "{raw}: the folder has no images"


# -- settings -> parts -------------------------------------------------------------------
def load_settings(args: argparse.Namespace,
                  stderr: TextIO | None = None) -> settings.SettingsStore:
    """The settings file, then PICTOTEXT_API_URL, then this run's flags; starts the log.

    A damaged settings file (kept aside as settings.json.bad) is one line on `stderr`
    (the command line's; the window shows the same problems in a message at start).
    """
    store = settings.SettingsStore()
    if stderr is not None:
        for problem in store.load_problems:
            print(f"pictotext-desktop: {for_terminal(problem)}", file=stderr)
    env_url = os.environ.get("PICTOTEXT_API_URL", "").strip()
    if env_url and getattr(args, "api_url", None) is None:
        store.override("api_url", env_url)
    settings.apply_arguments(store, args)
    from pictotext_desktop import logs

    logs.setup(store.get("log_level"))
    for problem in store.load_problems:
        logging.getLogger(__name__).warning("%s", problem)
    return store


def client_factory(store: settings.SettingsStore) -> Callable[[], PicToTextClient]:
    """A function that builds the one API client from the settings (imported lazily)."""

    def build() -> PicToTextClient:
        from pictotext_desktop.api.client import ClientConfig, PicToTextClient

        return PicToTextClient(ClientConfig(
            base_url=store.get("api_url"),
            connect_timeout=store.get("connect_timeout"),
            read_timeout=store.get("read_timeout"),
            rate_limit=store.get("rate_limit"),
            ca_bundle=store.get("ca_bundle") or None,
            pool_size=store.get("concurrency"),
        ))

    return build


def prepare_options(store: settings.SettingsStore) -> PrepareOptions:
    from pictotext_desktop.imaging import PrepareOptions

    return PrepareOptions(
        long_side=store.get("upload_long_side"),
        format=store.get("upload_format"),
        quality=store.get("jpeg_quality"),
        max_pixels=store.get("max_megapixels") * 1_000_000,
        send=store.get("send"),
    )


def local_engine() -> Engine:
    """The on-device reader; its models load on its first read (the command line's way)."""
    from pictotext_desktop.engines.local import LocalEngine

    engine: Engine = LocalEngine()
    return engine


def load_local_engine(progress: Callable[[str], None]) -> Engine:
    """The on-device reader with its models loaded now, reporting `progress` (the window's
    way: it runs in a pool thread and shows each message, translated, in the status bar).

    The messages are engines/local.py's `_()`-marked texts.  A build without the engine
    raises EngineUnavailableError.
    """
    from pictotext_desktop.errors import EngineUnavailableError

    try:
        from pictotext_desktop.engines import local
    except ImportError as exc:
        raise EngineUnavailableError(detail=f"engines.local: {type(exc).__name__}") from None
    if not local.is_loaded():
        local.preload(progress)
    engine: Engine = local.LocalEngine()
    progress(local.MSG_READY)
    return engine


class ScanSession:
    """settings -> keystore -> client -> engine router -> prepare options, for one front end.

    `on_notice` gets the cloud engine's notices (a key fallback): stderr for the command
    line, the status bar for the window.  `local_factory` builds the on-device reader.
    `router()` and `prepare_options()` read the settings each time they are called, so a
    settings change takes effect with the next batch.
    """

    def __init__(
        self,
        store: settings.SettingsStore,
        *,
        keystore: KeyStore | None = None,
        on_notice: Callable[[str], None] | None = None,
        local_factory: Callable[[], Engine] | None = None,
    ) -> None:
        self.store = store
        self._keystore = keystore
        self.on_notice = on_notice
        self.local_factory = local_factory or local_engine
        self.build_client = client_factory(store)

    @property
    def keystore(self) -> KeyStore:
        """The keys (built on first use: it opens the keyring)."""
        if self._keystore is None:
            from pictotext_desktop.credentials import KeyStore

            self._keystore = KeyStore(self.store)
        return self._keystore

    def router(self) -> EngineRouter:
        """A fresh router for the `engine` setting, with a fresh API client on first use.

        The cloud engine (and with it `requests`) is imported on that first use, in the
        thread that reads the first image, not in the window's GUI thread.
        """
        from pictotext_desktop.engines.router import EngineRouter

        keystore = self.keystore
        build_client = self.build_client
        on_notice = self.on_notice

        def cloud() -> Engine:
            from pictotext_desktop.engines.cloud import CloudEngine

            return CloudEngine(build_client(), keystore, on_notice=on_notice)

        return EngineRouter(self.store.get("engine"), keystore, cloud, self.local_factory)

    def prepare_options(self) -> PrepareOptions:
        return prepare_options(self.store)

    @property
    def concurrency(self) -> int:
        value: int = self.store.get("concurrency")
        return value


# -- PATH arguments, drops and folders -> sources -------------------------------------------
@dataclass
class Expansion:
    """What a list of paths gave: the sources in order, and what was left out."""

    sources: list[Source] = field(default_factory=list)
    empty_folders: list[str] = field(default_factory=list)  # as given
    not_images: list[str] = field(default_factory=list)  # file names (only_images=True)
    repeated: list[Path] = field(default_factory=list)  # files met before (iter_expand)

    @property
    def problems(self) -> list[str]:
        """One line per folder without images (what the command line prints)."""
        return [EMPTY_FOLDER.format(raw=raw) for raw in self.empty_folders]


def is_image_file(path: Path) -> bool:
    """An image by its name, or by its first bytes when the name says nothing (a phone
    export or a download saved without a suffix)."""
    from pictotext_desktop.imaging import IMAGE_SUFFIXES, sniff_kind

    if path.suffix.lower() in IMAGE_SUFFIXES:
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return sniff_kind(head) in _IMAGE_KINDS


# sniff_kind's names of the formats imaging.prepare decodes.
_IMAGE_KINDS = frozenset({"jpeg", "png", "gif", "webp", "bmp", "tiff", "heif", "avif"})


def expand(
    paths: Sequence[str | Path], stdin: BinaryIO | None = None, *, only_images: bool = False
) -> Expansion:
    """Paths -> sources in order, each file once; folders recursively (images and PDFs,
    sorted); a PDF is one source per page (pdf_input).

    A file given by name becomes a source even if it is missing or no image, so its error
    is reported in its place (the command line); with `only_images` (the window: drops,
    pastes, the open dialog) a file that is no image by name or content is listed in
    `not_images` instead.  "-" reads image bytes from `stdin`.
    """
    result = Expansion()
    for part in iter_expand(paths, stdin, only_images=only_images):
        result.sources.extend(part.sources)
        result.empty_folders.extend(part.empty_folders)
        result.not_images.extend(part.not_images)
    return result


def iter_expand(
    paths: Sequence[str | Path], stdin: BinaryIO | None = None, *, only_images: bool = False,
    seen: set[Path] | None = None,
) -> Iterator[Expansion]:
    """`expand`, one path at a time: the window expands in a worker thread and shows the
    rows of the first path while the next is still being looked at.  A file met again
    (`seen`, shared across calls of one drop) is listed in `repeated`."""
    from pictotext_desktop import pdf_input
    from pictotext_desktop.imaging import MAX_INPUT_BYTES, Source

    seen = set() if seen is None else seen
    for raw in paths:
        result = Expansion()
        if str(raw) == "-" and not isinstance(raw, Path):
            # At most one byte over the cap is read: prepare() refuses what is over it.
            data = (stdin or sys.stdin.buffer).read(MAX_INPUT_BYTES + 1)
            result.sources.append(Source(data=data, name="stdin"))
            yield result
            continue
        path = Path(raw).expanduser()
        if path.is_dir():
            found = pdf_input.inputs_in_folder(path)
            if not found:
                result.empty_folders.append(str(raw))
            for item in found:
                if item.resolve() not in seen:
                    seen.add(item.resolve())
                    result.sources.extend(pdf_input.sources_for(item))
                else:
                    result.repeated.append(item.resolve())
        elif only_images and not (is_image_file(path) or pdf_input.is_pdf(path)):
            result.not_images.append(path.name)
        else:
            # A missing file still becomes a job, so it is reported in its place in the output.
            resolved = path.resolve()
            if resolved not in seen:
                seen.add(resolved)
                result.sources.extend(pdf_input.sources_for(path))
            else:
                result.repeated.append(resolved)
        yield result


def expand_paths(
    paths: Sequence[str], stdin: BinaryIO | None = None
) -> tuple[list[Source], list[str]]:
    """PATH arguments -> Sources in order; folders recursively (images only, sorted).

    Returns (sources, problems): a folder with no images is a problem line; a file that
    does not exist still becomes a source, so its error is reported in its place.
    """
    result = expand(paths, stdin)
    return result.sources, result.problems
