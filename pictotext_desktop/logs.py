"""The log file, and the redaction that keeps API keys and ID numbers out of it.

One rotating file in the platform's log folder (`PICTOTEXT_LOG_DIR` overrides it).  There
is no console handler: the CLI's stderr carries exactly one line per failed image, so
everything else goes to the file only.

What is never written, and how that is enforced:
- API keys: while logging is set up, every record is rewritten when it is made (message
  and arguments merged, traceback and stack pre-formatted, all redacted), a filter on our
  handler does the same for older records, and the formatter redacts the final text.  Keys
  are recognised by shape (`sk_…`/`sk-…`, `Bearer <token>`) and exactly, for every key
  registered at runtime with `register_secret` (KeyStore does so when it reads a key).
  A key is shown as its last 4 characters: `…abcd`.
- Field values: the core never passes them.  `Result`/`Record` reprs hide values
  (records.py) and the job runner logs exception types only.  As defence in depth,
  anything shaped like an 18-digit Chinese ID number is replaced too.

Qt-free: the CLI, the GUI and the self-test share it.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from pictotext_desktop import APP_ID
from pictotext_desktop.settings import LOG_LEVELS

if TYPE_CHECKING:
    from datetime import datetime

LOG_DIR_ENV = "PICTOTEXT_LOG_DIR"
LOG_FILE_NAME = f"{APP_ID}.log"
MAX_BYTES = 1_000_000  # per file; with BACKUP_COUNT old files at most ~6 MB on disk
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s"
ID_NUMBER_MASK = "[ID number removed]"

# Shapes of secrets.  Bearer first, so "Bearer sk_live_…" becomes one masked token.
_BEARER = re.compile(r"(?i)\b(bearer\s+)([^\s'\",;)\]}]+)")
_SK_TOKEN = re.compile(r"(?<![A-Za-z0-9])sk[-_][A-Za-z0-9_\-]{8,}")
# An 18-digit mainland ID number (17 digits and a check character), not part of a longer
# run of digits or letters.
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")

_MIN_SECRET_LEN = 6  # shorter "secrets" would mask ordinary words
_secrets: set[str] = set()
_secrets_lock = threading.Lock()
_MARK = "_pictotext_handler"  # on our file handler
_REDACTED = "_pictotext_redacted"  # on a record already rewritten


def key_suffix(secret: str) -> str:
    """All that may ever be shown of a key: its last 4 characters ("" for a key that short)."""
    secret = secret.strip()
    return secret[-4:] if len(secret) > 4 else ""


def mask(secret: str) -> str:
    """How a key may appear anywhere: an ellipsis and its last 4 characters."""
    return "…" + key_suffix(secret)


def register_secret(secret: str | None) -> None:
    """Redact this exact string from every later log line and crash report."""
    if not secret:
        return
    secret = secret.strip()
    if len(secret) < _MIN_SECRET_LEN:
        return
    with _secrets_lock:
        _secrets.add(secret)


def forget_secrets() -> None:
    """Drop all registered secrets (tests; shape-based redaction stays on)."""
    with _secrets_lock:
        _secrets.clear()


def redact(text: str) -> str:
    """`text` with registered secrets, key-shaped tokens and ID numbers replaced."""
    if not text:
        return text
    with _secrets_lock:
        known = sorted(_secrets, key=len, reverse=True)  # longest first: no partial leftovers
    for secret in known:
        if secret in text:
            text = text.replace(secret, mask(secret))
    text = _BEARER.sub(lambda m: m.group(1) + _mask_token(m.group(2)), text)
    text = _SK_TOKEN.sub(lambda m: mask(m.group(0)), text)
    return _ID_NUMBER.sub(ID_NUMBER_MASK, text)


def _mask_token(token: str) -> str:
    return token if token.startswith("…") else mask(token)


WITHHELD = "(message withheld: it may quote document data)"


def format_exception_safely(
    exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
) -> str:
    """A traceback with every frame but without exception messages.

    An exception's text can quote what it was processing (a field value, a file name
    with a person's name; the app's own imaging errors name the file), so no message is
    kept: the app's own errors show their reason code and fixed title instead.  Chained
    causes are included the same way.
    """
    from pictotext_desktop.errors import PicToTextError

    chain: list[tuple[type[BaseException], BaseException | None, TracebackType | None]] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    chain.append((exc_type, exc, tb))
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        nxt = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
        if nxt is not None:
            chain.append((type(nxt), nxt, nxt.__traceback__))
        current = nxt
    blocks = []
    for kind, value, trace in reversed(chain):
        name = kind.__qualname__ if kind.__module__ == "builtins" else \
            f"{kind.__module__}.{kind.__qualname__}"
        if isinstance(value, PicToTextError):
            name += f": {value.reason_code}: {value.title}"
        elif value is not None and str(value):
            name += f": {WITHHELD}"
        frames = "".join(traceback.format_tb(trace)) if trace is not None else ""
        blocks.append(("Traceback (most recent call last):\n" + frames if frames else "") + name)
    return "\n\nDuring handling, this was raised:\n\n".join(blocks)


def redact_record(record: logging.LogRecord) -> None:
    """Rewrite a record in place: message and arguments merged, traceback pre-formatted."""
    if getattr(record, _REDACTED, False):
        return
    setattr(record, _REDACTED, True)
    try:
        message = record.getMessage()
    except Exception:  # a bad format string must not lose the record
        message = f"{record.msg!r} (arguments could not be formatted)"
    record.msg = redact(message)
    record.args = None
    if record.exc_info and record.exc_info[0] is not None:
        if not record.exc_text:
            record.exc_text = format_exception_safely(*record.exc_info).rstrip()
        record.exc_text = redact(record.exc_text)
    elif record.exc_text:
        record.exc_text = redact(record.exc_text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)


class _RedactingFactory:
    """The log record factory while logging is set up: every record is redacted when it
    is made, so every handler -- ours, or one added by someone else before or after --
    only ever sees redacted text."""

    def __init__(self, previous: Callable[..., logging.LogRecord]) -> None:
        self.previous = previous

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record = self.previous(*args, **kwargs)
        redact_record(record)
        return record


class RedactingFilter(logging.Filter):
    """The same rewrite on our handler, for records made before `setup` ran."""

    def filter(self, record: logging.LogRecord) -> bool:
        redact_record(record)
        return True


class RedactingFormatter(logging.Formatter):
    """Redacts the final text once more: the last line of defence for the file."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class RotatingLogFile(logging.FileHandler):
    """A log file that rotates by size: `name` -> `name.1` … `name.<backup_count>`.

    The rotation of `logging.handlers.RotatingFileHandler`, step for step, without
    importing `logging.handlers`: that module loads socket, pickle and queue for handlers
    the app never uses, ~15 ms of the window's start-up (the log is set up before it).
    """

    def __init__(self, filename: Path, *, max_bytes: int, backup_count: int) -> None:
        super().__init__(filename, mode="a", encoding="utf-8")
        self.maxBytes = max_bytes
        self.backupCount = backup_count

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.should_roll_over(record):
                self.roll_over()
            super().emit(record)
        except Exception:
            self.handleError(record)

    def should_roll_over(self, record: logging.LogRecord) -> bool:
        """Whether writing `record` would reach `maxBytes` (never for a pipe or device)."""
        if os.path.exists(self.baseFilename) and not os.path.isfile(self.baseFilename):
            return False
        if self.stream is None:  # closed by a roll-over that could not reopen
            self.stream = self._open()
        text = f"{self.format(record)}\n"
        self.stream.seek(0, 2)
        return self.stream.tell() + len(text) >= self.maxBytes

    def roll_over(self) -> None:
        """Shift the old files up by one (dropping the oldest) and start a new file."""
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        for number in range(self.backupCount - 1, 0, -1):
            older, newer = f"{self.baseFilename}.{number}", f"{self.baseFilename}.{number + 1}"
            if os.path.exists(older):
                if os.path.exists(newer):
                    os.remove(newer)
                os.rename(older, newer)
        first = f"{self.baseFilename}.1"
        if self.backupCount > 0:
            if os.path.exists(first):
                os.remove(first)
            if os.path.exists(self.baseFilename):
                os.rename(self.baseFilename, first)
        self.stream = self._open()


