"""An API key's text: how it is cleaned when entered and how it may be shown.

Kept apart from `api/client.py` so that the keystore (credentials.py), which the window
asks for the key's status right after its first paint, does not import `requests` and the
rest of the HTTP client for two string functions.  Imports nothing heavy.
"""

from __future__ import annotations

from pictotext_desktop.errors import MalformedApiKeyError, NoApiKeyError
from pictotext_desktop.logs import mask

KEY_PREFIXES = ("sk_live_", "sk_test_", "sk_", "sk-")  # shown before the masked part


def clean_key(key: str | None) -> str:
    """Strip surrounding whitespace; refuse a key with whitespace inside (a broken header)."""
    if key is None or not key.strip():
        raise NoApiKeyError()
    key = key.strip()
    if any(ch.isspace() for ch in key) or any(ord(ch) < 32 or ord(ch) == 127 for ch in key):
        raise MalformedApiKeyError()
    return key


def mask_key(key: str) -> str:
    """What may be shown of a key after entry: its prefix and last 4 (`sk_live_…abcd`)."""
    key = key.strip()
    prefix = next((p for p in KEY_PREFIXES if key.startswith(p)), "") if len(key) > 8 else ""
    return prefix + mask(key)
