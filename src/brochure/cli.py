"""The command line: build, check, list, schema, init, import, new and serve."""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from brochure import __version__
from brochure.errors import BrochureError, DataError, UsageError

if TYPE_CHECKING:
    from brochure.build import Outcome
    from brochure.project import Project

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


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
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get("BROCHURE_DEBUG"):
            raise
        print(f"internal error: {type(exc).__name__}: {exc}\n"
              "  hint: this is a bug; run again with BROCHURE_DEBUG=1 to see where",
              file=sys.stderr)
        return EXIT_FAILED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="brochure", description="Print-ready career handouts from career records "
        "and official BLS figures. Works on the project folder it is run in.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-C", "--project", type=Path, default=Path("."), metavar="DIR",
                        help="the project folder (default: the current folder)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = sub.add_parser("build", help="build brochures into the output folder")
    build.add_argument("careers", nargs="*", metavar="CAREER_ID",
                       help="careers to build (default: every career)")
    build.add_argument("--layout", default=None, metavar="NAME",
                       help="page layout: handout, trifold or flyer (default: handout, or the "
                            "project's brochure.yaml)")
    build.add_argument("--out", type=Path, default=None, metavar="DIR",
                       help="output folder (default: output/ in the project)")
    build.add_argument("--paper", choices=("letter", "a4"), default=None,
                       help="paper size (default: letter, or the project's brochure.yaml)")
    build.add_argument("--bleed", action="store_true",
                       help="print-shop file: 0.125 in (3 mm) bleed, crop marks, trim box")
    build.add_argument("--brand", type=Path, default=None, metavar="FILE",
                       help="brand file: organisation, logo, colours, contact, event")
    build.add_argument("--grayscale", "--greyscale", action="store_true",
                       help="grey only, for printers and copiers that print colour badly")
    build.add_argument("--state", default=None, metavar="XX",
                       help="also print this state's pay and jobs, such as TX")
    build.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                       help="brochures built at once (default: one per core)")
    build.add_argument("--force", action="store_true",
                       help="rebuild every brochure, even those whose inputs have not changed")
    build.add_argument("--bundle", type=Path, default=None, metavar="FILE",
                       help="also write one PDF of everything built, with a cover and "
                            "contents, each brochure starting on a new sheet")
    build.set_defaults(run=_build)

    check = sub.add_parser("check", help="validate every career and layout and the fit; "
                                         "write nothing; print the problems and a summary")
    check.add_argument("-q", "--quiet", action="store_true",
                       help="print nothing but errors")
    check.set_defaults(run=_check)

    listing = sub.add_parser("list", help="list the careers and layouts")
    listing.set_defaults(run=_list)

    schema = sub.add_parser("schema", help="print the career record's JSON Schema")
    schema.set_defaults(run=_schema)

    init = sub.add_parser("init", help="start a new project folder with an example career")
    init.add_argument("folder", type=Path, metavar="DIR")
    init.set_defaults(run=_init)

    _import_parsers(sub)

    new = sub.add_parser("new", help="write a starter career record for an occupation in "
                                     "the tables")
    new.add_argument("--soc", required=True, metavar="CODE", help="its SOC code, such as "
                     "15-1252")
    new.add_argument("--id", dest="career_id", metavar="ID",
                     help="the record's id and file name (default: from the title)")
    new.add_argument("--onet", type=Path, metavar="FOLDER",
                     help="O*NET database files to draft titles, duties and education notes "
                          "from (default: data/onet/ when it exists)")
    new.set_defaults(run=_new)

    serve = sub.add_parser("serve", help="a page in your web browser to choose careers, set "
                                         "your brand, preview and download")
    serve.add_argument("--port", type=int, default=8000, metavar="N",
                       help="the port to listen on (default: 8000)")
    serve.add_argument("--host", default="127.0.0.1", metavar="ADDRESS",
                       help="the address to listen on (default: 127.0.0.1, this computer "
                            "only); any other lets other computers reach the page")
    serve.set_defaults(run=_serve)
    return parser


