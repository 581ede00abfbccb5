"""The interface language in Qt: translators, marked texts, and which language is showing.

`install_translators` loads ours and Qt's translations for the `language` setting
(i18n.py, Qt-free, decides which); `tr_error` & co. translate the texts Qt-free modules
mark with `_("…")`, in the context named after the module.

Catalog names, field labels and check messages are data, not Qt translations: the widgets
pick the English or Chinese wording with `i18n.doc_type_name / field_label /
check_message`.  Which one to pick is whatever the installed translators show, so a
window built under a zh_CN translator (the app, or a test) is Chinese throughout.  The
translation file carries one marker message for this (the usual Qt idiom).
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from pictotext_desktop import i18n

MARKER = "English"  # translated as the translation's own language name ("简体中文")


def current_language() -> str:
    """'zh_CN' when our Chinese translator is installed, else 'en'."""
    shown = QCoreApplication.translate("Language", "English",
                                       "the name of the interface language")
    return i18n.CHINESE if shown != MARKER else i18n.ENGLISH


def system_locale_names() -> list[str]:
    """The platform's preferred UI languages, most preferred first (Windows display
    language, macOS preferred languages, LANGUAGE/LC_*/LANG on Linux)."""
    system = QLocale.system()
    return [*(str(n) for n in system.uiLanguages()), system.name()]


def resolve_language(setting: str) -> str:
    """The language the `language` setting means here: 'en' or 'zh_CN'."""
    return i18n.resolve_language(setting, system_locale_names())


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install ours and Qt's translators for `language` ("system" is resolved first).

    Returns the installed translators (parented to `app`, so they live as long as it) so a
    language change can remove them again with `remove_translators`.  English installs
    nothing.  A missing file is not an error: the interface then stays in English.
    """
    resolved = resolve_language(language)
    installed: list[QTranslator] = []
    if resolved == i18n.ENGLISH:
        return installed
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{resolved}", qt_dir) and app.installTranslator(qt):
        installed.append(qt)
    ours_file = i18n.qm_path(resolved)
    ours = QTranslator(app)
    if ours_file and ours.load(ours_file) and app.installTranslator(ours):
        installed.append(ours)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Undo `install_translators` (before installing another language)."""
    for translator in translators:
        app.removeTranslator(translator)


# -- texts marked _("…") in Qt-free modules ------------------------------------------------
def tr_marked(context: str, text: str) -> str:
    """A `_("…")`-marked text translated in `context`."""
    return QCoreApplication.translate(context, text)


def tr_error(text: str) -> str:
    """An error class's title, explanation or action (errors.py) in the interface language."""
    return tr_marked("errors", text)


def tr_error_words(text: str, fallback: str) -> str:
    """An error's own words (often an f-string naming the file) in the interface language;
    in a Chinese interface an untranslatable English text gives way to `fallback` (the
    class's translated explanation), so no English is left on screen."""
    shown = tr_error(text)
    if shown == text:
        shown = tr_file_message(text)
    if shown == text and current_language() == i18n.CHINESE and any(
            c.isascii() and c.isalpha() for c in text):
        return tr_error(fallback)
    return shown


def tr_file_message(text: str) -> str:
    """A file's own error words (file_messages.py) in the interface language, the file's
    name and numbers kept; any other text as it is."""
    found = _parsed_file_message(text)
    if found is None:
        return text
    template, values = found[0], dict(found[1])  # a copy: the parse is kept
    if "what" in values:
        values["what"] = tr_marked("file_messages", values["what"])
    return tr_marked("file_messages", template).format(**values)


@functools.lru_cache(maxsize=512)
def _parsed_file_message(text: str) -> tuple[str, dict[str, str]] | None:
    """file_messages.parse, kept: a failed row's status is painted again and again, and
    the parse tries every known message (0.1-0.2 ms a row per paint)."""
    from pictotext_desktop import file_messages

    return file_messages.parse(text)


def tr_credentials(text: str) -> str:
    """A keyring help text or key warning from credentials.py."""
    return tr_marked("credentials", text)


def tr_settings(text: str) -> str:
    """A setting's help text (settings.SETTINGS)."""
    return tr_marked("settings", text)


def tr_engine(text: str) -> str:
    """A progress message of the on-device engine (engines/local.py)."""
    return tr_marked("engines.local", text)
