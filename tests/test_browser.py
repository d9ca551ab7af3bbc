"""The web page end to end in a real headless browser: Debian's Chromium, driven by
Playwright. Skipped where /usr/bin/chromium is missing (.ci/run installs it), failed under
CI=true."""

from __future__ import annotations

import http.client
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, pdf_text
from needs import requires

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CAREERS = ["electrician", "medical-records-technician", "registered-nurse", "welder"]
LOGO = ROOT / "examples" / "logo.png"
TIMEOUT = 30_000  # ms: a first build reads the tables and fonts

pytestmark = requires(CHROMIUM.exists(), "needs Debian's Chromium at /usr/bin/chromium "
                                         "(apt-get install chromium, as .ci/run does)")


@dataclass
class Site:
    url: str
    root: Path
    host: str
    port: int


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    """A project with four careers, served on a free port as `brochure serve` serves it."""
    from werkzeug.serving import make_server

    from brochure.web.app import LOOPBACK, create_app

    root = tmp_path / "project"
    (root / "data" / "careers").mkdir(parents=True)
    for career in CAREERS:
        shutil.copy(ROOT / "data" / "careers" / f"{career}.yaml", root / "data" / "careers")
    app = create_app(root, tmp_path / "work", trusted_hosts=list(LOOPBACK))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.port}/", root, "127.0.0.1", server.port)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    context.set_default_timeout(TIMEOUT)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == []  # no script error on the page


