"""KeyStore: the API keys, kept only in the OS keyring (or the environment, or memory).

The only module that touches `keyring` (docs/adr/0006-keys-in-keyring.md).  Qt-free so the
CLI, the cloud engine and the settings dialog share it.

- Two slots, `primary` and `secondary` (the docs' rotation with fallback), stored as
  keyring entries with service `pictotext-desktop` and username = the slot name.  With the
  Secret Service backend that is the attribute pair `service=pictotext-desktop
  username=primary` (`secret-tool lookup service pictotext-desktop username primary`).
- `PICTOTEXT_API_KEY` / `PICTOTEXT_API_KEY_SECONDARY` override the keyring for the process
  and are never stored.
- No secure backend (the fail/null backend, a chainer with nothing to chain, keyrings.alt's
  file backends), a locked keyring or a dismissed prompt become `KeyringUnavailableError` /
  `KeyringLockedError` with a platform-specific way out, and the key can be used for this
  session only (kept in memory).  There is never a plaintext fallback.
- The encrypted result store's data key (`StoreKeyring`, username `result-store` under the
  same service) lives next to the API keys, with the same refusal of insecure backends.
- Metadata that is not secret (when added, calls per month, last used) lives in the
  settings file under `meta["keys"][slot]`, with a last-4 fingerprint -- never the key.
"""

from __future__ import annotations

import atexit
import importlib
import logging
import os
import sys
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from pictotext_desktop.api.keys import clean_key, mask_key
from pictotext_desktop.errors import (
    KeyringLockedError,
    KeyringUnavailableError,
    NoApiKeyError,
    PicToTextError,
)
from pictotext_desktop.logs import key_suffix, redact, register_secret
from pictotext_desktop.settings import SettingsStore

log = logging.getLogger(__name__)

Slot = Literal["primary", "secondary"]
SLOTS: tuple[Slot, ...] = ("primary", "secondary")
SERVICE = "pictotext-desktop"
ENV_VARS: dict[Slot, str] = {
    "primary": "PICTOTEXT_API_KEY",
    "secondary": "PICTOTEXT_API_KEY_SECONDARY",
}
# keyring "username" of each slot: the Secret Service attribute `username`.
USERNAMES: dict[Slot, str] = {"primary": "primary", "secondary": "secondary"}
META_SECTION = "keys"
ROTATION_DAYS = 90  # the docs recommend rotating keys every 90 days
KNOWN_PREFIXES = ("sk_", "sk-")
MONTHS_KEPT = 12
SAVE_INTERVAL = 5.0  # seconds: call counts are written at most this often (and by flush)
FLUSH_WAIT = 2.0  # seconds `flush` waits for the keystore's lock (a keyring read holds it)

Source = Literal["env", "session", "keyring"]


def _(text: str) -> str:
    """Mark a string for translation (the Qt layer translates it in the 'credentials' context)."""
    return text


# How to get a working keyring, per platform (shown with KeyringUnavailableError).
KEYRING_HELP: dict[str, str] = {
    "linux": _(
        "Install and unlock a Secret Service keyring: GNOME Keyring (package gnome-keyring) "
        "or KWallet, and make sure it runs in your desktop session (log out and in again "
        "after installing). On a server without a desktop, start one with "
        "`dbus-run-session` and `gnome-keyring-daemon --unlock`, or set the "
        "PICTOTEXT_API_KEY environment variable instead."
    ),
    "darwin": _(
        "Open Keychain Access and make sure the login keychain is unlocked, then try again. "
        "If the app asked for access, choose Allow or Always Allow."
    ),
    "win32": _(
        "The key is kept in Windows Credential Manager. Make sure you are signed in to a "
        "normal user account (not a restricted or temporary profile) and that Credential "
        "Manager opens from the Control Panel."
    ),
}
LOCKED_HELP: dict[str, str] = {
    "linux": _(
        "Unlock your keyring (GNOME Keyring or KWallet) when it asks for your password, "
        "then try again. If you dismissed the prompt, try again and enter the password."
    ),
    "darwin": _("Unlock the login keychain in Keychain Access, then try again."),
    "win32": _("Sign in to Windows again so Credential Manager is available, then try again."),
}


