"""Brochures in Spanish (issue 16): every fixed word from the catalog, the figures written
the US Spanish way, a career's text from its Spanish file or a clean failure naming what is
missing, the bilingual fair pack, and /Lang es."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from pypdf import PdfReader

from brochure.language import catalog_path
from brochure.project import Project
from conftest import FIXTURES, ROOT, pdf_text

SPANISH = ("accountant", "electrician")
"""Careers whose Spanish text is in tests/fixtures/es."""
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|<[^>]+>")


@pytest.fixture
def bilingual(tmp_path: Path) -> Path:
    """A project with the accountant and the electrician in English and Spanish, and the
    welder in English only."""
    folder = tmp_path / "project"
    (folder / "data" / "careers" / "es").mkdir(parents=True)
    for career in (*SPANISH, "welder"):
        shutil.copy(ROOT / "data" / "careers" / f"{career}.yaml", folder / "data" / "careers")
    for career in SPANISH:
        shutil.copy(FIXTURES / "es" / f"{career}.yaml", folder / "data" / "careers" / "es")
    return folder


def _catalog() -> list[tuple[str, str]]:
    """Each message of the Spanish catalog: (English, Spanish); plurals as their forms."""
    with catalog_path("es").open("rb") as po:
        catalog = read_po(po)
    out = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        out += list(zip(ids, strings, strict=False))
    return out


def _english_pieces(msgid: str, msgstr: str) -> list[str]:
    """The words of an English message as they would be printed, between its placeholders
    and markup: those the Spanish does not print the same."""
    pieces = [" ".join(p.split()).strip(" .,;:()·") for p in PLACEHOLDER.split(msgid)]
    return [p for p in pieces if re.search(r"[A-Za-z]{2}", p)
            and p.lower() not in msgstr.lower()]


def _strings(value: object) -> list[str]:
    """Every text in a record or brand, as nested dicts and lists."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _strings(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _strings(v)]
    return []


def test_every_message_is_translated() -> None:
    with catalog_path("es").open("rb") as po:
        catalog = read_po(po)
    empty = [m.id for m in catalog if m.id and (m.fuzzy or not all(
        m.string if isinstance(m.string, tuple) else (m.string,)))]
    assert empty == []
    assert len(catalog) > 100


def test_the_catalog_holds_every_fixed_word_of_the_templates_and_the_code() -> None:
    """What `pybabel extract` finds (babel.cfg) is all in the Spanish catalog: a word added
    to a template without a translation fails here."""
    method_map = [("src/brochure/**.py", "python"), ("layouts/**.j2", "jinja2")]
    options_map = {"layouts/**.j2": {"trimmed": "true"}}
    keywords = {"_": None, "N_": None, "translate": (2,), "translate_plural": (2, 3)}
    found = {m[2] if isinstance(m[2], str) else m[2][0]
             for m in extract_from_dir(ROOT, method_map, options_map, keywords)}
    with catalog_path("es").open("rb") as po:
        catalog = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(po) if m.id}
    assert found - catalog == set()
    assert "Where the jobs are" in found


@pytest.mark.parametrize("layout", ["handout", "trifold", "flyer"])
def test_a_spanish_brochure_prints_no_english_fixed_word(run, bilingual: Path, tmp_path: Path,
                                                         layout: str) -> None:
    out = tmp_path / "out"
    # A state's pay too, where the layout has room for it (the flyer has not, in English
    # either).
    state = ("--state", "NY") if layout != "flyer" else ()
    result = run("build", "accountant", "--lang", "es", "--layout", layout, *state,
                 "--brand", ROOT / "examples" / "brand.yaml", "-C", bilingual, "--out", out)
    assert result.code == 0, result.err
    [pdf] = out.glob("*.pdf")
    text = " ".join(pdf_text(pdf))
    # Leave out what the career and the brand say themselves, the Spanish text and what
    # the English record gives as issued (credentials, their issuers), and BLS's name of
    # the occupation: what is left is fixed words.
    project = Project(bilingual)
    career = project.load_career("accountant", "es")
    brand = project.brand(ROOT / "examples" / "brand.yaml")
    own = [*_strings(career.model_dump()), *_strings(brand.spec.model_dump()),
           project.tables.figures(career).occupation]
    for words in sorted(own, key=len, reverse=True):
        text = text.replace(" ".join(words.split()), " ")
    # Headings print in capitals: compared in any case.
    printed = [piece for msgid, msgstr in _catalog() for piece in _english_pieces(msgid, msgstr)
               if re.search(rf"(?<![\w-]){re.escape(piece)}(?![\w-])", text, re.IGNORECASE)]
    assert printed == []
    assert "mayo de 2025" in text
    if state:
        assert "Nueva York" in text  # the state asked for, in Spanish


