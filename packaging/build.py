"""Build the release artefacts this operating system can build.

    python packaging/build.py [--flavor full|cloud] [--skip-installer]

Linux:   PyInstaller one-folder bundle -> dist/pictotext-desktop-<v>-linux-<arch>.tar.gz
Windows: PyInstaller one-folder bundle -> Inno Setup (ISCC.exe) -> dist/...-setup.exe
macOS:   PyInstaller .app -> packaging/macos/build_dmg.sh -> dist/...-macos-<arch>.dmg

Prints the build time and the bundle size, the two figures ADR 0005 tracks.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "pictotext-desktop.spec"
DIST = ROOT / "dist"
BUILD = ROOT / "build"
NAME = "pictotext-desktop"
APP_ID = "io.pictotext.Desktop"
ICONS = ROOT / "resources" / "icons"


def version() -> str:
    """The one version, read from the package the way the spec reads it."""
    sys.path.insert(0, str(ROOT))
    import pictotext_desktop

    return pictotext_desktop.__version__


def arch() -> str:
    machine = platform.machine().lower()
    return {"amd64": "x86_64", "aarch64": "arm64"}.get(machine, machine)


def tree_size(path: Path) -> int:
    """Bytes on disk as a user would download them (symlinks counted once, not followed)."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


def mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"


def run(cmd: list[str], **kw: object) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)  # type: ignore[call-overload]


def pyinstaller(flavor: str) -> Path:
    run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
         "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"),
         str(SPEC), "--", "--flavor", flavor])
    return DIST / NAME


PAGE = 4096  # the smallest page size a Linux loader maps with


def _loadable(lib: Path, readelf: str) -> bool:
    """Every PT_LOAD segment still maps: file offset and address agree modulo its alignment
    (at least a page; 64 KiB on some arm64 kernels, which the segment's Align gives).

    This is what `strip` breaks in libraries patchelf rewrote (numpy's OpenBLAS:
    "ELF load command address/offset not page-aligned" at import).
    """
    out = subprocess.run([readelf, "-lW", str(lib)], capture_output=True, text=True,
                         env={**os.environ, "LC_ALL": "C"})
    if out.returncode != 0:
        return False
    # LOAD  Offset  VirtAddr  PhysAddr  FileSiz  MemSiz  Flg...  Align
    segments = [line.split() for line in out.stdout.splitlines()
                if line.split()[:1] == ["LOAD"]]
    return bool(segments) and all(
        (int(seg[1], 16) - int(seg[2], 16)) % max(PAGE, int(seg[-1], 16)) == 0
        for seg in segments
    )


def strip_symbols(bundle: Path) -> None:
    """Strip symbol tables from the bundle's shared libraries (about 20 MiB).

    Wheels ship some libraries unstripped (cryptography, Pillow, the ICU and GEOS
    libraries, a pyenv-built Python's own modules). Each library is stripped on a copy,
    which replaces it only if it got smaller and still maps (`_loadable`); the others,
    numpy's OpenBLAS among them, stay as they came. This is why the spec keeps
    PyInstaller's own strip=False, which strips blindly.
    """
    strip, readelf = shutil.which("strip"), shutil.which("readelf")
    if strip is None or readelf is None:
        print("+ strip/readelf (binutils) not found: libraries left unstripped", flush=True)
        return
    saved, kept = 0, []
    for lib in sorted((bundle / "_internal").rglob("*.so*")):
        if lib.is_symlink() or not lib.is_file():
            continue
        with lib.open("rb") as head:
            if head.read(4) != b"\x7fELF":
                continue
        trial = lib.with_name(lib.name + ".stripping")
        shutil.copy2(lib, trial)
        done = subprocess.run([strip, "--strip-unneeded", str(trial)],
                              capture_output=True).returncode == 0
        gain = lib.stat().st_size - trial.stat().st_size
        if done and gain > 0 and _loadable(trial, readelf):
            trial.replace(lib)
            saved += gain
        else:
            trial.unlink()
            if done and gain > 0:
                kept.append(lib.name)
    print(f"+ stripped symbols: {mib(saved)} saved; left as they came (would not map "
          f"after strip): {', '.join(kept) or 'none'}", flush=True)


def trim_icu_data(bundle: Path) -> None:
    """Leave out of Qt's ICU data the trees Qt never opens (about 15 MiB; icu_data.py).

    Only when every ICU function the bundle's libraries import belongs to a service the
    trimming was checked against; a newer Qt that calls, say, ICU's break iterators gets
    the whole data library (and the smoke test's size budget says so).
    """
    tools = {name: shutil.which(name) for name in ("as", "ld", "nm", "objcopy", "readelf")}
    if None in tools.values():
        print("+ binutils not found: ICU data left whole", flush=True)
        return
    from icu_data import icu_calls, trim_library, unexpected_calls

    for lib in sorted((bundle / "_internal").rglob("libicudata.so.*")):
        if lib.is_symlink():
            continue
        version = lib.name.rsplit(".", 1)[-1]
        # ICU's own libraries call each other freely; what matters is what the rest calls.
        elves = [p for p in (bundle / "_internal").rglob("*.so*")
                 if p.is_file() and not p.is_symlink() and not p.name.startswith("libicu")
                 and p.read_bytes()[:4] == b"\x7fELF"]
        extra = unexpected_calls(icu_calls(elves, version, tools["nm"] or "nm"))
        if extra:
            print(f"+ ICU data left whole: the bundle also calls {', '.join(sorted(extra))}",
                  flush=True)
            continue
        saved = trim_library(lib, objcopy=tools["objcopy"] or "objcopy",
                             readelf=tools["readelf"] or "readelf",
                             assembler=tools["as"] or "as", linker=tools["ld"] or "ld")
        print(f"+ ICU data: {mib(saved)} of trees Qt never opens left out of {lib.name}",
              flush=True)


