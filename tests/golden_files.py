"""Golden PDFs: compare fresh builds with tests/goldens/, say how they differ, and on
--update-goldens rewrite them and mark the refresh UNREVIEWED until a person deletes that
line (README, "For developers")."""

from __future__ import annotations

import difflib
import hashlib
import io
import zlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest
from pypdf import PdfReader

GOLDENS = Path(__file__).parent / "goldens"
MANIFEST = GOLDENS / "all.sha256"
# The mark sits in a tracked file, so `git commit -a` takes it along and CI fails too.
UNREVIEWED = "UNREVIEWED"
UNREVIEWED_LINE = (f"{UNREVIEWED}: written by pytest --update-goldens; look at what changed "
                   "(README, For developers), then delete this line.")
REFRESH = ("If the difference is intended, refresh: make goldens (pytest tests/test_goldens.py "
           "--update-goldens), look at what changed, then delete the UNREVIEWED line at the "
           "top of tests/goldens/all.sha256.")
HEADER = """\
# SHA-256 of every PDF `brochure build --layout LAYOUT --paper PAPER` makes from this
# repository's careers, BLS tables and layouts (SOURCE_DATE_EPOCH unset), one line each.
# tests/test_goldens.py rebuilds them all and compares (marked slow: pytest -m "not slow"
# leaves it out). Refresh with: make goldens  (pytest tests/test_goldens.py --update-goldens)
"""
TOOLS = "# recorded with: "

_refreshed: list[str] = []  # what this run rewrote, for the summary at the end


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def tools() -> str:
    """The libraries whose versions change the bytes without changing what is printed."""
    pillow = metadata.version("pillow")
    return (f"reportlab {metadata.version('reportlab')}, Pillow {pillow}, "
            f"zlib {zlib.ZLIB_RUNTIME_VERSION}")


@dataclass
class Manifest:
    digests: dict[str, str]  # output file name: SHA-256
    tools: str  # as recorded
    unreviewed: bool


def read_manifest() -> Manifest:
    digests: dict[str, str] = {}
    recorded, unreviewed = "", False
    if not MANIFEST.exists():
        return Manifest(digests, recorded, unreviewed)
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        if line.startswith(UNREVIEWED):
            unreviewed = True
        elif line.startswith(TOOLS):
            recorded = line.removeprefix(TOOLS)
        elif line and not line.startswith("#"):
            digest, name = line.split(maxsplit=1)
            digests[name.lstrip("*")] = digest
    return Manifest(digests, recorded, unreviewed)


def mark_unreviewed(what: str) -> None:
    """Note `what` was rewritten, and put the UNREVIEWED line at the top of the manifest."""
    _refreshed.append(what)
    text = MANIFEST.read_text(encoding="utf-8") if MANIFEST.exists() else ""
    if not text.startswith(UNREVIEWED):
        MANIFEST.write_text(f"{UNREVIEWED_LINE}\n{text}", encoding="utf-8")


def refreshed_summary() -> list[str]:
    if not _refreshed:
        return []
    return [*_refreshed, "",
            "tests/goldens/all.sha256 now starts with an UNREVIEWED line, and the tests fail",
            "until you delete it: look at what changed first (git diff --stat tests/goldens;",
            "pdftoppm -r 80 -png on the old and new PDFs), and name each intended difference",
            "in the commit message."]


def write_manifest(digests: dict[str, str]) -> None:
    """Rewrite the manifest; mark it UNREVIEWED when any digest changed, came or went."""
    old = read_manifest()
    body = "".join(f"{digest}  {name}\n" for name, digest in sorted(digests.items()))
    text = f"{HEADER}{TOOLS}{tools()}\n{body}"
    if old.unreviewed:
        text = f"{UNREVIEWED_LINE}\n{text}"
    if not MANIFEST.exists() or MANIFEST.read_text(encoding="utf-8") != text:
        MANIFEST.write_text(text, encoding="utf-8")
    if old.digests != digests:
        changed = digest_changes(old.digests, digests)
        mark_unreviewed(f"tests/goldens/all.sha256: {changed.summary()}")


