"""The report's own cut of the CJK font: Noto Sans CJK TC reduced to the characters reports print.

WeasyPrint subsets every font a report uses and copies the whole font file into memory to do
so. For the system's Noto Sans CJK TC (65,535 glyphs in a 19 MB collection per face) that cost
about 0.09 s and 80 MB of every Chinese report. A cut of 5,858 glyphs (the 5,401 common
characters of Big5, everything the product itself prints, Latin and punctuation) is subset in a
fifth of the time and makes the PDF half the size (docs/benchmarks.md).

The cut is made on each machine from its own copy of the font (`manage.py build_report_fonts`,
which `make setup` runs) into REPORT_FONTS_DIR; it is never committed. A character outside the
cut (a rare one in a company name, say) still prints: the print fonts name the system font next,
and Pango falls back to it for that character alone. Without a cut, reports print exactly as
before, only slower, and the system check reports.W002 says so.
"""

import io
import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from fontTools import subset
from fontTools.ttLib import TTFont

FAMILY = "Readiness Sans TC"
MANIFEST = "manifest.json"
# Bump when the way the cut is made changes, so every machine makes it again.
BUILDER_VERSION = 1

# Where the product's printed text lives: its content, its translations and the report template.
CONTENT_GLOBS = (
    "readiness/*/content/*.yaml",
    "locale/*/LC_MESSAGES/django.po",
    "templates/reports/*.html",
    "templates/assessments/_pillar_chart.svg.html",
)
# Latin, Latin-1 and the punctuation, symbols and full-width forms Chinese text uses.
BASE_RANGES = (
    (0x0020, 0x007E),
    (0x00A0, 0x00FF),
    (0x2010, 0x2027),
    (0x2030, 0x205E),
    (0x2190, 0x2193),
    (0x3000, 0x303F),
    (0xFF01, 0xFF65),
)


@dataclass(frozen=True)
class Face:
    style: str
    weight: int

    @property
    def filename(self) -> str:
        return f"ReadinessSansTC-{self.style}.otf"

    @property
    def postscript_name(self) -> str:
        return f"ReadinessSansTC-{self.style}"


FACES = (Face("Regular", 400), Face("Bold", 700))


class FontsUnavailable(RuntimeError):
    """The system CJK font the cut is made from is not installed."""


def fonts_dir() -> Path:
    return Path(settings.REPORT_FONTS_DIR)


