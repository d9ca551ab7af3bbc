"""Layouts as data: the Plan's geometry, fitting and overflow, and layout file errors."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from conftest import MINIMAL, ROOT, files_in


def _plan(career_id: str = "medical-records-technician", root: Path = ROOT):  # type: ignore[no-untyped-def]
    from brochure.compose.compose import compose
    from brochure.project import Project

    project = Project(root)
    career = project.load_career(career_id)
    return compose(career, project.tables.figures(career), project.layout("handout"))


def test_handout_plan_geometry_and_section_placement() -> None:
    plan = _plan()
    assert plan.page_size == (612.0, 792.0) and plan.bleed == 0
    assert [p.name for p in plan.pages] == ["front", "back"]
    front = {f.name: f for f in plan.pages[0].frames}
    band = front["title-band"].box
    live_width = 612 - 2 * 28.8  # 0.4 in margins at the sides
    assert (band.x, band.y) == (28.8, 25.2)
    assert round(band.width, 2) == round(0.75 * live_width, 2)
    assert round(band.height, 2) == round(0.206 * (792 - 25.2 - 21.6), 2)
    assert front["title-band"].background == "#1d4e89"
    # Its text starts on the page's left edge of text: no padding at the sides.
    assert (front["title-band"].inset, front["role"].box.x) == (0.0, 28.8)
    # The band's colour reaches out to the printable edge; its text stays inside the margins.
    colour = front["title-band"].background_box
    assert (colour.x, colour.y) == (18.0, 18.0)
    assert round(colour.x + colour.width, 2) == round(front["qr-band"].box.x, 2)
    # Every frame stays inside the 0.25 in that office printers cannot reach.
    for page in plan.pages:
        for frame in page.frames:
            box = frame.box
            assert box.x >= 18 and box.y >= 18
            assert box.x + box.width <= 612 - 18 and box.y + box.height <= 792 - 18
    headings = {f.name: [b.text for b in f.blocks if getattr(b, "role", "") == "heading"]
                for p in plan.pages for f in p.frames}
    assert headings["role"] == ["What they do", "Where they work", "Education and training"]
    assert headings["side-panel"] == ["Quick facts", "Key skills", "Tools of the trade"]
    assert headings["left-column"] == ["Pay", "First steps"]
    assert headings["right-column"] == ["Where the jobs are", "Job outlook", "Sources"]
    (qr,) = front["qr-band"].blocks[:1]
    assert getattr(qr, "kind", "") == "qr" and qr.height == 1.3 * 72
    charts = [b.kind for p in plan.pages for f in p.frames for b in f.blocks
              if type(b).__name__ == "Chart"]
    assert charts == ["pay-range", "top-states", "outlook"]


def test_data_is_plain_text_in_the_plan_never_markup(project) -> None:  # type: ignore[no-untyped-def]
    from brochure.compose.plan import Run

    folder = project(minimal=MINIMAL.replace("- First duty.", "- '<b>x</b> & y'"))
    plan = _plan("minimal", folder)
    role = next(f for f in plan.pages[0].frames if f.name == "role")
    duties = [b.runs for b in role.blocks if getattr(b, "bullet", None)]
    assert duties[0] == (Run("<b>x</b> & y"),)


def test_long_text_shrinks_to_fit_but_not_below_the_floor(project) -> None:  # type: ignore[no-untyped-def]
    from brochure.render.fit import fit_frame

    extra = "".join(f"    - Duty number {i} " + "with more words " * 11 + "\n" for i in range(7))
    certifications = "  certifications:\n" + "".join(
        f"    - {{name: Certificate {i}, issuer: Board {i}, note: {'Long note words ' * 6}}}\n"
        for i in range(2))
    folder = project(minimal=MINIMAL.replace("    - Third duty.\n", "    - Third duty.\n" + extra)
                     .replace("credential: Certificate}\n", "credential: Certificate}\n"
                              + certifications))
    plan = _plan("minimal", folder)
    role = next(f for f in plan.pages[0].frames if f.name == "role")
    fitted = fit_frame(role, plan, 1)
    assert 9 <= fitted.body_size < 10
    assert fitted.height <= role.box.height


def test_a_page_has_one_body_size_and_its_headings_keep_theirs(project) -> None:  # type: ignore[no-untyped-def]
    from brochure.compose.plan import Text
    from brochure.render.fit import fit

    extra = "".join(f"    - Duty number {i} " + "with more words " * 11 + "\n" for i in range(7))
    workplaces = "".join(f"    - Workplace {i} " + "word " * 13 + "\n" for i in range(9))
    folder = project(minimal=MINIMAL.replace("    - Third duty.\n", "    - Third duty.\n" + extra)
                     .replace("  workplaces: [Hospitals]\n", "  workplaces:\n" + workplaces))
    fitted = fit(_plan("minimal", folder))
    front, back = fitted.pages
    # The long duties shrink the whole front page's body text, and only the front's.
    role = next(f for f in front.frames if f.frame.name == "role")
    assert {f.body_size for f in front.frames} == {role.body_size}
    assert 9 <= role.body_size < 10
    assert {f.body_size for f in back.frames} == {10}
    sizes = {(p.block.role, p.flowable.style.fontSize) for f in front.frames  # type: ignore[attr-defined]
             for p in f.placed if isinstance(p.block, Text)}
    assert ("heading", 11.5) in sizes and ("title", 26) in sizes
    assert ("body", role.body_size) in sizes
    assert ("bullet", role.body_size) in sizes


def test_overflow_names_the_file_field_layout_paper_and_amount(project, run,  # type: ignore[no-untyped-def]
                                                              tmp_path: Path) -> None:
    duties = "".join(f"    - Duty {i} " + "word " * 37 + "\n" for i in range(7))
    workplaces = "".join(f"    - Workplace {i} " + "word " * 10 + "\n" for i in range(6))
    paths = "".join(f"    - {{name: Path {i} {'in words ' * 8}, length: 2 years, "
                    "credential: Degree}\n" for i in range(4))
    folder = project(minimal=MINIMAL.replace("    - Third duty.\n", "    - Third duty.\n" + duties)
                     .replace("  workplaces: [Hospitals]\n", "  workplaces:\n" + workplaces)
                     .replace("credential: Certificate}\n", "credential: Certificate}\n" + paths))
    result = run("-C", folder, "build", "--out", tmp_path / "out")
    assert result.code == 1
    too_long = ("data/careers/minimal.yaml:7:3: role.duties: too long for the handout (Letter), "
                "page 1, box 'role', by 77 pt (1.06 in) even at 9 pt")
    assert result.err == (
        f"error: {too_long}\n"
        "  hint: shorten these fields: role.duties (line 7), education.paths (line 32), "
        "role.workplaces (line 18), education.typical_entry (line 30), role.schedule "
        "(line 25)\n")
    # The summary names the career once: the message itself starts with its file.
    assert result.out == f"0 built, 0 unchanged, 1 failed\n  failed: minimal: {too_long}\n"
    assert not (tmp_path / "out").exists() or files_in(tmp_path / "out") == []


def test_overflow_names_the_fields_with_the_most_text_first_on_each_paper(project, run) -> None:  # type: ignore[no-untyped-def]
    paths = "".join(f"    - {{name: Path {i} {'in words ' * 8}, length: 2 years, "
                    "credential: Degree}\n" for i in range(4))
    certifications = "  certifications:\n" + "".join(
        f"    - {{name: Certificate {i}, issuer: Board {i}, note: {'Long note words ' * 10}}}\n"
        for i in range(6))
    folder = project(minimal=MINIMAL.replace("credential: Certificate}\n",
                                             "credential: Certificate}\n" + paths
                                             + certifications))
    result = run("-C", folder, "check")
    assert result.code == 1
    hint = ("  hint: shorten these fields: education.certifications (line 25), education.paths "
            "(line 19), role.duties (line 7), education.typical_entry (line 17), role.schedule "
            "(line 12), role.workplaces (line 11)\n")
    assert result.err == (
        "error: data/careers/minimal.yaml:25:3: education.certifications: too long for the "
        "handout (Letter), page 1, box 'role', by 89 pt (1.23 in) even at 9 pt\n" + hint
        + "error: data/careers/minimal.yaml:25:3: education.certifications: too long for the "
        "handout (A4), page 1, box 'role', by 50 pt (0.69 in) even at 9 pt\n" + hint)
    assert result.out == "checked 1 career in 3 layouts on 2 papers: 4 fit, 2 failed\n"


def test_each_frame_knows_the_record_fields_its_sections_print() -> None:
    from brochure.output.overflow import fields_printed
    from brochure.project import Project

    layout = Project(ROOT).layout("handout")
    printed = {frame.name: [".".join(map(str, key)) for section in frame.sections
                            for key in fields_printed(layout, section)]
               for frame in layout.spec.pages[0].frames}
    assert printed == {
        "title-band": ["soc", "title", "other_titles", "summary"],
        "qr-band": ["more_info.url"],
        "role": ["role.duties", "role.workplaces", "role.schedule", "education.typical_entry",
                 "education.paths", "education.certifications"],
        "side-panel": ["education.time_to_enter", "sources.0.year", "role.skills", "role.tools"],
    }


def test_a_box_that_prints_nothing_from_the_record_says_so() -> None:
    from brochure.errors import FitError, Place

    error = FitError("welder", "flyer", "a4", 1, "right-column",
                     ("pay-compact", "top-states"), 20.4, 9)
    assert str(error) == (
        "welder: too long for the flyer (A4), page 1, box 'right-column', by 20 pt (0.28 in) "
        "even at 9 pt\n  hint: its sections (pay-compact, top-states) print no field of the "
        "career's file; choose another layout, or give the box more room in this one")
    located = error.located("data/careers/welder.yaml", (Place("summary", 5, 10),))
    assert str(located).startswith("data/careers/welder.yaml:5:10: summary: too long for the ")
    again = pickle.loads(pickle.dumps(located))  # a worker process hands it back whole
    assert (str(again), again.fields, again.over) == (str(located), located.fields, 20.4)


@pytest.fixture
def layout_copy(project):  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    shutil.copytree(ROOT / "layouts" / "handout", folder / "layouts" / "handout")
    return folder


@pytest.mark.parametrize(("old", "new", "at", "expected"), [
    ("margins: {top: 0.35in,", "margins: {top: 0.1in,", "0.1in",
     "margins.top: puts the top of the live area closer than 0.25in to the edge on letter\n"
     "  hint: office printers cannot print there\n"
     "layouts/handout/layout.yaml:{line}:{col}: margins.top: puts the top of the live area "
     "closer than 0.25in to the edge on a4\n  hint: office printers cannot print there"),
    ("width: 75%, height: 20.6%", "width: 110%, height: 20.6%", "{name: title-band",
     "pages[0].frames[0]: frame 'title-band' reaches outside the live area of its panel on "
     "letter\nlayouts/handout/layout.yaml:{line}:{col}: pages[0].frames[0]: frame 'title-band' "
     "reaches outside the live area of its panel on a4"),
    ("background: panel", "background: sky", "sky",
     "pages[0].frames[3].background: unknown colour 'sky'"),
    ("key-skills, tools]", "key-skills, toolz]", "toolz",
     "pages[0].frames[3].sections[3]: no template toolz.j2 in the layout or in layouts/common"),
    ("height: 20.6%, background", "height: 2 inches, background", "2 inches",
     "pages[0].frames[0].height: is not in the expected form, got '2 inches'"),
    ("paper: letter", "paper: legal", "legal",
     "paper: must be one of 'letter' or 'a4', got 'legal'"),
])
def test_layout_errors_are_located(layout_copy: Path, run, old: str, new: str, at: str,
                                   expected: str) -> None:  # type: ignore[no-untyped-def]
    path = layout_copy / "layouts" / "handout" / "layout.yaml"
    text = path.read_text()
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text)
    before = text[:text.index(at)]
    line, col = before.count("\n") + 1, len(before) - before.rfind("\n")
    result = run("-C", layout_copy, "build")
    assert result.code == 2
    expected = expected.format(line=line, col=col)
    assert result.err == f"error: layouts/handout/layout.yaml:{line}:{col}: {expected}\n"


def test_a_template_using_an_unknown_style_is_reported(layout_copy: Path, run) -> None:  # type: ignore[no-untyped-def]
    (layout_copy / "layouts" / "handout" / "tools.j2").write_text("<p style='loud'>x</p>\n")
    result = run("-C", layout_copy, "build")
    assert result.code == 2
    assert result.err.endswith("layouts/handout/tools.j2:1:1: <p> uses unknown style 'loud'\n")


def test_a_template_with_an_undefined_name_fails_loudly(layout_copy: Path, run) -> None:  # type: ignore[no-untyped-def]
    (layout_copy / "layouts" / "handout" / "tools.j2").write_text("<p>{{ career.salary }}</p>\n")
    result = run("-C", layout_copy, "build")
    assert result.code == 2
    assert "tools.j2:1:1: tools: template error: 'brochure.model.career.Career object' has no " \
           "attribute 'salary'" in result.err
