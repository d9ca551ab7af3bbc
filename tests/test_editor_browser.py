"""The career editor end to end in Debian's Chromium: find an occupation nobody wrote,
write its record in the form, see a mistake marked at its field, put it right, see the
preview, save; the file builds from the command line; open it again, change a duty, save,
and the file keeps its comments. axe-core checks every state of the editor."""

from __future__ import annotations

import io
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import test_browser as shared
from conftest import ROOT
from needs import requires
from test_browser import CHROMIUM, TIMEOUT

browser = shared.browser  # the browser tests' Chromium, started once per module
CAREERS = ["electrician", "medical-records-technician"]
SHOTS = ROOT / "docs"

pytestmark = requires(CHROMIUM.exists(), "needs Debian's Chromium at /usr/bin/chromium "
                                         "(apt-get install chromium, as .ci/run does)")


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
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
        yield f"http://127.0.0.1:{server.port}/", root
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def open_page(browser: Any, width: int = 1366, height: int = 768) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(TIMEOUT)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    return context, tab, errors


def no_serious_violations(tab: Any, state: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(tab)
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
           for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], f"axe-core in the state '{state}': {bad}"


def fill(tab: Any, field: str, text: str) -> None:
    tab.locator(f"#e-{field}").fill(text)


def test_write_a_new_career_preview_save_and_edit_it_again(browser: Any,
                                                           site: tuple[str, Path]) -> None:
    from playwright.sync_api import expect

    url, root = site
    context, tab, errors = open_page(browser)
    tab.goto(url)
    tab.get_by_role("link", name="Write a new career").click()
    no_serious_violations(tab, "find, empty")

    tab.get_by_label("Job title or occupation").fill("programmer")
    start = tab.get_by_role("link", name="Start this career: Computer Programmers")
    expect(start).to_be_visible()
    no_serious_violations(tab, "find, results")
    start.click()

    expect(tab.get_by_role("heading", name="Computer Programmer", exact=True)).to_be_visible()
    expect(tab.locator("#e-soc")).to_have_value("15-1251")
    expect(tab.locator(".ed-figures")).to_contain_text("Median pay")
    no_serious_violations(tab, "new form")
    # A new form's empty fields are not marked as mistakes until Save is pressed; then
    # every one is, with a summary of links to them.
    expect(tab.locator("#e-summary-error")).to_have_text("")
    tab.get_by_role("button", name="Save the career").click()
    summary = tab.locator("#ed-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Not saved yet. Put these right, then save again:")
    expect(tab.locator("#e-summary-error")).to_have_text("This field is required.")
    expect(summary.get_by_role("link", name="Summary: This field is required.")).to_be_visible()
    no_serious_violations(tab, "errors shown")
    assert not (root / "data" / "careers" / "computer-programmer.yaml").exists()

    fill(tab, "summary", "Writes and tests the code that turns a design into a working "
                         "program.")
    duties = tab.locator('[data-path="role.duties"] > .ed-add')
    for _ in range(3):
        duties.click()
    fill(tab, "role-duties-0", "Turn a design into code in languages such as Python.")
    fill(tab, "role-duties-1", "Test programs and fix the faults the tests find.")
    fill(tab, "role-duties-2", "Keep old programs working as needs change.")
    tab.locator('[data-path="role.workplaces"] > .ed-add').click()
    fill(tab, "role-workplaces-0", "Software publishers")
    fill(tab, "role-schedule", "Mostly full time in an office or from home.")
    skills = tab.locator('[data-path="role.skills"] > .ed-add')
    skills.click()
    skills.click()
    fill(tab, "role-skills-0-name", "Logic")
    fill(tab, "role-skills-0-why", "A program does exactly what it is told.")
    fill(tab, "role-skills-1-name", "Patience")
    fill(tab, "role-skills-1-why", "Finding a fault can take hours.")
    fill(tab, "education-typical_entry", "A bachelor's degree in computer science.")
    fill(tab, "education-time_to_enter", "About 4 years")
    tab.locator('[data-path="education.paths"] > .ed-add').click()
    fill(tab, "education-paths-0-name", "Bachelor's degree in computer science")
    fill(tab, "education-paths-0-length", "4 years full time")
    fill(tab, "education-paths-0-credential", "Bachelor's degree")
    steps = tab.locator('[data-path="first_steps"] > .ed-add')
    steps.click()
    steps.click()
    fill(tab, "first_steps-0", "Take a computer science class.")
    fill(tab, "first_steps-1", "Write a small game and share it.")
    fill(tab, "more_info-label", "BLS Occupational Outlook Handbook")

    # A link that is not a full https:// address is marked at its field, in the command
    # line's words.
    fill(tab, "more_info-url", "www.bls.gov/ooh")
    tab.locator("#e-more_info-url").blur()
    error = tab.locator("#e-more_info-url-error")
    expect(error).to_have_text("Must be a full https:// address.")
    expect(tab.locator("#e-more_info-url")).to_have_attribute("aria-invalid", "true")
    no_serious_violations(tab, "an error shown")

    # Put right: the error goes and the preview comes.
    fill(tab, "more_info-url", "https://www.bls.gov/ooh/computer-and-information-technology/")
    expect(error).to_have_text("")
    expect(tab.locator("#ed-pages img").first).to_be_visible()
    expect(tab.locator("#ed-status")).to_contain_text("Preview of")
    no_serious_violations(tab, "preview shown")

    # Reorder a duty by keyboard: focus its "Move down" button and press Enter.
    tab.get_by_role("button", name="Down: duty 1").focus()
    tab.keyboard.press("Enter")
    expect(tab.locator("#e-role-duties-1")).to_have_value(
        "Turn a design into code in languages such as Python.")
    expect(tab.get_by_role("button", name="Down: duty 2")).to_be_focused()

    tab.get_by_role("button", name="Save the career").click()
    expect(tab.locator("#ed-saved")).to_contain_text("Saved.")
    expect(tab.locator("#ed-saved")).to_be_focused()
    no_serious_violations(tab, "saved")
    saved = root / "data" / "careers" / "computer-programmer.yaml"
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("# Computer Programmer: written in the career editor")
    assert "  duties:\n    - Test programs and fix the faults the tests find.\n" in text

    # The command line checks and builds it.
    from brochure.cli import main

    assert main(["-C", str(root), "check", "-q"]) == 0
    assert main(["-C", str(root), "build", "--jobs", "1", "--out", str(root / "out")]) == 0
    assert list((root / "out").glob("computer-programmer*.pdf"))

    # Open it again, with a comment written by hand; change a duty; the comment stays.
    saved.write_text(text.replace("role:\n", "role:\n  # Checked with the school's IT "
                                              "teacher.\n", 1), encoding="utf-8")
    tab.goto(url + "editor")
    tab.get_by_label("Job title or occupation").fill("programmer")
    tab.get_by_role("link", name="Edit this career: Computer Programmer").click()
    expect(tab.locator("#e-id")).to_have_attribute("readonly", "")
    fill(tab, "role-duties-2", "Keep older programs working as the business changes.")
    expect(tab.locator("#ed-pages img").first).to_be_visible()
    tab.get_by_role("button", name="Save the career").click()
    expect(tab.locator("#ed-saved")).to_contain_text("Saved.")
    after = saved.read_text(encoding="utf-8")
    assert "  # Checked with the school's IT teacher.\n" in after
    assert after.startswith("# Computer Programmer: written in the career editor")
    assert "Keep older programs working as the business changes." in after
    assert "Keep old programs working as needs change." not in after
    assert main(["-C", str(root), "check", "-q"]) == 0
    context.close()
    assert errors == []