def platform_key() -> str:
    if sys.platform.startswith("linux") or sys.platform.startswith("freebsd"):
        return "linux"
    if sys.platform == "darwin":
        return "darwin"
    if sys.platform.startswith("win"):
        return "win32"
    return "linux"


def keyring_help(*, locked: bool = False, platform: str | None = None) -> str:
    """The platform's way to a working (or unlocked) keyring."""
    table = LOCKED_HELP if locked else KEYRING_HELP
    return table.get(platform or platform_key(), table["linux"])


def key_format_warning(key: str) -> str | None:
    """A warning (not a refusal) for a key that doesn't look like the docs' examples."""
    if key.startswith(KNOWN_PREFIXES):
        return None
    return _(
        "This key does not start with sk_ or sk-, as PicToText keys usually do. It was "
        "accepted anyway; use Test to check it."
    )


# The metadata's non-reversible fingerprint: the last 4 characters, as in the masked key.
fingerprint = key_suffix


# ---------------------------------------------------------------------------------------
# Backend detection
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BackendInfo:
    """Which keyring backend the app would use, and why not if it can't."""

    name: str  # e.g. "SecretService Keyring"; "none" when there is no backend at all
    backend: Any  # the keyring backend object to use, or None
    problem: KeyringUnavailableError | None

    @property
    def available(self) -> bool:
        return self.backend is not None and self.problem is None


def _backend_name(backend: Any) -> str:
    name = getattr(backend, "name", None)
    return str(name) if name else type(backend).__name__


def _is_insecure(backend: Any) -> bool:
    """Backends that keep secrets in a file we would not trust (keyrings.alt), or nowhere."""
    module = type(backend).__module__
    if module.startswith("keyrings.alt"):
        return True
    from keyring.backends import fail, null

    return isinstance(backend, (fail.Keyring, null.Keyring))


def _no_backend(name: str, why: str) -> BackendInfo:
    return BackendInfo(
        name=name,
        backend=None,
        problem=KeyringUnavailableError(keyring_help(), detail=why),
    )


# The platform's own store, best first.  keyring's own detection imports and asks every
# installed backend: on Linux its macOS backend looks for the Security framework with
# ctypes.util.find_library, which runs ldconfig, gcc and ld (docs/adr/0006).
NATIVE_BACKENDS = {
    "linux": ("keyring.backends.SecretService.Keyring", "keyring.backends.libsecret.Keyring",
              "keyring.backends.kwallet.DBusKeyring"),
    "darwin": ("keyring.backends.macOS.Keyring",),
    "win32": ("keyring.backends.Windows.WinVaultKeyring",),
}


_choosing = threading.Lock()  # the window's key status and result store choose at once


def platform_backend(platform: str | None = None) -> Any:
    """The backend keyring would use, chosen without probing every installed backend.

    In keyring's order: one already set (keyring.set_keyring, as the tests do), then one
    configured (PYTHON_KEYRING_BACKEND, keyringrc.cfg); otherwise the platform's store, if
    viable (keyring raises from `priority` when it is not), else keyring's fail backend.
    The choice is installed with keyring.set_keyring, so it is made once per process
    (under a lock: two threads asking at once get the same backend).
    """
    with _choosing:
        return _choose_backend(platform)


def _choose_backend(platform: str | None) -> Any:
    import keyring
    from keyring import core
    from keyring.backends import fail

    chosen = getattr(core, "_keyring_backend", None)
    if chosen is not None:
        return chosen
    chosen = core.load_env() or core.load_config()
    if chosen is None:
        viable: list[tuple[float, Any]] = []
        for dotted in NATIVE_BACKENDS.get(platform or platform_key(), ()):
            module_name, _, class_name = dotted.rpartition(".")
            try:
                cls = getattr(importlib.import_module(module_name), class_name)
                priority = float(cls.priority)  # raises RuntimeError when it is not there
            except Exception as exc:  # missing module, no D-Bus session, no dbus-python
                log.debug("keyring backend %s not viable: %s", dotted, type(exc).__name__)
                continue
            if priority > 0:
                viable.append((priority, cls))
        # The highest priority wins, as in keyring (KWallet over Secret Service on KDE).
        best: Any = max(viable, key=lambda pc: pc[0])[1] if viable else fail.Keyring
        chosen = best()
    keyring.set_keyring(chosen)
    return chosen


