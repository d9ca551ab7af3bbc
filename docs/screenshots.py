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
        # The brand, with a colour too pale for white text: the message beside the field.
        page.get_by_label("Organisation's name").fill("Riverside Community College Careers Centre")
        page.get_by_label("Main colour", exact=True).fill("#7fc8b4")
        page.get_by_label("Logo file").set_input_files(ROOT / "examples" / "logo.png")
        page.get_by_role("button", name="Save details").click()
        # From the form's heading to the end of its colours, in page coordinates.
        box = page.evaluate("""() => {
            const form = document.getElementById("brand").getBoundingClientRect();
            const colours = document.querySelectorAll("#brand fieldset")[1]
                .getBoundingClientRect();
            return {x: form.left + scrollX, y: form.top + scrollY, width: form.width,
                    height: colours.bottom - form.top + 16};
        }""")
        page.screenshot(path=DOCS / "web-brand.png", full_page=True, clip=box)
        # Put it right and save.
        page.get_by_label("Main colour", exact=True).fill("#0e6b5a")  # the logo is kept
        page.get_by_label("Event name").fill("Spring Health Careers Fair")
        page.get_by_label("Event date and time").fill("Saturday 13 March 2027, 10am to 3pm")
        page.get_by_label("Event place").fill("Riverside Community College, Main Hall")
        page.get_by_role("button", name="Save details").click()
        expect(page.get_by_text("Your details are saved.")).to_be_visible()
        # Choose careers and preview.
        page.evaluate("window.scrollTo(0, 0)")
        search = page.get_by_label("Search by title, other title or SOC code")
        search.fill("nurse")
        page.locator("#c-registered-nurse").check()
        page.locator("#c-licensed-practical-nurse").check()
        search.fill("medical")
        page.locator("#c-medical-records-technician").check()
        expect(page.locator("#status")).to_have_text("Ready: 3 brochures.")
        page.wait_for_timeout(300)
        page.screenshot(path=DOCS / "web-choose.png")
        page.get_by_label("Layout", exact=True).select_option("trifold")
        expect(page.locator("#status")).to_have_text("Ready: 3 brochures.")
        expect(page.locator(".brochure img.wide").first).to_be_visible()
        page.wait_for_timeout(300)
        page.locator("#preview").screenshot(path=DOCS / "web-preview.png")
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
