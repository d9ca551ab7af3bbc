"""Files: odd career files and names, symlinks, paths as ids, and atomic writes that survive
a kill or a full disk."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from brochure.errors import UsageError
from brochure.options import Options
from brochure.output.build import output_name
from conftest import MINIMAL, ROOT, assert_valid_pdf, files_in, pdf_text

PDF = "minimal-handout.pdf"


def tree(folder: Path) -> list[str]:
    """Every path under `folder`, relative, sorted (symlinks not followed)."""
    # The build's own state and lock files (which brochures are up to date; one build at a
    # time) are not a user's files.
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.name not in (".brochures.json", ".brochures.lock"))


def test_a_career_file_linked_from_outside_is_read_and_nothing_is_written_there(
        project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "record.yaml").write_text(MINIMAL, encoding="utf-8")
    folder = project()
    (folder / "data" / "careers" / "minimal.yaml").symlink_to(elsewhere / "record.yaml")
    out = tmp_path / "out"
    result = run("-C", folder, "build", "--out", out)
    assert result.code == 0, result.err
    assert tree(out) == [PDF]
    assert tree(elsewhere) == ["record.yaml"]
    assert (elsewhere / "record.yaml").read_text(encoding="utf-8") == MINIMAL
    assert_valid_pdf(out / PDF)


def test_devices_pipes_and_folders_are_refused_without_reading_them(
        project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    careers = folder / "data" / "careers"
    (careers / "zero.yaml").symlink_to("/dev/zero")  # reading it would never end
    os.mkfifo(careers / "pipe.yaml")  # opening it for reading would wait for a writer
    (careers / "folder.yaml").mkdir()
    (careers / "gone.yaml").symlink_to(tmp_path / "no-such-file.yaml")
    out = tmp_path / "out"
    result = run("-C", folder, "build", "--out", out)
    assert result.code == 2
    assert result.err == (
        "error: data/careers/folder.yaml:1:1: is a folder, not a file\n"
        "error: data/careers/gone.yaml:1:1: cannot read the file (No such file or directory)\n"
        "error: data/careers/pipe.yaml:1:1: is not a regular file (a device, pipe or socket)\n"
        "  hint: replace it with an ordinary text file\n"
        "error: data/careers/zero.yaml:1:1: is not a regular file (a device, pipe or socket)\n"
        "  hint: replace it with an ordinary text file\n")
    assert tree(out) == [PDF]
    assert_valid_pdf(out / PDF)


ODD_NAMES = ["Bad Name", "UPPER", "a..b", "-x", "é", "tab\there", "esc\x1b[2J", "x.yaml"]


def test_odd_file_names_in_careers_never_name_an_output(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    for name in ODD_NAMES:
        (folder / "data" / "careers" / f"{name}.yaml").write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "out"
    result = run("-C", folder, "build", "--out", out)
    assert result.code == 2
    assert "Traceback" not in result.err and "internal error" not in result.err
    for name in ODD_NAMES:
        shown = name.replace("\t", "\\t").replace("\x1b", "\\x1b")
        assert (f"error: data/careers/{shown}.yaml:2:5: id: is 'minimal' but the file is "
                f"named {shown}.yaml\n  hint: rename the file to minimal.yaml\n") in result.err
    assert "\x1b" not in result.err  # a file name never drives the terminal
    assert f"\n1 built, 0 unchanged, {len(ODD_NAMES)} failed\n" in result.out
    assert tree(out) == [PDF]
    assert_valid_pdf(out / PDF)


@pytest.mark.parametrize("career_id", ["../minimal", "/etc/passwd", "minimal.yaml",
                                       "data/careers/minimal", "./minimal", "minimal/", "",
                                       "..", "minimal\x00"])
def test_career_ids_given_as_paths_are_refused(project, run, tmp_path: Path,
                                               career_id: str) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    result = run("-C", folder, "build", career_id, "--out", tmp_path / "out")
    assert result.code == 2
    shown = career_id.replace("\x00", "\\x00")  # a control character is never printed as is
    assert result.err.startswith(f"error: no career named '{shown}'\n")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("layout", ["../../elsewhere/evil", "{abs}", "handout/../handout",
                                    "common", ".."])
def test_layout_names_given_as_paths_are_refused(project, run, tmp_path: Path,
                                                 layout: str) -> None:  # type: ignore[no-untyped-def]
    evil = tmp_path / "elsewhere" / "evil"
    evil.mkdir(parents=True)
    (evil / "layout.yaml").write_bytes((ROOT / "layouts" / "handout" / "layout.yaml")
                                       .read_bytes())
    layout = layout.format(abs=evil)
    folder = project(minimal=MINIMAL)
    result = run("-C", folder, "build", "--layout", layout, "--out", tmp_path / "out")
    assert result.code == 2
    assert result.err.startswith(f"error: no layout named '{layout}'\n")
    assert not (tmp_path / "out").exists()
    assert tree(tmp_path / "elsewhere") == ["evil", "evil/layout.yaml"]


@pytest.mark.parametrize(("career_id", "layout_id"), [
    ("../x", "handout"), ("x", "../../y"), ("x", "a/b"), ("x", "a\\b"), (".hidden", "h"),
    ("x", ".."), ("x\x00", "h"), ("x\n", "h")])
def test_output_names_are_always_plain_file_names(career_id: str, layout_id: str) -> None:
    with pytest.raises(UsageError):
        output_name(career_id, layout_id, Options())


def test_an_output_name_from_valid_ids(tmp_path: Path) -> None:
    assert output_name("medical-records-technician", "handout", Options()) == \
        "medical-records-technician-handout.pdf"


def test_out_may_be_a_symlink_to_a_folder(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    result = run("-C", project(minimal=MINIMAL), "build", "--out", link)
    assert result.code == 0, result.err
    assert tree(real) == [PDF]
    assert_valid_pdf(real / PDF)
    assert link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "project", "real"]


def test_an_output_that_is_a_symlink_is_replaced_not_followed(project, run,
                                                              tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "secret.txt"
    secret.write_text("do not overwrite", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / PDF).symlink_to(secret)
    (out / ".partial-leftover.tmp").symlink_to(secret)  # a leftover that is a link
    result = run("-C", project(minimal=MINIMAL), "build", "--out", out)
    assert result.code == 0, result.err
    assert secret.read_text(encoding="utf-8") == "do not overwrite"
    assert not (out / PDF).is_symlink()
    assert tree(out) == [PDF]
    assert_valid_pdf(out / PDF)


@pytest.mark.parametrize("kind", ["a file", "a dangling symlink"])
def test_an_out_that_is_not_a_folder_fails_cleanly(project, run, tmp_path: Path,
                                                   kind: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    if kind == "a file":
        out.write_text("keep me", encoding="utf-8")
    else:
        out.symlink_to(tmp_path / "nowhere")
    result = run("-C", project(minimal=MINIMAL), "build", "--out", out)
    assert result.code == 2
    assert result.err == (f"error: cannot build into {out}: it is not a folder\n"
                          "  hint: choose a folder with --out\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "project"]
    if kind == "a file":
        assert out.read_text(encoding="utf-8") == "keep me"


def test_a_new_pdf_gets_the_usual_permissions(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old = os.umask(0o022)
    try:
        assert run("-C", project(minimal=MINIMAL), "build", "--out", tmp_path).code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / PDF).stat().st_mode) == 0o644
    assert_valid_pdf(tmp_path / PDF)


# A build that is killed while it writes: fsync is made to hang, the process is killed, and
# the previous PDF must be untouched; the next run clears the leftover.
DRIVER = """
import os, sys, time
from pathlib import Path

