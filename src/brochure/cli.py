"""The command line: build, check, list, schema, init, import, new and serve."""

from __future__ import annotations

import argparse
import contextlib
import errno
import itertools
import json
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from brochure import __version__
from brochure.errors import BrochureError, DataError, Problem, UsageError, text
from brochure.format import count

if TYPE_CHECKING:
    from brochure.model.brand import Brand
    from brochure.output.build import Outcome
    from brochure.project import Project

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}
"""The languages as the command line's messages name them."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 a brochure failed, 2 bad input)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return int(args.run(args))
    except BrochureError as exc:
        _error(exc.message, exc.hint)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader left (`brochure list | head`): stop quietly
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except OSError as exc:  # the file system refused: the user's to fix, not a bug
        if os.environ.get("BROCHURE_DEBUG"):
            raise
        from brochure.errors import shown

        doing = f"read or write {shown(str(exc.filename), limit=500)}" if exc.filename else ""
        refusal = _refusal(exc, doing)
        _error(refusal.message, refusal.hint)
        return EXIT_USAGE
    except Exception as exc:
        if os.environ.get("BROCHURE_DEBUG"):
            raise
        print("internal error: " + text(f"{type(exc).__name__}: {exc}", "this is a bug; run "
                                        "again with BROCHURE_DEBUG=1 to see where"),
              file=sys.stderr)
        return EXIT_FAILED


def _error(message: str, hint: str | None = None) -> None:
    """Print a user's error: `error: <message>`, then its hint on a line of its own."""
    print(f"error: {text(message, hint)}", file=sys.stderr)


# Why the file system refused, in plain words, and what to do about it.
_REFUSALS = {
    errno.EACCES: ("permission denied", "work in a folder you may write to, or change its "
                                        "permissions"),
    errno.EPERM: ("permission denied", "work in a folder you may write to, or change its "
                                       "permissions"),
    errno.EROFS: ("the disk is read-only", "work in a folder on a disk you can write to"),
    errno.ENOSPC: ("the disk is full", "make room, or work in a folder on another disk"),
    errno.ENOTDIR: ("a part of the path is a file, not a folder", "check the path"),
    errno.EISDIR: ("it is a folder, not a file", "check the path"),
    errno.EEXIST: ("a file is in the way", "check the path"),
    errno.ENOENT: ("no such file or folder", "check the path"),
    errno.ENAMETOOLONG: ("a name in the path is too long", "choose a shorter name"),
}


def _refusal(exc: OSError, doing: str) -> UsageError:
    """`cannot <doing>: <why>` and a hint, for an error the operating system reported."""
    why, hint = _REFUSALS.get(exc.errno or 0, (
        (exc.strerror or type(exc).__name__).lower(),
        "check the path, and that you may read and write there"))
    return UsageError(f"cannot {doing}: {why}" if doing else why, hint)


def _paper(name: str) -> str:
    return name.strip().lower()


def _project_option(parser: argparse.ArgumentParser, default: object,
                    shown: bool = True) -> None:
    # Every command takes -C too, so it may come before or after the command's name; a
    # command's copy has no default, so that it never hides one given before the command.
    parser.add_argument("-C", "--project", type=Path, default=default, metavar="DIR",
                        help="the project folder (default: the current folder); before or "
                             "after the command" if shown else argparse.SUPPRESS)


