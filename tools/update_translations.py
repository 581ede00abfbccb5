#!/usr/bin/env python3
"""Extract every translatable string, merge it into the .ts, compile the .qm.

    python tools/update_translations.py          # extract + merge + compile (idempotent)
    python tools/update_translations.py --check  # CI: exit 1 if anything is untranslated,
                                                 # obsolete, or the .qm is stale

Why our own extractor instead of `pyside6-lupdate`: lupdate reads `self.tr("…")` fine, but
the UI also uses module-level wrappers (`def tr(t): return QCoreApplication.translate(
"QueueView", t)`), which lupdate files under the wrong context, and it cannot see the
Qt-free markers `_("…")` in errors.py, credentials.py and engines/local.py.  One `ast`
pass finds them all with the context the code uses at run time (docs/adr/0007):

- `self.tr(src[, disambiguation[, n]])`       -> the enclosing class's name
- `QCoreApplication.translate(ctx, src, …)`   -> ctx (also QApplication / bare translate)
- `QT_TRANSLATE_NOOP(ctx, src)`, `QT_TR_NOOP(src)` (enclosing class)
- `name(src)` where `name` is a module-level wrapper returning translate("Ctx", text)
- `_(src)` in a module that defines `def _` (a Qt-free marker) -> the module's dotted
  path below the package: "errors", "credentials", "engines.local"
- `Setting(key, type, default, help, …)` in settings.py -> context "settings"

Existing translations are kept (keyed by context, source and disambiguation); new
strings arrive as `type="unfinished"`; strings no longer in the code are dropped.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pictotext_desktop"
TS_FILE = ROOT / "resources" / "translations" / "pictotext_zh_CN.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
LANGUAGE = "zh_CN"

QT_TRANSLATE = {"translate"}  # QCoreApplication.translate / QApplication.translate / translate
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}|%L?\d|%n")


@dataclass
class Message:
    context: str
    source: str
    comment: str = ""
    numerus: bool = False
    locations: list[tuple[str, int]] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)


@dataclass
class Translation:
    forms: list[str]
    finished: bool


def placeholders(text: str) -> list[str]:
    """Placeholders a translation must keep exactly: {name}, {n:,}, %1, %L1, %n."""
    return sorted(PLACEHOLDER.findall(text))


# -- extraction ------------------------------------------------------------------------
def _literal(node: ast.expr | None) -> str | None:
    """A string constant, including implicit and explicit ("a" "b", "a" + "b") concatenation."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left), _literal(node.right)
        if left is not None and right is not None:
            return left + right
    return None


def _call_name(func: ast.expr) -> tuple[str | None, str]:
    """(object name or None, attribute/function name) of a call's target."""
    if isinstance(func, ast.Name):
        return None, func.id
    if isinstance(func, ast.Attribute):
        owner = func.value
        return (owner.id if isinstance(owner, ast.Name) else "?"), func.attr
    return None, ""


def _wrapper_context(node: ast.FunctionDef) -> str | None:
    """'Ctx' if the function is `def f(text): return QCoreApplication.translate("Ctx", text)`."""
    body = list(node.body)
    if body and isinstance(body[0], ast.Expr) and _literal(body[0].value) is not None:
        body = body[1:]  # docstring
    if len(body) != 1 or not isinstance(body[0], ast.Return) or not node.args.args:
        return None
    call = body[0].value
    if not isinstance(call, ast.Call) or len(call.args) < 2:
        return None
    _, name = _call_name(call.func)
    param = node.args.args[0].arg
    arg = call.args[1]
    if name in QT_TRANSLATE and isinstance(arg, ast.Name) and arg.id == param:
        return _literal(call.args[0])
    return None


def _marker_context(path: Path, package: Path) -> str:
    rel = path.relative_to(package).with_suffix("")
    return ".".join(rel.parts)