def _import_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    importer = sub.add_parser(
        "import", help="refresh the tables from files exactly as BLS and O*NET ship them")
    sources = importer.add_subparsers(dest="source", required=True, metavar="SOURCE")
    oews = sources.add_parser(
        "oews", help="BLS OEWS: national_M<year>_dl.xlsx, state_M<year>_dl.xlsx, or the "
                     "flat file oe.data.0.Current (with oe.area, oe.occupation, oe.footnote)")
    oews.add_argument("files", nargs="+", type=Path, metavar="FILE")
    oews.set_defaults(run=_import_oews)
    projections = sources.add_parser(
        "projections", help="BLS Employment Projections occupation.xlsx (Table 1.2)")
    projections.add_argument("file", type=Path, metavar="FILE")
    projections.set_defaults(run=_import_projections)
    for parser in (oews, projections):
        parser.add_argument("--dry-run", action="store_true",
                            help="report what would change; write nothing")
    onet = sources.add_parser(
        "onet", help="O*NET database files (text or Excel) into data/onet/, for 'new'")
    onet.add_argument("files", nargs="+", type=Path, metavar="FOLDER_OR_FILE")
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
            print(f"built     {outcome.path}  ({_pages(outcome.pages)})")
        elif outcome.status == "unchanged":
            print(f"unchanged {outcome.path}")
        else:
            print(f"error: {outcome.message}", file=sys.stderr)
            code = max(code, _exit_code(outcome))
    counts = {status: sum(o.status == status for o in outcomes)
              for status in ("built", "unchanged")}
    failed = [o for o in outcomes if o.status in ("failed", "invalid")]
    print(f"{counts['built']} built, {counts['unchanged']} unchanged, {len(failed)} failed")
    for outcome in failed:
        first = outcome.message.splitlines()[0] if outcome.message else outcome.career_id
        print(f"  failed: {outcome.career_id}: {first}")
    return code


def _exit_code(outcome: Outcome) -> int:
    return EXIT_USAGE if outcome.status == "invalid" else EXIT_FAILED


def _pages(count: int) -> str:
    return f"{count} page{'' if count == 1 else 's'}"


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


def _build(args: argparse.Namespace) -> int:
    from brochure.build import Batch, build, default_jobs
    from brochure.compose import Options
    from brochure.project import DEFAULT_LAYOUT

    project = _project(args)
    config = project.config
    options = Options(paper=args.paper or config.paper or "letter", bleed=args.bleed,
                      grayscale=args.grayscale, state=_state(project, args.state))
    brand = project.brand(args.brand)
    ids = args.careers or project.career_ids()
    if not ids:
        raise project.no_careers()
    for career_id in ids:
        if career_id not in project.career_ids():
            project.load_career(career_id)  # raises a UsageError with a did-you-mean hint
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    out = args.out if args.out is not None else project.root / "output"
    layout_id = args.layout or config.layout or DEFAULT_LAYOUT
    batch = Batch(project, layout_id, brand, options, out, force=args.force)
    outcomes = build(batch, ids, jobs=args.jobs or default_jobs(), progress=_progress())
    code = _report(outcomes)
    if args.bundle is not None:
        from brochure.pack import bundle

        ready = [o for o in outcomes if o.status in ("built", "unchanged") and o.path]
        if ready:
            pages = bundle([o.path for o in ready if o.path], args.bundle, project, brand,
                           options)
            noun = "brochure" if len(ready) == 1 else "brochures"
            print(f"bundled {len(ready)} {noun} into {args.bundle} ({_pages(pages)})")
    return code


def _state(project: Project, state: str | None) -> str | None:
    """The state code as the tables know it, or a UsageError naming the valid codes."""
    if state is None:
        return None
    code = state.strip().upper()
    states = project.tables.states
    if code in states:
        return code
    by_name = {name.lower(): c for c, name in states.items()}
    if state.strip().lower() in by_name:
        return by_name[state.strip().lower()]
    import difflib

    close = difflib.get_close_matches(state.strip().lower(), list(by_name), n=1, cutoff=0.7)
    hint = (f"did you mean {by_name[close[0]]} ({states[by_name[close[0]]]})?" if close
            else "use a two-letter code such as TX: " + " ".join(sorted(states)))
    raise UsageError(f"no state '{state}' in the BLS tables\n  hint: {hint}")


