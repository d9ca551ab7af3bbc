"""Layouts as a chain: a project's templates and theme over the standard ones, templates that
include others and call macros, and template errors at the line that wrote them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import MINIMAL, ROOT, pdf_text


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def mine(project) -> Path:  # type: ignore[no-untyped-def]
    """A project with its own layout `mine`: the handout's geometry, its own templates
    beside it, everything else from the standard folders."""
    folder: Path = project(minimal=MINIMAL)
    (folder / "layouts" / "mine").mkdir(parents=True)
    shutil.copy(ROOT / "layouts" / "handout" / "layout.yaml", folder / "layouts" / "mine")
    return folder


def test_a_project_common_template_replaces_that_section_only(project, run,  # type: ignore[no-untyped-def]
                                                              tmp_path: Path) -> None:
    from brochure.project import Project

    folder = project(minimal=MINIMAL)
    _write(folder, {"common/pay.j2": "<h>Pay at our school</h>\n"
                                     "<p>Median: {{ figures.pay.median | money }}.</p>\n"})
    result = run("-C", folder, "build", "--out", tmp_path / "out")
    assert result.code == 0, result.err
    back = pdf_text(tmp_path / "out" / "minimal-handout.pdf")[1]
    assert "PAY AT OUR SCHOOL Median: $" in back
    assert "median yearly pay in the U.S." not in back  # the standard pay section is gone
    for heading in ("FIRST STEPS", "WHERE THE JOBS ARE", "JOB OUTLOOK", "SOURCES"):
        assert heading in back
    ours, standard = Project(folder).layout("handout"), Project(ROOT).layout("handout")
    assert (ours.colours, ours.styles) == (standard.colours, standard.styles)


def test_a_project_theme_changes_one_colour_and_keeps_the_rest(project) -> None:  # type: ignore[no-untyped-def]
    from brochure.compose.compose import compose
    from brochure.compose.plan import Chart
    from brochure.project import Project

    folder = project(minimal=MINIMAL)
    _write(folder, {"common/theme.yaml": 'colours: {muted: "#445566"}\n'
                                         "styles:\n"
                                         "  note: {size: 9.5, leading: 12, colour: muted}\n"})
    ours, standard = Project(folder), Project(ROOT)
    layout, before = ours.layout("trifold"), standard.layout("trifold")
    assert layout.colours == {**before.colours, "muted": "#445566"}
    assert {k: v for k, v in layout.styles.items() if k != "note"} == \
        {k: v for k, v in before.styles.items() if k != "note"}
    assert (layout.styles["note"].size, layout.styles["note"].leading) == (9.5, 12)
    career = ours.load_career("minimal")
    figures = ours.tables.figures(career)

    def muted(layout: object) -> set[str]:
        """The colour the plan's charts print their quiet text in."""
        plan = compose(career, figures, layout)  # type: ignore[arg-type]
        return {b.ink.muted for p in plan.pages for f in p.frames for b in f.blocks
                if isinstance(b, Chart)}

    assert muted(layout) == {"#445566"}
    assert muted(before) == {before.colours["muted"]} != {"#445566"}


def test_a_project_theme_naming_an_unknown_colour_is_located(project, run) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    _write(folder, {"common/theme.yaml": "styles:\n"
                                         "  note: {size: 9.5, leading: 12, colour: sky}\n"})
    result = run("-C", folder, "check")
    assert result.code == 2
    assert result.err.startswith(
        "error: layouts/common/theme.yaml:2:42: styles.note.colour: unknown colour 'sky'\n"
        "  hint: known colours: ink, muted, primary, ")


@pytest.mark.parametrize(("style", "message"), [
    ("{size: huge, colour: muted}",
     "layouts/common/theme.yaml:2:16: styles.note.size: unknown size 'huge'\n"
     "  hint: the theme's sizes: title, lead, heading, body, caption\n"),
    ("{size: 9.5, colour: muted}",
     "layouts/common/theme.yaml:2:9: styles.note: give a leading with a size in points\n"),
])
def test_a_style_takes_a_size_of_the_scale_or_points_with_a_leading(  # type: ignore[no-untyped-def]
        project, run, style: str, message: str) -> None:
    folder = project(minimal=MINIMAL)
    _write(folder, {"common/theme.yaml": f"styles:\n  note: {style}\n"})
    result = run("-C", folder, "check")
    assert result.code == 2
    assert result.err == f"error: {message}"


