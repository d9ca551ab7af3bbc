"""Hostile files given to the importers: each is refused with a one-line located error and
exit 2, in under 5 seconds and 300 MB, and nothing in the project changes.

Every hostile file is made here, small, in the test's own folder. Each import runs in a
fresh process, forked from one that has already imported the tool (so a run costs only its
own work), and its time and peak memory are measured from outside (`os.wait4`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import MINIMAL, ROOT
from publisher_files import (
    flat_files,
    oews_row,
    oews_workbook,
    onet_files,
    projection_row,
    projections_workbook,
)

SECONDS, MEGABYTES = 5, 300
XLSX_HINT = "give the .xlsx file exactly as the publisher ships it"
ONET_HINT = "give the file exactly as O*NET ships it"
TABLES_HINT = ("run 'brochure import' again with the publisher's files to write the tables "
               "afresh")
NOT_REGULAR = ("is not a regular file (a device, pipe or socket)\n"
               "  hint: give the file itself, as its publisher ships it")

# Forks a child for each command it reads (a JSON list: argv, stdout file, stderr file) and
# answers with the child's exit code, wall time and peak resident memory. A child that
# hangs is killed by its alarm; its address space is capped so that a regression fails the
# test rather than the machine.
SERVER = """
import json, os, resource, signal, sys, time
from brochure.cli import main
from brochure import project
from brochure.importers import starter
from brochure.importers import oews, onet, projections, update
for line in sys.stdin:
    argv, out, err = json.loads(line)
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        code = 99
        try:
            signal.alarm(30)
            resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
            for fd, name in ((1, out), (2, err)):
                os.dup2(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
            code = main(argv)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status, usage = os.wait4(pid, 0)
    print(json.dumps([os.waitstatus_to_exitcode(status), time.monotonic() - start,
                      usage.ru_maxrss / 1024]), flush=True)
"""


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    seconds: float
    megabytes: float


@pytest.fixture(scope="module")
def brochure(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Outcome]]:
    """Run `brochure ARGS...` in a process of its own; measure it."""
    logs = tmp_path_factory.mktemp("logs")
    server = subprocess.Popen([sys.executable, "-c", SERVER], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert server.stdin is not None and server.stdout is not None

    def run(*args: str | Path) -> Outcome:
        out, err = logs / "out", logs / "err"
        server.stdin.write(json.dumps([[str(a) for a in args], str(out), str(err)]) + "\n")
        server.stdin.flush()
        code, seconds, megabytes = json.loads(server.stdout.readline())
        return Outcome(code, out.read_text(), err.read_text(), seconds, megabytes)

    yield run
    server.stdin.close()
    server.wait(timeout=10)
    server.stdout.close()


@pytest.fixture
def folder(project, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A project with tables and an O*NET copy of its own: what must stay unchanged."""
    folder: Path = project(minimal=MINIMAL)
    shutil.copytree(ROOT / "data" / "bls", folder / "data" / "bls")
    shutil.copytree(onet_files(tmp_path / "kept"), folder / "data" / "onet")
    return folder


def _files(folder: Path) -> dict[str, bytes | str]:
    return {str(p.relative_to(folder)): os.readlink(p) if p.is_symlink() else p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_symlink() or p.is_file()}


def _refused(brochure: Callable[..., Outcome], folder: Path, *args: str | Path) -> str:
    """Run an import that must be refused; return its error message. It names each file by
    its path as given (here: the test's folder, which is left out for brevity, then the
    rest, such as onet/Task Statements.txt)."""
    before = _files(folder)
    outcome = brochure("-C", folder, *args)
    assert (outcome.code, outcome.out) == (2, ""), outcome.err
    assert outcome.seconds < SECONDS, outcome
    assert outcome.megabytes < MEGABYTES, outcome
    assert _files(folder) == before  # nothing written
    lines = outcome.err.splitlines()  # one line, and maybe a hint
    assert lines[0].startswith("error: ") and len(lines) <= 2, outcome.err
    assert len(lines) == 1 or lines[1].startswith("  hint: "), outcome.err
    error = outcome.err.removeprefix("error: ").removesuffix("\n")
    assert error.startswith(f"{folder.parent}{os.sep}") or error.startswith("data/bls/"), error
    return error.removeprefix(f"{folder.parent}{os.sep}")


# ---- making hostile files ----------------------------------------------------------------

def _national(folder: Path) -> Path:
    """A well-formed BLS national workbook, the base of the hostile ones."""
    row = oews_row("99", "U.S.", "1", "US", "29-2072", "Medical Records Specialists", 200100,
                   (38000, 44000, 52000, 66000, 77000))
    return oews_workbook(folder / "source.xlsx", 2025, [row])


def _parts(workbook: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(workbook) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(path: Path, parts: dict[str, bytes | tuple[bytes, int, int]]) -> Path:
    """A zip archive of deflated parts; a part given as (deflate stream, unpacked size,
    CRC-32) is written as it is, so a bomb costs nothing to make."""
    local, central = b"", b""
    for name, part in parts.items():
        if isinstance(part, bytes):
            packer = zlib.compressobj(9, zlib.DEFLATED, -15)
            part = (packer.compress(part) + packer.flush(), len(part), zlib.crc32(part))
        stream, size, crc = part
        fields = (0, 8, 0, 0x21, crc, len(stream), size, len(name.encode()))  # deflated
        central += struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 0, 20, 0,
                               *fields, 0, 0, 0, 0, 0, len(local))
        central += name.encode()
        local += struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, *fields, 0)
        local += name.encode() + stream
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(central),
                      len(local), 0)
    path.write_bytes(local + central + end)
    return path