def _check(args: argparse.Namespace) -> int:
    """Validate every career and fit it to every layout on every paper; print only the
    problems (grouped by career) and a one-line summary."""
    from brochure.build import Batch, Outcome, build, default_jobs
    from brochure.compose import Options
    from brochure.freshness import project_warnings
    from brochure.layout import PAPERS

    project = _project(args)
    if not project.career_ids():
        raise project.no_careers()
    brand = project.brand(None)
    ids, layouts = project.career_ids(), project.layout_ids()
    per_career = len(layouts) * len(PAPERS)
    show = None if args.quiet else _progress("checking ", clear=True)
    total = len(ids) * (1 + per_career)
    outcomes: list[Outcome] = []
    valid = []
    try:
        for done, career_id in enumerate(ids, start=1):  # a record's own problems once
            try:
                project.load_career(career_id)
            except DataError as exc:
                outcomes.append(Outcome(career_id, "invalid", str(exc)))
                total -= per_career
            else:
                valid.append(career_id)
            if show:
                show(done, total)
        for number, (layout_id, paper) in enumerate(itertools.product(layouts, PAPERS)):
            batch = Batch(project, layout_id, brand, Options(paper=paper), None)

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
        print(f"error: {outcome.message}", file=sys.stderr)
    if not args.quiet:
        for problem in project_warnings(project):
            print(f"warning: {problem}", file=sys.stderr)
        fit = sum(o.status == "checked" for o in outcomes)
        print(f"checked {_count(len(ids), 'career')} in {_count(len(layouts), 'layout')} on "
              f"{_count(len(PAPERS), 'paper')}: {fit} fit, {len(failed)} failed")
    return max((_exit_code(o) for o in failed), default=EXIT_OK)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


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
    from brochure.career import Career

    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              **Career.model_json_schema()}
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from brochure.project import standard_folder

    folder: Path = args.folder
    if (folder / "data" / "careers").exists():
        raise UsageError(f"{folder} already holds a project (it has data/careers)")
    example = standard_folder() / "data" / "careers" / "medical-records-technician.yaml"
    (folder / "data" / "careers").mkdir(parents=True, exist_ok=True)
    (folder / "output").mkdir(exist_ok=True)
    shutil.copyfile(example, folder / "data" / "careers" / example.name)
    brand = Path("examples") / "brand.yaml"
    if not (folder / "examples").exists():  # where the README's `--brand examples/brand.yaml` looks
        shutil.copytree(standard_folder() / "examples", folder / "examples")
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
                       lambda contents: oews.merge(contents, releases), args.dry_run)
    print("\n".join(lines))
    return EXIT_OK


def _import_projections(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from brochure.importers import projections
    from brochure.importers.update import update_bls

    table = projections.read(args.file)
    lines = update_bls(_project(args), "Employment Projections", [table.describe()],
                       lambda contents: replace(contents, projections_header=table.header,
                                                projections=table.rows), args.dry_run)
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
    from brochure.starter import career_id, starter

    project = _project(args)
    soc = args.soc.strip()
    if not re.fullmatch(r"\d{2}-\d{4}", soc):
        raise UsageError(f"'{soc}' is not a SOC code\n  hint: write it as two digits, a "
                         "hyphen and four digits, such as 15-1252")
    tables = project.tables
    if tables.title(soc) is None:
        raise UsageError(f"SOC code {soc} is not in the BLS tables\n  hint: "
                         f"{tables.soc_hint(soc)}")
    source = args.onet
    if source is None and (project.root / "data" / "onet").is_dir():
        source = project.root / "data" / "onet"
    found = onet.occupation(onet.Files.find([source]), soc) if source else None
    new_id = args.career_id or career_id(found.title if found else tables.title(soc) or soc)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", new_id) or len(new_id) > 60:
        raise UsageError(f"'{new_id}' cannot be an id\n  hint: use lower-case letters, "
                         "digits and single hyphens, such as software-developer")
    path = project.career_path(new_id)  # an existing <id>.yml counts too
    if path.exists():
        raise UsageError(f"{project.display(path)} already exists; nothing written\n"
                         "  hint: edit it, or choose another name with --id")
    text = starter(soc, new_id, tables, found)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as f:
        f.write(text)
    drafted = (f" with drafts from {found.version or 'O*NET'} ({found.code})" if found
               else "")
    if source and not found:
        drafted = f" (O*NET has no occupation under {soc})"
    print(f"wrote {project.display(path)}{drafted}\n"
          f"  fill in every TODO and rewrite every DRAFT, then run 'brochure check'")
    return EXIT_OK


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
