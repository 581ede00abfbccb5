"""Export templates: which columns, in what order, under which headers, masked how, as what.

A few are built in (`BUILTINS`); a person's own are JSON files in the config folder's
`templates/` (one file each, checked when read: a damaged one is set aside as `.bad` with
a one-line message, never a traceback).  `render` and `write` are the one way results are
written with a template or a mask (the CLI's scan, later the window's Export): they mask a
copy of the records, pick the columns, and reuse export.py's Excel-safe rules so ID numbers
stay text in XLSX and are protected in CSV whatever the template.  Without a template or a
mask they are export.render / export.write, unchanged.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import dataclasses
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pictotext_desktop import catalog, export, masking
from pictotext_desktop.errors import ShowText, UsageError
from pictotext_desktop.records import Record

ALL_FIELDS = "*"  # a column entry standing for every field of the records, catalog order
FIXED_COLUMNS: dict[str, tuple[str, str]] = {
    "source": ("File", "文件"),
    "documentType": ("Document type", "证件类型"),
    "edited": ("Edited", "已修改"),
    "checks": ("Checks", "校验"),
    "error_reason": ("Error", "错误代码"),
    "error_message": ("Error message", "错误信息"),
    "masked": ("Masked", "脱敏"),
}
HEADER_STYLES = ("key", "en", "zh")  # API key, English label, Chinese label
TEMPLATE_FORMATS = export.FORMATS  # csv xlsx json jsonl
_NAME_RE = re.compile(r"^[^\\/:*?\"<>|\x00-\x1f]{1,64}$")


class TemplateError(ValueError):
    """A template that cannot be used; the message says what is wrong in one line."""


@dataclass(frozen=True)
class Column:
    key: str  # a field key, one of FIXED_COLUMNS, or ALL_FIELDS
    header: str = ""  # one of HEADER_STYLES; "" = the template's `headers`
    text: str = ""  # the person's own header text (wins over `header`)


@dataclass(frozen=True)
class Template:
    name: str
    columns: tuple[Column, ...]
    title: str = ""
    title_zh: str = ""
    headers: str = "key"
    mask: str = ""  # a masking spec ("standard", "id-3-3,name"); "" = none
    format: str | None = None  # csv xlsx json jsonl; None = from the file name
    document_type: str | None = None  # whose labels the headers use first
    builtin: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "name": self.name,
            "title": self.title,
            "title_zh": self.title_zh,
            "documentType": self.document_type,
            "headers": self.headers,
            "mask": self.mask,
            "format": self.format,
            "columns": [
                {k: v for k, v in (("key", c.key), ("header", c.header), ("text", c.text)) if v}
                for c in self.columns
            ],
        }


_ALL_COLUMNS = (
    *(Column(k) for k in export.FIXED_HEAD), Column(ALL_FIELDS),
    *(Column(k) for k in export.FIXED_TAIL),
)  # fmt: skip
BUILTINS: tuple[Template, ...] = (
    Template("all", _ALL_COLUMNS, "All fields", "全部字段", builtin=True),
    Template(
        "name-id",
        (Column("name", text="姓名"), Column("idNumber", text="身份证号")),
        "Name + ID number", "姓名+身份证号", headers="zh", document_type="cn_id_card",
        builtin=True,
    ),
    Template(
        "hr-onboarding",
        tuple(Column(k) for k in ("name", "gender", "dateOfBirth", "idNumber", "address",
                                  "validityPeriod", "checks")),
        "HR onboarding", "入职登记", headers="zh", format="xlsx", document_type="cn_id_card",
        builtin=True,
    ),
)  # fmt: skip


# ---------------------------------------------------------------------------------------
# Reading, checking and saving
# ---------------------------------------------------------------------------------------
def from_dict(data: Any, *, builtin: bool = False) -> Template:
    """A Template from its JSON form; TemplateError saying what is wrong."""
    if not isinstance(data, dict):
        raise TemplateError("not a JSON object")
    name = data.get("name")
    if not isinstance(name, str) or not _NAME_RE.match(name.strip()):
        raise TemplateError("needs a \"name\" (1-64 characters, no / \\ : * ? \" < > |)")
    raw_columns = data.get("columns")
    if not isinstance(raw_columns, list) or not raw_columns:
        raise TemplateError("needs \"columns\": a list of at least one column")
    columns = []
    for entry in raw_columns:
        if isinstance(entry, str):
            entry = {"key": entry}
        if not isinstance(entry, dict) or not isinstance(entry.get("key"), str) or not entry[
            "key"
        ]:
            raise TemplateError("each column needs a \"key\" (a field key such as idNumber)")
        header, text = entry.get("header", ""), entry.get("text", "")
        if header not in ("", *HEADER_STYLES):
            raise TemplateError(f"column {entry['key']}: \"header\" must be one of "
                                + ", ".join(HEADER_STYLES))
        if not isinstance(text, str):
            raise TemplateError(f"column {entry['key']}: \"text\" must be text")
        if entry["key"] not in _known_keys():
            raise TemplateError(f"column {entry['key']!r} is not a field of any document type "
                                "nor one of " + ", ".join(FIXED_COLUMNS))
        columns.append(Column(entry["key"], header, text))
    headers = data.get("headers") or "key"
    if headers not in HEADER_STYLES:
        raise TemplateError("\"headers\" must be one of " + ", ".join(HEADER_STYLES))
    mask = data.get("mask") or ""
    if not isinstance(mask, str):
        raise TemplateError("\"mask\" must be text such as \"standard\" or \"id-3-3,name\"")
    try:
        masking.parse_mask(mask)
    except UsageError as exc:
        raise TemplateError(exc.message.replace("--mask: ", "\"mask\": ")) from None
    fmt = data.get("format") or None
    if fmt is not None and fmt not in TEMPLATE_FORMATS:
        raise TemplateError("\"format\" must be one of " + ", ".join(TEMPLATE_FORMATS))
    doc = data.get("documentType") or None
    if doc is not None:
        try:
            catalog.get(doc)
        except catalog.UnknownDocumentType as exc:
            raise TemplateError(str(exc)) from None
    return Template(
        name=name.strip(), columns=tuple(columns), title=str(data.get("title") or ""),
        title_zh=str(data.get("title_zh") or ""), headers=headers, mask=mask, format=fmt,
        document_type=doc, builtin=builtin,
    )  # fmt: skip


def _known_keys() -> set[str]:
    return {ALL_FIELDS, *FIXED_COLUMNS, *(k for t in catalog.all_types() for k in t.field_keys)}


def templates_dir() -> Path:
    from pictotext_desktop.settings import config_dir

    return config_dir() / "templates"


def _file_for(name: str) -> Path:
    """A file name from any template name: letters and digits kept, the rest hex-encoded."""
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else
                   "~" + ch.encode("utf-8").hex() for ch in name)  # fmt: skip
    return templates_dir() / f"{safe}.json"


def load_user_templates() -> tuple[list[Template], list[str]]:
    """The person's templates, sorted by name, and a line for each file that was set aside."""
    folder = templates_dir()
    found: list[Template] = []
    problems: list[str] = []
    if not folder.is_dir():
        return found, problems
    for path in sorted(folder.glob("*.json")):
        try:
            template = from_dict(json.loads(path.read_text("utf-8")))
            if template.name in {b.name for b in BUILTINS}:
                raise TemplateError(f"{template.name!r} is the name of a built-in template")
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            reason = str(exc) if isinstance(exc, TemplateError) else "not valid JSON"
            bad = path.with_suffix(".bad")
            with contextlib.suppress(OSError):
                path.replace(bad)
            problems.append(f"Template file {path.name} was set aside as {bad.name}: {reason}.")
            continue
        found.append(template)
    return sorted(found, key=lambda t: t.name), problems


