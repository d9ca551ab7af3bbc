"""Refresh the README's pictures of the web page (make screenshots): serve a throwaway copy
of the project, drive Debian's Chromium through it with Playwright, save PNGs in docs/."""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import expect, sync_playwright
from werkzeug.serving import make_server

from brochure.web.app import LOOPBACK, create_app

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> int:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "project"
        shutil.copytree(ROOT / "data" / "careers", root / "data" / "careers")
        app = create_app(root, Path(temp) / "work", trusted_hosts=list(LOOPBACK))
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            shoot(f"http://127.0.0.1:{server.port}/")
        finally:
            server.shutdown()
            server.server_close()
    return 0


def shoot(url: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.set_default_timeout(60_000)
        page.goto(url)
        # Choose careers first, as a counsellor does: the preview follows every tick.
        search = page.get_by_label("Search by job title or occupation code")
        search.fill("nurse")
        page.locator("#c-registered-nurse").check()
        page.locator("#c-licensed-practical-nurse").check()
        search.fill("medical")
        page.locator("#c-medical-records-technician").check()
        expect(page.locator("#status")).to_have_text("Ready: 3 brochures.")
        # The school's details, with a colour too pale for white text: the nearest shade
        # that passes is offered beside it. Nothing is saved until the details are right.
        page.get_by_label("Logo file").set_input_files(ROOT / "examples" / "logo.png")
        page.get_by_label("Organisation's name").fill("Riverside Community College Careers Centre")
        page.get_by_label("Main colour", exact=True).fill("#7fc8b4")
        expect(page.locator("#f-primary-shade")).to_be_visible()
        page.wait_for_timeout(1200)
        # From the section's heading to the end of its colours, in page coordinates.
        box = page.evaluate("""() => {
            const form = document.getElementById("brand").getBoundingClientRect();
            const colours = document.querySelectorAll("#brand fieldset")[1]
                .getBoundingClientRect();
            return {x: form.left + scrollX, y: form.top + scrollY, width: form.width,
                    height: colours.bottom - form.top + 16};
        }""")
        page.screenshot(path=DOCS / "web-brand.png", full_page=True, clip=box)
        # One click takes the shade; the details save themselves and the preview follows.
        page.locator("#use-shade").click()
        page.get_by_label("Event name").fill("Spring Health Careers Fair")
        page.get_by_label("Event date and time").fill("Saturday 13 March 2027, 10am to 3pm")
        page.get_by_label("Event place").fill("Riverside Community College, Main Hall")
        expect(page.locator("#brand-result")).to_have_text(
            "Your details are saved. The preview shows them.")
        expect(page.locator("#choice-school")).to_have_text(
            "Riverside Community College Careers Centre")
        expect(page.locator("#status")).to_have_text("Ready: 3 brochures.")
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(500)
        page.screenshot(path=DOCS / "web-choose.png")
        page.get_by_label("Layout", exact=True).select_option("trifold")
        expect(page.locator("#status")).to_have_text("Ready: 3 brochures.")
        expect(page.locator(".brochure a.page.wide").first).to_be_visible()
        page.wait_for_timeout(300)
        page.locator("#preview").screenshot(path=DOCS / "web-preview.png")
        # A page opened large, to read it before printing.
        page.get_by_role("link", name="Registered Nurse, page 2 of 2").click()
        expect(page.locator("#zoom-picture")).to_have_js_property("complete", True)
        page.wait_for_timeout(300)
        page.screenshot(path=DOCS / "web-zoom.png")
        page.keyboard.press("Escape")
        # The same page on a phone: one column, no sideways scrolling.
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.set_default_timeout(60_000)
        phone.goto(url)
        expect(phone.locator("#status")).to_have_text("Ready: 3 brochures.")
        phone.get_by_role("link", name="See the preview").click()
        phone.wait_for_timeout(500)
        phone.screenshot(path=DOCS / "web-phone.png")
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