def detect_backend(backend: Any = None) -> BackendInfo:
    """Resolve the backend up front (default: `platform_backend()`); never a plaintext one.

    A chainer is replaced by its best secure member, so a write can never fall through to
    a file backend.
    """
    if backend is None:
        try:
            backend = platform_backend()
        except Exception as exc:  # a broken keyringrc or backend module
            return _no_backend("none", f"choosing the keyring failed: {type(exc).__name__}")
    from keyring.backends import chainer

    if isinstance(backend, chainer.ChainerBackend):
        members = [b for b in backend.backends if not _is_insecure(b)]
        if not members:
            return _no_backend(_backend_name(backend), "the keyring chainer has no secure backend")
        backend = members[0]
    if _is_insecure(backend):
        return _no_backend(
            _backend_name(backend), f"backend {type(backend).__module__} is not a secure store"
        )
    return BackendInfo(name=_backend_name(backend), backend=backend, problem=None)


def keyring_error(exc: BaseException) -> KeyringUnavailableError:
    """Turn any keyring exception into the app's error, with the platform's way out."""
    from keyring import errors as kerr

    technical = redact(f"{type(exc).__name__}: {exc}"[:300])
    text = str(exc).lower()
    locked = isinstance(exc, kerr.KeyringLocked) or (
        isinstance(exc, kerr.InitError) and ("dismiss" in text or "lock" in text)
    )
    if locked:
        return KeyringLockedError(keyring_help(locked=True), detail=technical)
    return KeyringUnavailableError(keyring_help(), detail=technical)


# ---------------------------------------------------------------------------------------
# The store
# ---------------------------------------------------------------------------------------
def _now() -> datetime:
    return datetime.now(UTC)


def _parse_time(raw: object) -> datetime | None:
    """A timestamp from the metadata (ISO text), or None when missing or unreadable."""
    try:
        return datetime.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def _flush_at_exit(ref: weakref.ref[KeyStore]) -> None:
    store = ref()
    if store is None:
        return
    store.flush()


@dataclass(frozen=True)
class SetResult:
    """What `set` / `set_session_only` did, for the caller to show."""

    slot: Slot
    masked: str
    stored_in: Source
    warning: str | None  # e.g. the key does not start with sk_
    overridden_by_env: bool  # the environment variable still wins for this process


@dataclass(frozen=True)
class Usage:
    ok: int
    failed: int

    @property
    def total(self) -> int:
        return self.ok + self.failed