def drop_dangling_symlinks(bundle: Path) -> None:
    """PyInstaller links top-level names to every Qt library, including ones the spec
    dropped (QtNetwork, EGLFS); links to nothing would only confuse a packager."""
    for link in bundle.rglob("*"):
        if link.is_symlink() and not link.exists():
            print(f"+ rm dangling link {link.relative_to(bundle)}", flush=True)
            link.unlink()


def linux(ver: str, flavor: str, skip_installer: bool = False) -> tuple[Path, Path | None]:
    """(bundle folder, tarball or None); the same pair for `windows` and `macos`."""
    bundle = pyinstaller(flavor)
    trim_icu_data(bundle)
    strip_symbols(bundle)
    drop_dangling_symlinks(bundle)
    # Desktop integration travels with the bundle: `desktop-integration/install.sh` adds the
    # menu entry, icons and metadata for the unpacked folder (see packaging/README.md).
    extra = bundle / "desktop-integration"
    extra.mkdir(exist_ok=True)
    for name in (f"{APP_ID}.desktop", f"{APP_ID}.metainfo.xml", "install.sh"):
        shutil.copy2(PACKAGING / "linux" / name, extra / name)
    shutil.copytree(ICONS / "hicolor", extra / "hicolor", dirs_exist_ok=True)
    if skip_installer:
        return bundle, None
    suffix = "" if flavor == "full" else "-cloud"
    tarball = DIST / f"{NAME}-{ver}{suffix}-linux-{arch()}.tar.gz"
    print(f"+ tar czf {tarball.name}", flush=True)
    with tarfile.open(tarball, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=f"{NAME}-{ver}")
    return bundle, tarball


def windows(ver: str, flavor: str, skip_installer: bool) -> tuple[Path, Path | None]:
    bundle = pyinstaller(flavor)
    if skip_installer:
        return bundle, None
    iscc = shutil.which("ISCC") or shutil.which("iscc")
    if iscc is None:
        default = Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"))
        candidate = default / "Inno Setup 6" / "ISCC.exe"
        if not candidate.is_file():
            sys.exit("ISCC.exe (Inno Setup 6) not found: install it or pass --skip-installer")
        iscc = str(candidate)
    run([iscc, f"/DAppVersion={ver}", f"/DSourceDir={bundle}", f"/DOutputDir={DIST}",
         f"/DRepoRoot={ROOT}", str(PACKAGING / "windows" / "pictotext-desktop.iss")])
    return bundle, DIST / f"{NAME}-{ver}-windows-{arch()}-setup.exe"


def macos(ver: str, flavor: str, skip_installer: bool) -> tuple[Path, Path | None]:
    # The .icns must exist before PyInstaller runs (the spec embeds it in the .app).
    run(["bash", str(PACKAGING / "macos" / "build_dmg.sh"), "--icns-only"])
    pyinstaller(flavor)
    app = DIST / "PicToText Desktop.app"
    if skip_installer:
        return app, None
    run(["bash", str(PACKAGING / "macos" / "build_dmg.sh"), ver])
    return app, DIST / f"{NAME}-{ver}-macos-{arch()}.dmg"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flavor", choices=("full", "cloud"), default="full",
                        help="cloud leaves out the on-device engine (much smaller)")
    parser.add_argument("--skip-installer", action="store_true",
                        help="only the PyInstaller bundle (no tarball, installer or DMG)")
    args = parser.parse_args(argv)
    ver = version()
    started = time.monotonic()
    if sys.platform.startswith("linux"):
        bundle, artefact = linux(ver, args.flavor, args.skip_installer)
    elif sys.platform == "win32":
        bundle, artefact = windows(ver, args.flavor, args.skip_installer)
    elif sys.platform == "darwin":
        bundle, artefact = macos(ver, args.flavor, args.skip_installer)
    else:
        sys.exit(f"no packaging for {sys.platform}")
    elapsed = time.monotonic() - started
    print(f"version:     {ver} ({args.flavor})")
    print(f"build time:  {elapsed:.1f} s")
    print(f"bundle size: {mib(tree_size(bundle))}  ({bundle})")
    if artefact is not None and artefact.is_file():
        print(f"artefact:    {mib(artefact.stat().st_size)}  ({artefact})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
