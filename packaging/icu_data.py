"""Leave out of Qt's ICU data the parts Qt never reads (ADR 0008, second addendum).

PySide6's `libicudata.so.73` is one 31 MiB array, ICU's "common data" package: a table of
contents and some 3,900 items (locale bundles, collation rules, converters...). Qt Core
calls only four ICU services: collation (`ucol_*`, QCollator), case mapping
(`u_strToUpper/Lower`, QLocale::toUpper), calendars and time-zone names (`ucal_*`,
QTimeZone) and converters (`ucnv_*`, QStringConverter for encodings Qt does not build
in). `build.py` checks that list against the library's undefined symbols before trimming.

None of those services opens the trees below: break iterators and their dictionaries
(`brkitr`, ICU's word/line breaking; Qt breaks text itself), currency, unit, language and
region display names (`curr`, `unit`, `lang`, `region`: number and display-name
formatting), spelled-out numbers (`rbnf`) and transliterators (`translit`). Collation,
the time-zone names, the converters and every locale's own bundle stay, for every
locale: a user whose desktop is in Swedish still gets Swedish file-name order in Qt's
file dialog. `tests/test_packaging_icu.py` runs these Qt calls against the full and the
trimmed data and requires identical results.

The trimmed package is linked back into a data-only library with the same soname and
symbol (binutils' `as` and `ld`, already needed for `strip`).
"""

from __future__ import annotations

import os
import struct
import subprocess
import tempfile
from pathlib import Path

# Trees of the package (item names `icudt73l/<tree>/...`) that no ICU service Qt calls opens.
UNUSED_TREES = ("brkitr", "curr", "lang", "rbnf", "region", "translit", "unit")
# The ICU functions Qt may call for the trimming to be safe; any other one stops it.
QT_ICU_PREFIXES = ("ucol_", "ucal_", "ucnv_", "u_strToUpper", "u_strToLower",
                   "UCNV_FROM_U_CALLBACK_", "UCNV_TO_U_CALLBACK_")
_ALIGN = 16  # icupkg aligns every item to 16 bytes


class IcuDataError(Exception):
    """The library is not an ICU common-data package this module understands."""


