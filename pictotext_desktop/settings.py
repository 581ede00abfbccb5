"""One declarative table of settings, and the store that keeps them.

The table feeds three things: the settings file, the command-line flags (every setting
can be overridden for one run by a flag of the same name: `upload_long_side` ->
`--upload-long-side 1600`, booleans `--auto-copy` / `--no-auto-copy`), and the settings
dialog.  The store is a small JSON file in the platform's config folder, so the CLI and
the GUI share it without Qt (docs/adr/0001-foundation.md).  It never holds a key: keys
live in the OS keyring (credentials.py); here is only non-secret metadata about them.
"""

from __future__ import annotations

import json
import math
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pictotext_desktop import APP_ID

if TYPE_CHECKING:
    import argparse

# This module is imported before the window's first paint: what only saving, validating
# or parsing flags needs (errors, tempfile, urllib, argparse) is imported where it is used.

CONFIG_DIR_ENV = "PICTOTEXT_CONFIG_DIR"
LOOPBACK_HOSTS = ("localhost", "::1")
LANGUAGES = ("system", "en", "zh_CN")  # the `language` setting (i18n resolves "system")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")  # the `log_level` setting (logs.setup)
RESULT_STORE_MODES = ("off", "session", "history")  # the `result_store` setting (store.py)


def validate_api_url(url: str) -> str:
    """An https URL, or http for loopback hosts only; returns it without a trailing slash."""
    from urllib.parse import urlsplit

    from pictotext_desktop.errors import InsecureUrlError, InvalidUrlError

    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidUrlError(f"{url!r} is not a server address such as https://pictotext.io.")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise InsecureUrlError(
            f"{url} uses plain http://. Use https://; http:// is allowed only for this "
            "computer's own addresses (localhost, 127.0.0.1, ::1)."
        )
    return url.rstrip("/")


def setting_api_url(url: str) -> str:
    """The `api_url` setting: as `validate_api_url`, and an address typed without a
    scheme (`pictotext.io`) is taken as https://, the only scheme a server may use."""
    url = url.strip()
    if url and "://" not in url:
        url = "https://" + url
    return validate_api_url(url)


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in LOOPBACK_HOSTS:
        return True
    parts = host.split(".")
    return len(parts) == 4 and parts[0] == "127" and all(p.isdigit() for p in parts)


class Setting(NamedTuple):
    key: str
    type: type
    default: Any
    help: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    validate: Callable[[Any], Any] | None = None
    group: str = "general"

    @property
    def flag(self) -> str:
        return "--" + self.key.replace("_", "-")

    def coerce(self, value: Any) -> Any:
        """Convert and check a value from a file, a flag or a widget; raise UsageError if bad."""
        from pictotext_desktop.errors import UsageError

        try:
            if self.type is bool:
                if isinstance(value, str):
                    lowered = value.strip().lower()
                    if lowered not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
                        raise ValueError(value)
                    value = lowered in ("1", "true", "yes", "on")
                value = bool(value)
            elif self.type is int:
                if isinstance(value, bool):
                    raise ValueError(value)
                value = int(value)
            elif self.type is float:
                if isinstance(value, bool):
                    raise ValueError(value)
                value = float(value)
                if not math.isfinite(value):  # nan passes every < / > bound check
                    raise ValueError(value)
            else:
                value = str(value)
        except (TypeError, ValueError, OverflowError):
            raise UsageError(
                f"{self.flag}: {value!r} is not a valid {self.type.__name__}."
            ) from None
        if self.choices and value not in self.choices:
            raise UsageError(f"{self.flag}: choose one of {', '.join(self.choices)}.")
        if self.minimum is not None and value < self.minimum:
            raise UsageError(f"{self.flag}: must be at least {self.minimum:g}.")
        if self.maximum is not None and value > self.maximum:
            raise UsageError(f"{self.flag}: must be at most {self.maximum:g}.")
        if self.validate is not None:
            value = self.validate(value)
        return value


def _validate_optional_path(value: str) -> str:
    from pictotext_desktop.errors import UsageError

    if value and not Path(value).expanduser().is_file():
        raise UsageError(f"The CA bundle {value} does not exist.")
    return value


def _validate_optional_folder(value: str) -> str:
    from pictotext_desktop.errors import UsageError

    if value and not Path(value).expanduser().is_dir():
        raise UsageError(f"The folder {value} does not exist.")
    return value


def _validate_mask(value: str) -> str:
    """A masking spec as masking.parse_mask reads it (its canonical form); "" = none."""
    from pictotext_desktop.errors import UsageError
    from pictotext_desktop.masking import parse_mask

    try:
        return parse_mask(value).spec
    except UsageError as exc:
        raise UsageError(exc.message.replace("--mask:", "--display-mask:")) from None


