"""The web page's handlers without a browser: choices, builds, previews, downloads, the brand
form and its messages, uploads, and paths that try to leave the server's folders."""

from __future__ import annotations

import io
import re
import socket
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from brochure.model.palette import darker_shade
from conftest import CAREERS, LOGO, MINIMAL, make_web_project, pdf_text


def text_of(html: str) -> str:
    """The page's words as a reader sees them: tags dropped, entities decoded, spaces folded."""
    import html as html_module

    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", html)).split())


class Controls(HTMLParser):
    """Every form control, every label's `for`, and which controls sit inside a label."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.label_for: set[str] = set()
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "label":
            self.depth += 1
            if found.get("for"):
                self.label_for.add(str(found["for"]))
        elif tag in ("input", "select", "textarea") and found.get("type") != "hidden":
            self.controls.append({**found, "_in_label": "yes" if self.depth else None})

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.depth -= 1


def test_every_field_of_the_page_has_a_label(web) -> None:  # type: ignore[no-untyped-def]
    page = web().get("/")
    assert page.status_code == 200
    controls = Controls()
    controls.feed(page.get_data(as_text=True))
    assert len(controls.controls) > 20
    for control in controls.controls:
        labelled = (control.get("id") in controls.label_for or control["_in_label"]
                    or control.get("aria-label"))
        assert labelled, control
    html = page.get_data(as_text=True)
    # Careers are listed by title with their other titles; the occupation code is searched
    # but not shown, and no code or file name is in the page's words (issue 13).
    assert "Medical Records Technician" in html
    assert 'data-search="medical records technician medical records specialist' in html
    assert "29-2072" in html.split('data-search="medical records technician', 1)[1][:200]
    words = text_of(html)
    assert "Also called Medical Records Specialist" in words
    for jargon in ("SOC", "29-2072", "brand.yaml", "data/careers"):
        assert jargon not in words, jargon


def test_two_careers_build_into_previews_and_downloads(web, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = web()
    progress = site.build(["medical-records-technician", "welder"], paper="a4", state="TX")
    assert progress["status"] == "done" and progress["done"] == progress["total"]
    assert progress["step"] == "Ready: 2 brochures"
    html = site.results(progress["id"])
    pictures = re.findall(r'src="/files/([0-9a-f]{32}-\d\.png)"', html)
    assert len(pictures) == 4  # two pages each
    assert 'alt="Welder, page 2 of 2"' in html
    picture = site.get(f"/files/{pictures[0]}")
    assert picture.status_code == 200 and picture.mimetype == "image/png"
    assert picture.data.startswith(b"\x89PNG")
    # One brochure, as a download named as the command line names it.
    one = site.get("/files/welder-handout-tx-a4.pdf?download=1")
    assert one.status_code == 200 and one.mimetype == "application/pdf"
    assert "attachment" in one.headers["Content-Disposition"]
    (tmp_path / "welder.pdf").write_bytes(one.data)
    assert "Welder" in pdf_text(tmp_path / "welder.pdf")[0]
    assert "Texas" in " ".join(pdf_text(tmp_path / "welder.pdf"))
    # The fair pack and the ZIP.
    pack_name = re.search(r'id="download-pack" href="/files/([^"?]+)\?download=1"', html)
    zip_name = re.search(r'id="download-zip" href="/files/([^"?]+)\?download=1"', html)
    assert pack_name and zip_name
    pack = site.get(f"/files/{pack_name[1]}?download=1")
    assert 'filename=fair-pack-handout-tx-a4.pdf' in pack.headers["Content-Disposition"]
    (tmp_path / "pack.pdf").write_bytes(pack.data)
    text = pdf_text(tmp_path / "pack.pdf")
    assert "CAREER FAIR PACK" in text[0] and "Medical Records Technician" in text[1]
    archive = zipfile.ZipFile(io.BytesIO(site.get(f"/files/{zip_name[1]}").data))
    assert archive.namelist() == ["medical-records-technician-handout-tx-a4.pdf",
                                  "welder-handout-tx-a4.pdf"]


def test_a_second_build_of_the_same_choice_reuses_the_pictures(web) -> None:  # type: ignore[no-untyped-def]
    site = web()
    first = site.results(site.build(["welder"])["id"])
    second = site.results(site.build(["welder"])["id"])
    assert re.findall(r"/files/\w+-\d\.png", first) == re.findall(r"/files/\w+-\d\.png", second)


def test_a_new_choice_replaces_the_build_before_it(web) -> None:  # type: ignore[no-untyped-def]
    site = web()
    first = site.client.post("/api/build", json={"careers": CAREERS}).get_json()["id"]
    second = site.build(["welder"])
    assert second["status"] == "done"
    site.builder.wait(site.builder.job(first))
    assert site.get(f"/api/jobs/{first}").get_json()["status"] in ("cancelled", "done")


# The same words as the command line's, with the same hints, as sentences.
@pytest.mark.parametrize(("choice", "message"), [
    ({"careers": ["nurse"]}, "No career named 'nurse'. Known careers: "
                             "medical-records-technician, registered-nurse, welder."),
    ({"careers": ["welder"], "layout": "../handout"},
     "No layout named '../handout'. Did you mean 'handout'?"),
    ({"careers": ["welder"], "paper": "A3"}, "No paper named 'A3'. Known papers: letter, a4."),
    ({"careers": ["welder"], "paper": ["a4"]}, "The paper must be a name."),
    ({"careers": ["welder"], "state": "XX"},
     "No state 'XX' in the BLS tables. Use a two-letter code such as TX: AK AL AR AZ CA "),
    ({"careers": ["welder"], "state": "Texs"},
     "No state 'Texs' in the BLS tables. Did you mean TX (Texas)?"),
    ({"careers": []}, "Tick at least one career to preview."),
    ({"careers": "welder/../../x"}, "No career named 'welder/../../x'. Did you mean 'welder'?"),
])
def test_choices_that_are_not_offered_are_refused(web, choice: dict[str, object],  # type: ignore[no-untyped-def]
                                                  message: str) -> None:
    response = web().client.post("/api/build", json=choice)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error == message or (message.endswith(" ") and error.startswith(message)), error


def test_the_page_takes_a_state_by_name_as_the_command_line_does(web) -> None:  # type: ignore[no-untyped-def]
    site = web()
    progress = site.build(["welder"], state="texas")
    assert progress["status"] == "done"
    assert "welder-handout-tx.pdf" in site.results(progress["id"])


def test_a_broken_career_is_named_with_its_field_in_plain_words(web) -> None:  # type: ignore[no-untyped-def]
    broken = MINIMAL.replace("id: minimal", "id: broken").replace("title: Test Career",
                                                                   "title: Broken Career")
    broken = broken.replace("  schedule: Full time.", "  shedule: Full time.")
    broken = broken.replace('url: "https://example.org/more"', 'url: "http://example.org"')
    site = web(broken=broken)
    progress = site.build(["broken", "welder"])
    assert progress["step"] == "Ready: 1 brochure, 1 with problems"
    text = text_of(site.results(progress["id"]))
    assert ("1 brochure could not be built Broken Career "
            "role › shedule: Unknown field. Did you mean 'schedule'? "
            "more info › url: Must be a full https:// address.") in text
    assert "broken.yaml" not in text and "Traceback" not in text
    assert "Download PDF" in text  # the good one is still there


def test_text_too_long_for_the_page_names_the_career_and_the_sections(web) -> None:  # type: ignore[no-untyped-def]
    duties = "".join(f"    - Duty {i} " + "word " * 37 + "\n" for i in range(7))
    workplaces = "".join(f"    - Workplace {i} " + "word " * 10 + "\n" for i in range(6))
    paths = "".join(f"    - {{name: Path {i} {'in words ' * 8}, length: 2 years, "
                    "credential: Degree}\n" for i in range(4))
    site = web(minimal=MINIMAL.replace("    - Third duty.\n", "    - Third duty.\n" + duties)
               .replace("  workplaces: [Hospitals]\n", "  workplaces:\n" + workplaces)
               .replace("credential: Certificate}\n", "credential: Certificate}\n" + paths))
    progress = site.build(["minimal"])
    text = text_of(site.results(progress["id"]))
    assert ("Test Career The text does not fit: on page 1, the sections what they do, where "
            "they work and education are 77 pt (1.06 in) too long, even with the text at its "
            "smallest size (9 pt). Shorten role › duties, education › paths, role › workplaces, "
            "education › typical entry or role › schedule in the career's file, or choose "
            "another layout.") in text
    assert "Fair pack" not in text  # nothing was built, so nothing to download


def test_a_broken_saved_brand_stops_the_build_with_its_fields(web) -> None:  # type: ignore[no-untyped-def]
    site = web()
    (site.root / "brand.yaml").write_text("organisation: School\nprimary: '#ffff00'\n")
    (site.root / "brochure.yaml").write_text("brand: brand.yaml\n")
    progress = site.build(["welder"])
    assert progress["status"] == "failed"
    text = text_of(site.results(progress["id"]))
    assert ("The brochures could not be built Main colour: white text on #ffff00 has a "
            "contrast ratio of 1.1:1; it needs at least 4.5:1 to be read easily. Choose a "
            "darker colour.") in text
    # The page shows the saved values and the same problem beside the field.
    page = site.get("/").get_data(as_text=True)
    assert 'value="#ffff00"' in page and "Your saved details have a problem." in page


def test_missing_tables_stop_the_build_with_what_to_do(web) -> None:  # type: ignore[no-untyped-def]
    site = web()
    (site.root / "data" / "bls").mkdir()
    progress = site.build(["welder"])
    assert progress["status"] == "failed"
    assert ("The brochures could not be built Data/bls/ has no OEWS table "
            "(oews_*_national_state_all.csv.gz). Run 'brochure import' with the BLS files "
            "(see README, 'Updating the figures').") in text_of(site.results(progress["id"]))


def _brand_form(**changes: object) -> dict[str, object]:
    form: dict[str, object] = {
        "organisation": "Lakeside High School Careers", "primary": "#0e6b5a",
        "accent": "#b4490f", "contact.email": "careers@lakeside.example.edu",
        "contact.phone": "(555) 010-2030", "event.name": "Spring Careers Fair",
        "event.date": "Friday 12 March 2027", "event.place": "Main Hall",
        "qr": "", "footer": "",
    }
    form.update(changes)
    return form


def test_the_brand_form_saves_the_file_the_command_line_uses(web, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = web()
    (site.root / "brochure.yaml").write_text("paper: a4  # our printers\n")
    response = site.post_form("/brand", _brand_form(
        logo=(io.BytesIO(LOGO.read_bytes()), "school logo.png")))
    assert response.status_code == 303 and response.headers["Location"].endswith("/?saved=1#brand")
    saved = (site.root / "brand.yaml").read_text()
    assert "organisation: Lakeside High School Careers" in saved
    assert saved_logo(site.root).read_bytes() == LOGO.read_bytes()
    assert (site.root / "brochure.yaml").read_text() == (
        "paper: a4  # our printers\nbrand: brand.yaml  # saved from the web page\n")
    page = site.get("/?saved=1").get_data(as_text=True)
    assert "Your details are saved." in page and 'value="Lakeside High School Careers"' in page
    assert site.get("/logo").data == LOGO.read_bytes()
    # The command line picks the brand up from brochure.yaml.
    assert run("-C", site.root, "build", "welder", "--out", tmp_path / "out").code == 0
    assert "Lakeside High School Careers" in " ".join(
        pdf_text(tmp_path / "out" / "welder-handout-a4--lakeside-high-school-careers.pdf"))
    # Saving again without a new file keeps the logo; ticking "remove" drops it.
    logo = saved_logo(site.root)
    site.post_form("/brand", _brand_form(organisation="Lakeside High"))
    assert saved_logo(site.root) == logo
    # A logo is only ever an uploaded file, never a name the form sends.
    site.post_form("/brand", _brand_form(logo="../../secret.png", remove_logo="on"))
    assert "secret" not in (site.root / "brand.yaml").read_text()
    assert "logo" not in (site.root / "brand.yaml").read_text().split("\n", 2)[2]
    assert logo.exists()  # kept one more save: a build may have just read the old brand
    site.post_form("/brand", _brand_form(remove_logo="on"))
    assert not logo.exists()  # then the page's own copy goes


def saved_logo(root: Path) -> Path:
    """The logo file the saved brand.yaml names."""
    found = re.search(r"^logo: (logo-[0-9a-f]{12}\.(png|jpg))$",
                      (root / "brand.yaml").read_text(), re.M)
    assert found, (root / "brand.yaml").read_text()
    return root / found[1]


def test_a_low_contrast_colour_is_refused_and_explained_beside_its_field(web) -> None:  # type: ignore[no-untyped-def]
    site = web()
    response = site.post_form("/brand", _brand_form(primary="#f0e68c"))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Your details were not saved." in html
    field = re.search(r'<input id="f-primary"[^>]*>', html)
    assert field and 'aria-invalid="true"' in field[0]
    assert 'aria-describedby="f-primary-hint f-primary-note f-primary-error"' in field[0]
    error = re.search(r'<p class="error" id="f-primary-error">([^<]*)</p>', html)
    assert error and error[1] == (
        "White text on #f0e68c has a contrast ratio of 1.3:1; it needs at least 4.5:1 to be "
        "read easily. Choose a darker colour.")
    assert 'value="Lakeside High School Careers"' in html  # what was typed is kept
    assert not (site.root / "brand.yaml").exists()


def test_a_good_logo_sent_with_other_mistakes_is_kept_for_the_next_save(web) -> None:  # type: ignore[no-untyped-def]
    site = web()
    response = site.post_form("/brand", _brand_form(
        primary="#f0e68c", logo=(io.BytesIO(LOGO.read_bytes()), "crest.png")))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The logo you chose, ‘crest.png’, is kept: it is saved with the rest when you " \
           "save again." in html
    token = re.search(r'name="pending_logo" value="(\w+)"', html)
    assert token
    response = site.post_form("/brand", _brand_form(pending_logo=token[1]))
    assert response.status_code == 303
    assert saved_logo(site.root).read_bytes() == LOGO.read_bytes()
    # A kept logo is used once; a made-up token is nothing.
    site.post_form("/brand", _brand_form(pending_logo=token[1], remove_logo="on"))
    assert "logo" not in (site.root / "brand.yaml").read_text().split("\n", 2)[2]


@pytest.mark.parametrize(("data", "message"), [
    (b"organisation: not a picture\n", "The file ‘notes.png’ is not a PNG or JPEG image. "
                                       "Choose a PNG or JPEG file under 2 MB."),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 200, "The file ‘notes.png’ is damaged or not a readable "
                                         "image. Choose a PNG or JPEG file under 2 MB."),
])
def test_a_bad_logo_gets_a_clear_message(web, data: bytes, message: str) -> None:  # type: ignore[no-untyped-def]
    site = web()
    response = site.post_form("/brand", _brand_form(
        logo=(io.BytesIO(data), "notes.png")))
    assert response.status_code == 400
    error = re.search(r'<p class="error" id="f-logo-error">([^<]*)</p>',
                      response.get_data(as_text=True))
    assert error and error[1].replace("&#39;", "'") == message
    assert sorted(p.name for p in site.root.iterdir()) == ["data"]  # nothing written


def test_form_mistakes_are_named_by_their_labels(web) -> None:  # type: ignore[no-untyped-def]
    site = web()
    response = site.post_form("/brand", _brand_form(**{
        "contact.email": "careers at school", "event.place": "", "qr": "http://x.example",
        "accent": "orange"}))
    text = text_of(response.get_data(as_text=True))
    for expected in (
            "Accent colour: must be a colour written as #RRGGBB, like #1d4e89.",
            "Email: must be an email address such as careers@school.edu.",
            "Event place: this field is required.",
            "QR code link: must be a full https:// address."):
        assert expected in text
    assert "must be one of" not in text
    # An address typed without https:// is taken as one.
    site.post_form("/brand", _brand_form(**{"contact.website": "www.lakeside.example.edu"}))
    assert "website: https://www.lakeside.example.edu" in (site.root / "brand.yaml").read_text()


def test_an_upload_over_the_limit_is_refused(web) -> None:  # type: ignore[no-untyped-def]
    site = web()
    big = b"\x89PNG\r\n\x1a\n" + b"\0" * 2_300_000
    response = site.post_form("/brand", _brand_form(logo=(io.BytesIO(big), "big.png")))
    assert response.status_code == 413
    error = re.search(r'<p class="error" id="f-logo-error">([^<]*)</p>',
                      response.get_data(as_text=True))
    assert error and error[1] == ("The file you chose is too large. "
                                  "Choose a PNG or JPEG file under 2 MB.")
    assert not (site.root / "brand.yaml").exists()
    # Just under the request limit, over the logo's: the brand's own rule speaks.
    near = b"\x89PNG\r\n\x1a\n" + b"\0" * 2_050_000
    response = site.post_form("/brand", _brand_form(logo=(io.BytesIO(near), "n.png")))
    assert response.status_code == 400
    assert "the limit is 2,000,000" in response.get_data(as_text=True)


@pytest.mark.parametrize(("path", "status"), [
    ("/files/..%2F..%2Fbrochure.yaml", 400), ("/files/%2e%2e", 400),
    ("/files/../pdf/welder-handout.pdf", 400), ("/files/pdf/welder-handout.pdf", 400),
    ("/files/..%5Cwelder-handout.pdf", 400), ("/files/a%5Cwelder-handout.pdf", 400),
    ("/files/%2Fetc%2Fpasswd", 404), ("/files//etc/passwd", 404),
])
def test_downloads_refuse_paths_that_leave_the_folder(web, path: str, status: int) -> None:  # type: ignore[no-untyped-def]
    site = web()
    site.build(["welder"])
    response = site.get(path)
    assert response.status_code == status
    body = response.get_data(as_text=True)
    assert "Traceback" not in body
    assert ("That is not the name of a file this page made." if status == 400
            else "There is no such page.") in body


def test_only_files_the_page_made_are_served(web) -> None:  # type: ignore[no-untyped-def]
    site = web()
    assert site.get("/files/welder-handout.pdf").status_code == 404  # not built yet
    site.build(["welder"])
    assert site.get("/files/welder-handout.pdf").status_code == 200
    assert site.get("/files/.brochures.json").status_code == 404
    response = site.get("/files/brochure-handout.pdf")
    assert response.status_code == 404
    assert "There is no such file; build the brochures again." in response.get_data(as_text=True)


def test_the_form_works_without_javascript(web) -> None:  # type: ignore[no-untyped-def]
    site = web()
    response = site.client.post("/build", data={"careers": ["welder"], "layout": "flyer",
                                                "paper": "letter", "state": ""})
    assert response.status_code == 303
    job_id = re.search(r"job=(\w+)", response.headers["Location"])
    assert job_id
    site.builder.wait(site.builder.job(job_id[1]))
    page = site.get(f"/?job={job_id[1]}").get_data(as_text=True)
    assert 'alt="Welder, page 1 of 1"' in page and 'http-equiv="refresh"' not in page
    assert re.search(r'<option value="flyer"[^>]*selected', page)  # the choice is kept
    nothing = site.client.post("/build", data={"layout": "handout"})
    assert nothing.status_code == 400
    assert "Tick at least one career to preview." in nothing.get_data(as_text=True)


def test_posts_from_other_sites_and_other_host_names_are_refused(web) -> None:  # type: ignore[no-untyped-def]
    site = web()
    response = site.client.post("/api/build", json={"careers": ["welder"]},
                                headers={"Origin": "http://attacker.example"})
    assert response.status_code == 403
    assert response.get_json() == {"error": "This page only accepts changes from itself."}
    other = site.get("/", headers={"Host": "attacker.example"})
    assert other.status_code == 400
    assert other.get_data(as_text=True) == (
        "This page answers only at the address 'brochure serve' printed.\n")


def test_unknown_pages_and_unexpected_failures_are_plain_pages(web, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    site = web()
    missing = site.get("/nowhere")
    assert missing.status_code == 404 and "There is no such page." in missing.get_data(True)
    assert site.get("/api/jobs/nope").get_json()["error"].startswith("There is no such")
    from brochure.web import brandform

    def broken(root: Path) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(brandform, "current", broken)
    failure = site.get("/")
    assert failure.status_code == 500
    body = failure.get_data(as_text=True)
    assert "Something unexpected went wrong on the server." in body
    assert "Traceback" not in body and "disk on fire" not in body


def test_serve_warns_before_listening_beyond_this_computer(run, monkeypatch,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path) -> None:
    import brochure.web.app

    calls = []
    monkeypatch.setattr(brochure.web.app, "serve", lambda *args: calls.append(args))
    result = run("-C", tmp_path, "serve")
    assert result.code == 0 and result.err == ""
    assert calls == [(tmp_path.resolve(), "127.0.0.1", 8000)]
    result = run("-C", tmp_path, "serve", "--host", "0.0.0.0", "--port", "8123")
    assert calls[-1] == (tmp_path.resolve(), "0.0.0.0", 8123)
    assert result.err.startswith("warning: listening on 0.0.0.0: other computers")


def test_serve_says_when_the_port_is_taken(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("-C", tmp_path, "serve", "--port", str(port))
    assert result.code == 2
    assert result.err.startswith(f"error: cannot listen on 127.0.0.1:{port}: ")
    assert "hint: another program may be using the port; choose another with --port" in result.err


def test_the_fair_pack_names_the_brand(web, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = web()
    site.post_form("/brand", _brand_form())
    html = site.results(site.build(["welder", "registered-nurse"])["id"])
    name = re.search(r'id="download-pack" href="/files/([^"?]+)', html)
    assert name
    download = site.get(f"/files/{name[1]}?download=1")
    # named like the command line's branded files, never like an unbranded pack
    assert "filename=fair-pack-handout--lakeside-high-school-careers.pdf" in \
        download.headers["Content-Disposition"]
    (tmp_path / "pack.pdf").write_bytes(download.data)
    reader = PdfReader(tmp_path / "pack.pdf")
    assert reader.metadata is not None
    assert reader.metadata.author == "Lakeside High School Careers"
    assert "Spring Careers Fair" in pdf_text(tmp_path / "pack.pdf")[0]


def test_serve_prints_its_address_serves_the_page_and_stops_cleanly(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import urllib.request

    root = make_web_project(tmp_path / "project", careers=["welder"])
    server = subprocess.Popen(
        [sys.executable, "-m", "brochure", "-C", str(root), "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={
            **os.environ, "TMPDIR": str(tmp_path)})
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        found = re.fullmatch(r"Serving on (http://127\.0\.0\.1:(\d+)/) \(Ctrl\+C to stop\)\n",
                             first)
        assert found, first
        with urllib.request.urlopen(found[1], timeout=10) as response:
            assert response.status == 200 and "Welder" in response.read().decode()
        assert len(list(tmp_path.glob("brochure-web-*"))) == 1  # its own folder
    finally:
        server.send_signal(signal.SIGTERM)
        out, _ = server.communicate(timeout=10)
    assert server.returncode == 0 and out == "stopped\n"
    assert not list(tmp_path.glob("brochure-web-*"))  # gone with it


def test_saving_the_brand_keeps_the_print_inks_written_by_hand(web) -> None:  # type: ignore[no-untyped-def]
    import yaml

    site = web()
    (site.root / "brand.yaml").write_text(
        "organisation: Lakeside\nprimary: '#0e6b5a'\naccent: '#b4490f'\n"
        "cmyk: {primary: [90, 10, 60, 30], accent: [0, 70, 100, 10]}\n")
    (site.root / "brochure.yaml").write_text("brand: brand.yaml\n")
    # The page has no field for the inks: a save keeps them for a colour left as it was,
    # and drops them for a colour changed here (they are then worked out from it).
    site.post_form("/brand", _brand_form(accent="#8a2be2"))
    saved = yaml.safe_load((site.root / "brand.yaml").read_text())
    assert saved["cmyk"] == {"primary": [90, 10, 60, 30]}
    assert saved["accent"] == "#8a2be2"


def test_a_preview_page_opens_large_and_only_pages_this_server_drew_do(web) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    site = web()
    html = site.results(site.build(["welder"])["id"])
    links = re.findall(r'<a class="page" href="/large/([0-9a-f]{32}-\d\.png)"', html)
    assert len(links) == 2
    small = Image.open(io.BytesIO(site.get(f"/files/{links[0]}").data))
    large = site.get(f"/large/{links[0]}")
    assert large.status_code == 200 and large.mimetype == "image/png"
    picture = Image.open(io.BytesIO(large.data))
    assert picture.width >= 3 * small.width
    assert abs(picture.height / picture.width - small.height / small.width) < 0.01
    for name in ("welder-handout.pdf", "0" * 32 + "-1.png", "..%2fbrochure.yaml",
                 f"{links[0].removesuffix('.png')}-large.png"):
        assert site.get(f"/large/{name}").status_code == 404, name


def test_the_details_saved_as_typed_answer_with_what_is_wrong_or_what_was_saved(web) -> None:  # type: ignore[no-untyped-def]
    from werkzeug.test import encode_multipart

    site = web()

    def send(**changes: object) -> dict[str, object]:
        boundary, body = encode_multipart(_brand_form(**changes))
        response = site.client.post("/api/brand", data=body,
                                    content_type=f"multipart/form-data; boundary={boundary}")
        assert response.status_code == 200
        answer: dict[str, object] = response.get_json()
        return answer

    # What was typed is in the field: the message does not quote it back.
    assert send(**{"contact.website": "counseling at lincoln"}) == {
        "saved": False, "shade": None, "messages": [
            {"field": "contact.website", "inline": "Must be a full https:// address.",
             "sentence": "Website: must be a full https:// address."}]}
    refused = send(primary="#f5d76e")
    assert refused["saved"] is False and refused["shade"] == darker_shade("#f5d76e", 4.5)
    assert refused["messages"] == [
        {"field": "primary", "inline": "White text on #f5d76e has a contrast ratio of 1.4:1; "
         "it needs at least 4.5:1 to be read easily. Choose a darker colour.",
         "sentence": "Main colour: white text on #f5d76e has a contrast ratio of 1.4:1; it "
         "needs at least 4.5:1 to be read easily. Choose a darker colour."}]
    assert not (site.root / "brand.yaml").exists()
    saved = send(primary=str(refused["shade"]))
    assert saved == {"saved": True, "school": "Lakeside High School Careers", "logo": False}
    assert f"primary: '{refused['shade']}'" in (site.root / "brand.yaml").read_text()


@pytest.mark.parametrize("pale", ["#f5d76e", "#7fc8b4", "#ffff00", "#ff8a8a", "#cccccc",
                                  "#a0c4ff", "#f5a524"])
def test_the_shade_offered_for_a_pale_colour_passes_only_just_in_the_same_hue(pale: str) -> None:
    from brochure.model.palette import contrast, to_oklch

    shade = darker_shade(pale, 4.5)
    assert 4.5 <= contrast("#ffffff", shade) < 4.65  # dark enough, and no darker than needed
    lightness, chroma, hue = to_oklch(pale)
    assert to_oklch(shade)[0] < lightness
    if chroma > 0.02:
        assert abs((to_oklch(shade)[2] - hue + 180) % 360 - 180) < 4
    assert darker_shade("#1d4e89", 4.5) == "#1d4e89"  # a colour that passes is kept