def test_spanish_figures_follow_us_spanish(run, bilingual: Path, tmp_path: Path) -> None:
    """es_US (CLDR): a comma between thousands, a point before decimals, the sign of a
    change and a per-cent sign without a space, as US figures are printed."""
    out = tmp_path / "out"
    assert run("build", "accountant", "--lang", "es", "-C", bilingual, "--out", out).code == 0
    text = " ".join(pdf_text(out / "accountant-handout-es.pdf"))
    project = Project(bilingual)
    figures = project.tables.figures(project.load_career("accountant"))
    median, jobs = figures.pay.median.value, figures.employment.value
    change, hourly = figures.outlook.change_percent, figures.pay.hourly_median.value
    assert median is not None and jobs is not None and change is not None
    assert hourly is not None
    assert f"${median:,}" in text and f"{jobs:,} personas" in text
    assert f"${hourly / 100:,.2f} por hora" in text
    assert f"{'+' if change > 0 else '−'}{abs(change):.1f}%" in text
    assert f"{median:,}".replace(",", ".") not in text  # never the European way


def test_tagged_pdf_says_spanish(run, bilingual: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", "accountant", "--lang", "en,es", "-C", bilingual,
               "--out", out).code == 0
    with pikepdf.open(out / "accountant-handout-es.pdf") as pdf:
        assert str(pdf.Root.Lang) == "es-US"
        links = [str(a.Contents) for page in pdf.pages for a in page.obj.get("/Annots", [])]
        assert links and all(link.startswith("Enlace a https://") for link in links)
    with pikepdf.open(out / "accountant-handout.pdf") as pdf:  # English keeps its name
        assert str(pdf.Root.Lang) == "en-US"


def test_a_career_without_spanish_fails_naming_it_and_the_others_build(
        run, bilingual: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", "welder", "accountant", "--lang", "es", "-C", bilingual,
                 "--out", out)
    assert result.code == 1
    assert ("error: welder: no Spanish text: data/careers/es/welder.yaml does not exist\n"
            "  hint: write data/careers/es/welder.yaml with the record's text in Spanish "
            "(title, other_titles, summary, role, education, advancement, specialisations, "
            "first_steps, more_info, sources); see data/careers/README.md") in result.err
    assert sorted(p.name for p in out.glob("*.pdf")) == ["accountant-handout-es.pdf"]


def test_missing_spanish_fields_are_named(run, bilingual: Path, tmp_path: Path) -> None:
    path = bilingual / "data" / "careers" / "es" / "accountant.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\nsummary: >-\n(  .*\n)+", "\n", text)
    text = re.sub(r"\n  schedule: >-\n(    .*\n)+", "\n", text)
    path.write_text(text, encoding="utf-8")
    result = run("build", "accountant", "--lang", "es", "-C", bilingual,
                 "--out", tmp_path / "out")
    assert result.code == 1
    assert ("error: accountant: no Spanish text for summary, role.schedule\n"
            "  hint: add them to data/careers/es/accountant.yaml") in result.err


def test_a_structured_list_must_match_english_where_it_is_written(
        run, bilingual: Path, tmp_path: Path) -> None:
    path = bilingual / "data" / "careers" / "es" / "accountant.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("  skills:"))
    del lines[start + 1:start + 3]  # the first skill's name and why
    path.write_text("".join(lines), encoding="utf-8")
    english = len(Project(bilingual).load_career("accountant").role.skills)
    result = run("build", "accountant", "--lang", "es", "-C", bilingual,
                 "--out", tmp_path / "out")
    assert result.code == 2
    assert (f"data/careers/es/accountant.yaml:{start + 1}:3: role.skills: has {english - 1} "
            f"items; the English record has {english}\n"
            "  hint: write one for each English item, in the same order") in result.err


def test_spanish_text_keeps_the_english_limits(run, bilingual: Path, tmp_path: Path) -> None:
    path = bilingual / "data" / "careers" / "es" / "accountant.yaml"
    text = path.read_text(encoding="utf-8").replace("title: Contador/a\n",
                                                    f"title: {'Contador ' * 12}\n", 1)
    path.write_text(text, encoding="utf-8")
    result = run("build", "accountant", "--lang", "es", "-C", bilingual,
                 "--out", tmp_path / "out")
    assert result.code == 2
    assert "data/careers/es/accountant.yaml:2:8: title:" in result.err


def test_check_in_spanish_lists_every_gap(run, bilingual: Path) -> None:
    result = run("check", "--lang", "es", "-C", bilingual)
    assert result.code == 1
    assert "error: welder: no Spanish text: data/careers/es/welder.yaml does not exist" \
        in result.err
    assert result.out.strip().endswith(
        "checked 3 careers in Spanish in 3 layouts on 2 papers: 12 fit, 1 failed")