def _command(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str,
             summary: str, description: str, project: bool = True) -> argparse.ArgumentParser:
    """A command whose --help says what it does in full. It takes -C, which is left out
    of its help when the command works on no project (init, schema)."""
    parser = sub.add_parser(name, help=summary, description=description)
    _project_option(parser, argparse.SUPPRESS, shown=project)
    return parser


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="brochure", description="Print-ready career handouts from career records "
        "and official BLS figures. Works on the project folder it is run in.",
        epilog="Run 'brochure COMMAND --help' for what a command does and its options.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _project_option(parser, Path("."))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = _command(
        sub, "build", "build brochures into the output folder",
        "Build a brochure for each career named, or for every career in data/careers/, "
        "into the output folder, on every core. A brochure whose inputs have not changed "
        "since the last build is left as it is. Files are named <career>-<layout>.pdf, "
        "with -<state>, -a4, -bleed, -grey and -es added for those options and --<brand> "
        "for a brand file, so that no choice replaces another's files.")
    build.add_argument("careers", nargs="*", metavar="CAREER_ID",
                       help="a career's id: its file name in data/careers/ without .yaml, "
                            "such as medical-records-technician (default: every career)")
    build.add_argument("--layout", default=None, metavar="NAME",
                       help="page layout: handout, trifold or flyer (default: handout, or the "
                            "project's brochure.yaml)")
    build.add_argument("--out", type=Path, default=None, metavar="DIR",
                       help="output folder (default: output/ in the project)")
    build.add_argument("--paper", type=_paper, choices=("letter", "a4"), default=None,
                       help="paper size, letter or a4, in any case (default: the project's "
                            "brochure.yaml, else the layout's own: letter for the standard "
                            "ones)")
    build.add_argument("--bleed", action="store_true",
                       help="print-shop file: 0.125 in (3 mm) bleed, crop marks, trim box")
    build.add_argument("--brand", type=Path, default=None, metavar="FILE",
                       help="brand file: organisation, logo, colours, contact, event")
    build.add_argument("--grayscale", "--greyscale", action="store_true",
                       help="grey only, for printers and copiers that print colour badly")
    build.add_argument("--state", default=None, metavar="XX",
                       help="also print this state's pay and jobs: its two-letter code such "
                            "as TX, or its name such as Texas, in any case")
    _lang_option(build, "the brochures' language: en (English) or es (Spanish), or en,es "
                        "for both; with --bundle, en,es makes a bilingual pack (default: the "
                        "project's brochure.yaml, else en)")
    build.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                       help="brochures built at once (default: one per core)")
    build.add_argument("--force", action="store_true",
                       help="rebuild every brochure, even those whose inputs have not changed")
    build.add_argument("--bundle", type=Path, default=None, metavar="FILE",
                       help="also write one PDF of everything built, with a cover and "
                            "contents, each brochure starting on a new sheet; with --lang "
                            "en,es each career's English brochure then its Spanish one")
    build.set_defaults(run=_build)

    check = _command(
        sub, "check", "validate every career and layout and the fit; write nothing; print "
        "the problems and a summary",
        "Validate every career record, every layout and the project's brand, and lay out "
        "every career in every layout on both papers, in memory, to check that its text "
        "fits. Reports each problem with its place in the file, then a one-line summary; "
        "writes nothing.")
    check.add_argument("-q", "--quiet", action="store_true",
                       help="print nothing but errors")
    _lang_option(check, "check the brochures in this language: en, es or en,es; in Spanish "
                        "every career missing Spanish text is named with the fields it lacks "
                        "(default: the project's brochure.yaml, else en)")
    check.set_defaults(run=_check)

    listing = _command(sub, "list", "list the careers and layouts",
                       "List the project's careers by id, as 'build' takes them, and the "
                       "layouts with what each is.")
    listing.set_defaults(run=_list)

    schema = _command(sub, "schema", "print the career record's JSON Schema",
                      "Print the JSON Schema of a career record, for editors that check "
                      "YAML as you type: brochure schema > career.schema.json",
                      project=False)
    schema.set_defaults(run=_schema)

    init = _command(
        sub, "init", "start a new project folder with an example career",
        "Start a project folder: data/careers/ with an example career to edit or copy, and "
        "output/. Layouts and BLS tables come with the program until the project has its "
        "own.", project=False)
    init.add_argument("folder", type=Path, metavar="DIR",
                      help="the folder to start: a new one, or an existing folder that is not "
                           "a project yet")
    init.set_defaults(run=_init)

    _import_parsers(sub)

    new = _command(
        sub, "new", "write a starter career record for an occupation in the tables",
        "Write data/careers/<id>.yaml for an occupation in the BLS tables: its title and "
        "SOC code filled in, a TODO: in every field you write, and drafts from O*NET where "
        "its files are given. Never overwrites a record; when a record for the same SOC "
        "code exists it stops, unless --id names a second one.")
    new.add_argument("--soc", required=True, metavar="CODE", help="its SOC code, such as "
                     "15-1252")
    new.add_argument("--id", dest="career_id", metavar="ID",
                     help="the record's id and file name (default: from the title)")
    new.add_argument("--onet", type=Path, metavar="FOLDER",
                     help="O*NET database files to draft titles, duties and education notes "
                          "from (default: data/onet/ when it exists)")
    new.set_defaults(run=_new)

    serve = _command(
        sub, "serve", "a page in your web browser to choose careers, set your brand, preview "
                      "and download",
        "Serve a page to open in your web browser: choose careers, a layout and print "
        "options, set your brand, preview the brochures and download them. Ctrl+C stops "
        "it.")
    serve.add_argument("--port", type=int, default=8000, metavar="N",
                       help="the port to listen on (default: 8000)")
    serve.add_argument("--host", default="127.0.0.1", metavar="ADDRESS",
                       help="the address to listen on (default: 127.0.0.1, this computer "
                            "only); any other lets other computers reach the page")
    serve.set_defaults(run=_serve)
    return parser