def big5_common_characters() -> set[str]:
    """The 5,401 frequently used characters of Big5 (lead bytes A4 to C6, up to C67E)."""
    found = set()
    for lead in range(0xA4, 0xC7):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            if (lead, trail) > (0xC6, 0x7E):
                break
            try:
                found.add(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                continue
    return found


def content_characters() -> set[str]:
    root = Path(settings.BASE_DIR)
    found = set()
    for pattern in CONTENT_GLOBS:
        for path in sorted(root.glob(pattern)):
            found.update(path.read_text(encoding="utf-8"))
    return {c for c in found if c.isprintable()}


def required_characters() -> frozenset[str]:
    """Every character the cut must hold."""
    base = {chr(code) for start, end in BASE_RANGES for code in range(start, end + 1)}
    return frozenset(base | big5_common_characters() | content_characters())


DEFAULT_CJK_FONT = "Noto Sans CJK TC"


def cjk_font_family() -> str:
    """The system font Chinese reports print in, and the cut is made from."""
    return getattr(settings, "REPORTS_CJK_FONT", DEFAULT_CJK_FONT)


def fontconfig_escape(family: str) -> str:
    # Fontconfig patterns give "-", ":", "," and "\" a meaning; a family name must escape them.
    for char in "\\-:,":
        family = family.replace(char, "\\" + char)
    return family


def _fc_list(*arguments: str) -> list[str]:
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return []
    try:
        found = subprocess.run(
            [fc_list, *arguments], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return []
    return found.stdout.splitlines() if found.returncode == 0 else []


def cjk_font_installed(family: str) -> bool:
    """True when fontconfig knows `family` and it covers Traditional Chinese."""
    return any(
        line.strip() for line in _fc_list(f"{fontconfig_escape(family)}:lang=zh-tw", "family")
    )


def source_font(face: Face) -> tuple[Path, int]:
    """The installed font file (and its index in a collection) of the system CJK face."""
    family = cjk_font_family()
    pattern = f"{fontconfig_escape(family)}:style={face.style}"
    for line in sorted(_fc_list("--format", "%{file}|%{index}\n", pattern)):
        path, _, index = line.rpartition("|")
        if path and index.isdigit() and Path(path).is_file():
            return Path(path), int(index)
    raise FontsUnavailable(
        f"No “{family}” {face.style} font is installed; Debian's fonts-noto-cjk provides it "
        "(scripts/system-deps installs it)."
    )


def _source_identity(path: Path, index: int) -> dict:
    stat = path.stat()
    return {"path": str(path), "index": index, "size": stat.st_size, "mtime": int(stat.st_mtime)}


def read_manifest(directory: Path) -> dict | None:
    try:
        manifest = json.loads((directory / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def status(directory: Path | None = None, characters=None) -> str | None:
    """Why the cut is missing or out of date, or None when it is ready to use."""
    directory = Path(directory or fonts_dir())
    manifest = read_manifest(directory)
    if manifest is None:
        return f"no report fonts have been built in {directory}"
    if manifest.get("builder") != BUILDER_VERSION:
        return "the report fonts were built by an older version of build_report_fonts"
    faces = manifest.get("faces") if isinstance(manifest.get("faces"), dict) else {}
    for face in FACES:
        entry = faces.get(face.style)
        if not isinstance(entry, dict) or not (directory / face.filename).is_file():
            return f"{face.filename} is missing from {directory}"
        source = entry.get("source") if isinstance(entry.get("source"), dict) else {}
        path = Path(str(source.get("path", "")))
        if not path.is_file() or _source_identity(path, source.get("index")) != source:
            return f"the system font {face.filename} was cut from has changed"
    covered = set(manifest.get("characters", ""))
    missing = set(characters if characters is not None else required_characters()) - covered
    if missing:
        sample = "".join(sorted(missing)[:10])
        return f"{len(missing)} characters of the product's text are not in the cut ({sample})"
    return None


def _cut(source: Path, index: int, face: Face, characters) -> tuple[bytes, int]:
    """The face's cut as font file bytes, and its number of glyphs."""
    # Hints are kept (WeasyPrint drops them from every report anyway) and bounding boxes are not
    # recomputed: either would take several times longer and change nothing on paper.
    font = TTFont(source, fontNumber=index, lazy=True, recalcBBoxes=False)
    _keep_traditional_chinese_layout(font)
    options = subset.Options()
    options.hinting = True
    options.notdef_outline = True
    options.name_IDs = ["*"]  # keeps the copyright and the SIL Open Font License notice
    options.name_languages = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in characters))
    subsetter.subset(font)
    _rename(font, face)
    output = io.BytesIO()
    font.save(output)
    return output.getvalue(), font["maxp"].numGlyphs


def _keep_traditional_chinese_layout(font: TTFont) -> None:
    """Only the default and the Traditional Chinese (ZHT) language systems: the Japanese,
    Korean, Simplified and Hong Kong ones substitute regional forms for some 12,000 characters,
    which would more than double the cut for glyphs no report can ask for."""
    for tag in ("GSUB", "GPOS"):
        if tag in font:
            for record in font[tag].table.ScriptList.ScriptRecord:
                script = record.Script
                script.LangSysRecord = [
                    lang for lang in script.LangSysRecord if lang.LangSysTag == "ZHT "
                ]
                script.LangSysCount = len(script.LangSysRecord)


def _rename(font: TTFont, face: Face) -> None:
    """A family of its own: the cut must never answer for the full font, which is the fallback
    for every character the cut lacks."""
    names = font["name"]
    full_name = f"{FAMILY} {face.style}" if face.style != "Regular" else FAMILY
    new = {
        1: FAMILY,
        2: face.style,
        3: f"{face.postscript_name};readiness-{BUILDER_VERSION}",
        4: full_name,
        6: face.postscript_name,
    }
    names.names = [r for r in names.names if r.nameID not in (*new, 16, 17)]
    for name_id, text in new.items():
        names.setName(text, name_id, 3, 1, 0x409)
        names.setName(text, name_id, 1, 0, 0)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [face.postscript_name]


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        temporary.chmod(0o644)  # readable by the app server's user, like any installed file
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


@dataclass(frozen=True)
class Built:
    face: Face
    path: Path
    glyphs: int
    seconds: float


def build(directory: Path | None = None, characters=None, force: bool = False) -> list[Built]:
    """Cut the report fonts into `directory` unless they are up to date; what was built.

    Every face is cut before anything is written, files are replaced atomically and the manifest
    goes last: a build that fails half way leaves the previous cut (or none) as it was."""
    directory = Path(directory or fonts_dir())
    characters = frozenset(characters if characters is not None else required_characters())
    if not force and status(directory, characters) is None:
        return []
    cuts = []
    for face in FACES:
        source, index = source_font(face)
        started = time.perf_counter()
        data, glyphs = _cut(source, index, face, characters)
        cuts.append((face, source, index, data, glyphs, time.perf_counter() - started))
    directory.mkdir(parents=True, exist_ok=True)
    built, faces = [], {}
    for face, source, index, data, glyphs, seconds in cuts:
        path = directory / face.filename
        _write_atomically(path, data)
        built.append(Built(face, path, glyphs, seconds))
        faces[face.style] = {"file": face.filename, "source": _source_identity(source, index)}
    manifest = {
        "builder": BUILDER_VERSION,
        "family": FAMILY,
        "characters": "".join(sorted(characters)),
        "faces": faces,
    }
    _write_atomically(directory / MANIFEST, json.dumps(manifest, indent=1).encode())
    return built


def font_face_css(directory: Path | None = None) -> str:
    """@font-face rules for the faces of the cut that exist (none, if it was never built)."""
    directory = Path(directory or fonts_dir())
    rules = []
    for face in FACES:
        path = directory / face.filename
        if path.is_file():
            rules.append(
                f'@font-face {{ font-family: "{FAMILY}"; src: url("{path.resolve().as_uri()}"); '
                f"font-weight: {face.weight}; font-style: normal; }}"
            )
    return "\n".join(rules)