def test_choose_two_careers_set_a_brand_with_a_logo_preview_and_download(
        site: Site, page: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page.goto(site.url)
    # The school's details, once: saved as the brand file the command line uses.
    page.get_by_label("Organisation's name").fill("Lakeside High School Careers")
    page.get_by_label("Main colour", exact=True).fill("#0e6b5a")
    expect(page.locator("#f-primary-note")).to_have_text(
        "White text on this colour: 6.4:1. Easy to read.")
    page.get_by_label("Logo file").set_input_files(LOGO)
    page.get_by_label("Email").fill("careers@lakeside.example.edu")
    page.get_by_label("Event name").fill("Spring Careers Fair")
    page.get_by_label("Event date and time").fill("Friday 12 March 2027, 9am to 1pm")
    page.get_by_label("Event place").fill("Main Hall")
    page.get_by_role("button", name="Save details").click()
    expect(page.get_by_text("Your details are saved.")).to_be_visible()
    expect(page.get_by_alt_text("The saved logo")).to_be_visible()
    assert "brand: brand.yaml" in (site.root / "brochure.yaml").read_text()
    logo = re.search(r"^logo: (logo-\w+\.png)$", (site.root / "brand.yaml").read_text(), re.M)
    assert logo and (site.root / logo[1]).read_bytes() == LOGO.read_bytes()

    # Choose two careers by searching: a title, then a SOC code.
    search = page.get_by_label("Search by job title or occupation code")
    search.fill("registered")
    expect(page.locator("#search-count")).to_have_text("1 of 4 careers match")
    page.get_by_label("Registered Nurse").check()
    search.fill("29-2072")  # an occupation code is searched, though not shown
    page.get_by_label("Medical Records Technician").check()
    expect(page.locator("#chosen-count")).to_have_text("(2 chosen)")

    # The preview: every page of both brochures, drawn from the real PDFs.
    expect(page.locator("#status")).to_have_text("Ready: 2 brochures.")
    pictures = page.locator(".brochure img")
    expect(pictures).to_have_count(4)
    expect(page.get_by_alt_text("Registered Nurse, page 2 of 2")).to_be_visible()
    widths = pictures.evaluate_all("images => images.map(i => i.naturalWidth)")
    assert widths == [360, 360, 360, 360]

    # Downloads: one brochure's PDF, and the fair pack.
    with page.expect_download() as one:
        page.get_by_role("link", name="Download PDF of Registered Nurse").click()
    assert one.value.suggested_filename == \
        "registered-nurse-handout--lakeside-high-school-careers.pdf"
    one.value.save_as(tmp_path / "nurse.pdf")
    text = " ".join(pdf_text(tmp_path / "nurse.pdf"))
    assert "Registered Nurse" in text and "Lakeside High School Careers" in text
    assert "careers@lakeside.example.edu" in text

    with page.expect_download() as pack:
        page.get_by_role("link", name="Fair pack").click()
    assert pack.value.suggested_filename == "fair-pack-handout--lakeside-high-school-careers.pdf"
    pack.value.save_as(tmp_path / "pack.pdf")
    pages = pdf_text(tmp_path / "pack.pdf")
    assert "CAREER FAIR PACK 2 careers Lakeside High School Careers Spring Careers Fair" \
        in pages[0]
    assert "Medical Records Technician page 3" in pages[1]
    assert "Registered Nurse page 5" in pages[1]

    # A changed choice updates the preview: A4 paper.
    page.get_by_label("A4").check()
    expect(page.get_by_role("link", name="Download PDF of Registered Nurse")).to_have_attribute(
        "href", "/files/registered-nurse-handout-a4--lakeside-high-school-careers.pdf?download=1")
    expect(page.locator("#status")).to_have_text("Ready: 2 brochures.")


def test_a_bad_upload_and_a_low_contrast_colour_each_get_a_clear_message(
        site: Site, page: Any) -> None:
    from playwright.sync_api import expect

    page.goto(site.url)
    primary = page.get_by_label("Main colour", exact=True)
    primary.fill("#f5d76e")
    # Explained as it is typed...
    expect(page.locator("#f-primary-note")).to_have_text(
        "White text on this colour: 1.4:1. Too faint: it needs at least 4.5:1 to be read "
        "easily.")
    page.get_by_label("Logo file").set_input_files(
        {"name": "notes.png", "mimeType": "image/png", "buffer": b"a text file, not a picture"})
    page.get_by_role("button", name="Save details").click()
    # ...and enforced when saved, beside each field and in a summary.
    expect(page.locator("#brand-summary")).to_contain_text(
        "Your details were not saved. Put these right and save again:")
    expect(page.locator("#f-logo-error")).to_have_text(
        "The file ‘notes.png’ is not a PNG or JPEG image. Choose a PNG or JPEG file under 2 MB.")
    message = ("White text on #f5d76e has a contrast ratio of 1.4:1; it needs at least 4.5:1 "
               "to be read easily. Choose a darker colour.")
    expect(page.locator("#f-primary-error")).to_have_text(message)
    expect(primary).to_have_attribute("aria-invalid", "true")
    expect(primary).to_have_accessible_description(re.compile(re.escape(message)))
    expect(page.get_by_label("Logo file")).to_have_accessible_description(
        re.compile("is not a PNG or JPEG image"))
    assert not (site.root / "brand.yaml").exists()
    # The summary links to the fields.
    page.get_by_role("link", name=re.compile("^Logo: the file")).click()
    expect(page.get_by_label("Logo file")).to_be_focused()


def test_the_server_refuses_uploads_over_the_limit_and_paths_that_leave_its_folders(
        site: Site, page: Any) -> None:
    from playwright.sync_api import expect

    page.goto(site.url)
    big = b"\x89PNG\r\n\x1a\n" + bytes(3_000_000)
    # The page says so before sending...
    page.get_by_label("Logo file").set_input_files(
        {"name": "huge.png", "mimeType": "image/png", "buffer": big})
    expect(page.locator("#f-logo-error")).to_have_text(
        "The file huge.png is 3.0 MB; a logo can be at most 2 MB. Choose a smaller PNG or "
        "JPEG file.")
    page.get_by_role("button", name="Save details").click()
    expect(page.get_by_label("Logo file")).to_be_focused()
    assert not (site.root / "brand.yaml").exists()
    # ...and the server refuses it anyway.
    response = page.request.post(site.url + "brand", multipart={
        "organisation": "X", "logo": {"name": "huge.png", "mimeType": "image/png",
                                      "buffer": big}})
    assert response.status == 413
    assert "The file you chose is too large." in response.text()
    assert not (site.root / "brand.yaml").exists()
    # Paths that try to leave the server's folders, sent exactly as written.
    for path, status in [("/files/../../brochure.yaml", 400), ("/files/..%2Fbrochure.yaml", 400),
                         ("/files/%2e%2e%2f%2e%2e%2fetc%2fpasswd", 400),
                         ("/files/..\\..\\brochure.yaml", 400),
                         ("/static/../brand.yaml", 404), ("/static/..%2fapp.py", 404)]:
        connection = http.client.HTTPConnection(site.host, site.port, timeout=10)
        try:
            connection.request("GET", path)
            answer = connection.getresponse()
            body = answer.read().decode()
        finally:
            connection.close()
        assert answer.status == status, path
        assert "Traceback" not in body and "import" not in body


def test_the_page_is_usable_from_the_keyboard(site: Site, page: Any) -> None:
    from playwright.sync_api import expect

    page.goto(site.url)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to the careers")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    search = page.get_by_label("Search by job title or occupation code")
    expect(search).to_be_focused()
    page.keyboard.type("weld")
    page.keyboard.press("Enter")  # searches; does not submit
    page.keyboard.press("Tab")
    welder = page.get_by_label("Welder")
    expect(welder).to_be_focused()
    outline = welder.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none"  # the focus is visible
    page.keyboard.press("Space")
    expect(welder).to_be_checked()
    expect(page.locator("#status")).to_have_text("Ready: 1 brochure.")
    expect(page.get_by_alt_text("Welder, page 1 of 2")).to_be_visible()


def test_the_page_works_with_javascript_turned_off(site: Site, browser: Any) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(java_script_enabled=False)
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    try:
        page.goto(site.url)
        page.get_by_label("Welder").check()
        page.get_by_label("Layout", exact=True).select_option("flyer")
        page.get_by_role("button", name="Preview").click()
        expect(page.get_by_alt_text("Welder, page 1 of 1")).to_be_visible()
        expect(page.get_by_role("link", name="Fair pack")).to_be_visible()
    finally:
        context.close()