def _import_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    importer = _command(
        sub, "import", "refresh the tables from files exactly as BLS and O*NET ship them",
        "Refresh the project's BLS tables (data/bls/) or its copy of O*NET (data/onet/) "
        "from files exactly as BLS and O*NET publish them, and say what changed for your "
        "careers. Figures older than those the project has are refused without --force.")
    sources = importer.add_subparsers(dest="source", required=True, metavar="SOURCE")
    oews = _command(
        sources, "oews", "BLS OEWS: national_M<year>_dl.xlsx, state_M<year>_dl.xlsx, or the "
                         "flat file oe.data.0.Current (with oe.area, oe.occupation, "
                         "oe.footnote)",
        "Replace the national or the state pay and jobs figures (OEWS) with BLS's.")
    oews.add_argument("files", nargs="+", type=Path, metavar="FILE",
                      help="BLS's national_M<year>_dl.xlsx or state_M<year>_dl.xlsx, or its "
                           "flat file oe.data.0.Current (oe.area, oe.occupation and "
                           "oe.footnote are read from beside it)")
    oews.set_defaults(run=_import_oews)
    projections = _command(
        sources, "projections", "BLS Employment Projections occupation.xlsx (Table 1.2)",
        "Replace the outlook and entry-education figures (Employment Projections) with "
        "BLS's.")
    projections.add_argument("file", type=Path, metavar="FILE",
                             help="BLS's occupation.xlsx, which holds Table 1.2")
    projections.set_defaults(run=_import_projections)
    for parser in (oews, projections):
        parser.add_argument("--dry-run", action="store_true",
                            help="report what would change; write nothing")
        parser.add_argument("--force", action="store_true",
                            help="import figures older than those the project has")
    onet = _command(
        sources, "onet", "O*NET database files (text or Excel) into data/onet/, for 'new'",
        "Copy O*NET's database files into data/onet/, where 'brochure new' drafts titles, "
        "duties and education notes from them.")
    onet.add_argument("files", nargs="+", type=Path, metavar="FOLDER_OR_FILE",
                      help="the folder of O*NET's database files, text or Excel (such as "
                           "db_29_3_text), or some of its files, such as "
                           "'Occupation Data.txt'")
    onet.set_defaults(run=_import_onet)


def _project(args: argparse.Namespace) -> Project:
    from brochure.project import Project

    root = args.project.resolve()
    if not root.is_dir():
        raise UsageError(f"no project folder at {args.project}")
    return Project(root)


def _report(outcomes: list[Outcome]) -> int:
    """Print each result, then a summary naming every failure; return the exit code."""
    code = EXIT_OK
    for outcome in outcomes:
        if outcome.status == "built":
            print(f"built     {outcome.path}  ({count(outcome.pages, 'page')})")
        elif outcome.status == "unchanged":
            print(f"unchanged {outcome.path}")
        else:
            _outcome_error(outcome)
            code = max(code, _exit_code(outcome))
    counts = {status: sum(o.status == status for o in outcomes)
              for status in ("built", "unchanged")}
    failed = [o for o in outcomes if o.status in ("failed", "invalid")]
    print(f"{counts['built']} built, {counts['unchanged']} unchanged, {len(failed)} failed")
    for outcome in failed:
        print(f"  failed: {outcome.career_id}: {_headline(outcome)}")
    return code


def _print_inks(brand: Brand) -> None:
    """The brand's colours as the print-shop files print them: given, or worked out once."""
    from brochure.model.brand import given_inks
    from brochure.render.press import Press

    given = given_inks(brand.spec)
    press = Press(tuple((getattr(brand.spec, name), cmyk) for name, cmyk in given.items()))
    for name in ("primary", "accent"):
        value = getattr(brand.spec, name)
        c, m, y, k = (round(v * 100) for v in press.ink(value))
        source = "from the brand file" if name in given else f"converted from {value}"
        print(f"{name:<8} prints as C {c} M {m} Y {y} K {k} ({source})")