def check_pdf(golden: Path, fresh: Path, what: str, update: bool) -> None:
    """Compare the freshly built `fresh` with `golden` byte for byte, or rewrite `golden`."""
    actual = fresh.read_bytes()
    if update:
        if not golden.exists() or golden.read_bytes() != actual:
            new = "new" if not golden.exists() else f"{golden.stat().st_size:,} →"
            golden.write_bytes(actual)
            mark_unreviewed(f"tests/goldens/{golden.name}: {new} {len(actual):,} bytes")
        return
    if not golden.exists():
        pytest.fail(f"tests/goldens/{golden.name} does not exist (build: {what}).\n{REFRESH}",
                    pytrace=False)
    expected = golden.read_bytes()
    if expected == actual:
        return
    lines = [f"tests/goldens/{golden.name} differs from a fresh build ({what}):",
             *("  " + line for line in describe_difference(expected, actual)),
             f"The fresh PDF is kept at {fresh}",
             f"  (see both: pdftoppm -r 80 -png {fresh} fresh; pdftoppm -r 80 -png "
             f"tests/goldens/{golden.name} golden)"]
    lines += tools_note()
    lines.append(REFRESH)
    pytest.fail("\n".join(lines), pytrace=False)


def tools_note() -> list[str]:
    recorded, now = read_manifest().tools, tools()
    if recorded and recorded != now:
        return [f"The goldens were recorded with {recorded}; this machine has {now}. Another "
                "version can change the bytes without changing anything printed."]
    return []


def describe_difference(expected: bytes, actual: bytes, most: int = 40) -> list[str]:
    """Where two PDFs differ, in a reader's terms: size, pages, metadata, each page's text
    (as a diff) or drawing, and the first byte that differs."""
    offset = next((i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b),
                  min(len(expected), len(actual)))
    lines = [f"size: golden {len(expected):,} bytes, fresh {len(actual):,} bytes; first "
             f"difference at byte {offset:,}"]
    old, new = PdfReader(io.BytesIO(expected)), PdfReader(io.BytesIO(actual))
    if len(old.pages) != len(new.pages):
        lines.append(f"pages: golden {len(old.pages)}, fresh {len(new.pages)}")
    old_meta, new_meta = dict(old.metadata or {}), dict(new.metadata or {})
    for key in sorted(set(old_meta) | set(new_meta)):
        if old_meta.get(key) != new_meta.get(key):
            lines.append(f"metadata {key}: {old_meta.get(key)!r} → {new_meta.get(key)!r}")
    pages_differ = False
    for number, (before, after) in enumerate(zip(old.pages, new.pages, strict=False), start=1):
        old_text, new_text = before.extract_text() or "", after.extract_text() or ""
        if old_text != new_text:
            pages_differ = True
            diff = list(difflib.unified_diff(old_text.splitlines(), new_text.splitlines(),
                                             lineterm="", n=1))[2:]
            lines.append(f"page {number}: text differs (- golden, + fresh):")
            lines += ["    " + line for line in diff[:most]]
            if len(diff) > most:
                lines.append(f"    … {len(diff) - most} more lines")
        elif (old_ops := _drawing(before)) != (new_ops := _drawing(after)):
            pages_differ = True
            changed = [line for line in difflib.unified_diff(old_ops, new_ops, lineterm="", n=0)
                       if line[:1] in "+-" and line[:3] not in ("---", "+++")]
            lines.append(f"page {number}: same text, drawing differs (positions, sizes, "
                         f"colours, lines or pictures); {len(changed)} drawing operations "
                         "differ, the first:")
            lines += ["    " + line[:100] for line in changed[:6]]
    if not pages_differ:
        lines.append("every page has the same text and drawing: the difference is in the "
                     "fonts, pictures or the file's structure")
    return lines


def _drawing(page: object) -> list[str]:
    """The page's content stream, one operation a line."""
    contents = page.get_contents()  # type: ignore[attr-defined]
    data = b"" if contents is None else bytes(contents.get_data())
    return data.decode("latin-1").splitlines()


@dataclass
class DigestChanges:
    changed: list[str]
    new: list[str]  # built now, not in the manifest
    gone: list[str]  # in the manifest, not built now

    def __bool__(self) -> bool:
        return bool(self.changed or self.new or self.gone)

    def summary(self) -> str:
        return (f"{len(self.changed)} changed, {len(self.new)} new, {len(self.gone)} gone")

    def report(self, most: int = 20) -> list[str]:
        lines = []
        for label, names in (("changed", self.changed), ("new, not in the manifest", self.new),
                             ("in the manifest, not built", self.gone)):
            if names:
                shown = ", ".join(names[:most]) + (f", … {len(names) - most} more"
                                                   if len(names) > most else "")
                lines.append(f"{label} ({len(names)}): {shown}")
        return lines


def digest_changes(recorded: dict[str, str], built: dict[str, str]) -> DigestChanges:
    return DigestChanges(
        changed=sorted(n for n in recorded.keys() & built.keys() if recorded[n] != built[n]),
        new=sorted(built.keys() - recorded.keys()),
        gone=sorted(recorded.keys() - built.keys()))