def test_a_project_theme_can_change_a_size_of_the_scale(project) -> None:  # type: ignore[no-untyped-def]
    from brochure.project import Project

    folder = project(minimal=MINIMAL)
    _write(folder, {"common/theme.yaml": "sizes:\n  heading: {size: 12, leading: 15}\n"})
    layout = Project(folder).layout("handout")
    # Every style on the heading size follows; the others keep theirs.
    assert layout.size("heading") == (12, 15) and layout.size("subheading") == (12, 13.5)
    assert layout.size("body") == Project(ROOT).layout("handout").size("body")


def test_a_template_includes_another_and_calls_macros_along_the_chain(mine, run,  # type: ignore[no-untyped-def]
                                                                      tmp_path: Path) -> None:
    from brochure.output.overflow import fields_printed
    from brochure.project import Project

    _write(mine, {
        "mine/tools.j2": '{% from "lists.j2" import bullets %}\n'
                         '{% from "macros.j2" import steps %}\n'
                         '{% include "tools-heading.j2" %}\n'
                         "{{ bullets(career.role.workplaces) }}\n"
                         '{{ steps("Begin here", career.first_steps) }}\n',
        "mine/tools-heading.j2": "<h>Where and how</h>\n",
        "common/lists.j2": "{% macro bullets(items) %}\n{% for item in items %}\n"
                           "<li>Place: {{ item }}</li>\n{% endfor %}\n{% endmacro %}\n",
    })
    result = run("-C", mine, "build", "--layout", "mine", "--out", tmp_path / "out")
    assert result.code == 0, result.err
    front = pdf_text(tmp_path / "out" / "minimal-mine.pdf")[0]
    assert "WHERE AND HOW • Place: Hospitals BEGIN HERE 1. Step one. 2. Step two." in front
    # An overflowing box names the fields its included templates and macros print.
    fields = fields_printed(Project(mine).layout("mine"), "tools")
    assert fields == (("role", "workplaces"), ("first_steps",))


