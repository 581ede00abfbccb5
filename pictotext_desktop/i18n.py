"""Interface language: which one to show, loading its translations, and Qt-free texts.

The `language` setting is "system", "en" or "zh_CN".  English is the source language
(no translation file); Simplified Chinese comes from `resources/translations/
pictotext_zh_CN.qm` plus Qt's own `qtbase_zh_CN.qm`, so standard buttons (OK, Cancel,
Yes…) match.  Qt-free modules mark their texts with `_("…")`; the GUI translates them
(ui/language.py), in the context named after the module ("errors", "credentials",
"engines.local"; the settings table's help texts use "settings").
docs/adr/0007-translations.md.

Any Chinese system locale resolves to "zh_CN", Traditional ones (zh_TW, zh_HK, zh_MO,
zh-Hant) included: Traditional readers read Simplified far more easily than English, and
the HK/TW cards this app reads are labelled in Chinese anyway.  Settings can pick English.

This module is Qt-free (tests/test_layering.py): installing translators, translating
marked texts and asking Qt for the platform's languages live in ui/language.py.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pictotext_desktop.catalog import DocumentType
    from pictotext_desktop.records import Check

CHINESE = "zh_CN"
ENGLISH = "en"
QM_NAME = "pictotext_{language}.qm"
LOCALE_ENV = ("LC_ALL", "LC_MESSAGES", "LANG")


def language_for_locale(name: str) -> str:
    """'zh_CN' for any Chinese locale name (zh, zh_CN, zh-Hans-SG, zh_TW.UTF-8…), else 'en'."""
    base = name.strip().split(".")[0].split("@")[0].replace("-", "_").lower()
    return CHINESE if base == "zh" or base.startswith("zh_") else ENGLISH


def system_locale_names() -> list[str]:
    """The user's preferred languages from the POSIX variables, most preferred first.

    The window asks Qt instead (ui/language.py: Windows display language, macOS preferred
    languages); this is the list where Qt is not loaded.
    """
    names = [n for n in os.environ.get("LANGUAGE", "").split(":") if n]
    return names + [os.environ[v] for v in LOCALE_ENV if os.environ.get(v)]


def resolve_language(setting: str, system_locales: list[str] | None = None) -> str:
    """The language to show: 'en' or 'zh_CN' ("system" asks the OS; unknown values -> 'en').

    `system_locales` replaces the OS's list (tests; most preferred first).
    """
    if setting in (ENGLISH, CHINESE):
        return setting
    if setting != "system":
        return language_for_locale(setting)
    names = system_locales if system_locales is not None else system_locale_names()
    for name in names:
        if name.strip() in ("", "C", "POSIX"):
            continue
        # The first real preference decides: a user who ranks English above Chinese gets English.
        return language_for_locale(name)
    return ENGLISH


def qm_path(language: str) -> str | None:
    """Our compiled translation for `language` as a file path, or None if there is none."""
    if language == ENGLISH:
        return None
    from pictotext_desktop.paths import resource

    node = resource("translations/" + QM_NAME.format(language=language))
    return str(node) if node.is_file() else None


# -- data that carries its own Chinese ---------------------------------------------------
def check_message(check: Check, language: str) -> str:
    """A check's message in the interface language (Chinese when the check has one)."""
    if language == CHINESE and check.message_zh:
        return check.message_zh
    return check.message


def doc_type_name(doc: DocumentType, language: str) -> str:
    return doc.name_zh or doc.name if language == CHINESE else doc.name


def region_name(doc: DocumentType, language: str) -> str:
    return doc.region_name_zh or doc.region_name if language == CHINESE else doc.region_name


def field_label(doc: DocumentType, key: str, language: str) -> str:
    """A field's label; extra keys the API returned show as themselves."""
    return doc.label(key, zh=language == CHINESE)