class _Visitor(ast.NodeVisitor):
    def __init__(self, path: Path, tree: ast.Module, package: Path) -> None:
        self.path = path
        self.package = package
        self.rel = path.relative_to(ROOT).as_posix()
        self.classes: list[str] = []
        self.found: list[Message] = []
        self.problems: list[str] = []
        self.wrappers: dict[str, str] = {}
        self.marker = False
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                ctx = _wrapper_context(node)
                if ctx is not None:
                    self.wrappers[node.name] = ctx
                if node.name == "_":
                    self.marker = True

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def _add(self, node: ast.Call, context: str | None, src: ast.expr | None,
             comment: ast.expr | None = None, numerus: bool = False) -> None:
        where = f"{self.rel}:{node.lineno}"
        text = _literal(src)
        if context is None:
            self.problems.append(f"{where}: translation call outside a class (no context)")
            return
        if text is None:
            kind = "an f-string" if isinstance(src, ast.JoinedStr) else "not a string literal"
            self.problems.append(f"{where}: text is {kind}; it cannot be extracted")
            return
        note = _literal(comment) if comment is not None else ""
        if note is None:
            self.problems.append(f"{where}: disambiguation is not a string literal")
            note = ""
        self.found.append(Message(context, text, note, numerus, [(self.rel, node.lineno)]))

    def visit_Call(self, node: ast.Call) -> None:
        owner, name = _call_name(node.func)
        args = node.args
        klass = self.classes[-1] if self.classes else None
        if name == "tr" and owner in ("self", "cls") and args:
            self._add(node, klass, args[0], args[1] if len(args) > 1 else None, len(args) > 2)
        elif name in QT_TRANSLATE and owner in (None, "QCoreApplication", "QApplication") \
                and len(args) >= 2:
            ctx = _literal(args[0])
            if ctx is not None and _literal(args[1]) is not None:
                self._add(node, ctx, args[1], args[2] if len(args) > 2 else None,
                          len(args) > 3)
            # translate("errors", err.title) is a run-time lookup of extracted text: fine.
        elif name == "QT_TRANSLATE_NOOP" and len(args) >= 2:
            self._add(node, _literal(args[0]), args[1])
        elif name == "QT_TR_NOOP" and args:
            self._add(node, klass, args[0])
        elif owner is None and name in self.wrappers and args:
            if _literal(args[0]) is not None:
                self._add(node, self.wrappers[name], args[0])
        elif owner is None and name == "_" and self.marker and args:
            self._add(node, _marker_context(self.path, self.package), args[0])
        self.generic_visit(node)


def _settings_help(path: Path, tree: ast.Module) -> list[Message]:
    """The settings table's help texts (settings_dialog translates them in 'settings')."""
    found: list[Message] = []
    rel = path.relative_to(ROOT).as_posix()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _call_name(node.func)[1] == "Setting":
            help_node = node.args[3] if len(node.args) > 3 else next(
                (k.value for k in node.keywords if k.arg == "help"), None)
            text = _literal(help_node)
            if text:
                found.append(Message("settings", text, locations=[(rel, node.lineno)]))
    return found


def extract(package: Path = PACKAGE) -> tuple[list[Message], list[str]]:
    """All messages in the package (merged by context/source/comment) and problems found."""
    merged: dict[tuple[str, str, str], Message] = {}
    problems: list[str] = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        visitor = _Visitor(path, tree, package)
        visitor.visit(tree)
        found = visitor.found
        if path == package / "settings.py":
            found += _settings_help(path, tree)
        problems += visitor.problems
        for msg in found:
            if msg.key in merged:
                merged[msg.key].locations += msg.locations
                merged[msg.key].numerus |= msg.numerus
            else:
                merged[msg.key] = msg
    return list(merged.values()), problems


# -- the .ts file ----------------------------------------------------------------------
def read_ts(path: Path = TS_FILE) -> dict[tuple[str, str, str], Translation]:
    """Translations in a .ts, by (context, source, comment); obsolete ones are ignored."""
    if not path.is_file():
        return {}
    result: dict[tuple[str, str, str], Translation] = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("obsolete", "vanished"):
                continue
            forms = [f.text or "" for f in tr.iter("numerusform")] or [tr.text or ""]
            key = (name, msg.findtext("source") or "", msg.findtext("comment") or "")
            finished = tr.get("type") != "unfinished" and all(forms)
            result[key] = Translation(forms, finished)
    return result