class KeyStore:
    """Primary and secondary API key: environment > session-only > keyring.

    `get()` never raises: a keyring that cannot be read counts as "no key" and `problem`
    says why (show it instead of "no key").  `require()` raises the right error instead.
    Values read from the keyring are cached for the process; `refresh()` forgets them.
    Call counts are written to the settings file at most every SAVE_INTERVAL seconds;
    `flush()` (also run at exit) writes the rest.
    """

    def __init__(
        self,
        settings: SettingsStore,
        *,
        backend: Any = None,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self.settings = settings
        self._explicit_backend = backend
        self._clock = clock
        self._lock = threading.RLock()
        self._session: dict[Slot, str] = {}
        self._cache: dict[Slot, str | None] = {}
        self._info: BackendInfo | None = None
        self.problem: KeyringUnavailableError | None = None
        self.active_slot: Slot = "primary"
        self._unsaved = False  # call counts changed in memory since the last write
        self._saved_at = float("-inf")  # time.monotonic() of that write
        if settings.persist:
            atexit.register(_flush_at_exit, weakref.ref(self))

    # -- backend -----------------------------------------------------------------------
    @property
    def backend_info(self) -> BackendInfo:
        with self._lock:
            if self._info is None:
                self._info = detect_backend(self._explicit_backend)
                if self._info.problem is not None:
                    log.info("no secure keyring: %s", self._info.problem.detail)
            return self._info

    @property
    def backend_name(self) -> str:
        return self.backend_info.name

    def refresh(self) -> None:
        """Forget the detected backend and cached values (e.g. after the user unlocked it)."""
        with self._lock:
            self._info = None
            self._cache.clear()
            self.problem = None

    def _backend(self) -> Any:
        info = self.backend_info
        if info.problem is not None:
            raise info.problem
        return info.backend

    def _read_keyring(self, slot: Slot) -> str | None:
        with self._lock:
            if slot in self._cache:
                return self._cache[slot]
            try:
                backend = self._backend()
                value = backend.get_password(SERVICE, USERNAMES[slot])
            except KeyringUnavailableError as exc:
                self.problem = exc
                return None
            except Exception as exc:
                self.problem = keyring_error(exc)
                log.warning("keyring read failed: %s", self.problem.detail)
                return None
            value = value.strip() if isinstance(value, str) and value.strip() else None
            self._cache[slot] = value
            return value

    # -- reading -----------------------------------------------------------------------
    def _env(self, slot: Slot) -> str | None:
        value = os.environ.get(ENV_VARS[slot], "").strip()
        return value or None

    def get(self, slot: Slot) -> str | None:
        """The key for this slot, or None.  Never raises (see `problem`).

        Every key the app holds is registered with the log filter, so not even a
        traceback can write it to the log.
        """
        key, _source = self._lookup(slot)
        register_secret(key)
        return key

    def _lookup(self, slot: Slot) -> tuple[str | None, Source | None]:
        """The slot's key and where it comes from: environment > session-only > keyring."""
        env = self._env(slot)
        if env:
            return env, "env"
        with self._lock:
            if slot in self._session:
                return self._session[slot], "session"
        key = self._read_keyring(slot)
        return (key, "keyring") if key else (None, None)

    def require(self, slot: Slot = "primary") -> str:
        """The key, or the error to show: the keyring's problem if it hid the key, else no key."""
        key = self.get(slot)
        if key:
            return key
        if self.problem is not None:
            raise self.problem
        raise NoApiKeyError()

    def source(self, slot: Slot) -> Source | None:
        return self._lookup(slot)[1]

    def masked(self, slot: Slot) -> str | None:
        key = self.get(slot)
        return mask_key(key) if key else None

    def has_any_key(self) -> bool:
        return any(self.get(s) for s in SLOTS)

    # -- writing -----------------------------------------------------------------------
    def set(self, slot: Slot, key: str) -> SetResult:
        """Store a key in the keyring (trimmed; refuses inner whitespace).

        Raises MalformedApiKeyError / NoApiKeyError for a bad entry and
        KeyringUnavailableError / KeyringLockedError when it cannot be stored; then offer
        `set_session_only`.
        """
        key = clean_key(key)
        register_secret(key)
        with self._lock:
            backend = self._backend()
            try:
                backend.set_password(SERVICE, USERNAMES[slot], key)
            except Exception as exc:
                error = keyring_error(exc)
                self.problem = error
                raise error from None
            self._cache[slot] = key
            self._session.pop(slot, None)
            self.problem = None
        self._new_key(slot, key, "keyring")
        log.info("stored the %s key (%s) in %s", slot, mask_key(key), self.backend_name)
        return self._result(slot, key, "keyring")

    def set_session_only(self, slot: Slot, key: str) -> SetResult:
        """Use a key for this process only: kept in memory, forgotten at exit."""
        key = clean_key(key)
        register_secret(key)
        with self._lock:
            self._session[slot] = key
        self._new_key(slot, key, "session")
        log.info("using the %s key (%s) for this session only", slot, mask_key(key))
        return self._result(slot, key, "session")

    def _result(self, slot: Slot, key: str, where: Source) -> SetResult:
        return SetResult(
            slot=slot,
            masked=mask_key(key),
            stored_in=where,
            warning=key_format_warning(key),
            overridden_by_env=self._env(slot) is not None,
        )

    def remove(self, slot: Slot) -> bool:
        """Delete the slot's key from the keyring and memory; True if there was one.

        Raises KeyringUnavailableError / KeyringLockedError if the keyring can't be changed
        (a session-only key is still forgotten).
        """
        with self._lock:
            had_session = self._session.pop(slot, None) is not None
            self._cache.pop(slot, None)
            info = self.backend_info
            removed = False
            if info.problem is None:
                from keyring.errors import PasswordDeleteError

                try:
                    # Check first: some backends raise a generic error for a missing entry.
                    if info.backend.get_password(SERVICE, USERNAMES[slot]) is not None:
                        info.backend.delete_password(SERVICE, USERNAMES[slot])
                        removed = True
                except PasswordDeleteError:
                    removed = False
                except Exception as exc:
                    error = keyring_error(exc)
                    self.problem = error
                    if not had_session:
                        raise error from None
            elif not had_session:
                raise info.problem
            self._cache[slot] = None
        if removed or had_session:
            self._save_meta(lambda meta: meta.pop(slot, None))
            log.info("removed the %s key", slot)
        return removed or had_session

    # -- fallback state ----------------------------------------------------------------
    def use_secondary_for_session(self) -> bool:
        """After the primary key failed: use the secondary until `reset_active_slot`.

        True if this call made the switch (it was still on the primary).
        """
        with self._lock:
            switched = self.active_slot == "primary"
            self.active_slot = "secondary"
        return switched

    def reset_active_slot(self) -> None:
        with self._lock:
            self.active_slot = "primary"

    # -- metadata (never secret) -------------------------------------------------------
    def _month(self) -> str:
        return self._clock().astimezone().strftime("%Y-%m")

    def _new_key(self, slot: Slot, key: str, where: Source) -> None:
        """Fresh metadata for a key just set; a new primary key ends the fallback."""
        if slot == "primary":
            self.reset_active_slot()
        entry: dict[str, Any] = {
            "fingerprint": fingerprint(key),
            "added": self._clock().isoformat(timespec="seconds"),
            "source": where,
            "months": {},
            "last_used": None,
        }
        self._save_meta(lambda meta: meta.__setitem__(slot, entry))

    def _save_meta(self, mutate: Callable[[dict[str, Any]], None]) -> None:
        """Change the metadata and write it; a file that cannot be written is logged, since
        the key itself is already stored and metadata is only a convenience."""
        try:
            self.settings.update_meta(META_SECTION, mutate)
        except Exception as exc:
            log.warning("could not save the key metadata: %s", type(exc).__name__)

    def _entry(self, slot: Slot) -> dict[str, Any]:
        """This slot's metadata, if it belongs to the key the slot holds now."""
        entry = self.settings.meta(META_SECTION).get(slot)
        if not isinstance(entry, dict):
            return {}
        key = self.get(slot)
        if key is None or entry.get("fingerprint") != fingerprint(key):
            return {}
        return entry

    def _months(self, slot: Slot) -> dict[str, Any]:
        months = self._entry(slot).get("months")
        return months if isinstance(months, dict) else {}

    def record_call(self, slot: Slot, ok: bool) -> None:
        """Count one API call with this slot's key in this month (successful or failed).

        Counted in memory at once; written within SAVE_INTERVAL seconds or by `flush()`.
        Never raises: the call it counts was made (and billed), so its result must not be
        lost to a settings file that cannot be written or holds odd values.
        """
        try:
            self._record_call(slot, ok)
        except Exception as exc:
            log.warning("could not count an API call: %s", type(exc).__name__)

    def _record_call(self, slot: Slot, ok: bool) -> None:
        key = self.get(slot)
        if key is None:
            return
        month = self._month()
        now = self._clock().isoformat(timespec="seconds")
        mark = fingerprint(key)
        outcome = "ok" if ok else "failed"

        def mutate(meta: dict[str, Any]) -> None:
            entry = meta.get(slot)
            if not isinstance(entry, dict) or entry.get("fingerprint") != mark:
                # A key we did not see being added (environment, another program): start over.
                entry = {"fingerprint": mark, "added": None, "months": {}, "last_used": None}
            months = entry.get("months")
            if not isinstance(months, dict):  # a hand-edited or damaged file
                months = entry["months"] = {}
            counts = months.get(month)
            if not isinstance(counts, dict):
                counts = months[month] = {"ok": 0, "failed": 0}
            counts[outcome] = _count(counts.get(outcome)) + 1
            for old in sorted(months)[:-MONTHS_KEPT]:
                del months[old]
            entry["last_used"] = now
            meta[slot] = entry

        self.settings.update_meta(META_SECTION, mutate, save=False)
        with self._lock:
            self._unsaved = True
            due = time.monotonic() - self._saved_at >= SAVE_INTERVAL
        if due:
            self.flush()

    def flush(self) -> None:
        """Write call counts still held in memory to the settings file.

        Never raises: a read-only or full config folder only costs the counts (logged by
        exception type, never with values); they are tried again with the next call.
        """
        # Not forever: a keyring read may hold the lock while its unlock prompt waits,
        # and this also runs at exit.  The counts are kept for the next call then.
        if not self._lock.acquire(timeout=FLUSH_WAIT):
            log.warning("could not save the key usage counts: the keystore is busy")
            return
        try:
            if not self._unsaved:
                return
            self._unsaved = False
            self._saved_at = time.monotonic()
        finally:
            self._lock.release()
        try:
            self.settings.save()
        except Exception as exc:
            with self._lock:
                self._unsaved = True
            log.warning("could not save the key usage counts: %s", type(exc).__name__)

    def added(self, slot: Slot) -> datetime | None:
        return _parse_time(self._entry(slot).get("added"))

    def age_days(self, slot: Slot) -> int | None:
        """Whole days since the key in this slot was added here (None: unknown)."""
        added = self.added(slot)
        if added is None:
            return None
        return max(0, (self._clock() - added).days)

    def rotation_due(self, slot: Slot) -> bool:
        age = self.age_days(slot)
        return age is not None and age >= ROTATION_DAYS

    def usage_this_month(self, slot: Slot) -> Usage:
        counts = self._months(slot).get(self._month())
        if not isinstance(counts, dict):
            return Usage(ok=0, failed=0)
        return Usage(ok=_count(counts.get("ok")), failed=_count(counts.get("failed")))

    def last_used(self, slot: Slot) -> datetime | None:
        return _parse_time(self._entry(slot).get("last_used"))


def _count(raw: object) -> int:
    """A call count from the metadata; anything else (a damaged file) counts as 0."""
    return raw if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0 else 0
# ---------------------------------------------------------------------------------------
# The result store's data key (store.py, docs/adr/0012-encrypted-result-store.md)
# ---------------------------------------------------------------------------------------
STORE_KEY_USERNAME = "result-store"  # next to the API keys: service pictotext-desktop
STORE_KEY_BYTES = 32


class StoreKeyring:
    """The encrypted result store's data key: 32 random bytes in the keyring (base64 text).

    `load` and `create` raise KeyringUnavailableError / KeyringLockedError when there is no
    secure keyring; then nothing may be written to disk.  The key is registered with the
    log redactor as soon as it is read.
    """

    def __init__(self, backend: Any = None) -> None:
        self._explicit_backend = backend

    def _backend(self) -> Any:
        info = detect_backend(self._explicit_backend)
        if info.problem is not None:
            raise info.problem
        return info.backend

    def load(self) -> bytes | None:
        """The stored key, or None when there is none (or it is not a key this app wrote)."""
        backend = self._backend()
        try:
            text = backend.get_password(SERVICE, STORE_KEY_USERNAME)
        except Exception as exc:
            raise keyring_error(exc) from None
        if not isinstance(text, str) or not text.strip():
            return None
        register_secret(text)
        import base64
        import binascii

        try:
            key = base64.b64decode(text.strip(), validate=True)
        except (binascii.Error, ValueError):
            return None
        return key if len(key) == STORE_KEY_BYTES else None

    def create(self) -> bytes:
        """A new random key, stored (replacing any old one) and returned."""
        import base64
        import secrets

        key = secrets.token_bytes(STORE_KEY_BYTES)
        text = base64.b64encode(key).decode("ascii")
        register_secret(text)
        backend = self._backend()
        try:
            backend.set_password(SERVICE, STORE_KEY_USERNAME, text)
        except Exception as exc:
            raise keyring_error(exc) from None
        log.info("created the result store's key in %s", _backend_name(backend))
        return key

    def delete(self) -> None:
        """Forget the key (what it encrypted can then never be read again)."""
        from keyring.errors import PasswordDeleteError

        backend = self._backend()
        try:
            if backend.get_password(SERVICE, STORE_KEY_USERNAME) is not None:
                backend.delete_password(SERVICE, STORE_KEY_USERNAME)
        except PasswordDeleteError:
            pass
        except Exception as exc:
            raise keyring_error(exc) from None


def error_text(error: PicToTextError) -> str:
    """One paragraph for the CLI: the message, then what to do."""
    return f"{error.title}: {error.message}\n{error.action}"