SETTINGS: tuple[Setting, ...] = (
    # Connection
    Setting("api_url", str, "https://pictotext.io", "PicToText server address.",
            validate=setting_api_url, group="connection"),
    Setting("ca_bundle", str, "", "Extra CA certificate bundle (PEM) to trust, e.g. a "
            "company proxy's. Empty: the system's certificates.",
            validate=_validate_optional_path, group="connection"),
    Setting("connect_timeout", float, 10.0, "Seconds to wait for a connection.",
            minimum=1, maximum=120, group="connection"),
    Setting("read_timeout", float, 30.0, "Seconds to wait for PicToText's answer.",
            minimum=5, maximum=600, group="connection"),
    Setting("rate_limit", float, 5.0, "At most this many requests per second.",
            minimum=0.1, maximum=100, group="connection"),
    Setting("concurrency", int, 4, "Images sent at the same time.",
            minimum=1, maximum=16, group="connection"),
    # Recognition
    Setting("engine", str, "auto", "auto: the cloud when a key is set, otherwise on this "
            "computer (Chinese ID cards only).", choices=("auto", "cloud", "local"),
            group="recognition"),
    Setting("document_type", str, "cn_id_card", "Document type to read.", group="recognition"),
    # Upload
    Setting("upload_long_side", int, 2048, "Shrink uploads so the long side is at most "
            "this many pixels (0: keep the original size).", minimum=0, maximum=16384,
            group="upload"),
    Setting("upload_format", str, "jpeg", "Format of the uploaded image.",
            choices=("jpeg", "png", "webp"), group="upload"),
    Setting("jpeg_quality", int, 90, "JPEG quality of uploads.", minimum=50, maximum=100,
            group="upload"),
    Setting("max_megapixels", int, 100, "Refuse images with more megapixels than this "
            "(protects against decompression bombs).", minimum=1, maximum=1000,
            group="upload"),
    Setting("send", str, "card", "What is sent: the detected card, cut out, straightened "
            "and turned upright (card), or the whole photo (whole).",
            choices=("card", "whole"), group="upload"),
    # Workflow
    Setting("auto_start", bool, True, "Start reading as soon as images are added.",
            group="workflow"),
    Setting("auto_copy", bool, False, "Copy each finished card's fields to the clipboard.",
            group="workflow"),
    Setting("auto_merge", bool, True, "Merge a card's front and back when file names pair "
            "(*_front/*_back, 正面/反面).", group="workflow"),
    # Saved results (store.py): "off" writes nothing at all; "session" keeps the last
    # session until the next start has offered to restore it; "history" keeps every
    # result for `history_days` as well.  All of it encrypted (docs/privacy.md).
    Setting("result_store", str, "session", "Keep finished results on disk, encrypted: "
            "off (nothing written), session (the last session, offered again at the next "
            "start) or history (every result, searchable, kept for the days below).",
            choices=RESULT_STORE_MODES, group="privacy"),
    Setting("history_days", int, 30, "Days a result is kept in the history before it is "
            "deleted.", minimum=1, maximum=3650, group="privacy"),
    # The window's masking of what it shows and copies (masking.py); exports choose their
    # own in the Export dialog.  Checks always run on the full values.
    Setting("display_mask", str, "", "Masking preset(s) for the values the window shows "
            "and copies, e.g. standard or id-3-3,name; empty: none.",
            validate=_validate_mask, group="privacy"),
    Setting("watch_folder", str, "", "Add each new image or PDF saved in this folder (a "
            "scanner's output folder) to the queue by itself. Empty: no folder is watched.",
            validate=_validate_optional_folder, group="workflow"),
    # Appearance and diagnostics
    Setting("language", str, "system", "Language of the interface.",
            choices=LANGUAGES, group="appearance"),
    Setting("theme", str, "system", "Light or dark: system follows the computer's "
            "setting.", choices=("system", "light", "dark"), group="appearance"),
    Setting("log_level", str, "INFO", "How much the log file records (never field values "
            "or keys).", choices=LOG_LEVELS, group="appearance"),
)
BY_KEY = {s.key: s for s in SETTINGS}


def config_dir() -> Path:
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_ID, appauthor=False))


