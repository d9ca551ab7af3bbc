"""Text as printed: clean-up, the typeface, links, PDF metadata, figures and size limits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from conftest import MINIMAL, assert_valid_pdf, pdf_text

FILE = "data/careers/minimal.yaml"
PDF = "minimal-handout.pdf"


def build(project, run, out: Path, text: str) -> str:  # type: ignore[no-untyped-def]
    result = run("-C", project(minimal=text), "build", "--out", out)
    assert result.code == 0, result.err
    assert_valid_pdf(out / PDF)
    return " ".join(pdf_text(out / PDF))


def test_text_is_nfc_normalised_and_whitespace_folded(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    summary = '"  Cafe\\u0301 \\t cre\\u0300me\\n\\nbru\\u0302le\\u0301e,\\u00a0ca\\u00adreer  "'
    text = build(project, run, tmp_path, MINIMAL.replace("A short summary line.", summary))
    assert " Café crème brûlée, career Scan for the BLS handbook WHAT THEY DO" in text
    assert "\u0301" not in text and "\u00ad" not in text


def test_accented_latin_and_vietnamese_print_in_every_face(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    words = {"title": "Kỹ thuật viên",  # bold, large
             "other": "Điều dưỡng, Ő ű, Łódź",  # italic
             "skill": "Tiếng Việt",  # bold within a paragraph
             "why": "Người ứng tuyển phải biết: ệ ộ ữ ỹ",  # regular
             "cert": "Chứng chỉ ŞĞİ"}  # table cell, bold
    text = (MINIMAL.replace("title: Test Career", f"title: {words['title']}")
            .replace("soc: 29-2072", f"other_titles: [{words['other']}]\nsoc: 29-2072")
            .replace("{name: Care, why: It matters.}",
                     f"{{name: {words['skill']}, why: '{words['why']}'}}")
            .replace("first_steps:", "  certifications:\n"
                     f"    - {{name: {words['cert']}, abbreviation: '{words['cert']}', "
                     "issuer: Bộ Y tế}\nfirst_steps:"))
    printed = build(project, run, tmp_path, text)
    for word in words.values():
        assert word in printed, word


@pytest.mark.parametrize(("field", "old", "new", "where", "chars"), [
    ("title", "title: Test Career", "title: 看護師", "3:8", "'師' (U+5E2B), '看' (U+770B), "
                                                           "'護' (U+8B77)"),
    ("other_titles[0]", "soc: 29-2072", "other_titles: [Медсестра]\nsoc: 29-2072", "4:16",
     "'М' (U+041C), 'а' (U+0430), 'д' (U+0434), 'е' (U+0435), 'р' (U+0440), 'с' (U+0441), "
     "'т' (U+0442)"),
    ("role.skills[0].why", "why: It matters.}", "why: Caring 💙}", "14:25", "'💙' (U+1F499)"),
    ("more_info.label", "label: More,", "label: 'Ω is Greek',", "22:20", "'Ω' (U+03A9)"),
])
def test_a_character_the_typeface_lacks_is_named_with_its_field(project, run, field: str,
                                                                old: str, new: str, where: str,
                                                                chars: str) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL.replace(old, new))
    result = run("-C", folder, "build")
    assert result.code == 2
    assert result.err == (f"error: {FILE}:{where}: {field}: the typeface cannot print {chars}\n"
                          "  hint: replace or remove the character\n")
    assert not (folder / "output").exists()


def test_the_check_knows_exactly_the_characters_the_renderer_can_draw() -> None:
    """Validation reads the font files' character maps; the renderer draws from reportlab's
    reading of the same files: they must agree on every character, in every face."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    from brochure.model.glyphs import COMMON, FACE_FILES, FILES, coverage, missing_characters

    drawn = frozenset.intersection(*(frozenset(TTFontFile(str(FILES / name)).charToGlyph)
                                     for name in FACE_FILES.values()))
    assert coverage() == drawn
    assert drawn >= COMMON  # the shortcut for everyday text skips no character it lacks
    assert missing_characters("Ω is Greek; \u00ae, \u2019 and \u20ac are not") == ["Ω"]
    assert missing_characters("tab\tand\nline, bell\x07") == ["\x07"]