def _preflight(outcomes: list[Outcome]) -> int:
    """A print shop's preflight of each print-shop file written; EXIT_FAILED if one of them
    would be sent back."""
    from brochure.output.preflight import preflight

    code = EXIT_OK
    for outcome in outcomes:
        if outcome.status not in ("built", "unchanged") or outcome.path is None:
            continue
        report = preflight(Path(outcome.path).read_bytes())
        problems = report.problems()
        print(f"preflight {outcome.path}: {'fails' if problems else 'passes'}")
        for line in report.lines():
            print(f"  {line}")
        for warning in report.warnings():
            print(f"warning: {outcome.path}: {warning}", file=sys.stderr)
        if problems:
            _error(f"{outcome.path} would not pass a print shop's preflight: "
                   + "; ".join(problems), "rebuild it: brochure build --bleed --force")
            code = EXIT_FAILED
    return code


def _outcome_error(outcome: Outcome) -> None:
    if outcome.error is not None:
        _error(outcome.error.message, outcome.error.hint)


def _headline(outcome: Outcome) -> str:
    """A failure in one line, for the summary: its (first) problem without the hint."""
    error = outcome.error
    if error is None:
        return outcome.career_id
    if isinstance(error, DataError) and error.problems:
        first = error.problems[0]
        return str(Problem(first.path, first.line, first.column, first.field, first.message))
    return error.message


def _exit_code(outcome: Outcome) -> int:
    return EXIT_USAGE if outcome.status == "invalid" else EXIT_FAILED


def _progress(label: str = "", clear: bool = False) -> Callable[[int, int], None] | None:
    """A one-line progress bar on a terminal; nothing when output goes to a file or pipe.
    With `clear` the bar is wiped when done, so that only what follows stays."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        filled = round(30 * done / total) if total else 30
        bar = f"\r{label}[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}"
        end = "" if done < total else f"\r{' ' * (len(bar) - 1)}\r" if clear else "\n"
        print(bar, end=end, file=sys.stderr, flush=True)

    return show


def _lang_option(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument("--lang", default=None, metavar="LANG", help=help)


def _languages(project: Project, lang: str | None) -> list[str]:
    """The languages asked for: --lang, else the project's brochure.yaml, else English."""
    from brochure.options import languages

    return languages(lang) if lang is not None else [project.config.lang or "en"]


def _build(args: argparse.Namespace) -> int:
    from brochure.options import resolve
    from brochure.output.build import Batch, build, default_jobs

    project = _project(args)
    langs = _languages(project, args.lang)
    choices = [resolve(project, layout=args.layout, paper=args.paper, state=args.state,
                       brand=args.brand, bleed=args.bleed, grayscale=args.grayscale, lang=lang)
               for lang in langs]
    brand = project.brand(choices[0].brand)
    ids = args.careers or project.career_ids()
    if not ids:
        raise project.no_careers()
    for career_id in ids:
        if career_id not in project.career_ids():
            project.load_career(career_id)  # raises a UsageError with a did-you-mean hint
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    out = args.out if args.out is not None else project.root / "output"
    built: dict[str, list[Outcome]] = {}
    for choice in choices:
        batch = Batch(project, choice.layout, brand, choice.options, out, force=args.force)
        built[choice.options.lang] = build(batch, ids, jobs=args.jobs or default_jobs(),
                                           progress=_progress())
    outcomes = [o for lang in langs for o in built[lang]]
    code = _report(outcomes)
    options = choices[0].options
    if options.bleed:
        if not options.grayscale:
            _print_inks(brand)
        code = max(code, _preflight(outcomes))
    if args.bundle is not None:
        from brochure.output.pack import Entry, bundle

        # Each career's brochures side by side, in the languages' order: a bilingual pack
        # interleaves them.
        ready = [Entry(o.path, project.load_career(o.career_id, lang).title, lang)
                 for at in range(len(ids)) for lang in langs
                 for o in [built[lang][at]] if o.status in ("built", "unchanged") and o.path]
        if ready:
            pages = bundle(ready, args.bundle, brand, options, langs)
            print(f"bundled {count(len(ready), 'brochure')} into {args.bundle} "
                  f"({count(pages, 'page')})")
    return code