class SettingsStore:
    """Settings values plus non-secret metadata (`meta`), kept in one JSON file.

    Thread-safe; writes are atomic (temp file + rename) so a crash never leaves a
    half-written file.  One-run overrides (CLI flags) are layered on top and never saved.
    """

    FILE_NAME = "settings.json"

    def __init__(self, path: Path | None = None, *, persist: bool = True) -> None:
        self.persist = persist
        # A store that never touches disk does not need to know where the file would be.
        self.path = path or (config_dir() / self.FILE_NAME if persist else Path(self.FILE_NAME))
        self._lock = threading.RLock()
        self._values: dict[str, Any] = {}
        self._meta: dict[str, Any] = {}
        self._overrides: dict[str, Any] = {}
        self._unknown: dict[str, Any] = {}  # keys this version does not know: written back
        self.load_problems: list[str] = []  # one line each, for the CLI and the window
        self._keep_file = False  # the file could not be read or kept aside: never replace it
        self._load()

    # -- file --------------------------------------------------------------------------
    def _load(self) -> None:
        if not self.persist or not self.path.exists():
            return
        try:
            raw = self.path.read_bytes()
        except OSError as exc:
            # Unreadable (a folder in its place, no permission): never overwrite it later.
            self._keep_file = True
            self.load_problems.append(
                f"{self.path} could not be read ({exc.strerror or type(exc).__name__}); "
                "using defaults, and changes are not saved."
            )
            return
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            # RecursionError: deeply nested brackets; ValueError covers JSONDecodeError.
            self._set_aside(raw, "is damaged")
            return
        if not isinstance(data, dict) or not isinstance(data.get("settings", {}), dict) \
                or not isinstance(data.get("meta", {}), dict):
            self._set_aside(raw, "is not a settings file")
            return
        ignored = False
        for key, value in data.get("settings", {}).items():
            setting = BY_KEY.get(key)
            if setting is None:  # e.g. written by a newer version: kept as it is
                self._unknown[key] = value
                continue
            try:
                self._values[key] = setting.coerce(value)
            except Exception as exc:  # a hand-edited file: keep the default, say why
                ignored = True
                self.load_problems.append(f"Setting {key} ignored: {exc}")
        self._meta = data.get("meta", {})
        if ignored:  # the next save drops the bad values: keep the file as it was
            self._keep_copy(raw)

    @property
    def bad_path(self) -> Path:
        """Where a damaged settings file is kept for the person to look at."""
        return self.path.with_name(self.path.name + ".bad")

    def _set_aside(self, raw: bytes, why: str) -> None:
        """A file that cannot be used is kept as settings.json.bad, never overwritten."""
        try:
            os.replace(self.path, self.bad_path)
        except OSError:
            if not self._keep_copy(raw, report=False):
                self._keep_file = True
                self.load_problems.append(
                    f"{self.path} {why} and could not be kept aside; using defaults, and "
                    "changes are not saved."
                )
                return
        self.load_problems.append(
            f"{self.path} {why}; it was kept as {self.bad_path} and defaults are used."
        )

    def _keep_copy(self, raw: bytes, *, report: bool = True) -> bool:
        try:
            self.bad_path.write_bytes(raw)
        except OSError:
            return False
        if report:
            self.load_problems.append(f"A copy of the settings file as it was is kept as "
                                      f"{self.bad_path}.")
        return True

    def save(self) -> None:
        if not self.persist:
            return
        if self._keep_file:  # said at start (load_problems): this run's changes stay in memory
            import logging

            logging.getLogger(__name__).warning("settings not saved: the file could not be "
                                                "read at start")
            return
        with self._lock:
            payload = json.dumps(
                {"settings": {**self._unknown, **self._values}, "meta": self._meta}, indent=2,
                ensure_ascii=False
            )
            self.path.parent.mkdir(parents=True, exist_ok=True)
            import tempfile

            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(payload)
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise

    # -- values ------------------------------------------------------------------------
    def get(self, key: str) -> Any:
        setting = BY_KEY[key]
        with self._lock:
            if key in self._overrides:
                return self._overrides[key]
            return self._values.get(key, setting.default)

    def set(self, key: str, value: Any, *, save: bool = True) -> None:
        value = BY_KEY[key].coerce(value)
        with self._lock:
            if value == BY_KEY[key].default:
                self._values.pop(key, None)
            else:
                self._values[key] = value
            self._overrides.pop(key, None)
        if save:
            self.save()

    def override(self, key: str, value: Any) -> None:
        """A value for this run only (a command-line flag); never written to the file."""
        self._overrides[key] = BY_KEY[key].coerce(value)

    # -- non-secret metadata (key ages, usage counters) --------------------------------
    def meta(self, section: str) -> dict[str, Any]:
        with self._lock:
            value = self._meta.setdefault(section, {})
            return value if isinstance(value, dict) else {}

    def update_meta(
        self, section: str, mutate: Callable[[dict[str, Any]], None], *, save: bool = True
    ) -> None:
        """Change one metadata section; `save=False` leaves the write to a later `save()`."""
        with self._lock:
            current = self._meta.get(section)
            if not isinstance(current, dict):
                current = {}
            mutate(current)
            self._meta[section] = current
            if save:
                self.save()


# -- command-line flags ----------------------------------------------------------------
def add_arguments(parser: argparse.ArgumentParser, *, skip: Sequence[str] = ()) -> None:
    """Add one flag per setting (booleans as --x / --no-x); defaults stay None = not given."""
    import argparse
    group = parser.add_argument_group("settings (override for this run)")
    for setting in SETTINGS:
        if setting.key in skip:
            continue
        if setting.type is bool:
            group.add_argument(
                setting.flag,
                dest=setting.key,
                action=argparse.BooleanOptionalAction,
                default=None,
                help=setting.help,
            )
        else:
            group.add_argument(
                setting.flag,
                dest=setting.key,
                default=None,
                metavar=setting.key.upper(),
                choices=setting.choices or None,
                help=setting.help,
            )


def apply_arguments(store: SettingsStore, args: argparse.Namespace) -> None:
    """Layer the flags that were given on top of the store, for this run only."""
    for setting in SETTINGS:
        value = getattr(args, setting.key, None)
        if value is not None:
            store.override(setting.key, value)