def default_log_dir() -> Path:
    """Where the log files live: `PICTOTEXT_LOG_DIR`, else the platform's log folder."""
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_ID, appauthor=False))


def log_file(directory: Path | None = None) -> Path:
    return (directory or default_log_dir()) / LOG_FILE_NAME


def _level_number(level: str) -> int:
    name = level.strip().upper()
    if name not in LOG_LEVELS:
        raise ValueError(f"log level must be one of {', '.join(LOG_LEVELS)}, not {level!r}")
    return int(logging.getLevelName(name))


def _our_handlers(root: logging.Logger) -> list[logging.Handler]:
    return [h for h in root.handlers if getattr(h, _MARK, False)]


def setup(level: str = "INFO", log_dir: Path | None = None) -> Path:
    """Send the app's logging to the rotating file; returns the file's path.

    Idempotent: a second call changes the level (and the folder, if different) without
    adding another handler.  A folder that cannot be created or written leaves logging
    off rather than stopping the app.
    """
    number = _level_number(level)
    factory = logging.getLogRecordFactory()
    if not isinstance(factory, _RedactingFactory):
        logging.setLogRecordFactory(_RedactingFactory(factory))
    directory = log_dir if log_dir is not None else default_log_dir()
    path = log_file(directory)
    root = logging.getLogger()
    existing = _our_handlers(root)
    for handler in existing:
        if Path(getattr(handler, "baseFilename", "")) == path.absolute():
            handler.setLevel(number)
            root.setLevel(number)
            _quiet_chatty_libraries(number)
            return path
    for handler in existing:  # a different folder: replace the old handler
        root.removeHandler(handler)
        handler.close()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handler = RotatingLogFile(path, max_bytes=MAX_BYTES, backup_count=BACKUP_COUNT)
    except OSError:
        return path  # no log file, but the app runs
    handler.setLevel(number)
    handler.setFormatter(RedactingFormatter(FORMAT))
    handler.addFilter(RedactingFilter())
    setattr(handler, _MARK, True)
    root.addHandler(handler)
    root.setLevel(number)
    _quiet_chatty_libraries(number)
    return path