def test_checking_a_record_does_not_load_the_renderer() -> None:
    import subprocess
    import sys

    code = ("import sys, brochure.model.validate, brochure.model.career, brochure.model.glyphs\n"
            "from brochure.model.glyphs import missing_characters\n"
            "assert missing_characters('\u5b57') == ['\u5b57']\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'reportlab'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout == "[]\n"


def test_hostile_titles_stay_text_in_the_pdf_metadata(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    title = r"A) Tj (B \\ <b>&amp;</b> «Việt»"
    other = "x) /JS (app.alert(1)"
    text = (MINIMAL.replace("title: Test Career", f"title: '{title}'")
            .replace("soc: 29-2072", f"other_titles: ['{other}']\nsoc: 29-2072")
            .replace("summary: A short summary line.", "summary: '<para>%%EOF</para>'"))
    build(project, run, tmp_path, text)
    meta = PdfReader(tmp_path / PDF, strict=True).metadata
    assert meta is not None
    assert meta.title == f"{title}: career handout"
    assert meta.subject == "<para>%%EOF</para>"
    assert meta["/Keywords"] == f"{title}, {other}, SOC 29-2072, career"


@pytest.mark.parametrize("url", [
    "https://example.org/a(b)c\\\\d",  # parentheses and a backslash: PDF string syntax
    'https://example.org/?q=<b>&x=\\"y\\"&z=%0A',
    "https://example.org/ünïcode/Việt",
    "https://user@example.org:8443/path#frag",
])
def test_links_keep_their_exact_https_address(project, run, tmp_path: Path, url: str) -> None:  # type: ignore[no-untyped-def]
    text = MINIMAL.replace('url: "https://example.org/more"', f'url: "{url}"')
    printed = build(project, run, tmp_path, text)
    expected = json.loads(f'"{url}"')
    uris = [str(a.get_object()["/A"]["/URI"]) for page in PdfReader(tmp_path / PDF).pages
            for a in page.get("/Annots") or []]
    assert uris == [expected]
    # Printed in its short form, without "https://"; the link keeps the full address.
    shown = expected.removeprefix("https://")
    assert "".join(shown.split()) in "".join(printed.split())
    assert "https://" not in printed


@pytest.mark.parametrize(("url", "message"), [
    ("javascript:alert(1)", "must be a full https:// address"),
    ("file:///etc/passwd", "must be a full https:// address"),
    ("data:text/html,<b>x</b>", "must be a full https:// address"),
    ("mailto:x@example.org", "must be a full https:// address"),
    ("http://example.org/", "must be a full https:// address"),
    ("HTTPS://example.org/", "must be a full https:// address"),
    ("https:///etc/passwd", "must be a full https:// address"),
    ("https://exa mple.org/", "must be a full https:// address"),
    (" https://example.org/", "must be a full https:// address"),
    ("//example.org/", "must be a full https:// address"),
    ("https://[::1/x", "must be a full https:// address"),
    ("https://", "too short: 8 characters; at least 9 are needed"),
    ("https://example.org/\\u202e", "contains a bidirectional control character (U+202E); "
                                    "remove it"),
    ("https://example.org/\\u0000", "contains a control or unassigned character (U+0000); "
                                    "remove it"),
    ("https://example.org/\\u200b", "must be a full https:// address without spaces or "
                                    "invisible characters"),
    ("https://example.org/" + "x" * 281, "too long: 301 characters; at most 300 fit here"),
])
def test_only_full_https_addresses_become_links(project, run, url: str, message: str) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL.replace('url: "https://example.org/more"', f'url: "{url}"'))
    result = run("-C", folder, "build")
    assert result.code == 2
    first = result.err.splitlines()[0]
    assert first == f"error: {FILE}:22:31: more_info.url: {message}"


@pytest.mark.parametrize(("figures", "message"), [
    ("pay: {source: x, year: 2025, median: 99999999999}",
     "24:40: figures.pay.median: must be at most 10,000,000, got 99999999999"),
    ("pay: {source: x, year: 2025, median: 0}",
     "24:40: figures.pay.median: must be more than 0, got 0"),
    ("pay: {source: x, year: 2025, median: 50000, pct10: 60000}",
     "24:8: figures.pay: pct10 (60,000) is more than median (50,000); the percentiles must "
     "rise from pct10 to pct90"),
    ("outlook: {source: x, year: 2025, period: x, change_percent: .nan}",
     "24:63: figures.outlook.change_percent: must be a finite number, got '.nan'"),
    ("outlook: {source: x, year: 2025, period: x, change_percent: .inf}",
     "24:63: figures.outlook.change_percent: must be a finite number, got '.inf'"),
    ("outlook: {source: x, year: 2025, period: x, change_percent: -150.0}",
     "24:63: figures.outlook.change_percent: must be at least -100, got -150.0"),
    ("top_states: {source: x, year: 2025, states: [{name: Ohio, employment: 9999999999}]}",
     "24:73: figures.top_states.states[0].employment: must be at most 1,000,000,000, "
     "got 9999999999"),
])
def test_figures_that_cannot_be_printed_or_drawn_are_refused(project, run, figures: str,
                                                             message: str) -> None:  # type: ignore[no-untyped-def]
    text = MINIMAL.replace("sources:", f"figures:\n  {figures}\nsources:")
    result = run("-C", project(minimal=text), "build")
    assert result.code == 2
    assert result.err == f"error: {FILE}:{message}\n"


def test_equal_percentiles_draw_without_dividing_by_zero(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = MINIMAL.replace("sources:", "figures:\n  pay: {source: Test survey, year: 2025, "
                                       "median: 50000, pct10: 50000, pct90: 50000}\nsources:")
    assert "$50,000" in build(project, run, tmp_path, text)


def _walk(schema: dict[str, Any], node: Any, where: str, strings: list[str],
          lists: list[str], bad: list[str]) -> None:
    if isinstance(node, dict):
        if "$ref" in node:
            return  # the definitions are walked on their own
        if node.get("type") == "string":
            strings.append(where)
            if "maxLength" not in node and "enum" not in node:
                bad.append(f"{where}: string without maxLength")
        if node.get("type") == "array":
            lists.append(where)
            if "maxItems" not in node:
                bad.append(f"{where}: list without maxItems")
        for key, value in node.items():
            _walk(schema, value, f"{where}/{key}", strings, lists, bad)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _walk(schema, value, f"{where}[{i}]", strings, lists, bad)


def test_the_schema_states_a_limit_for_every_text_and_list(run) -> None:  # type: ignore[no-untyped-def]
    result = run("schema")
    assert result.code == 0
    schema = json.loads(result.out)
    strings: list[str] = []
    lists: list[str] = []
    bad: list[str] = []
    _walk(schema, {k: v for k, v in schema.items() if k != "$defs"}, "#", strings, lists, bad)
    for name, definition in schema["$defs"].items():
        _walk(schema, definition, f"#/$defs/{name}", strings, lists, bad)
    assert not bad
    assert len(strings) >= 30 and len(lists) >= 10  # the walk really saw the record


def test_a_100000_character_value_is_refused(project, run) -> None:  # type: ignore[no-untyped-def]
    text = MINIMAL.replace("summary: A short summary line.", "summary: " + "x" * 100_000)
    folder = project(minimal=text)
    result = run("-C", folder, "build")
    assert result.code == 2
    assert result.err == (
        f"error: {FILE}:5:10: summary: too long: 100,000 characters; at most 200 fit here\n"
        "  hint: shorten it; the page has room for a sentence or two\n")
    assert not (folder / "output").exists()


def test_a_50000_item_list_is_refused_while_reading(project, run) -> None:  # type: ignore[no-untyped-def]
    # The event pass stops at 5,000 values, long before the whole list is parsed.
    text = MINIMAL.replace("    - First duty.\n", "".join(f"    - Duty {i}.\n"
                                                          for i in range(50_000)))
    folder = project(minimal=text)
    result = run("-C", folder, "build")
    assert result.code == 2
    assert result.err == (
        f"error: {FILE}:4995:7: role.duties[4987]: the file holds more than 5,000 values; a "
        "career record has a few hundred\n  hint: check that this is the right file\n")
    assert not (folder / "output").exists()


def test_a_list_longer_than_its_limit_is_refused_by_the_schema(project, run) -> None:  # type: ignore[no-untyped-def]
    text = MINIMAL.replace("    - First duty.\n", "".join(f"    - Duty {i}.\n"
                                                          for i in range(1_000)))
    result = run("-C", project(minimal=text), "build")
    assert result.code == 2
    assert result.err == f"error: {FILE}:8:5: role.duties: has 1,002 items; at most 10 fit on " \
                         "the page\n"
