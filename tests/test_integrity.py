"""Build integrity: a build stopped at any moment never leaves a PDF that a later build calls
unchanged; two builds never write into one folder at once; every file we read is a regular
file read with a limit."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MINIMAL, ROOT, files_in

CAREERS = ["medical-records-technician", "registered-nurse", "welder", "electrician",
           "plumber", "paralegal", "accountant", "bookkeeper"]


def make_project(folder: Path) -> Path:
    (folder / "data" / "careers").mkdir(parents=True)
    for career in CAREERS:
        shutil.copy(ROOT / "data" / "careers" / f"{career}.yaml", folder / "data" / "careers")
    # One organisation, so both brands' files have the same names and replace each other.
    (folder / "school-a.yaml").write_text("organisation: Riverside Schools\n"
                                          "footer: Alder Grove campus\n")
    (folder / "school-b.yaml").write_text("organisation: Riverside Schools\n"
                                          "footer: Birch Valley campus\n")
    return folder


def brochure(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "brochure", *map(str, args)]


def schools(out: Path) -> dict[str, str]:
    """Which school each PDF in `out` names (in its footer on the back)."""
    import pypdfium2

    found = {}
    for pdf in sorted(out.glob("*.pdf")):
        document = pypdfium2.PdfDocument(pdf)
        try:
            text = "".join(page.get_textpage().get_text_range() for page in document)
        finally:
            document.close()
        found[pdf.name] = ("A" if "Alder Grove" in text else "") + \
            ("B" if "Birch Valley" in text else "")
    return found


def start_and_stop(args: list[str], out: Path, how: signal.Signals, after: int) -> None:
    """Start a build and stop it with `how` as soon as it has replaced `after` PDFs."""
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while sum(before.get(p.name) != p.stat().st_mtime_ns for p in out.glob("*.pdf")) \
                < after:
            assert child.poll() is None, "the build ended before it could be stopped"
            assert time.monotonic() < deadline
            time.sleep(0.005)
        child.send_signal(how)
        _, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    if how == signal.SIGINT:
        assert child.returncode == 130 and err.decode().endswith("interrupted\n")
    else:
        assert child.returncode == -how


def test_a_build_stopped_at_any_moment_leaves_no_stale_pdf(tmp_path: Path) -> None:
    folder = make_project(tmp_path / "project")
    out = folder / "output"
    plain = brochure("-C", folder, "build", "--brand", folder / "school-a.yaml", "-j1")
    other = brochure("-C", folder, "build", "--brand", folder / "school-b.yaml", "-j1")
    subprocess.run(plain, check=True, capture_output=True)
    assert set(schools(out).values()) == {"A"}
    for how, after in [(signal.SIGINT, 1), (signal.SIGKILL, 3), (signal.SIGINT, 5),
                       (signal.SIGKILL, 6)]:
        start_and_stop(other, out, how, after)
        assert "B" in schools(out).values()  # it was stopped part way, B's PDFs on disk
        again = subprocess.run(plain, capture_output=True, text=True, check=True)
        built, unchanged = (int(n) for n in again.stdout.split()[-6:-3:2])
        assert built >= after and built + unchanged == len(CAREERS), again.stdout
        assert set(schools(out).values()) == {"A"}, (how, after, schools(out))


def test_a_second_build_into_the_same_folder_stops_with_a_message(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = make_project(tmp_path / "project")
    for path in (ROOT / "data" / "careers").glob("*.yaml"):  # a longer first build
        shutil.copy(path, folder / "data" / "careers")
    count = len(list((folder / "data" / "careers").glob("*.yaml")))
    out = folder / "output"
    first = subprocess.Popen(
        brochure("-C", folder, "build", "--brand", folder / "school-a.yaml", "-j1"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not list(out.glob("*.pdf")):
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.005)
        second = run("-C", folder, "build", "--brand", folder / "school-b.yaml", "-j1")
        assert first.poll() is None, "the first build should still be running"
    finally:
        _, first_err = first.communicate(timeout=60)
    assert second.code == 3
    assert second.out == ""
    assert second.err == (f"error: another build is writing {out}/; nothing was built\n"
                          "  hint: wait for it to finish, or use --out to build into "
                          "another folder\n")
    assert first.returncode == 0, first_err
    assert set(schools(out).values()) == {"A"} and len(schools(out)) == count
    # The lock goes with the build: the next one runs, and finds everything up to date.
    third = subprocess.run(
        brochure("-C", folder, "build", "--brand", folder / "school-a.yaml"),
        capture_output=True, text=True, check=True)
    assert third.stdout.endswith(f"0 built, {count} unchanged, 0 failed\n")


def test_a_killed_build_does_not_hold_the_folder(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\n"
        "from filelock import FileLock\n"
        "lock = FileLock(sys.argv[1])\n"
        "lock.acquire()\n"
        "print('held', flush=True)\n"
        "time.sleep(60)\n"), str(out / ".brochures.lock")], stdout=subprocess.PIPE, text=True)
    out.mkdir()
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        assert run("-C", folder, "build", "--out", out).code == 3
    finally:
        holder.kill()
        holder.communicate()
    result = run("-C", folder, "build", "--out", out)
    assert result.code == 0 and files_in(out) == ["minimal-handout.pdf"]


def test_a_state_file_that_is_not_a_file_only_means_a_rebuild(project, run,  # type: ignore[no-untyped-def]
                                                               tmp_path: Path) -> None:
    folder = project(minimal=MINIMAL)
    out = tmp_path / "out"
    assert run("-C", folder, "build", "--out", out).code == 0
    state = out / ".brochures.json"
    for replacement in ("/dev/zero", "fifo", "huge"):
        state.unlink()
        if replacement == "fifo":
            os.mkfifo(state)
        elif replacement == "huge":
            with state.open("wb") as f:
                f.truncate(20_000_000)  # sparse: larger than any state file, costs no disk
        else:
            state.symlink_to(replacement)
        started = time.monotonic()
        result = run("-C", folder, "build", "--out", out)
        assert result.code == 0, result.err
        assert result.out.endswith("1 built, 0 unchanged, 0 failed\n")
        assert time.monotonic() - started < 10
    # The good state written last time is used again.
    assert run("-C", folder, "build", "--out", out).out.endswith(
        "0 built, 1 unchanged, 0 failed\n")


@pytest.mark.parametrize("name", ["brochure.yaml", "brand.yaml"])
def test_project_files_that_are_devices_are_refused_without_reading(
        project, run, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    (folder / name).symlink_to("/dev/zero")
    args = ["--brand", folder / name] if name == "brand.yaml" else []
    started = time.monotonic()
    result = run("-C", folder, "build", *args, "--out", tmp_path / "out")
    assert time.monotonic() - started < 10
    assert result.code == 2
    assert "is not a regular file (a device, pipe or socket)" in result.err


def test_a_layout_template_that_is_a_device_is_refused_without_reading(
        project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    layout = folder / "layouts" / "handout"
    shutil.copytree(ROOT / "layouts" / "handout", layout)
    (layout / "title.j2").symlink_to("/dev/zero")
    started = time.monotonic()
    result = run("-C", folder, "build", "--out", tmp_path / "out")
    assert time.monotonic() - started < 10
    assert result.code == 2
    assert "title.j2" in result.err and "not a regular file" in result.err


def test_a_new_brand_mid_build_in_the_page_never_offers_the_old_school(web) -> None:  # type: ignore[no-untyped-def]
    from conftest import LOGO  # noqa: F401  (the page's usual project)
    from test_web import _brand_form

    site = web()
    for path in (ROOT / "data" / "careers").glob("*.yaml"):
        shutil.copy(path, site.root / "data" / "careers")
    careers = sorted(p.stem for p in (site.root / "data" / "careers").glob("*.yaml"))[:12]
    assert site.post_form("/brand", _brand_form(organisation="Riverside Schools",
                                               footer="Alder Grove campus")) \
        .status_code == 303
    site.build(careers)  # everything built once for Alder Grove
    assert site.post_form("/brand", _brand_form(organisation="Riverside Schools",
                                               footer="Birch Valley campus")) \
        .status_code == 303
    first = site.client.post("/api/build", json={"careers": careers}).get_json()["id"]
    job = site.builder.job(first)
    while job.done < 4 and job.status in ("queued", "running"):
        time.sleep(0.005)
    # The counsellor changes their mind mid-build: back to Alder Grove, a new choice.
    assert site.post_form("/brand", _brand_form(organisation="Riverside Schools",
                                               footer="Alder Grove campus")) \
        .status_code == 303
    final = site.build(careers)
    assert final["status"] == "done"
    offered = site.builder.job(final["id"]).previews
    assert len(offered) == 12
    for preview in offered:
        path, _ = site.builder.file(preview.pdf)
        assert schools(path.parent) and schools(path.parent)[path.name] == "A", preview.pdf