def _crc32_combine(crc1: int, crc2: int, length2: int) -> int:
    """zlib's crc32_combine: the CRC-32 of A+B from A's, B's and B's length."""
    def times(matrix: list[int], vector: int) -> int:
        total, index = 0, 0
        while vector:
            if vector & 1:
                total ^= matrix[index]
            vector, index = vector >> 1, index + 1
        return total

    def square(matrix: list[int]) -> list[int]:
        return [times(matrix, row) for row in matrix]

    odd = [0xEDB88320] + [1 << n for n in range(31)]  # one zero bit
    even = square(odd)
    odd = square(even)
    while length2:
        even = square(odd)
        if length2 & 1:
            crc1 = times(even, crc1)
        length2 >>= 1
        if not length2:
            break
        odd = square(even)
        if length2 & 1:
            crc1 = times(odd, crc1)
        length2 >>= 1
    return crc1 ^ crc2


def _bomb(head: bytes, unit: bytes, copies: int, tail: bytes) -> tuple[bytes, int, int]:
    """A raw deflate stream of head + unit × copies + tail, with its size and CRC-32, made in
    milliseconds: after a full flush the unit always compresses to the same bytes."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(unit) + packer.flush(zlib.Z_FULL_FLUSH)
    assert packer.compress(unit) + packer.flush(zlib.Z_FULL_FLUSH) == block
    stream = start + block * copies + packer.compress(tail) + packer.flush()
    units, piece, length, left = 0, zlib.crc32(unit), len(unit), copies
    while left:  # the CRC-32 of unit × copies, by doubling
        if left & 1:
            units = _crc32_combine(units, piece, length)
        piece, length, left = _crc32_combine(piece, piece, length), 2 * length, left >> 1
    crc = _crc32_combine(_crc32_combine(zlib.crc32(head), units, len(unit) * copies),
                         zlib.crc32(tail), len(tail))
    return stream, len(head) + len(unit) * copies + len(tail), crc


def _sheet(folder: Path, change: Callable[[bytes], bytes], declared: str | None = None) -> Path:
    """The national workbook with its data sheet's XML changed, and its declared size
    (`<dimension ref=...>`, however the writer spaced it) when `declared` is given."""
    parts = _parts(_national(folder))
    parts[SHEET] = change(parts[SHEET])
    if declared is not None:
        parts[SHEET], found = re.subn(rb'<dimension ref="[^"]*"\s*/>',
                                      f'<dimension ref="{declared}"/>'.encode(), parts[SHEET])
        assert found == 1, "the sheet declares no size to change"
    return _zip(folder / "hostile.xlsx", dict(parts))


SHEET = "xl/worksheets/sheet1.xml"
LAUGHS = ('<!DOCTYPE worksheet [<!ENTITY lol0 "lol">'
          + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
          + "]>").encode()
HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
TAIL = b"</sheetData></worksheet>"


def _zip_bomb(folder: Path) -> Path:
    """2 MB on disk, 2.1 GB unpacked: a sheet of spaces."""
    parts: dict[str, bytes | tuple[bytes, int, int]] = {**_parts(_national(folder))}
    parts[SHEET] = _bomb(HEAD, b" " * (1 << 20), 2000, TAIL)
    return _zip(folder / "hostile.xlsx", parts)


def _dense_part(folder: Path) -> Path:
    """Within the limit on what a workbook unpacks to, but packed 1,000 times."""
    parts: dict[str, bytes | tuple[bytes, int, int]] = {**_parts(_national(folder))}
    parts[SHEET] = _bomb(HEAD, b" " * (1 << 20), 200, TAIL)
    return _zip(folder / "hostile.xlsx", parts)


def _fifo(path: Path) -> Path:
    os.mkfifo(path)  # opening it for reading would wait for a writer
    return path


def _dev_zero(path: Path) -> Path:
    path.symlink_to("/dev/zero")  # reading it would never end
    return path


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as f:
        f.truncate(size)  # takes no room on disk
    return path


def _damaged(folder: Path) -> Path:
    """A sheet whose bytes do not match the checksum its archive records."""
    parts: dict[str, bytes | tuple[bytes, int, int]] = {**_parts(_national(folder))}
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    sheet = _parts(_national(folder))[SHEET]
    parts[SHEET] = (packer.compress(sheet) + packer.flush(), len(sheet), zlib.crc32(sheet) ^ 1)
    return _zip(folder / "hostile.xlsx", parts)


def _empty_zip(folder: Path) -> Path:
    return _zip(folder / "hostile.xlsx", {})


WORKBOOKS: list[tuple[str, Callable[[Path], Path], str]] = [
    ("zip-bomb", _zip_bomb,
     "unpacks to {unpacked:,} bytes; the limit is 300,000,000 (a zip bomb?)"),
    ("dense-part", _dense_part,
     "xl/worksheets/sheet1.xml unpacks to {size:,} bytes from {packed:,}, more than 100 times "
     "its size (a zip bomb?)"),
    ("entity-bomb", lambda f: _sheet(f, lambda xml: LAUGHS + xml.replace(
        b"<v>200100</v>", b'<v>&lol9;</v>')),
     "xl/worksheets/sheet1.xml: XML with a document type (<!DOCTYPE>), which Excel never "
     "writes; refused (an entity bomb?)"),
    ("element-flood", lambda f: _sheet(f, lambda xml: xml.replace(
        b"<sheetData>", b"<x/>" * 200_001 + b"<sheetData>")),
     "xl/worksheets/sheet1.xml: more than 200,000 XML elements outside rows and strings"),
    ("long-row", lambda f: _sheet(f, lambda xml: xml.replace(
        b"</sheetData>", b"<row>" + b"<c/>" * 1025 + b"</row></sheetData>")),
     "xl/worksheets/sheet1.xml: a row of more than 1,024 XML elements"),
    ("deep", lambda f: _sheet(f, lambda xml: xml.replace(
        b"<sheetData>", b"<x>" * 64 + b"</x>" * 64 + b"<sheetData>")),
     "xl/worksheets/sheet1.xml: XML nested more than 64 deep"),
    ("cell-far-right", lambda f: _sheet(f, lambda xml: xml.replace(
        b"</sheetData>", b'<row r="3"><c r="XFD3"><v>1</v></c></row></sheetData>')),
     "sheet 'national_M2025_dl', row 3: a cell in column XFD; the limit is 256 columns (IV)"),
    ("row-far-down", lambda f: _sheet(f, lambda xml: xml.replace(
        b"</sheetData>", b'<row r="99999999"><c r="A99999999"><v>1</v></c></row></sheetData>'
    ), declared="A1:XFD1048576"),
     "more than 1,048,576 rows (Excel's limit for a sheet)"),
    ("broken-xml", lambda f: _sheet(f, lambda xml: HEAD + b"<row><c><v>1</v></row>" + TAIL),
     "xl/worksheets/sheet1.xml: broken XML (mismatched tag: line 1, column 106)"),
    ("csv-renamed", lambda f: _write(f / "hostile.xlsx", b"OCC_CODE,A_MEDIAN\n29-2072,52000\n"),
     "not an Excel workbook: an .xlsx file is a zip archive, and this file is not one"),
    ("xls-renamed", lambda f: _write(f / "hostile.xlsx", b"\xd0\xcf\x11\xe0" + bytes(2000)),
     "not an .xlsx workbook: an old Excel (.xls) file or a password-protected workbook"),
    ("cut-short", lambda f: _write(f / "hostile.xlsx", _national(f).read_bytes()[:3000]),
     "the workbook is cut short or damaged: its zip archive cannot be read"),
    ("damaged-part", _damaged,
     "xl/worksheets/sheet1.xml: damaged (Bad CRC-32 for file 'xl/worksheets/sheet1.xml')"),
    ("empty-file", lambda f: _write(f / "hostile.xlsx", b""), "the file is empty"),
    ("empty-zip", _empty_zip, "the workbook is empty (a zip archive holding no files)"),
    ("other-zip", lambda f: _zip(f / "hostile.xlsx", {"notes.txt": b"not a workbook"}),
     "not an Excel workbook: the zip archive has no [Content_Types].xml"),
]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("make", "message"), [w[1:] for w in WORKBOOKS],
                         ids=[w[0] for w in WORKBOOKS])
def test_a_hostile_workbook_is_refused(brochure, folder: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                       make: Callable[[Path], Path], message: str) -> None:
    hostile = make(tmp_path).rename(tmp_path / "national_M2025_dl.xlsx")
    if "{" in message:  # sizes as the archive declares them
        with zipfile.ZipFile(hostile) as archive:
            parts = archive.infolist()
        sheet = next(p for p in parts if p.filename == SHEET)
        message = message.format(unpacked=sum(p.file_size for p in parts),
                                 size=sheet.file_size, packed=sheet.compress_size)
    assert _refused(brochure, folder, "import", "oews", hostile) == (
        f"national_M2025_dl.xlsx:1:1: {message}\n  hint: {XLSX_HINT}")


def test_defusedxml_refuses_entities_behind_the_scan(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    # The second guard: were the scan of the XML parts to miss a billion laughs, openpyxl
    # parses with defusedxml, which refuses entities.
    import openpyxl

    from brochure.errors import DataError
    from brochure.importers import oews, workbook

    assert openpyxl.DEFUSEDXML
    monkeypatch.setattr(workbook._Scan, "part", lambda *_: None)
    hostile = _sheet(tmp_path, lambda xml: LAUGHS + xml.replace(b"<v>200100</v>",
                                                                b"<v>&lol9;</v>"))
    with pytest.raises(DataError) as refused:
        oews.read([hostile])
    assert str(refused.value) == (
        f"{hostile}:1:1: the workbook's XML declares entities (<!ENTITY>), which Excel "
        f"never writes; refused (an entity bomb?)\n  hint: {XLSX_HINT}")


def test_a_declared_sheet_size_is_not_believed(brochure, folder: Path,  # type: ignore[no-untyped-def]
                                               tmp_path: Path) -> None:
    # openpyxl would pad every row to column XFD and go on to row 1,048,576.
    workbook = _sheet(tmp_path, lambda xml: xml.replace(
        b'<dimension ref="A1:AF2" />', b'<dimension ref="A1:XFD1048576" />'))
    outcome = brochure("-C", folder, "import", "oews", "--dry-run",
                       workbook.rename(tmp_path / "national_M2025_dl.xlsx"))
    assert outcome.code == 0, outcome.err
    assert outcome.seconds < SECONDS and outcome.megabytes < MEGABYTES, outcome
    assert "read OEWS May 2025 from national_M2025_dl.xlsx: 1 national rows\n" in outcome.out


@pytest.mark.parametrize("kind", ["link to /dev/zero", "pipe", "folder", "too big"])
def test_only_a_regular_workbook_of_a_sensible_size_is_read(brochure, folder: Path,  # type: ignore[no-untyped-def]
                                                            tmp_path: Path, kind: str) -> None:
    path = tmp_path / "national_M2025_dl.xlsx"
    message = {"link to /dev/zero": NOT_REGULAR, "pipe": NOT_REGULAR,
               "folder": "is a folder, not a file",
               "too big": "the file is 50,000,001 bytes; the limit is 50,000,000\n  hint: "
                          "BLS's and O*NET's workbooks are a few megabytes; check that this "
                          "is the right file"}[kind]
    {"link to /dev/zero": _dev_zero, "pipe": _fifo, "folder": Path.mkdir,
     "too big": lambda p: _sparse(p, 50_000_001)}[kind](path)
    error = _refused(brochure, folder, "import", "oews", path)
    assert error == f"national_M2025_dl.xlsx:1:1: {message}"
    assert _refused(brochure, folder, "import", "projections",
                    path.rename(tmp_path / "occupation.xlsx")) == \
        f"occupation.xlsx:1:1: {message}"


# ---- O*NET ---------------------------------------------------------------------------------

TASK = "15-1252.00\tSoftware Developers\t901\t{task}\tCore\t89\t08/2024\tIncumbent\n"


def _tasks(folder: Path, task: bytes) -> None:
    header = (folder / "Task Statements.txt").read_text().splitlines()[0]
    (folder / "Task Statements.txt").write_bytes(
        f"{header}\n{TASK.format(task='A real task.')}".encode() +
        TASK.replace("{task}", "@").encode().replace(b"@", task))


ONET: list[tuple[str, Callable[[Path], object], str]] = [
    ("field-200kb", lambda f: _tasks(f, b"x" * 200_000),
     "onet/Task Statements.txt:3:1: a value longer than 131,072 characters\n"
     f"  hint: {ONET_HINT}"),
    ("not-utf8", lambda f: _tasks(f, "Write café software.".encode("latin-1")),
     "onet/Task Statements.txt:3:45: byte 0xe9 is not valid UTF-8\n"
     "  hint: save the file as UTF-8, as its publisher ships it"),
    ("line-over-1mb", lambda f: _tasks(f, b"x\ty" * 400_000),
     "onet/Task Statements.txt:3:1: a line longer than 1,000,000 bytes\n"
     "  hint: give the file exactly as its publisher ships it"),
    ("link-to-dev-zero", lambda f: _dev_zero(_gone(f / "Task Statements.txt")),
     f"onet/Task Statements.txt:1:1: {NOT_REGULAR}"),
    ("pipe", lambda f: _fifo(_gone(f / "Occupation Data.txt")),
     f"onet/Occupation Data.txt:1:1: {NOT_REGULAR}"),
    ("too-big", lambda f: _sparse(f / "Task Statements.txt", 100_000_001),
     "onet/Task Statements.txt:1:1: the file is 100,000,001 bytes; the limit is 100,000,000\n"
     "  hint: O*NET's files are a few megabytes; check that this is the right file"),
    ("read-me-to-dev-zero", lambda f: _dev_zero(_gone(f / "Read Me.txt")),
     f"onet/Read Me.txt:1:1: {NOT_REGULAR}"),
    ("empty", lambda f: _write(f / "Job Zones.txt", b""),
     "onet/Job Zones.txt:1:1: the file is empty"),
    ("empty-workbook", lambda f: _gone(f / "Alternate Titles.txt") and _empty_workbook(
        f / "Alternate Titles.xlsx"), "onet/Alternate Titles.xlsx:1:1: the first sheet is empty"),
    ("no-task-column", lambda f: _write(f / "Task Statements.txt",
                                        b"O*NET-SOC Code\tTitle\n15-1252.00\tDevelopers\n"),
     "onet/Task Statements.txt:1:1: no column 'Task' in the header row\n  hint: O*NET's Task "
     "Statements has the columns 'O*NET-SOC Code', 'Task'; give the file exactly as O*NET "
     "ships it"),
    ("workbook-entity-bomb", lambda f: _gone(f / "Alternate Titles.txt") and _zip(
        f / "Alternate Titles.xlsx", {**_parts(_national(f)), SHEET: LAUGHS + HEAD
                                      + b"<row><c><v>&lol9;</v></c></row>" + TAIL}),
     "onet/Alternate Titles.xlsx:1:1: xl/worksheets/sheet1.xml: XML with a document type "
     f"(<!DOCTYPE>), which Excel never writes; refused (an entity bomb?)\n  hint: {XLSX_HINT}"),
]


def _empty_workbook(path: Path) -> Path:
    from openpyxl import Workbook

    Workbook().save(path)
    return path


def _gone(path: Path) -> Path:
    path.unlink()
    return path


@pytest.mark.parametrize(("make", "message"), [o[1:] for o in ONET], ids=[o[0] for o in ONET])
def test_a_hostile_onet_file_is_refused(brochure, folder: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                        make: Callable[[Path], object], message: str) -> None:
    given = onet_files(tmp_path / "onet")
    make(given)
    assert _refused(brochure, folder, "import", "onet", given) == message
    # `new` reads the same files, and writes no record
    assert _refused(brochure, folder, "new", "--soc", "15-1252", "--onet", given) == message


# ---- BLS's flat files ----------------------------------------------------------------------

def _flat(folder: Path) -> Path:
    return flat_files(folder / "flat", 2025)


FLAT: list[tuple[str, Callable[[Path], object], str]] = [
    ("not-utf8", lambda data: data.write_bytes(data.read_bytes().replace(b"A01", b"A\xff1", 1)),
     "flat/oe.data.0.Current:2:33: byte 0xff is not valid UTF-8\n"
     "  hint: save the file as UTF-8, as its publisher ships it"),
    ("year", lambda data: data.write_text(data.read_text().replace("2025", "MMXXV", 1)),
     "flat/oe.data.0.Current:1:1: a year that is not a number: 'MMXXV'\n"
     "  hint: give BLS's oe.data file exactly as BLS ships it"),
    ("link-to-dev-zero", lambda data: _dev_zero(_gone(data.parent / "oe.occupation")),
     f"flat/oe.occupation:1:1: {NOT_REGULAR}"),
    ("pipe", lambda data: _fifo(_gone(data.parent / "oe.area")),
     f"flat/oe.area:1:1: {NOT_REGULAR}"),
]


@pytest.mark.parametrize(("make", "message"), [f[1:] for f in FLAT], ids=[f[0] for f in FLAT])
def test_a_hostile_flat_file_is_refused(brochure, folder: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                        make: Callable[[Path], object], message: str) -> None:
    data = _flat(tmp_path)
    make(data)
    assert _refused(brochure, folder, "import", "oews", data) == message


# ---- the project's own tables (data/bls) ---------------------------------------------------

OEWS_TABLE = "oews_may2025_national_state_all.csv.gz"


def _gzip(head: bytes, unit: bytes, copies: int) -> bytes:
    stream, size, crc = _bomb(head, unit, copies, b"")
    return (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + stream
            + struct.pack("<2L", crc, size & 0xFFFFFFFF))


TABLES: list[tuple[str, str, Callable[[Path], object], str]] = [
    ("link-to-dev-zero", OEWS_TABLE, lambda p: _dev_zero(_gone(p)),
     "1:1: is not a regular file (a device, pipe or socket)"),
    ("pipe", "ep_2024_34_table1_2.csv", lambda p: _fifo(_gone(p)),
     "1:1: is not a regular file (a device, pipe or socket)"),
    ("folder", "ep_2024_34_table1_2.csv", lambda p: _gone(p).mkdir(),
     "1:1: is a folder, not a file"),
    ("gzip-bomb", OEWS_TABLE,  # 156 kB packed, 105 MB unpacked
     lambda p: p.write_bytes(_gzip(b"YEAR,AREA\n", b"2025,99\n" * 131072, 100)),
     "1:1: unpacks to more than 100,000,000 bytes, the limit"),
    ("cut-short", OEWS_TABLE, lambda p: p.write_bytes(p.read_bytes()[:100_000]),
     "1:1: cannot unpack it (Compressed file ended before the end-of-stream marker was "
     "reached)"),
    ("not-utf8", "oews_may2025_footnotes.csv",
     lambda p: p.write_bytes(p.read_bytes().replace(b"Estimate", b"Estim\xe9te")),
     "2:8: byte 0xe9 is not valid UTF-8"),
    ("field-200kb", "ep_2024_34_table1_2.csv",
     lambda p: p.write_bytes(p.read_bytes().split(b"\n")[0] + b"\n" + b"x" * 200_000),
     "2:1: cannot read it as CSV (field larger than field limit (131072))"),
    ("too-big", "oews_may2025_footnotes.csv", lambda p: _sparse(p, 50_000_001),
     "1:1: the file is 50,000,001 bytes; the limit is 50,000,000"),
]


@pytest.mark.parametrize(("name", "make", "message"), [t[1:] for t in TABLES],
                         ids=[t[0] for t in TABLES])
def test_a_hostile_project_table_is_refused(brochure, folder: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                            name: str, make: Callable[[Path], object],
                                            message: str) -> None:
    make(folder / "data" / "bls" / name)
    workbook = projections_workbook(tmp_path / "occupation.xlsx", 2026, [
        projection_row("Medical records specialists", "29-2072", 196.0, 212.5, 8.4, 15.1)])
    error = _refused(brochure, folder, "import", "projections", workbook)
    assert error == f"data/bls/{name}:{message}\n  hint: {TABLES_HINT}"
