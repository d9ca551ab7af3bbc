"""The page takes changes only from itself: other sites' pages, sandboxed frames and other
host names change nothing; the brand save is all or nothing; logos are bounded; a killed
server's leftovers go at the next start."""

from __future__ import annotations

import io
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.request
import zlib
from pathlib import Path
from typing import Any

import pytest

from conftest import LOGO, MINIMAL, ROOT
from test_web import _brand_form, saved_logo

EVIL = {"organisation": "Evil Corp", "qr": "https://evil.example/x", "primary": "#1d4e89",
        "accent": "#b45309"}


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A 13,300 × 13,300 PNG of a few kilobytes: decoding it would take gigabytes. Written
    row by row (Pillow would hold the whole picture, and 170 MB while saving it)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        size, check = struct.pack(">I", len(data)), struct.pack(">I", zlib.crc32(kind + data))
        return size + kind + data + check

    side = 13_300
    row = bytes(1 + (side + 7) // 8)  # filter byte, then one bit a pixel
    packer = zlib.compressobj(9)
    pixels = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit grey
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))


def post(site: Any, path: str, data: dict[str, str], **headers: str) -> Any:
    """A form post as another site's page would send it: no token unless given."""
    client = site.client.application.test_client()  # without the page's token
    return client.post(path, data=data, headers=headers)


