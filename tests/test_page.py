"""The main page as a counsellor meets it, in Debian's Chromium (issue 13): what is chosen is
said, school details reach the preview without a Save, pages open large, a refused colour
offers one that passes, the page fits a phone, and axe-core finds no serious problem in any
state. axe-core comes bundled in the axe-playwright-python package (the `test` extra)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import test_browser as shared
from brochure.model.palette import contrast, darker_shade, to_oklch
from conftest import pdf_text
from test_browser import CHROMIUM, Site

browser, page, site = shared.browser, shared.page, shared.site  # the browser tests' fixtures

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium")

READY = re.compile(r"^Ready: \d+ brochures?\.$")


def axe_problems(tab: Any) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now, one line each;
    the rule that a control's name holds its visible words is switched on too."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(tab, options={
        "resultTypes": ["violations"],
        "rules": {"label-content-name-mismatch": {"enabled": True}}})
    return [f"{v['id']}: {v['help']} ({', '.join(str(n['target']) for n in v['nodes'])})"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical") or v["id"] == "label-content-name-mismatch"]


def tick_and_wait(tab: Any, *titles: str) -> None:
    from playwright.sync_api import expect

    for title in titles:
        tab.get_by_role("checkbox", name=re.compile(f"^{re.escape(title)}")).check()
    expect(tab.locator("#status")).to_have_text(READY)
    expect(tab.locator(".brochure")).to_have_count(len(titles))


def test_a_school_name_typed_without_saving_is_in_the_preview(site: Site, page: Any,
                                                              tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page.goto(site.url)
    tick_and_wait(page, "Welder")
    expect(page.locator("#choice-school")).to_have_text("no school details yet")
    page.get_by_label("Organisation's name").fill("Lakeside High School")  # no Save pressed
    expect(page.locator("#brand-result")).to_have_text(
        "Your details are saved. The preview shows them.")
    expect(page.locator("#choice-school")).to_have_text("Lakeside High School")
    expect(page.locator("#status")).to_have_text("Ready: 1 brochure.")
    # The preview's pictures are drawn from this PDF: it has the new name.
    link = page.get_by_role("link", name="Download PDF of Welder")
    expect(link).to_have_attribute("href", re.compile("lakeside-high-school"))
    response = page.request.get(site.url.rstrip("/") + link.get_attribute("href"))
    (tmp_path / "welder.pdf").write_bytes(response.body())
    assert "Lakeside High School" in " ".join(pdf_text(tmp_path / "welder.pdf"))

    # A mistake is not saved, and the page says the preview shows the details saved before.
    page.get_by_label("Email").fill("careers at lakeside")
    page.get_by_label("Email").press("Tab")  # left the field: its mistake is shown
    expect(page.locator("#f-contact-email-error")).to_have_text(
        "Must be an email address such as careers@school.edu.")
    expect(page.locator("#brand-result")).to_have_text(
        "Not saved yet: one thing to put right, marked below. The preview shows the "
        "details saved before.")
    assert "careers at lakeside" not in (site.root / "brand.yaml").read_text()


def test_focus_moves_to_the_result_after_every_save(site: Site, page: Any) -> None:
    from playwright.sync_api import expect

    page.goto(site.url)
    page.get_by_label("Event name").fill("Spring Fair")  # no date or place yet
    page.get_by_role("button", name="Save details").click()
    summary = page.locator("#brand-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Your details were not saved. Put these right and save "
                                    "again:")
    expect(summary.get_by_role("link", name="Event date and time: this field is required.")) \
        .to_have_attribute("href", "#f-event-date")
    page.get_by_label("Event name").fill("")
    page.get_by_role("button", name="Save details").click()
    expect(page.locator("#brand-result")).to_be_focused()
    expect(page.locator("#brand-result")).to_have_text(
        "Your details are saved. The preview shows them.")


def test_a_fresh_visit_says_which_careers_are_still_ticked(site: Site, page: Any) -> None:
    from playwright.sync_api import expect

    page.goto(site.url)
    expect(page.locator("#chosen-text")).to_have_text("No career chosen yet.")
    tick_and_wait(page, "Welder", "Electrician")
    expect(page.locator("#chosen-text")).to_have_text("Chosen: Electrician, Welder.")
    page.goto(site.url)  # a new visit
    expect(page.locator("#chosen-text")).to_have_text(
        "Still ticked from before: Electrician, Welder.")
    expect(page.locator("#choice-careers")).to_have_text("Electrician, Welder")
    page.get_by_role("button", name="Untick all").click()
    expect(page.locator("#chosen-text")).to_have_text("No career chosen yet.")
    expect(page.get_by_label("Search by job title or occupation code")).to_be_focused()


def test_any_page_opens_large_and_the_keys_move_and_close(site: Site, page: Any) -> None:
    from playwright.sync_api import expect

    page.goto(site.url)
    tick_and_wait(page, "Registered Nurse", "Welder")
    dialog = page.get_by_role("dialog")
    title = page.locator("#zoom-title")
    first = page.get_by_role("link", name="Registered Nurse, page 1 of 2")
    first.focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    expect(title).to_have_text("Registered Nurse, page 1 of 2")
    picture = page.locator("#zoom-picture")
    expect(picture).to_have_js_property("complete", True)
    small = first.locator("img").evaluate("i => i.naturalWidth")
    large = picture.evaluate("i => [i.naturalWidth, i.getBoundingClientRect().width]")
    assert large[0] >= 3 * small and large[1] >= 3 * first.bounding_box()["width"]
    page.keyboard.press("ArrowRight")
    expect(title).to_have_text("Registered Nurse, page 2 of 2")
    page.keyboard.press("ArrowRight")
    expect(title).to_have_text("Welder, page 1 of 2")
    expect(picture).to_have_attribute("alt", "Welder, page 1 of 2")
    page.keyboard.press("ArrowLeft")
    expect(title).to_have_text("Registered Nurse, page 2 of 2")
    assert axe_problems(page) == []  # the page with the large view open
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    # Focus returns to the page last shown.
    expect(page.get_by_role("link", name="Registered Nurse, page 2 of 2")).to_be_focused()
    # A click opens one too, and Close closes it.
    page.get_by_role("link", name="Welder, page 2 of 2").click()
    expect(title).to_have_text("Welder, page 2 of 2")
    page.get_by_role("button", name="Close").click()
    expect(page.get_by_role("link", name="Welder, page 2 of 2")).to_be_focused()


@pytest.mark.parametrize("pale", ["#f5d76e", "#7fc8b4", "#ffffff"])
def test_a_refused_colour_offers_the_nearest_shade_that_passes(site: Site, page: Any,
                                                               pale: str) -> None:
    from playwright.sync_api import expect

    page.goto(site.url)
    primary = page.get_by_label("Main colour", exact=True)
    primary.fill(pale)
    shade = darker_shade(pale, 4.5)
    # The shade passes, has the pale colour's hue, and is the lightest that does: one step
    # lighter in OKLCH fails.
    assert contrast("#ffffff", shade) >= 4.5 and to_oklch(shade)[0] < to_oklch(pale)[0]
    if to_oklch(pale)[1] > 0.01:
        assert abs(to_oklch(shade)[2] - to_oklch(pale)[2]) < 3
    # The page works it out as the server does.
    assert page.evaluate("c => window.brochureShade(c, 4.5)", pale) == shade
    offer = page.locator("#f-primary-shade")
    expect(offer).to_contain_text(f"The nearest shade that white text can be read on: {shade}")
    expect(offer).to_contain_text("Pale colours work well as the accent colour")
    # Shown as it would print: no white text on a colour it cannot be read on.
    expect(page.locator("#f-primary-sample")).to_be_visible()
    expect(page.locator("#f-primary-sample span")).to_be_hidden()
    page.get_by_role("button", name=f"Use {shade}").click()
    expect(primary).to_have_value(shade)
    expect(page.locator("#f-primary-note")).to_have_text(
        re.compile(r"^White text on this colour: \d\.\d:1\. Easy to read\.$"))
    expect(offer).to_be_hidden()
    expect(page.locator("#f-primary-sample span")).to_have_text("Aa")
    expect(page.locator("#f-primary-sample span")).to_be_visible()
    expect(page.locator("#brand-result")).to_have_text(
        "Your details are saved. The preview shows them.")
    assert f"primary: '{shade}'" in (site.root / "brand.yaml").read_text()


def test_the_accent_sample_has_no_white_text(site: Site, page: Any) -> None:
    page.goto(site.url)
    page.get_by_label("Accent colour", exact=True).fill("#f5d76e")
    sample = page.locator("#f-accent-sample")
    assert sample.inner_text().strip() == ""
    marks = sample.evaluate("s => Array.from(s.children).map(c => getComputedStyle(c)"
                            ".backgroundColor)")
    assert marks == ["rgb(245, 215, 110)", "rgb(245, 215, 110)"]
    assert sample.evaluate("s => getComputedStyle(s).backgroundColor") == "rgb(255, 255, 255)"


def test_a_phone_never_scrolls_sideways_and_reaches_the_preview(site: Site,
                                                                browser: Any) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.set_default_timeout(30_000)
    tab = context.new_page()
    try:
        tab.goto(site.url)
        width = "document.scrollingElement.scrollWidth"
        assert tab.evaluate(width) <= 390
        assert axe_problems(tab) == []
        tick_and_wait(tab, "Registered Nurse")
        tab.get_by_label("Layout", exact=True).select_option("trifold")
        expect(tab.locator(".brochure a.page.wide").first).to_be_visible()
        expect(tab.locator("#status")).to_have_text(READY)
        assert tab.evaluate(width) <= 390
        assert axe_problems(tab) == []
        # The preview is one link away from the choice.
        tab.get_by_role("link", name="See the preview").click()
        expect(tab.get_by_role("heading", name="Preview and download")).to_be_in_viewport()
        tab.get_by_label("Website").fill("our school")
        tab.get_by_role("button", name="Save details").click()
        expect(tab.locator("#brand-summary")).to_be_visible()
        assert tab.evaluate(width) <= 390
    finally:
        context.close()


def test_axe_finds_no_serious_problem_in_any_state(site: Site, page: Any) -> None:
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(site.url)
    assert axe_problems(page) == []  # empty
    tick_and_wait(page, "Welder", "Medical Records Technician")
    assert axe_problems(page) == []  # chosen, previews shown
    page.get_by_label("Main colour", exact=True).fill("#f5d76e")
    page.get_by_label("Logo file").set_input_files(
        {"name": "notes.png", "mimeType": "image/png", "buffer": b"not a picture"})
    page.get_by_role("button", name="Save details").click()
    expect(page.locator("#brand-summary")).to_be_focused()
    assert axe_problems(page) == []  # errors shown
    (site.root / "data" / "careers" / "welder.yaml").write_text("title: Welder\n")
    page.get_by_label("A4").check()
    expect(page.locator(".problems")).to_be_visible()
    assert axe_problems(page) == []  # a career that cannot be built
    page.get_by_label("Main colour", exact=True).fill("#0e6b5a")
    page.get_by_label("Logo file").set_input_files([])
    page.get_by_label("Organisation's name").fill("Lakeside High School")
    expect(page.locator("#choice-school")).to_have_text("Lakeside High School")
    page.goto(site.url)  # a new visit: the saved details folded away under their name
    expect(page.get_by_text("Lakeside High School: change the details")).to_be_visible()
    expect(page.get_by_label("Organisation's name")).to_be_hidden()
    expect(page.locator("#status")).to_have_text(re.compile("Ready"))
    assert axe_problems(page) == []


# The background an outline is drawn on: the nearest box around it with a colour of its own.
BEHIND = """e => {
  const style = getComputedStyle(e);
  let box = e.parentElement;
  while (box) {
    const bg = getComputedStyle(box).backgroundColor;
    if (bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent") break;
    box = box.parentElement;
  }
  const ground = box ? getComputedStyle(box).backgroundColor
                     : getComputedStyle(document.documentElement).backgroundColor;
  return {colour: style.outlineColor, style: style.outlineStyle,
          width: parseFloat(style.outlineWidth), ground: ground,
          name: e.id || e.textContent.trim().slice(0, 30) || e.outerHTML.slice(0, 60)};
}"""


def _hex(rgb: str) -> str:
    r, g, b = (int(x) for x in re.findall(r"\d+", rgb)[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def test_the_focus_outline_stands_out_3_to_1_everywhere(site: Site, page: Any) -> None:
    from playwright.sync_api import expect

    page.goto(site.url)
    tick_and_wait(page, "Welder")
    page.goto(site.url)  # from the top, by keyboard only: still ticked, built again
    expect(page.locator("#status")).to_have_text(READY)
    seen: list[str] = []
    page.keyboard.press("Tab")
    for _ in range(80):
        if page.evaluate("() => document.activeElement === document.body"):
            break  # past the last control
        found = page.evaluate(f"() => ({BEHIND})(document.activeElement)")
        if found["name"] in seen[:1]:
            break
        seen.append(found["name"])
        assert found["style"] != "none" and found["width"] >= 2, found
        ratio = contrast(_hex(found["colour"]), _hex(found["ground"]))
        assert ratio >= 3, found
        page.keyboard.press("Tab")
    assert len(seen) > 30  # the careers, the layout, the school's fields, the downloads


def test_every_link_and_button_is_named_with_its_visible_words(site: Site, page: Any) -> None:
    page.goto(site.url)
    tick_and_wait(page, "Welder", "Electrician")
    page.get_by_label("Main colour", exact=True).fill("#ffff00")  # the shade's button too
    controls = page.get_by_role("link").all() + page.get_by_role("button").all()
    checked = 0
    for control in controls:
        if not control.is_visible():
            continue
        visible = " ".join(control.evaluate(VISIBLE_WORDS).split()).lower()
        name = control.evaluate("e => e.getAttribute('aria-label') || e.textContent "
                                "|| (e.querySelector('img') || {}).alt || ''")
        assert visible in " ".join(name.split()).lower(), (visible, name)
        checked += 1
    assert checked >= 10
    assert page.get_by_role("link", name="Download PDF of Welder").evaluate(VISIBLE_WORDS) \
        == "Download PDF"


# The words of an element that can be seen: text drawn more than a pixel wide.
VISIBLE_WORDS = """e => {
  const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
  const words = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(node);
    let box = range.getBoundingClientRect();
    let width = box.width;
    // Clipped by a box around it (as text for screen readers only is) counts as unseen.
    for (let up = node.parentElement; up && width > 1; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.overflow === "visible" && style.clipPath === "none") continue;
      const clip = up.getBoundingClientRect();
      width = Math.min(box.right, clip.right) - Math.max(box.left, clip.left);
    }
    if (width > 1 && box.height > 1) words.push(node.textContent);
  }
  return words.join(" ").trim();
}"""