def all_templates() -> tuple[list[Template], list[str]]:
    mine, problems = load_user_templates()
    return [*BUILTINS, *mine], problems


def get(name: str, available: Sequence[Template] | None = None) -> Template:
    """The template called `name` (built-ins first); UsageError listing the names."""
    if available is None:
        available = all_templates()[0]
    for template in available:
        if template.name == name:
            return template
    raise UsageError(
        f"--template: no template called {name!r}; there are "
        + ", ".join(t.name for t in available)
        + ". 'pictotext-desktop scan --template help' lists them."
    )


def save(template: Template) -> Path:
    """Write a template of the person's own (checked first; a built-in name is refused)."""
    checked = from_dict(template.to_dict())
    if checked.name in {b.name for b in BUILTINS}:
        raise TemplateError(f"{checked.name!r} is the name of a built-in template")
    path = _file_for(checked.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(checked.to_dict(), ensure_ascii=False, indent=2) + "\n"
    export.write_atomically(path, data.encode("utf-8"))
    return path


def delete(name: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        _file_for(name).unlink()


def templates_help(available: Sequence[Template]) -> str:
    """The text of `--template help`."""
    lines = ["Export templates for --template NAME:", ""]
    for t in available:
        kind = "built in" if t.builtin else "yours"
        cols = ", ".join(c.text or c.key for c in t.columns)
        extra = "".join(
            f"; {label} {value}" for label, value in (("mask", t.mask), ("format", t.format))
            if value
        )
        lines.append(f"  {t.name}  ({kind}) {t.title or ''} {t.title_zh}".rstrip())
        lines.append(f"      columns: {cols}{extra}")
    lines += ["", f"Your own templates are JSON files in {templates_dir()}."]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------
# Command-line options (scan and the commands built on its parser)
# ---------------------------------------------------------------------------------------
class _MaskAction(argparse.Action):
    def __call__(self, parser: Any, namespace: Any, values: Any, option: Any = None) -> None:
        if str(values).strip().lower() == "help":
            raise ShowText(masking.presets_help())
        masking.parse_mask(str(values))  # unknown names: a usage error now, before any work
        setattr(namespace, self.dest, values)


class _TemplateAction(argparse.Action):
    def __call__(self, parser: Any, namespace: Any, values: Any, option: Any = None) -> None:
        if str(values).strip().lower() == "help":
            raise ShowText(templates_help(all_templates()[0]))
        setattr(namespace, self.dest, values)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--mask", dest="mask", action=_MaskAction, default=None,
                        metavar="PRESET", help="mask ID numbers, names or addresses in the "
                        "output (e.g. standard, id-3-3,name); --mask help lists the presets")
    parser.add_argument("--template", dest="template", action=_TemplateAction, default=None,
                        metavar="NAME", help="export template: columns, headers, mask, "
                        "format; --template help lists them")  # fmt: skip


@dataclass(frozen=True)
class OutputChoice:
    template: Template | None
    mask: masking.Mask
    problems: tuple[str, ...] = ()


def choose(template_name: str | None, mask_spec: str | None) -> OutputChoice:
    """The template and the mask a run asked for: --mask wins over the template's preset."""
    template = None
    problems: list[str] = []
    if template_name:
        available, problems = all_templates()
        template = get(template_name, available)
    if mask_spec is not None:
        mask = masking.parse_mask(mask_spec)
    else:
        mask = masking.parse_mask(template.mask if template else None)
    return OutputChoice(template, mask, tuple(problems))


# ---------------------------------------------------------------------------------------
# Columns and writers
# ---------------------------------------------------------------------------------------
def _label(key: str, zh: bool, template: Template, records: Sequence[Record]) -> str:
    if key in FIXED_COLUMNS:
        return FIXED_COLUMNS[key][1 if zh else 0]
    types = [template.document_type] if template.document_type else []
    types += [r.document_type for r in records]
    for value in types:
        with contextlib.suppress(catalog.UnknownDocumentType):
            doc = catalog.get(str(value))
            if doc.field(key) is not None:
                return doc.label(key, zh)
    for doc in catalog.all_types():
        if doc.field(key) is not None:
            return doc.label(key, zh)
    return key


def resolve(
    records: Sequence[Record], template: Template, masked: bool = False
) -> list[tuple[str, str]]:
    """(key, header) per output column: "*" expanded, a "masked" column added if masked."""
    listed = {c.key for c in template.columns}
    out: list[tuple[str, str]] = []
    for column in template.columns:
        if column.key == ALL_FIELDS:
            style = column.header or template.headers
            for key in export.field_columns(records):
                if key not in listed:
                    out.append((key, _header(key, style, template, records)))
            continue
        header = column.text or _header(key=column.key, style=column.header or template.headers,
                                        template=template, records=records)
        out.append((column.key, header))
    if masked and "masked" not in listed:
        out.append(("masked", _header("masked", template.headers, template, records)))
    return out


def _header(key: str, style: str, template: Template, records: Sequence[Record]) -> str:
    return key if style == "key" else _label(key, style == "zh", template, records)


def cells(record: Record, keys: Sequence[str]) -> list[str]:
    fixed = [k for k in keys if k != "masked"]
    values = dict(zip(fixed, export.row(record, fixed), strict=True))
    values["masked"] = record.masked
    return [values[k] for k in keys]


def _field_keys(template: Template, records: Sequence[Record]) -> list[str] | None:
    """The fields a template keeps in JSON (None: all of them)."""
    if any(c.key == ALL_FIELDS for c in template.columns):
        return None
    return [c.key for c in template.columns if c.key not in FIXED_COLUMNS]


def select_fields(records: Sequence[Record], template: Template | None) -> list[Record]:
    """Copies whose fields are only the template's, in its order (for JSON and the table)."""
    if template is None:
        return list(records)
    keys = _field_keys(template, records)
    if keys is None:
        return list(records)
    return [
        dataclasses.replace(r, fields={k: r.fields.get(k) for k in keys})
        if r.fields is not None else r
        for r in records
    ]  # fmt: skip


def prepare(
    records: Sequence[Record], template: Template | None, mask: masking.Mask
) -> list[Record]:
    """Masked copies with the template's fields: what the screen table shows."""
    return select_fields(masking.mask_records(records, mask), template)


def to_csv(records: Sequence[Record], columns: Sequence[tuple[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([export.excel_safe(header) for _, header in columns])
    keys = [k for k, _ in columns]
    for record in records:
        writer.writerow([export.excel_safe(c) for c in cells(record, keys)])
    return buffer.getvalue()


def to_xlsx_bytes(records: Sequence[Record], columns: Sequence[tuple[str, str]]) -> bytes:
    """Sheet "Results" with the template's columns (text cells) and, if any, "Checks"."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Results"
    keys = [k for k, _ in columns]
    # export's sheet filler: every cell a Text-format string, never a number or formula.
    export._fill_sheet(sheet, [h for _, h in columns], [cells(r, keys) for r in records])
    findings = export.check_rows(records)
    if findings:
        export._fill_sheet(workbook.create_sheet("Checks"), export.CHECKS_HEAD, findings)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _json_records(records: Sequence[Record], template: Template | None) -> list[dict[str, Any]]:
    out = []
    for record in select_fields(records, template):
        data = record.to_json()
        if template is not None:
            data["template"] = template.name
        out.append(data)
    return out


def render(
    records: Sequence[Record], fmt: str, template: Template | None = None,
    mask: masking.Mask = masking.NO_MASK,
) -> str:  # fmt: skip
    """Text (csv, json, jsonl, tsv) of masked copies of `records` laid out by `template`."""
    fmt = fmt.lower().lstrip(".")
    if template is None and not mask:
        return export.render(records, fmt)
    shown = masking.mask_records(records, mask)
    if fmt == "json":
        return json.dumps(_json_records(shown, template), ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(d, ensure_ascii=False) + "\n"
                       for d in _json_records(shown, template))  # fmt: skip
    if fmt == "csv":
        return to_csv(shown, resolve(shown, template or BUILTINS[0], bool(mask)))
    return export.render(select_fields(shown, template), fmt)


def file_bytes(
    records: Sequence[Record], fmt: str, template: Template | None = None,
    mask: masking.Mask = masking.NO_MASK,
) -> tuple[bytes, list[str]]:  # fmt: skip
    """What `write` puts in a file of `fmt`, and what had to change to fit the format
    (an XLSX's "Notes" sheet, export.xlsx_workbook)."""
    fmt = fmt.lower().lstrip(".")
    if fmt not in export.FORMATS:
        raise UsageError(f"Unknown export format {fmt!r}: use one of "
                         + ", ".join("." + k for k in export.FORMATS) + ".")
    if template is None and not mask:
        if fmt == "xlsx":
            return export.xlsx_workbook(records)
        if fmt == "csv":
            return export.to_csv(records).encode("utf-8-sig"), []
        return export.render(records, fmt).encode("utf-8"), []
    if fmt == "xlsx":
        shown = masking.mask_records(records, mask)
        return to_xlsx_bytes(shown, resolve(shown, template or BUILTINS[0], bool(mask))), []
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    return render(records, fmt, template, mask).encode(encoding), []


def write(
    records: Sequence[Record], path: Path, fmt: str | None = None,
    template: Template | None = None, mask: masking.Mask = masking.NO_MASK,
) -> list[str]:  # fmt: skip
    """Write masked copies of `records` laid out by `template` to `path`, atomically;
    returns what had to change to fit the format."""
    path = Path(path)
    fmt = fmt.lower().lstrip(".") if fmt else export.format_for_path(path)
    data, notes = file_bytes(records, fmt, template, mask)
    export.write_atomically(path, data)
    return notes


def table_banner(mask: masking.Mask, template: Template | None = None) -> str:
    """The line above the screen table saying how it was masked and laid out."""
    parts = []
    if mask:
        parts.append(f"Masked: {mask.spec} (checks ran on the full values)")
    if template is not None:
        parts.append(f"Template: {template.name}")
    return "".join(p + "\n" for p in parts) + ("\n" if parts else "")