def render_ts(messages: list[Message], old: dict[tuple[str, str, str], Translation]) -> str:
    """The .ts text: contexts sorted by name, messages in code order, translations kept."""
    root = ET.Element("TS", {"version": "2.1", "language": LANGUAGE, "sourcelanguage": "en"})
    by_context: dict[str, list[Message]] = {}
    for msg in messages:
        by_context.setdefault(msg.context, []).append(msg)
    ts_dir = TS_FILE.parent
    for name in sorted(by_context):
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = name
        for msg in by_context[name]:
            attrs = {"numerus": "yes"} if msg.numerus else {}
            node = ET.SubElement(ctx, "message", attrs)
            for file, line in msg.locations:
                rel = Path(os.path.relpath(ROOT / file, ts_dir)).as_posix()
                ET.SubElement(node, "location", {"filename": rel, "line": str(line)})
            ET.SubElement(node, "source").text = msg.source
            if msg.comment:
                ET.SubElement(node, "comment").text = msg.comment
            known = old.get(msg.key)
            tr = ET.SubElement(node, "translation")
            if known is None or not known.finished:
                tr.set("type", "unfinished")
            forms = known.forms if known else [""]
            if msg.numerus:
                for form in forms[:1]:  # Chinese has one plural form
                    ET.SubElement(tr, "numerusform").text = form
            else:
                tr.text = forms[0]
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n"


def lrelease(ts: Path, qm: Path) -> None:
    tool = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if tool is None:
        raise SystemExit("pyside6-lrelease not found: pip install PySide6-Essentials")
    subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)


# -- checks ----------------------------------------------------------------------------
def problems_in(messages: list[Message], ts: Path = TS_FILE, qm: Path = QM_FILE) -> list[str]:
    """Why the committed .ts/.qm do not match the code ([] when all is well)."""
    have = read_ts(ts)
    wanted = {m.key: m for m in messages}
    out: list[str] = []
    for key, msg in wanted.items():
        where = msg.locations[0][0] + ":" + str(msg.locations[0][1])
        got = have.get(key)
        if got is None:
            out.append(f"missing from the .ts [{key[0]}] {key[1]!r} ({where})")
        elif not got.finished:
            out.append(f"not translated [{key[0]}] {key[1]!r} ({where})")
        else:
            for form in got.forms:
                if placeholders(form) != placeholders(msg.source):
                    out.append(f"placeholders differ [{key[0]}] {key[1]!r} -> {form!r}")
    for key in have.keys() - wanted.keys():
        out.append(f"obsolete in the .ts (no longer in the code) [{key[0]}] {key[1]!r}")
    raw = ts.read_text("utf-8") if ts.is_file() else ""
    if 'type="unfinished"' in raw or 'type="vanished"' in raw or 'type="obsolete"' in raw:
        out.append(f"{ts.name} has unfinished, vanished or obsolete entries")
    if not qm.is_file():
        out.append(f"{qm.name} is missing: run tools/update_translations.py")
    elif ts.is_file():
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / qm.name
            lrelease(ts, fresh)
            if fresh.read_bytes() != qm.read_bytes():
                out.append(f"{qm.name} is stale: run tools/update_translations.py")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Extract translatable strings into resources/translations/"
        "pictotext_zh_CN.ts (keeping existing translations) and compile the .qm. "
        "After adding or changing a UI string: run this, translate the entries marked "
        'type="unfinished" in the .ts (Qt Linguist or any editor), run it again, and '
        "commit both files.",
        epilog="See docs/adr/0007-translations.md.",
    )
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 and list what is untranslated, "
                        "obsolete or stale (used by tests/test_translations.py)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="also list calls whose text cannot be extracted")
    args = parser.parse_args(argv)

    messages, notes = extract()
    if args.verbose or args.check:
        for note in notes:
            print("note:", note, file=sys.stderr)
    if args.check:
        found = problems_in(messages)
        for line in found:
            print(line)
        print(f"{len(messages)} messages; {len(found)} problem(s)")
        return 1 if found else 0

    old = read_ts()
    text = render_ts(messages, old)
    TS_FILE.parent.mkdir(parents=True, exist_ok=True)
    if not TS_FILE.is_file() or TS_FILE.read_text("utf-8") != text:
        TS_FILE.write_text(text, "utf-8")
    lrelease(TS_FILE, QM_FILE)
    todo = sum(1 for m in messages if not (old.get(m.key) and old[m.key].finished))
    dropped = len(old.keys() - {m.key for m in messages})
    print(f"{len(messages)} messages in {TS_FILE.relative_to(ROOT)}: {todo} to translate, "
          f"{dropped} obsolete dropped; compiled {QM_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