def test_a_missing_include_is_an_error_at_its_line(mine, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tools = mine / "layouts" / "mine" / "tools.j2"
    _write(mine, {"mine/tools.j2": '<h>Tools</h>\n\n{% include "tool-list.j2" %}\n'})
    result = run("-C", mine, "build", "--layout", "mine", "--out", tmp_path / "out")
    assert result.code == 2
    assert result.err == (f"error: {tools}:3:1: tools: template error: no template "
                          "'tool-list.j2' in the layout or in layouts/common\n")


@pytest.mark.parametrize("name", ["../handout/layout.yaml", "layout.yaml",
                                  "../../data/careers/minimal.yaml"])
def test_only_templates_along_the_chain_can_be_included(mine, run, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                        name: str) -> None:
    _write(mine, {"mine/tools.j2": f'{{% include "{name}" %}}\n'})
    result = run("-C", mine, "build", "--layout", "mine", "--out", tmp_path / "out")
    assert result.code == 2
    assert result.err.endswith(f"tools.j2:1:1: tools: template error: no template {name!r} in "
                               "the layout or in layouts/common\n")


def test_a_markup_error_points_at_the_line_that_wrote_it(mine, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tools = mine / "layouts" / "mine" / "tools.j2"
    _write(mine, {"mine/tools.j2": "{# Tools #}\n{% if career.role.tools %}\n<h>Tools</h>\n"
                                   "{% endif %}\n  <chart kind=\"pie\" height=\"40\"/>\n"})
    result = run("-C", mine, "build", "--layout", "mine", "--out", tmp_path / "out")
    assert result.code == 2
    assert result.err == (f"error: {tools}:5:3: unknown chart kind 'pie'; known: pay-range, "
                          "top-states, outlook\n")


@pytest.mark.parametrize(("included", "message"), [
    ("<blink>Tools</blink>\n",
     "unknown element <blink>; use p, h, li, table, chart, qr, logo, icon or facts"),
    ('<qr size="big"/>\n', "<qr> size 'big' is not a length"),
    ('<logo align="middle"/>\n', "<logo> align must be left, centre or right"),
    ("<p style='loud'>x</p>\n", "<p> uses unknown style 'loud'"),
    ('<table widths="1,0"><tr><td>a</td><td>b</td></tr></table>\n',
     "a width must be a positive number, got '0'"),
])
def test_a_markup_error_in_an_included_template_points_into_it(mine, run, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                               included: str,
                                                               message: str) -> None:
    _write(mine, {"mine/tools.j2": '<h>Tools</h>\n{% include "tool-list.j2" %}\n',
                  "common/tool-list.j2": included})
    result = run("-C", mine, "build", "--layout", "mine", "--out", tmp_path / "out")
    assert result.code == 2
    assert result.err == f"error: {mine / 'layouts' / 'common' / 'tool-list.j2'}:1:1: {message}\n"


def test_a_markup_error_in_a_macro_points_into_its_file(mine, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _write(mine, {"mine/tools.j2": '{% import "parts.j2" as parts %}\n'
                                   "{{ parts.tools(career.role.tools) }}\n",
                  "mine/parts.j2": "{% macro tools(items) %}\n<h>Tools</h>\n"
                                   "<chart kind=\"tools\"/>\n{% endmacro %}\n"})
    result = run("-C", mine, "build", "--layout", "mine", "--out", tmp_path / "out")
    assert result.code == 2
    assert result.err == (f"error: {mine / 'layouts' / 'mine' / 'parts.j2'}:3:1: unknown chart "
                          "kind 'tools'; known: pay-range, top-states, outlook\n")


@pytest.mark.parametrize(("included", "line", "message"), [
    ("<p>One</p>\n\n<p>Two <b>three</p>\n", 3, "template makes invalid markup: mismatched tag"),
    ("<p>One</p>\n<p>Salt & pepper</p>\n", 2,
     "template makes invalid markup: not well-formed (invalid token)"),
    ("<p>One</p>\n\n\n<p>{{ career.salary }}</p>\n", 4,
     "template error: 'brochure.model.career.Career object' has no attribute 'salary'"),
])
def test_other_errors_in_an_included_template_point_into_it(mine, run, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                            included: str, line: int,
                                                            message: str) -> None:
    _write(mine, {"mine/tools.j2": '<h>Tools</h>\n{% include "tool-list.j2" %}\n',
                  "mine/tool-list.j2": included})
    result = run("-C", mine, "build", "--layout", "mine", "--out", tmp_path / "out")
    assert result.code == 2
    path = mine / "layouts" / "mine" / "tool-list.j2"
    assert result.err == f"error: {path}:{line}:1: tools: {message}\n"


@pytest.mark.parametrize("where", ["mine/tools.j2", "mine/tool-list.j2"])
def test_a_syntax_error_is_reported_at_its_line(mine, run, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                where: str) -> None:
    _write(mine, {"mine/tools.j2": '<h>Tools</h>\n{% include "tool-list.j2" %}\n',
                  "mine/tool-list.j2": "<p>One</p>\n"})
    _write(mine, {where: "<p>One</p>\n{% if %}\n"})
    result = run("-C", mine, "build", "--layout", "mine", "--out", tmp_path / "out")
    assert result.code == 2
    assert result.err == (f"error: {mine / 'layouts' / where}:2:1: tools: template error: "
                          "Expected an expression, got 'end of statement block'\n")


def test_a_template_that_includes_itself_is_an_error_not_a_crash(mine, run,  # type: ignore[no-untyped-def]
                                                                 tmp_path: Path) -> None:
    tools = mine / "layouts" / "mine" / "tools.j2"
    _write(mine, {"mine/tools.j2": '<h>Tools</h>\n{% include "tools.j2" %}\n'})
    result = run("-C", mine, "build", "--layout", "mine", "--out", tmp_path / "out")
    assert result.code == 2
    assert result.err == (f"error: {tools}:2:1: tools: template error: templates include or "
                          "call each other without end\n")


def test_data_cannot_pose_as_a_line_mark(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mark = "<?brochure-line 0 99?>"
    folder = project(minimal=MINIMAL.replace("- First duty.", f"- '{mark} First duty.'"))
    result = run("-C", folder, "build", "--out", tmp_path / "out")
    assert result.code == 0, result.err
    assert f"{mark} First duty." in pdf_text(tmp_path / "out" / "minimal-handout.pdf")[0]