def hang(fd):
    Path(sys.argv[1]).write_text("writing")
    time.sleep(120)

os.fsync = hang
from brochure.cli import main
sys.exit(main(sys.argv[2:]))
"""


def test_a_build_killed_mid_write_keeps_the_previous_pdf(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    folder = project(minimal=MINIMAL.replace("Test Career", "Version One"))
    assert run("-C", folder, "build", "--out", out).code == 0
    assert_valid_pdf(out / PDF)
    before = (out / PDF).read_bytes()
    (folder / "data" / "careers" / "minimal.yaml").write_text(
        MINIMAL.replace("Test Career", "Version Two"), encoding="utf-8")

    marker = tmp_path / "writing"
    child = subprocess.Popen([sys.executable, "-c", DRIVER, str(marker),
                              "-C", str(folder), "build", "--out", str(out)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, child.stderr.read() if child.stderr else ""
            assert time.monotonic() < deadline, "the build never started writing"
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
        if child.stderr:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    assert (out / PDF).read_bytes() == before
    leftovers = [p.name for p in out.iterdir()
                 if p.name not in (PDF, ".brochures.json", ".brochures.lock")]
    assert len(leftovers) == 1 and leftovers[0].startswith(".partial-"), leftovers

    result = run("-C", folder, "build", "--out", out)
    assert result.code == 0, result.err
    assert tree(out) == [PDF]
    assert_valid_pdf(out / PDF)
    assert "Version Two" in pdf_text(out / PDF)[0]


class _FullDisk:
    """A file object whose writes fail as on a full disk."""

    def __init__(self, f: Any) -> None:
        self.f = f

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.f.close()

    def fileno(self) -> int:
        return int(self.f.fileno())

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        self.f.flush()


@pytest.mark.parametrize("where", ["write", "fsync", "rename"])
def test_a_full_disk_keeps_the_previous_pdf(project, run, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch, where: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    folder = project(minimal=MINIMAL.replace("Test Career", "Version One"))
    assert run("-C", folder, "build", "--out", out).code == 0
    assert_valid_pdf(out / PDF)
    before = (out / PDF).read_bytes()
    (folder / "data" / "careers" / "minimal.yaml").write_text(
        MINIMAL.replace("Test Career", "Version Two"), encoding="utf-8")

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if where == "write":
        real_fdopen = os.fdopen

        def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            f = real_fdopen(fd, mode, *args, **kwargs)
            return _FullDisk(f) if "w" in mode else f

        monkeypatch.setattr(os, "fdopen", fdopen)
    else:
        monkeypatch.setattr(os, "fsync" if where == "fsync" else "replace", full)
    result = run("-C", folder, "build", "--out", out)
    monkeypatch.undo()
    assert result.code == 1
    assert result.err == f"error: cannot write {out / PDF}: No space left on device\n"
    assert (out / PDF).read_bytes() == before
    assert tree(out) == [PDF]


@pytest.mark.parametrize(("payload", "unsafe"), [
    ('{{ cycler.__init__.__globals__.os.system("touch {marker}") }}',
     "access to attribute '__init__' of 'type' object is unsafe."),
    ("{{ career.__class__.__mro__[1].__subclasses__() }}",
     "access to attribute '__class__' of 'Career' object is unsafe."),
    ("{{ (career.model_config.update({'x': 1})) }}",
     "access to attribute 'update' of 'dict' object is unsafe."),
])
def test_a_layout_template_cannot_reach_python(project, run, tmp_path: Path, payload: str,
                                               unsafe: str) -> None:  # type: ignore[no-untyped-def]
    marker = tmp_path / "ran"
    folder = project(minimal=MINIMAL)
    layout = folder / "layouts" / "shared"
    layout.mkdir(parents=True)
    (layout / "layout.yaml").write_bytes((ROOT / "layouts" / "handout" / "layout.yaml")
                                         .read_bytes())
    (layout / "title.j2").write_text("<p>" + payload.replace("{marker}", str(marker)) + "</p>\n",
                                     encoding="utf-8")
    result = run("-C", folder, "build", "--layout", "shared", "--out", tmp_path / "out")
    assert result.code == 2
    assert result.err == (f"error: {layout / 'title.j2'}:1:1: title: template error: "
                          f"{unsafe}\n")
    assert not marker.exists()
    assert not (tmp_path / "out").exists() or files_in(tmp_path / "out") == []


@pytest.mark.parametrize(("markup", "message"), [
    ('<chart kind="pay-range" height="tall"/>', "a chart height must be a positive number, "
                                                "got 'tall'"),
    ('<chart kind="pay-range" height="nan"/>', "a chart height must be a positive number, "
                                               "got 'nan'"),
    ('<chart kind="pay-range" height="-5"/>', "a chart height must be a positive number, "
                                              "got '-5'"),
    ('<table widths="1,inf"><tr><td>x</td><td>y</td></tr></table>',
     "a width must be a positive number, got 'inf'"),
])
def test_numbers_in_a_layout_template_are_checked(project, run, tmp_path: Path, markup: str,
                                                  message: str) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    layout = folder / "layouts" / "shared"
    layout.mkdir(parents=True)
    (layout / "layout.yaml").write_bytes((ROOT / "layouts" / "handout" / "layout.yaml")
                                         .read_bytes())
    (layout / "title.j2").write_text(markup + "\n", encoding="utf-8")
    result = run("-C", folder, "build", "--layout", "shared", "--out", tmp_path / "out")
    assert result.code == 2
    assert result.err == f"error: {layout / 'title.j2'}:1:1: {message}\n"


def test_a_career_file_that_cannot_be_opened_is_reported(project, run,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # Tests may run as root, where file permissions do not stop a read; fake the refusal.
    real_open = os.open

    def denied(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith("minimal.yaml"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    result = run("-C", project(minimal=MINIMAL), "build", "minimal")
    assert result.code == 2
    assert result.err == ("error: data/careers/minimal.yaml:1:1: cannot read the file "
                          "(Permission denied)\n")