def change_level(level: str) -> None:
    """A new log level takes effect now, in the same log file (Settings, while running)."""
    current = current_log_file()
    setup(level, current.parent if current is not None else None)


def current_log_file() -> Path | None:
    """The file `setup` is writing to, or None when logging to a file is off."""
    for handler in _our_handlers(logging.getLogger()):
        name = getattr(handler, "baseFilename", None)
        if name:
            return Path(name)
    return None


def shutdown() -> None:
    """Remove and close our handler (tests, and before deleting the log folder)."""
    root = logging.getLogger()
    for handler in _our_handlers(root):
        root.removeHandler(handler)
        handler.close()
    factory = logging.getLogRecordFactory()
    if isinstance(factory, _RedactingFactory):
        logging.setLogRecordFactory(factory.previous)


def _quiet_chatty_libraries(level: int) -> None:
    """At DEBUG, Pillow's per-chunk messages would drown the app's own lines."""
    for name in ("PIL", "urllib3.connectionpool"):
        logging.getLogger(name).setLevel(max(level, logging.INFO))


def crash_report(
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
    *,
    thread_name: str | None = None,
    now: datetime | None = None,
) -> str:
    """The text the crash dialog shows and the log records: environment and traceback.

    Redacted like the log (no key, no ID number) and with the home folder shown as `~`,
    so the report can be pasted into an email as is.
    """
    from datetime import UTC, datetime  # a crash only: not on the start-up path

    from pictotext_desktop.about import support_environment

    when = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        environment = support_environment()
    except Exception as env_exc:  # the report must be produced whatever else is broken
        environment = f"(environment unavailable: {type(env_exc).__name__})"
    trace = format_exception_safely(exc_type, exc, tb).rstrip()
    lines = [
        "PicToText Desktop crash report",
        f"Time: {when}",
    ]
    if thread_name:
        lines.append(f"Thread: {thread_name}")
    lines += [environment, "", trace, ""]
    return hide_home(redact("\n".join(lines)))


def hide_home(text: str) -> str:
    """`text` with the home folder's path shown as `~`."""
    try:
        home = str(Path.home())
    except (RuntimeError, KeyError):
        return text
    return text.replace(home, "~") if len(home) > 1 else text