def _check(args: argparse.Namespace) -> int:
    """Validate every career and fit it to every layout on every paper; print only the
    problems (grouped by career) and a one-line summary."""
    from brochure.freshness import project_warnings
    from brochure.model.layout import PAPERS
    from brochure.options import Options, resolve
    from brochure.output.build import Batch, Outcome, build, default_jobs

    project = _project(args)
    if not project.career_ids():
        raise project.no_careers()
    langs = _languages(project, args.lang)
    brand = project.brand(resolve(project).brand)
    ids, layouts = project.career_ids(), project.layout_ids()
    per_career = len(layouts) * len(PAPERS) * len(langs)
    show = None if args.quiet else _progress("checking ", clear=True)
    total = len(ids) * (1 + per_career)
    outcomes: list[Outcome] = []
    valid = []
    try:
        for done, career_id in enumerate(ids, start=1):  # a record's own problems once
            try:
                for lang in langs:  # its text in each language, every gap named
                    project.load_career(career_id, lang)
            except DataError as exc:
                outcomes.append(Outcome(career_id, "invalid", error=exc))
                total -= per_career
            except BrochureError as exc:
                outcomes.append(Outcome(career_id, "failed", error=exc))
                total -= per_career
            else:
                valid.append(career_id)
            if show:
                show(done, total)
        for number, (lang, layout_id, paper) in enumerate(
                itertools.product(langs, layouts, PAPERS)):
            batch = Batch(project, layout_id, brand, Options(paper=paper, lang=lang), None)

            def step(done: int, _: int, start: int = len(ids) + number * len(valid)) -> None:
                if show:
                    show(start + done, total)

            outcomes += build(batch, valid, jobs=default_jobs(), progress=step)
    finally:
        if show:  # done, or stopped by an error: wipe the bar before any message
            show(total, total)
    failed = sorted((o for o in outcomes if o.status in ("failed", "invalid")),
                    key=lambda o: o.career_id)
    for outcome in failed:
        _outcome_error(outcome)
    if not args.quiet:
        for problem in project_warnings(project):
            print(f"warning: {problem}", file=sys.stderr)
        fit = sum(o.status == "checked" for o in outcomes)
        languages = "" if langs == ["en"] else \
            f" in {' and '.join(LANGUAGE_NAMES[lang] for lang in langs)}"
        print(f"checked {count(len(ids), 'career')}{languages} in "
              f"{count(len(layouts), 'layout')} on {count(len(PAPERS), 'paper')}: {fit} fit, "
              f"{len(failed)} failed")
    return max((_exit_code(o) for o in failed), default=EXIT_OK)


def _list(args: argparse.Namespace) -> int:
    project = _project(args)
    print("careers:")
    for career_id in project.career_ids():
        print(f"  {career_id}")
    if not project.career_ids():
        print(f"  none in {project.careers_looked_in()}")
    print("layouts:")
    for layout_id in project.layout_ids():
        spec = project.layout(layout_id).spec
        print(f"  {layout_id:<12} {spec.description}")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from brochure.model.career import Career

    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              **Career.model_json_schema()}
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from brochure.project import standard_folder

    folder: Path = args.folder
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder; no project started",
                         "give the name of a new folder, such as my-careers")
    if (folder / "data" / "careers").exists():
        raise UsageError(f"{folder} already holds a project (it has data/careers)")
    example = standard_folder() / "data" / "careers" / "medical-records-technician.yaml"
    made = [part for part in (*reversed(folder.parents), folder, folder / "data",
                              folder / "data" / "careers", folder / "output")
            if not (part.exists() or part.is_symlink())]
    brand = Path("examples") / "brand.yaml"
    try:
        (folder / "data" / "careers").mkdir(parents=True, exist_ok=True)
        (folder / "output").mkdir(exist_ok=True)
        shutil.copyfile(example, folder / "data" / "careers" / example.name)
        if not (folder / "examples").exists():  # where `--brand examples/brand.yaml` looks
            shutil.copytree(standard_folder() / "examples", folder / "examples")
    except OSError as exc:
        for part in reversed(made):  # leave nothing half made: a second try starts afresh
            with contextlib.suppress(OSError):
                shutil.rmtree(part / "examples", ignore_errors=True)
                (part / example.name).unlink(missing_ok=True)
                part.rmdir()
        raise _refusal(exc, f"start a project in {folder}") from None
    print(f"started a project in {folder}\n"
          f"  edit {Path('data') / 'careers' / example.name} or add your own careers there,\n"
          f"  then run 'brochure build' in {folder}\n"
          f"  {brand} is an example brand: make it yours, then build with --brand {brand}")
    return EXIT_OK


