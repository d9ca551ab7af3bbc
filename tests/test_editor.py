"""The career editor's handlers without a browser: search, checks in the command line's
words, fit problems at their fields, saving (atomic, never over another record unasked,
keeping a record's comments and key order) and the page's token."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from brochure.errors import DataError
from brochure.project import Project
from brochure.web.editor import record_text
from conftest import ROOT, make_web_project

GOOD: dict[str, Any] = {
    "id": "computer-programmer", "title": "Computer Programmer", "soc": "15-1251",
    "summary": "Writes and tests the code that turns a design into a working program.",
    "role": {"duties": ["Turn a design into code.", "Test programs and fix faults.",
                        "Keep old programs working."],
             "workplaces": ["Software publishers"],
             "schedule": "Mostly full time in an office or from home.",
             "skills": [{"name": "Logic", "why": "A program does exactly what it is told."},
                        {"name": "Patience", "why": "Finding a fault can take hours."}]},
    "education": {"typical_entry": "A bachelor's degree in computer science.",
                  "time_to_enter": "About 4 years",
                  "paths": [{"name": "Bachelor's degree in computer science",
                             "length": "4 years full time",
                             "credential": "Bachelor's degree"}]},
    "first_steps": ["Take a computer science class.", "Write a small game."],
    "more_info": {"label": "BLS Occupational Outlook Handbook",
                  "url": "https://www.bls.gov/ooh/"},
    "sources": [{"name": "Written for this handout from the BLS Occupational Outlook Handbook",
                 "year": 2025}],
}


class Editor:
    def __init__(self, tmp_path: Path, token: bool = True) -> None:
        from brochure.web.app import create_app

        self.root = make_web_project(tmp_path / "project",
                                     careers=["electrician", "medical-records-technician"])
        self.app = create_app(self.root, tmp_path / "work", trusted_hosts=["localhost"])
        self.client = self.app.test_client()
        self.client.environ_base["HTTP_X_BROCHURE_TOKEN"] = self.app.extensions[
            "brochure.token"]
        self.builder = self.app.extensions["brochure.builder"]

    def open(self, path: str) -> str:
        response = self.client.get(path)
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        found = re.search(r'data-draft="([0-9a-f]+)"', html)
        assert found
        self.html = html
        return found[1]

    def check(self, draft: str, career: dict[str, Any], **extra: Any) -> dict[str, Any]:
        response = self.client.post("/api/editor/check",
                                    json={"draft": draft, "career": career, **extra})
        assert response.status_code == 200, response.json
        return dict(response.json or {})

    def save(self, draft: str, career: dict[str, Any], **extra: Any) -> Any:
        return self.client.post("/api/editor/save",
                                json={"draft": draft, "career": career, **extra})

    def preview(self, job: str) -> dict[str, Any]:
        self.builder.wait(self.builder.job(job))
        return dict(self.client.get(f"/api/editor/jobs/{job}").json or {})


@pytest.fixture
def editor(tmp_path: Path) -> Editor:
    return Editor(tmp_path)


def cli_messages(tmp_path: Path, career: dict[str, Any]) -> dict[str, str]:
    """What the command line says about a record: each problem by its field."""
    folder = tmp_path / "cli"
    (folder / "data" / "careers").mkdir(parents=True)
    (folder / "data" / "careers" / f"{career['id']}.yaml").write_text(
        yaml.safe_dump(career, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        Project(folder).load_career(career["id"])
    return {p.field: p.message for p in caught.value.problems}


def test_search_finds_by_other_titles_and_offers_to_start(editor: Editor) -> None:
    hits = editor.client.get("/api/find?q=coder").json["hits"]
    assert hits[0]["career"] == "medical-records-technician"
    assert hits[0]["matched"] == "Coder"
    assert hits[0]["edit"] == "/editor/medical-records-technician"
    hits = editor.client.get("/api/find?q=programmer").json["hits"]
    assert (hits[0]["title"], hits[0]["career"], hits[0]["start"]) == (
        "Computer Programmers", None, "/editor/new?soc=15-1251")
    assert editor.client.get("/api/find?q=292072").json["hits"][0]["soc"] == "29-2072"
    assert editor.client.get("/api/find?q=").json["hits"] == []


def test_a_new_career_starts_from_the_occupation(editor: Editor) -> None:
    editor.open("/editor/new?soc=15-1251")
    assert 'value="computer-programmer"' in editor.html
    assert 'value="Computer Programmer"' in editor.html
    assert re.search(r'id="e-soc"[^>]*value="15-1251"[^>]*readonly', editor.html)
    # The BLS figures are shown beside the form, read from the tables.
    assert "Median pay" in editor.html and "$100,390 a year" in editor.html
    # Every field of the record is in the form.
    for path in ["summary", "role.duties", "role.workplaces", "role.schedule", "role.skills",
                 "role.tools", "education.typical_entry", "education.paths",
                 "education.courses", "education.certifications", "education.accreditation",
                 "advancement", "specialisations", "first_steps", "more_info.url",
                 "sources", "other_titles"]:
        assert f'data-path="{path}"' in editor.html, path


def test_an_unknown_occupation_is_not_found(editor: Editor) -> None:
    assert editor.client.get("/editor/new?soc=99-9999").status_code == 404
    assert editor.client.get("/editor/no-such-career").status_code == 404


def test_a_record_for_the_same_soc_code_is_named(editor: Editor) -> None:
    editor.open("/editor/new?soc=47-2111")
    assert "A career for this occupation already exists" in editor.html
    assert 'href="/editor/electrician"' in editor.html
    assert 'id="e-id" type="text" value="electrician-2"' in editor.html


def test_checks_use_the_command_lines_words(editor: Editor, tmp_path: Path) -> None:
    draft = editor.open("/editor/new?soc=15-1251")
    bad = copy.deepcopy(GOOD)
    bad["more_info"]["url"] = "www.bls.gov/ooh"
    bad["role"]["duties"] = bad["role"]["duties"][:2]
    bad["education"]["time_to_enter"] = "TODO: how long"
    answer = editor.check(draft, bad)
    assert answer["job"] is None
    shown = {p["field"]: p["text"] for p in answer["problems"]}
    said = cli_messages(tmp_path, bad)
    assert set(shown) == set(said) == {"more_info.url", "role.duties",
                                       "education.time_to_enter"}
    for field, message in said.items():
        assert shown[field].lower().startswith(message.lower()), (field, shown[field])
    assert shown["more_info.url"] == "Must be a full https:// address."


def test_a_good_record_is_previewed(editor: Editor) -> None:
    draft = editor.open("/editor/new?soc=15-1251")
    answer = editor.check(draft, GOOD)
    assert answer["problems"] == [] and answer["job"]
    preview = editor.preview(answer["job"])
    assert preview["status"] == "done" and preview["problems"] == []
    assert len(preview["pages"]) == 2
    with editor.client.get(preview["pages"][0]["src"]) as picture:
        assert picture.status_code == 200 and picture.data.startswith(b"\x89PNG")
    # Nothing is written into the project by a check or a preview.
    assert not (editor.root / "data" / "careers" / "computer-programmer.yaml").exists()
    # The page's own builds are not replaced by the editor's preview.
    assert editor.builder.last is None


def test_text_that_does_not_fit_is_shown_at_its_fields(editor: Editor) -> None:
    draft = editor.open("/editor/new?soc=15-1251")
    long = copy.deepcopy(GOOD)
    long["role"]["duties"] = [("Write, test and explain the code of a large program in "
                               "several languages, with care for every reader. ") * 2][0:1] * 10
    long["role"]["duties"] = [d[:199] for d in long["role"]["duties"]]
    answer = editor.check(draft, long, layout="flyer")
    assert answer["problems"] == []
    preview = editor.preview(answer["job"])
    assert preview["status"] == "done"
    assert preview["problems"], "ten long duties should not fit a flyer"
    problem = preview["problems"][0]
    assert problem["text"].startswith("The text does not fit: on page")
    assert problem["fields"][0] == "role.duties", problem
    assert "career's file" not in problem["text"]


def test_save_writes_a_record_the_command_line_reads(editor: Editor) -> None:
    draft = editor.open("/editor/new?soc=15-1251")
    response = editor.save(draft, GOOD)
    assert response.status_code == 200, response.json
    assert response.json["saved"] == "computer-programmer"
    path = editor.root / "data" / "careers" / "computer-programmer.yaml"
    career = Project(editor.root).load_career("computer-programmer")
    assert career.role.duties == GOOD["role"]["duties"]
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Computer Programmer: written in the career editor")
    # In the schema's order, as every record is written.
    keys = [line.split(":")[0] for line in text.splitlines() if re.match(r"^[a-z_]+:", line)]
    assert keys == ["id", "title", "soc", "summary", "role", "education", "first_steps",
                    "more_info", "sources"]
    assert not list(path.parent.glob(".partial-*"))
    # Saved again from the same editor: its own record, no question asked.
    changed = copy.deepcopy(GOOD)
    changed["summary"] = "Writes the code that makes a program work."
    assert editor.save(draft, changed).status_code == 200
    assert "Writes the code that makes a program work." in path.read_text(encoding="utf-8")


def test_a_record_with_mistakes_is_not_saved(editor: Editor) -> None:
    draft = editor.open("/editor/new?soc=15-1251")
    bad = copy.deepcopy(GOOD)
    bad["more_info"]["url"] = "http://example.com"
    response = editor.save(draft, bad)
    assert response.status_code == 400
    assert response.json["problems"][0]["field"] == "more_info.url"
    assert not (editor.root / "data" / "careers" / "computer-programmer.yaml").exists()


def test_never_over_another_record_without_asking(editor: Editor) -> None:
    path = editor.root / "data" / "careers" / "electrician.yaml"
    before = path.read_bytes()
    draft = editor.open("/editor/new?soc=15-1251")
    other = {**copy.deepcopy(GOOD), "id": "electrician"}
    response = editor.save(draft, other)
    assert response.status_code == 409
    assert response.json["ask"] == ("There is already a career named ‘electrician’ "
                                     "(Electrician). Replace it with this one?")
    assert path.read_bytes() == before
    assert editor.save(draft, other, replace=True).status_code == 200
    assert "Computer Programmer" in path.read_text(encoding="utf-8")


def test_editing_keeps_comments_key_order_and_how_values_were_written(editor: Editor) -> None:
    path = editor.root / "data" / "careers" / "electrician.yaml"
    before = path.read_text(encoding="utf-8")
    data = yaml.safe_load(before)
    draft = editor.open("/editor/electrician")
    assert re.search(r'id="e-id"[^>]*readonly', editor.html)
    data["role"]["duties"][1] = "Run conduit and pull new cable through walls."
    response = editor.save(draft, data)
    assert response.status_code == 200, response.json
    after = path.read_text(encoding="utf-8")
    assert after.replace("Run conduit and pull new cable through walls.",
                         "Run conduit and pull cable through walls and ceilings.") == before
    assert Project(editor.root).load_career("electrician").role.duties[1] == \
        "Run conduit and pull new cable through walls."


def test_a_record_changed_on_disk_since_it_was_opened_is_not_overwritten(editor: Editor) -> None:
    path = editor.root / "data" / "careers" / "electrician.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    draft = editor.open("/editor/electrician")
    path.write_text(path.read_text(encoding="utf-8") + "# a note\n", encoding="utf-8")
    response = editor.save(draft, data)
    assert response.status_code == 409
    assert "changed by someone else" in response.json["ask"]
    assert path.read_text(encoding="utf-8").endswith("# a note\n")


def test_changes_need_the_pages_token(tmp_path: Path) -> None:
    editor = Editor(tmp_path)
    draft = editor.open("/editor/new?soc=15-1251")
    del editor.client.environ_base["HTTP_X_BROCHURE_TOKEN"]
    for url in ("/api/editor/check", "/api/editor/save"):
        response = editor.client.post(url, json={"draft": draft, "career": GOOD})
        assert response.status_code == 403
    assert not (editor.root / "data" / "careers" / "computer-programmer.yaml").exists()


def test_an_unknown_draft_is_refused(editor: Editor) -> None:
    response = editor.client.post("/api/editor/save", json={"draft": "0" * 32, "career": GOOD})
    assert response.status_code == 409
    assert "reload the page" in response.json["error"]


@pytest.mark.parametrize("value", ["yes", "No", "1:20", "2026", "null", "~", "- a", "#x",
                                   " padded", "a: b", "'quoted'", "@home"])
def test_text_yaml_would_misread_is_read_back_as_written(value: str) -> None:
    text = record_text({**GOOD, "summary": value}, None)
    assert yaml.safe_load(text)["summary"] == value


def test_a_new_record_matches_the_shipped_records_style() -> None:
    text = record_text(GOOD, None)
    assert "\nrole:\n  duties:\n    - Turn a design into code.\n" in text
    assert "\n\neducation:\n" in text
    assert ROOT.is_dir()


def test_o_net_facts_are_offered_as_drafts_that_are_never_printed(editor: Editor,
                                                                  tmp_path: Path) -> None:
    from publisher_files import ONET_SOC, onet_files

    onet_files(editor.root / "data" / "onet")
    draft = editor.open(f"/editor/new?soc={ONET_SOC}")
    assert "Facts from O*NET, to rewrite" in editor.html
    assert "Synthetic task number 1." in editor.html
    assert "Program Builder" in editor.html
    assert "CC BY 4.0" in editor.html  # the credit added with a draft
    drafted = copy.deepcopy(GOOD)
    drafted["soc"] = ONET_SOC
    drafted["role"]["duties"][0] = "DRAFT: Synthetic task number 1."
    answer = editor.check(draft, drafted)
    assert answer["job"] is None
    assert answer["problems"] == [{"field": "role.duties[0]", "text": (
        "Still a draft copied from O*NET. Rewrite it in your own words, then delete "
        "'DRAFT: '.")}]
    assert editor.save(draft, drafted).status_code == 400


def test_no_o_net_panel_without_its_files(editor: Editor) -> None:
    editor.open("/editor/new?soc=15-1251")
    assert "Facts from O*NET" not in editor.html


def test_a_record_that_is_not_yaml_can_be_opened_and_written_anew(editor: Editor) -> None:
    path = editor.root / "data" / "careers" / "computer-programmer.yml"
    path.write_text("id: computer-programmer\ntitle: [unclosed\n", encoding="utf-8")
    draft = editor.open("/editor/computer-programmer")
    assert 'value="computer-programmer"' in editor.html
    response = editor.save(draft, GOOD)
    assert response.status_code == 200, response.json
    assert Project(editor.root).load_career("computer-programmer").title == GOOD["title"]
    assert not (editor.root / "data" / "careers" / "computer-programmer.yaml").exists()


def test_a_field_added_to_a_record_goes_where_the_form_has_it() -> None:
    before = ("# my record\nid: x\ntitle: X  # the title\nsoc: 15-1251\nsummary: S.\n"
              "first_steps:\n  - One.\n  - Two.\n")
    data = {"id": "x", "title": "X", "other_titles": ["Y"], "soc": "15-1251",
            "summary": "S.", "advancement": ["Lead."], "first_steps": ["One.", "Two."]}
    text = record_text(data, before)
    assert [line.split(":")[0] for line in text.splitlines() if re.match(r"^[a-z_]+:", line)] \
        == ["id", "title", "other_titles", "soc", "summary", "advancement", "first_steps"]
    assert text.startswith("# my record\n") and "title: X  # the title\n" in text
    assert yaml.safe_load(text) == data


# ---- The Spanish text beside the English (issue 16) ----

def spanish_project(editor: Editor) -> tuple[dict[str, Any], dict[str, Any], Path]:
    """The electrician's record and its Spanish text, as the form sends them, with a
    comment written by hand in the Spanish file."""
    es = editor.root / "data" / "careers" / "es" / "electrician.yaml"
    es.parent.mkdir()
    text = (ROOT / "data" / "careers" / "es" / "electrician.yaml").read_text(encoding="utf-8")
    es.write_text(text.replace("role:\n", "role:\n  # Revisado con el maestro electricista.\n",
                               1), encoding="utf-8")
    english = yaml.safe_load((editor.root / "data" / "careers" / "electrician.yaml")
                             .read_text(encoding="utf-8"))
    return english, yaml.safe_load(es.read_text(encoding="utf-8")), es


def test_saving_spanish_writes_its_file_which_the_command_line_accepts(
        editor: Editor) -> None:
    from brochure.cli import main

    english, spanish, es = spanish_project(editor)
    draft = editor.open("/editor/electrician")
    spanish["role"]["duties"][0] = "Lee los planos para saber por dónde pasan los cables."
    spanish["summary"] = ""  # a field left empty is not written...
    assert editor.check(draft, english, spanish=spanish)["problems"] == [
        {"field": "es:summary", "text": "Is not written in Spanish. Write it, or leave "
                                       "every Spanish field empty."}]
    spanish["summary"] = "Instala y repara la electricidad de casas, negocios y fábricas."
    response = editor.save(draft, english, spanish=spanish)
    assert response.status_code == 200, response.json
    after = es.read_text(encoding="utf-8")
    assert "    - Lee los planos para saber por dónde pasan los cables.\n" in after
    assert "role:\n  # Revisado con el maestro electricista.\n" in after
    assert after.startswith("# Electrician, en español")
    (editor.root / "data" / "careers" / "medical-records-technician.yaml").unlink()
    assert main(["-C", str(editor.root), "check", "-q", "--lang", "es"]) == 0
    assert Project(editor.root).load_career("electrician", "es").role.duties[0] \
        .startswith("Lee los planos")


def test_a_new_career_gets_a_new_spanish_file(editor: Editor) -> None:
    draft = editor.open("/editor/new?soc=15-1251")
    spanish: dict[str, Any] = {
        "title": "Programador/a {de computadoras}",
        "summary": "Escribe y prueba el código que convierte un diseño en un programa.",
        "role": {"duties": ["Convierte un diseño en código."],
                 "workplaces": ["Empresas de software"],
                 "schedule": "Casi siempre tiempo completo, en una oficina o desde casa.",
                 "skills": [{"name": "Lógica", "why": "Un programa hace justo lo que se le dice."},
                            {"name": "Paciencia", "why": "Hallar una falla puede llevar horas."}]},
        "education": {"typical_entry": "Una licenciatura en ciencias de la computación.",
                      "time_to_enter": "Unos 4 años",
                      "paths": [{"name": "Licenciatura en computación",
                                 "length": "4 años a tiempo completo",
                                 "credential": "Licenciatura"}]},
        "first_steps": ["Toma una clase de computación.", "Escribe un juego pequeño."],
        "more_info": {"label": "Manual de Perspectivas Ocupacionales de la BLS (en inglés)"},
        "sources": [{"name": "Escrito para esta hoja a partir del manual de la BLS"}]}
    assert editor.check(draft, GOOD, spanish=spanish)["problems"][0]["field"] == \
        "es:role.duties"
    assert editor.save(draft, GOOD, spanish=spanish).status_code == 400
    assert not (editor.root / "data" / "careers" / "es").exists()
    spanish["role"]["duties"] += ["Prueba los programas y corrige fallas.",
                                  "Mantiene al día los programas viejos."]
    response = editor.save(draft, GOOD, spanish=spanish)
    assert response.status_code == 200, response.json
    text = (editor.root / "data" / "careers" / "es" / "computer-programmer.yaml").read_text(
        encoding="utf-8")
    assert text.startswith("# Computer Programmer, en español: el texto de "
                           "computer-programmer.yaml")
    assert Project(editor.root).load_career("computer-programmer", "es").title == \
        "Programador/a {de computadoras}"


def test_a_spanish_field_too_long_is_reported_at_that_field(editor: Editor) -> None:
    english, spanish, es = spanish_project(editor)
    before = es.read_text(encoding="utf-8")
    draft = editor.open("/editor/electrician")
    spanish["role"]["duties"][2] = "Conecta " + "cables, " * 30
    problems = editor.check(draft, english, spanish=spanish)["problems"]
    assert [p["field"] for p in problems] == ["es:role.duties[2]"]
    assert "200" in problems[0]["text"]
    response = editor.save(draft, english, spanish=spanish)
    assert response.status_code == 400
    assert es.read_text(encoding="utf-8") == before


def test_without_spanish_no_spanish_file_is_written(editor: Editor) -> None:
    draft = editor.open("/editor/medical-records-technician")
    english = yaml.safe_load((editor.root / "data" / "careers" /
                              "medical-records-technician.yaml").read_text(encoding="utf-8"))
    response = editor.save(draft, english, spanish={"title": "", "role": {"duties": ["", ""]}})
    assert response.status_code == 200, response.json
    assert not (editor.root / "data" / "careers" / "es").exists()


def test_the_preview_is_in_spanish_when_asked(editor: Editor) -> None:
    english, spanish, _ = spanish_project(editor)
    draft = editor.open("/editor/electrician")
    job = editor.check(draft, english, spanish=spanish, lang="es")["job"]
    assert job
    done = editor.preview(job)
    assert done["pages"] and not done["problems"]
    pdf = editor.root.parent / "work"
    found = [p for p in pdf.rglob("*.pdf") if "electrician" in p.name]
    assert found
    from pypdf import PdfReader

    assert "Electricista" in PdfReader(max(found, key=lambda p: p.stat().st_mtime)) \
        .pages[0].extract_text()