def test_the_project_can_choose_spanish(run, bilingual: Path, tmp_path: Path) -> None:
    (bilingual / "brochure.yaml").write_text("lang: es\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run("build", "electrician", "-C", bilingual, "--out", out).code == 0
    assert [p.name for p in out.glob("*.pdf")] == ["electrician-handout-es.pdf"]
    result = run("build", "electrician", "--lang", "fr", "-C", bilingual, "--out", out)
    assert result.code == 2
    assert "no language named 'fr'" in result.err


def test_bilingual_pack_alternates_languages(run, bilingual: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    pack = tmp_path / "pack.pdf"
    result = run("build", *SPANISH, "--lang", "en,es", "--bundle", pack, "-C", bilingual,
                 "--out", out)
    assert result.code == 0, result.err
    project = Project(bilingual)
    order = [(career, lang) for career in SPANISH for lang in ("en", "es")]
    files = [out / f"{career}-handout{'-es' if lang == 'es' else ''}.pdf"
             for career, lang in order]
    counts = [len(PdfReader(f).pages) for f in files]
    # Cover and contents on one sheet, then each brochure from a new sheet.
    assert len(PdfReader(pack).pages) == 2 + sum(n + n % 2 for n in counts)
    pages = pdf_text(pack)
    assert "CAREER FAIR PACK · PAQUETE PARA LA FERIA DE CARRERAS" in pages[0]
    assert "2 careers · 2 carreras" in pages[0]
    assert pages[1].startswith("Contents · Contenido")
    start = 3
    for (career, lang), n in zip(order, counts, strict=True):
        title = project.load_career(career, lang).title
        assert title in pages[start - 1]
        assert ("PERFIL DE CARRERA" if lang == "es" else "CAREER PROFILE") in pages[start - 1]
        assert f"{title} {'página' if lang == 'es' else 'page'} {start}" in pages[1]
        start += n + n % 2
    with pikepdf.open(pack) as pdf:
        parts = [k for k in pdf.Root.StructTreeRoot.K[0].K if k.S == "/Part"]
        assert [str(p.Lang) for p in parts] == ["en-US", "es-US"] * len(SPANISH)


def test_the_page_builds_both_languages_and_a_bilingual_pack(web, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = web()
    (site.root / "data" / "careers" / "es").mkdir()
    shutil.copy(ROOT / "data" / "careers" / "accountant.yaml", site.root / "data" / "careers")
    shutil.copy(FIXTURES / "es" / "accountant.yaml", site.root / "data" / "careers" / "es")
    page = site.get("/").get_data(as_text=True)
    assert re.search(r'<input type="radio" name="lang" value="en,es"[^>]*> English and Spanish, '
                     r'side by side', page)
    progress = site.build(["accountant", "welder"], lang="en,es")
    html = site.results(progress["id"])
    # Each career in English then Spanish; the welder has no Spanish, said in the page.
    previews = re.findall(r'href="/files/([a-z-]+\.pdf)', html)  # not the pack's, hex-named
    assert previews == ["accountant-handout.pdf", "accountant-handout-es.pdf",
                        "welder-handout.pdf"]
    assert "no Spanish text" in html
    name = re.search(r'id="download-pack" href="/files/([^"?]+)', html)
    assert name
    (tmp_path / "pack.pdf").write_bytes(site.get(f"/files/{name[1]}?download=1").data)
    pages = pdf_text(tmp_path / "pack.pdf")
    assert "Contador/a página" in pages[1] and "Accountant page" in pages[1]


def test_every_shipped_career_has_its_spanish_text() -> None:
    """Every record in data/careers has a Spanish file that passes the same checks; that
    they also fit is `brochure check --lang es`."""
    project = Project(ROOT)
    ids = project.career_ids()
    spanish = {p.stem for p in (ROOT / "data" / "careers" / "es").glob("*.yaml")}
    assert spanish == set(ids)
    for career in ids:
        english, translated = project.load_career(career), project.load_career(career, "es")
        assert translated.summary != english.summary  # the text is the Spanish file's
        # what is not text is the English record's
        assert (translated.soc, translated.more_info.url) == (english.soc, english.more_info.url)
        assert [c.name for c in translated.education.certifications] == \
            [c.name for c in english.education.certifications]


def test_a_word_wider_than_its_column_is_hyphenated_in_spanish(run, bilingual: Path,
                                                                tmp_path: Path) -> None:
    """Never cut anywhere: "aproximadamente" in the narrow column of lengths breaks where
    Spanish breaks it, with a hyphen."""
    path = bilingual / "data" / "careers" / "es" / "accountant.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(\n      length: ).*\n", r"\g<1>4 años, aproximadamente\n", text, count=1)
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert run("build", "accountant", "--lang", "es", "-C", bilingual, "--out", out).code == 0
    page = pdf_text(out / "accountant-handout-es.pdf")[0]
    assert "4 años, aproxi- madamente" in page
    assert not re.search(r"aproxim\w*(?<!-) \w*mente", page)
