"""Interface language: which one to show, loading its translations, and Qt-free texts.

The `language` setting is "system", "en" or "zh_CN".  English is the source language
(no translation file); Simplified Chinese comes from `resources/translations/
pictotext_zh_CN.qm` plus Qt's own `qtbase_zh_CN.qm`, so standard buttons (OK, Cancel,
Yes…) match.  Qt-free modules mark their texts with `_("…")`; the GUI translates them
here, in the context named after the module ("errors", "credentials", "engines.local";
the settings table's help texts use "settings").  docs/adr/0007-translations.md.

Any Chinese system locale resolves to "zh_CN", Traditional ones (zh_TW, zh_HK, zh_MO,
zh-Hant) included: Traditional readers read Simplified far more easily than English, and
the HK/TW cards this app reads are labelled in Chinese anyway.  Settings can pick English.

Importing this module does not import Qt; the functions that need it import it lazily.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QTranslator

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
    """The user's preferred UI languages, most preferred first.

    Qt knows the platform's list (Windows display language, macOS preferred languages,
    LANGUAGE/LC_*/LANG on Linux); without Qt the POSIX variables are read directly.
    """
    try:
        from PySide6.QtCore import QLocale
    except ImportError:
        names = [n for n in os.environ.get("LANGUAGE", "").split(":") if n]
        return names + [os.environ[v] for v in LOCALE_ENV if os.environ.get(v)]
    system = QLocale.system()
    return [*(str(n) for n in system.uiLanguages()), system.name()]


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


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install ours and Qt's translators for `language` ("system" is resolved first).

    Returns the installed translators (parented to `app`, so they live as long as it) so a
    language change can remove them again with `remove_translators`.  English installs
    nothing.  A missing file is not an error: the interface then stays in English.
    """
    from PySide6.QtCore import QLibraryInfo, QTranslator

    resolved = resolve_language(language)
    installed: list[QTranslator] = []
    if resolved == ENGLISH:
        return installed
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{resolved}", qt_dir) and app.installTranslator(qt):
        installed.append(qt)
    ours_file = qm_path(resolved)
    ours = QTranslator(app)
    if ours_file and ours.load(ours_file) and app.installTranslator(ours):
        installed.append(ours)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Undo `install_translators` (before installing another language)."""
    for translator in translators:
        app.removeTranslator(translator)


# -- Qt-free texts, translated in the GUI ----------------------------------------------
def tr_marked(context: str, text: str) -> str:
    """A `_("…")`-marked text translated in `context`; unchanged when Qt is not loaded."""
    try:
        from PySide6.QtCore import QCoreApplication
    except ImportError:
        return text
    return QCoreApplication.translate(context, text)


def tr_error(text: str) -> str:
    """An error class's title, explanation or action (errors.py) in the interface language."""
    return tr_marked("errors", text)


def tr_credentials(text: str) -> str:
    """A keyring help text or key warning from credentials.py."""
    return tr_marked("credentials", text)


def tr_settings(text: str) -> str:
    """A setting's help text (settings.SETTINGS)."""
    return tr_marked("settings", text)


def tr_engine(text: str) -> str:
    """A progress message of the on-device engine (engines/local.py)."""
    return tr_marked("engines.local", text)


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