def read_package(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """(header, [(item name, item bytes)]) of an ICU common-data (`CmnD`) package."""
    if len(data) < 32:
        raise IcuDataError("too short for an ICU data header")
    header_size, magic1, magic2 = struct.unpack_from("<HBB", data, 0)
    if (magic1, magic2) != (0xDA, 0x27) or data[12:16] != b"CmnD" or data[8] != 0:
        raise IcuDataError("not a little-endian ICU common-data package")
    count = struct.unpack_from("<I", data, header_size)[0]
    toc = [struct.unpack_from("<II", data, header_size + 4 + 8 * i) for i in range(count)]
    items: list[tuple[str, bytes]] = []
    for i, (name_off, data_off) in enumerate(toc):
        start = header_size + name_off
        name = data[start:data.index(b"\0", start)].decode("ascii")
        end = header_size + toc[i + 1][1] if i + 1 < count else len(data)
        items.append((name, data[header_size + data_off:end]))
    return data[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The package bytes for `items` (kept in the given, sorted, order)."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items)
    first = len(header) + toc_size + len(names)
    first += -first % _ALIGN
    offsets, blobs, pos = [], [], first
    for _name, blob in items:
        blob += b"\xaa" * (-len(blob) % _ALIGN)
        offsets.append(pos - len(header))
        blobs.append(blob)
        pos += len(blob)
    toc = bytearray(struct.pack("<I", len(items)))
    name_pos = toc_size
    for (name, _), data_off in zip(items, offsets, strict=True):
        toc += struct.pack("<II", name_pos, data_off)
        name_pos += len(name) + 1
    head = header + bytes(toc) + names
    return head + b"\xaa" * (first - len(head)) + b"".join(blobs)


def tree(name: str) -> str:
    """`icudt73l/coll/zh.res` -> `coll`; root items (`icudt73l/zh.res`) -> ``."""
    parts = name.split("/")
    return parts[1] if len(parts) > 2 else ""


def trim(data: bytes, drop: tuple[str, ...] = UNUSED_TREES) -> bytes:
    header, items = read_package(data)
    return write_package(header, [(n, b) for n, b in items if tree(n) not in drop])


def _dynamic(lib: Path, readelf: str) -> tuple[str, str]:
    """(soname, data symbol) of an ICU data library."""
    out = subprocess.run([readelf, "-dW", "--dyn-syms", str(lib)], capture_output=True,
                         text=True, check=True, env={**os.environ, "LC_ALL": "C"}).stdout
    soname = out.split("Library soname: [", 1)[1].split("]", 1)[0]
    symbols = [line.split()[-1] for line in out.splitlines()
               if line.split()[-1:] and line.split()[-1].endswith("_dat")
               and " OBJECT " in line and " GLOBAL " in line]
    if len(symbols) != 1:
        raise IcuDataError(f"{lib.name}: expected one icudt*_dat symbol, found {symbols}")
    return soname, symbols[0]


def link_data_library(package: bytes, out: Path, soname: str, symbol: str,
                      assembler: str = "as", linker: str = "ld") -> None:
    """A shared library exporting `package` as `symbol`, like ICU's own data library."""
    with tempfile.TemporaryDirectory() as tmp:
        dat, asm, obj = Path(tmp, "icu.dat"), Path(tmp, "icu.s"), Path(tmp, "icu.o")
        dat.write_bytes(package)
        asm.write_text(
            f'\t.section .rodata\n\t.balign 16\n\t.globl {symbol}\n'
            f'\t.type {symbol}, @object\n\t.size {symbol}, {len(package)}\n'
            f'{symbol}:\n\t.incbin "{dat}"\n'
            '\t.section .note.GNU-stack,"",@progbits\n', encoding="ascii")
        subprocess.run([assembler, "-o", str(obj), str(asm)], check=True)
        subprocess.run([linker, "-shared", "-soname", soname, "-z", "noexecstack",
                        "-o", str(out), str(obj)], check=True)


def extract_package(lib: Path, objcopy: str = "objcopy") -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp, "rodata.bin")
        subprocess.run([objcopy, "-O", "binary", "--only-section=.rodata", str(lib),
                        str(raw)], check=True)
        return raw.read_bytes()


def trim_library(lib: Path, *, objcopy: str = "objcopy", readelf: str = "readelf",
                 assembler: str = "as", linker: str = "ld") -> int:
    """Replace `lib` with a trimmed copy; returns the bytes saved."""
    soname, symbol = _dynamic(lib, readelf)
    package = trim(extract_package(lib, objcopy))
    trial = lib.with_name(lib.name + ".trimming")
    link_data_library(package, trial, soname, symbol, assembler, linker)
    if _dynamic(trial, readelf) != (soname, symbol) or extract_package(trial, objcopy) != package:
        trial.unlink()
        raise IcuDataError(f"{lib.name}: the relinked library does not hold the trimmed data")
    saved = lib.stat().st_size - trial.stat().st_size
    trial.chmod(lib.stat().st_mode)
    trial.replace(lib)
    return saved


def icu_calls(libs: list[Path], version: str, nm: str = "nm") -> set[str]:
    """ICU functions (without their `_<version>` suffix) that `libs` import."""
    calls: set[str] = set()
    for lib in libs:
        out = subprocess.run([nm, "-D", "--undefined-only", str(lib)], capture_output=True,
                             text=True, check=True).stdout
        calls.update(word.removesuffix(f"_{version}") for word in out.split()
                     if word.endswith(f"_{version}") and word[:1] in "uU")
    return calls


def unexpected_calls(calls: set[str]) -> set[str]:
    """The ICU calls outside the services this trimming was checked against."""
    return {call for call in calls if not call.startswith(QT_ICU_PREFIXES)}