def _import_oews(args: argparse.Namespace) -> int:
    from brochure.importers import oews
    from brochure.importers.update import update_bls

    releases = oews.read(args.files)
    lines = update_bls(_project(args), "OEWS", [r.describe() for r in releases],
                       lambda contents: oews.merge(contents, releases), args.dry_run,
                       lambda contents: oews.older(contents, releases), args.force)
    print("\n".join(lines))
    return EXIT_OK


def _import_projections(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from brochure.importers import projections
    from brochure.importers.update import update_bls

    table = projections.read(args.file)
    lines = update_bls(_project(args), "Employment Projections", [table.describe()],
                       lambda contents: replace(contents, projections_header=table.header,
                                                projections=table.rows), args.dry_run,
                       lambda contents: projections.older(contents, table), args.force)
    print("\n".join(lines))
    return EXIT_OK


def _import_onet(args: argparse.Namespace) -> int:
    from brochure.importers import onet

    project = _project(args)
    files = onet.Files.find(args.files)
    folder = project.root / "data" / "onet"
    lines = onet.keep(files, folder)
    print(f"read {files.version or 'O*NET database files'}:\n" + "\n".join(lines))
    print(f"wrote {project.display(folder)}/ (kept out of version control by its .gitignore)")
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    import re

    from brochure.importers import onet
    from brochure.importers.starter import career_id, starter

    project = _project(args)
    soc = args.soc.strip()
    if not re.fullmatch(r"\d{2}-\d{4}", soc):
        raise UsageError(f"'{soc}' is not a SOC code",
                         "write it as two digits, a hyphen and four digits, such as 15-1252")
    tables = project.tables
    if tables.title(soc) is None:
        raise UsageError(f"SOC code {soc} is not in the BLS tables", tables.soc_hint(soc))
    source = args.onet
    if source is None and (project.root / "data" / "onet").is_dir():
        source = project.root / "data" / "onet"
    found = onet.occupation(onet.Files.find([source]), soc) if source else None
    new_id = args.career_id or career_id(found.title if found else tables.title(soc) or soc)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", new_id) or len(new_id) > 60:
        raise UsageError(f"'{new_id}' cannot be an id", "use lower-case letters, digits and "
                         "single hyphens, such as software-developer")
    path = project.career_path(new_id)  # an existing <id>.yml counts too
    if path.exists():
        raise UsageError(f"{project.display(path)} already exists; nothing written",
                         "edit it, or choose another name with --id")
    _same_soc(project, soc, args.career_id is not None)
    text = starter(soc, new_id, tables, found)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as f:
            try:
                f.write(text)
            except OSError:
                path.unlink()  # never leave half a record (a full disk)
                raise
    except OSError as exc:
        raise _refusal(exc, f"write {project.display(path)}") from None
    drafted = (f" with drafts from {found.version or 'O*NET'} ({found.code})" if found
               else "")
    if source and not found:
        drafted = f" (O*NET has no occupation under {soc})"
    print(f"wrote {project.display(path)}{drafted}\n"
          f"  fill in every TODO and rewrite every DRAFT, then run 'brochure check'")
    return EXIT_OK


def _same_soc(project: Project, soc: str, second: bool) -> None:
    """Stop when records for `soc` exist already, naming them; only warn when the user
    asked for a second record by giving its id."""
    from brochure.importers.report import project_careers

    found = [project.display(project.careers_dir / f"{career}.yaml")
             for career, code in project_careers(project.careers_dir) if code.strip() == soc]
    if not found:
        return
    names = " and ".join([", ".join(found[:-1]), found[-1]] if len(found) > 1 else found)
    covered = f"{names} already cover{'s' if len(found) == 1 else ''} SOC code {soc}"
    if not second:
        raise UsageError(f"{covered}; nothing written",
                         f"edit {'it' if len(found) == 1 else 'one of them'}, or give --id to "
                         "write another record for the same code")
    print(f"warning: {covered}", file=sys.stderr)


def _serve(args: argparse.Namespace) -> int:
    project = _project(args)
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be a number from 0 to 65535 (0: any free port), "
                         f"not {args.port}")
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: listening on {args.host}: other computers that can reach this one "
              "can use the page, change the brand file and download brochures",
              file=sys.stderr)
    from brochure.web.app import serve

    serve(project.root, args.host, args.port)
    return EXIT_OK
