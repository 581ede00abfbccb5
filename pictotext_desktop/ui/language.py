"""Which language the interface is showing, for texts that carry their own Chinese.

Catalog names, field labels and check messages are data, not Qt translations: the widgets
pick the English or Chinese wording with `i18n.doc_type_name / field_label /
check_message`.  Which one to pick is whatever the installed translators show, so a
window built under a zh_CN translator (the app, or a test) is Chinese throughout.  The
translation file carries one marker message for this (the usual Qt idiom).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pictotext_desktop import i18n

MARKER = "English"  # translated as the translation's own language name ("简体中文")


def current_language() -> str:
    """'zh_CN' when our Chinese translator is installed, else 'en'."""
    shown = QCoreApplication.translate("Language", "English",
                                       "the name of the interface language")
    return i18n.CHINESE if shown != MARKER else i18n.ENGLISH