def test_the_main_page_offers_occupations_without_a_record(browser: Any,
                                                            site: tuple[str, Path]) -> None:
    from playwright.sync_api import expect

    url, _ = site
    context, tab, errors = open_page(browser)
    tab.goto(url)
    search = tab.get_by_label("Search by job title or occupation code")
    search.fill("coder")
    expect(tab.locator("#search-count")).to_have_text("1 of 2 careers match")
    expect(tab.get_by_label("Medical Records Technician")).to_be_visible()
    search.fill("292072")
    expect(tab.get_by_label("Medical Records Technician")).to_be_visible()
    expect(tab.get_by_label("Electrician")).to_be_hidden()
    search.fill("programmer")
    start = tab.get_by_role("link", name="Start this career: Computer Programmers")
    expect(start).to_be_visible()
    start.click()
    expect(tab.locator("#e-soc")).to_have_value("15-1251")
    context.close()
    assert errors == []


def test_the_editor_on_a_phone(browser: Any, site: tuple[str, Path]) -> None:
    from playwright.sync_api import expect

    url, _ = site
    context, tab, errors = open_page(browser, 390, 844)
    tab.goto(url + "editor")
    tab.get_by_label("Job title or occupation").fill("medical coder")
    edit = tab.get_by_role("link", name="Edit this career: Medical Records Technician")
    expect(edit).to_be_visible()
    assert tab.evaluate("document.scrollingElement.scrollWidth") <= 390
    tab.goto(url + "editor/electrician")
    expect(tab.locator("#ed-pages img").first).to_be_visible()
    assert tab.evaluate("document.scrollingElement.scrollWidth") <= 390
    no_serious_violations(tab, "phone, editing")
    context.close()
    assert errors == []


def test_the_spanish_text_is_edited_beside_the_english(browser: Any,
                                                        site: tuple[str, Path]) -> None:
    from playwright.sync_api import expect

    url, root = site
    es = root / "data" / "careers" / "es" / "electrician.yaml"
    es.parent.mkdir()
    shutil.copy(ROOT / "data" / "careers" / "es" / "electrician.yaml", es)
    before = es.read_text(encoding="utf-8")
    context, tab, errors = open_page(browser)
    tab.goto(url + "editor/electrician")
    english, spanish = tab.locator("#e-role-duties-0"), tab.get_by_label("Duty 1, in Spanish")
    expect(spanish).to_have_value("Lee planos para decidir por dónde van cables y accesorios.")
    assert spanish.bounding_box()["x"] > english.bounding_box()["x"] + 200  # side by side
    expect(tab.locator("#ed-pages img").first).to_be_visible()
    spanish.fill("Lee los planos para saber por dónde pasan cables y accesorios.")
    tab.get_by_label("Language").select_option("es")
    expect(tab.get_by_alt_text("Electricista, page 1 of 2")).to_be_visible()
    pdf = tab.request.get(url.rstrip("/") + tab.locator("#ed-pdf a").get_attribute("href"))
    from pypdf import PdfReader

    shown = PdfReader(io.BytesIO(pdf.body())).pages[0].extract_text()
    assert "Lee los planos para saber por dónde pasan cables" in shown
    tab.screenshot(path=str(root.parent / "spanish.png"), full_page=False)
    no_serious_violations(tab, "editing the Spanish beside the English")
    tab.get_by_role("button", name="Save the career").click()
    expect(tab.locator("#ed-saved")).to_contain_text("Saved.")
    after = es.read_text(encoding="utf-8")
    assert after != before
    assert "    - Lee los planos para saber por dónde pasan cables y accesorios.\n" in after
    assert after.startswith("# Electrician, en español")
    context.close()
    assert errors == []