@pytest.mark.parametrize("headers", [
    {"Origin": "null"},  # a sandboxed frame on any site
    {},  # no Origin at all
    {"Origin": "null", "Sec-Fetch-Site": "cross-site"},
    {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"},
    {"Referer": "http://localhost/"},  # a Referer proves nothing
])
def test_a_post_without_the_pages_token_changes_nothing(web, headers: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    site = web()
    for path in ("/brand", "/api/brand", "/build", "/api/build"):
        response = post(site, path, {**EVIL, "careers": "welder"}, **headers)
        assert response.status_code == 403, path
        assert "This page only accepts changes from itself." in response.get_data(as_text=True)
    assert sorted(p.name for p in site.root.iterdir()) == ["data"]
    assert site.builder.last is None  # no build was started


@pytest.mark.parametrize("headers", [
    {"Origin": "null"}, {"Origin": "http://evil.example"},
    {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
])
def test_even_with_the_token_another_origin_changes_nothing(web, headers: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    site = web()
    token = site.client.application.extensions["brochure.token"]
    response = post(site, "/brand", {**EVIL, "token": token}, **headers)
    assert response.status_code == 403
    assert not (site.root / "brand.yaml").exists()


def test_the_page_itself_can_save_and_build(web) -> None:  # type: ignore[no-untyped-def]
    site = web()
    page = site.get("/").get_data(as_text=True)
    token = re.search(r'<meta name="brochure-token" content="([\w-]+)">', page)
    assert token and page.count(f'name="token" value="{token[1]}"') == 2  # both forms
    same = {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}
    response = post(site, "/brand", {**_brand_form(), "token": token[1]}, **same)
    assert response.status_code == 303
    assert "Lakeside High School Careers" in (site.root / "brand.yaml").read_text()
    client = site.client.application.test_client()
    started = client.post("/api/build", json={"careers": ["welder"]},
                          headers={"X-Brochure-Token": token[1], **same})
    assert started.status_code == 202
    site.builder.wait(site.builder.job(started.get_json()["id"]))  # not into the next test


def test_no_other_site_may_frame_the_page(web) -> None:  # type: ignore[no-untyped-def]
    site = web()
    for path in ("/", "/static/app.js", "/no-such-page"):
        headers = site.get(path).headers
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], path
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(("host", "listen", "good", "bad"), [
    ("127.0.0.1", 8123, ["127.0.0.1:8123", "localhost:8123"],
     ["evil.example:8123", "127.0.0.1:9999", "[::1]:8123"]),
    ("::1", 8123, ["[::1]:8123", "localhost:8123"], ["127.0.0.1:8123", "evil.example:8123"]),
    ("localhost", 80, ["localhost", "localhost:80"], ["evil.example", "127.0.0.1"]),
])
def test_the_page_answers_only_at_the_address_serve_printed(
        tmp_path: Path, host: str, listen: int, good: list[str], bad: list[str]) -> None:
    from brochure.web.app import create_app, served_hosts

    (tmp_path / "project" / "data" / "careers").mkdir(parents=True)
    app = create_app(tmp_path / "project", tmp_path / "work",
                     trusted_hosts=served_hosts(host, listen))
    client = app.test_client()
    for name in good:
        assert client.get("/", headers={"Host": name}).status_code == 200, name
    for name in bad:
        assert client.get("/", headers={"Host": name}).status_code == 400, name


def test_a_json_choice_nested_deep_is_a_plain_refusal(web) -> None:  # type: ignore[no-untyped-def]
    site = web()
    for body in ["[" * 200_000 + "]" * 200_000, "[" * 20_000 + "]" * 20_000, "{"]:
        response = site.client.post("/api/build", data=body, content_type="application/json")
        assert response.status_code == 400
        assert response.get_json() == {"error": "Send the choices as JSON."}


def test_a_decompression_bomb_logo_is_refused_quickly_in_the_page(web, bomb: bytes) -> None:  # type: ignore[no-untyped-def]
    site = web()
    site.get("/")  # the page is open: its careers and states are read
    started = time.monotonic()
    response = site.post_form("/brand", _brand_form(logo=(io.BytesIO(bomb), "crest.png")))
    assert time.monotonic() - started < 1
    assert response.status_code == 400
    error = re.search(r'<p class="error" id="f-logo-error">([^<]*)</p>',
                      response.get_data(as_text=True))
    assert error and error[1] == ("The file ‘crest.png’ is 13,300 × 13,300 pixels; the limit "
                                  "is 25 million pixels. Choose a PNG or JPEG file under 2 MB.")
    assert sorted(p.name for p in site.root.iterdir()) == ["data"]


def test_a_decompression_bomb_logo_is_refused_quickly_from_brand_yaml(
        project, run, tmp_path: Path, bomb: bytes) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    (folder / "crest.png").write_bytes(bomb)
    (folder / "brand.yaml").write_text("organisation: X\nlogo: crest.png\n")
    started = time.monotonic()
    result = run("-C", folder, "build", "--brand", folder / "brand.yaml",
                 "--out", tmp_path / "out")
    assert time.monotonic() - started < 2
    assert result.code == 2
    assert result.err == (
        "error: brand.yaml:2:7: logo: crest.png is 13,300 × 13,300 pixels; the "
        "limit is 25 million pixels\n"
        "  hint: a logo needs no more than about 2,000 pixels across; save a smaller copy\n")


@pytest.mark.parametrize("logo", ["/etc/hostname", "../secret.png", "/no/such/file.png",
                                  "../no-such.png", "link.png", "dangling.png"])
def test_a_logo_outside_the_brand_folder_is_refused_without_saying_what_is_there(
        project, run, tmp_path: Path, logo: str) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    brand = folder / "school"
    brand.mkdir()
    (folder / "secret.png").write_bytes(LOGO.read_bytes())
    (brand / "link.png").symlink_to(folder / "secret.png")
    (brand / "dangling.png").symlink_to(folder / "gone.png")
    (brand / "brand.yaml").write_text(f"organisation: X\nlogo: {logo}\n")
    result = run("-C", folder, "build", "--brand", brand / "brand.yaml",
                 "--out", tmp_path / "out")
    assert result.code == 2
    assert result.err == (
        f"error: school/brand.yaml:2:7: logo: {logo}: the logo must be a file in the "
        "brand file's own folder\n"
        "  hint: copy the logo beside brand.yaml and give just its file name\n")


def test_a_logo_that_is_a_device_is_refused(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    (folder / "zero.png").symlink_to("/dev/zero")  # resolves outside the folder
    os.mkfifo(folder / "pipe.png")
    for name in ("zero.png", "pipe.png"):
        (folder / "brand.yaml").write_text(f"organisation: X\nlogo: {name}\n")
        result = run("-C", folder, "build", "--brand", folder / "brand.yaml",
                     "--out", tmp_path / "out")
        assert result.code == 2
        assert "logo: " in result.err and ("must be a file in the brand file's own folder"
                                           in result.err or "is not an ordinary file"
                                           in result.err)


def test_a_broken_brochure_yaml_means_nothing_is_saved(web) -> None:  # type: ignore[no-untyped-def]
    site = web()
    (site.root / "brochure.yaml").write_text("paper: tabloid\n")
    response = site.post_form("/brand", _brand_form(
        logo=(io.BytesIO(LOGO.read_bytes()), "crest.png")))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Nothing was saved, because the project&#39;s brochure.yaml has a mistake: " in html
    assert sorted(p.name for p in site.root.iterdir()) == ["brochure.yaml", "data"]
    assert (site.root / "brochure.yaml").read_text() == "paper: tabloid\n"


def test_saves_at_the_same_moment_never_pair_one_name_with_anothers_logo(web) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    site = web()
    app = site.client.application
    logos = {}
    for name, colour in (("Alder Grove High", "red"), ("Birch Valley Academy", "blue")):
        out = io.BytesIO()
        Image.new("RGB", (40, 20), colour).save(out, format="PNG")
        logos[name] = out.getvalue()
    seen: list[tuple[str, bytes]] = []
    failures: list[object] = []

    def save(name: str) -> None:
        client = app.test_client()
        client.environ_base["HTTP_X_BROCHURE_TOKEN"] = app.extensions["brochure.token"]
        from werkzeug.datastructures import FileStorage
        from werkzeug.test import encode_multipart

        for _ in range(8):
            boundary, body = encode_multipart({
                **_brand_form(organisation=name),
                "logo": FileStorage(io.BytesIO(logos[name]), filename="logo.png")})
            response = client.post("/brand", data=body,
                                   content_type=f"multipart/form-data; boundary={boundary}")
            if response.status_code != 303:
                failures.append(response.status_code)
            # One read of brand.yaml: the logo's name is made from its content, so the
            # name tells which logo the file pairs with the organisation.
            text = (site.root / "brand.yaml").read_text()
            organisation = re.search(r"^organisation: (.*)$", text, re.M)
            logo = re.search(r"^logo: (.*)$", text, re.M)
            assert organisation and logo
            seen.append((organisation[1], logo[1]))

    threads = [threading.Thread(target=save, args=(name,)) for name in logos]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert len(seen) == 16
    from brochure.web.brandform import _logo_name

    for organisation, logo in seen:
        assert _logo_name(logos[organisation]) == logo, organisation
    # The logo in use and the one before it (a build may have just read the old brand file)
    # are kept; older copies the page made are removed.
    kept = sorted(p.name for p in site.root.iterdir() if p.suffix == ".png")
    assert saved_logo(site.root).name in kept and len(kept) <= 2


def test_idle_connections_cost_no_thread_and_never_block_the_page(tmp_path: Path) -> None:
    from brochure.web.app import THREADS

    project = tmp_path / "project"
    (project / "data" / "careers").mkdir(parents=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "brochure", "-C", str(project), "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    idle = []
    try:
        assert server.stdout is not None
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", server.stdout.readline())
        assert found
        port = int(found[1])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10):
            pass
        before = _threads(server.pid)
        for _ in range(80):
            idle.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        for half in idle[:40]:
            half.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
        started = time.monotonic()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert response.status == 200
        assert time.monotonic() - started < 5
        assert _threads(server.pid) <= max(before, THREADS + 2)
    finally:
        for connection in idle:
            connection.close()
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=10)


def _threads(pid: int) -> int:
    """How many threads the process runs now (Linux)."""
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"^Threads:\s+(\d+)$", status, re.M)
    assert found
    return int(found[1])


def test_a_killed_servers_leftovers_go_at_the_next_start(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "data" / "careers").mkdir(parents=True)
    (project / ".partial-abc123.tmp").write_bytes(b"half a brand file")
    env = {**os.environ, "TMPDIR": str(tmp_path)}

    def start() -> tuple[subprocess.Popen[str], str]:
        server = subprocess.Popen(
            [sys.executable, "-m", "brochure", "-C", str(project), "serve", "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        assert server.stdout is not None
        lines = ""
        while "Serving on" not in lines:
            line = server.stdout.readline()
            assert line, server.stderr.read() if server.stderr else ""
            lines += line
        return server, lines

    first, _ = start()
    first.kill()
    first.communicate()
    assert len(list(tmp_path.glob("brochure-web-*"))) == 1  # killed: nothing cleaned up
    (tmp_path / "brochure-web-other").mkdir()  # not a server's: no owner file; kept
    second, said = start()
    try:
        assert said.startswith("removed 1 temporary folder left by an earlier server that "
                               "was stopped abruptly\n")
        assert len(list(tmp_path.glob("brochure-web-*"))) == 2  # its own and the other
        assert not list(project.glob(".partial-*"))
    finally:
        second.send_signal(signal.SIGTERM)
        second.communicate(timeout=10)
    assert [p.name for p in tmp_path.glob("brochure-web-*")] == ["brochure-web-other"]
    assert ROOT.is_dir()
