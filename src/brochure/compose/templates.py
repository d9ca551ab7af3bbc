"""Layout templates: found along the layout's chain of folders, sandboxed, and rendered to the
small block markup compose reads, each block knowing the template line that wrote it."""

from __future__ import annotations

import copy
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import cast
from weakref import WeakKeyDictionary

import jinja2
import jinja2.nodes as nodes
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from brochure import format
from brochure.errors import DataError, Problem
from brochure.files import FileTooBig, NotRegularFile, read_bounded
from brochure.language import DEFAULT, translations
from brochure.model.layout import Layout

MAX_TEMPLATE_BYTES = 1_000_000
SUFFIX = ".j2"
NOT_FOUND = "in the layout or in layouts/common"
"""Where a template was looked for, as messages say it."""


def preload(layout: Layout, lang: str = DEFAULT) -> None:
    """Compile every template the layout uses, so forked workers start with them (those they
    include or import are compiled when first used). A template that cannot be compiled
    stops the build here, at its line."""
    env = _environment(layout.template_dirs, lang)
    for page in layout.spec.pages:
        for frame in page.frames:
            for section in frame.sections:
                try:
                    env.get_template(f"{section}{SUFFIX}")
                except jinja2.TemplateError as exc:
                    raise _template_error(layout, section, exc) from None


def section_elements(layout: Layout, name: str, context: dict[str, object],
                     lang: str = DEFAULT) -> list[ET.Element]:
    """Section `name`'s template filled with `context`, as its top-level block elements,
    its fixed words in `lang`."""
    env = _environment(layout.template_dirs, lang)
    try:
        text = env.get_template(f"{name}{SUFFIX}").render(context)
    except jinja2.TemplateError as exc:
        raise _template_error(layout, name, exc) from None
    except RecursionError as exc:
        path, line = _raised_in(exc, innermost=False) or (_template_path(layout, name), 1)
        raise DataError([Problem(path, line, 1, name, "template error: templates include or "
                                                      "call each other without end")]) from None
    return _elements(text, _marks(env), layout, name)


def markup_error(layout: Layout, section: str, message: str,
                 element: ET.Element | None = None) -> DataError:
    """A problem with the markup section `section`'s template makes; with the `element` at
    fault, located at the line (of the template, or the one it includes) that wrote it."""
    written = _written(element) if element is not None else None
    if element is None or written is None:
        return DataError([Problem(_template_path(layout, section), 1, 1, "", message)])
    column = _column(written.path, written.line, f"<{element.tag}")
    return DataError([Problem(written.path, written.line, column, "", message)])


def _template_path(layout: Layout, section: str) -> str:
    for folder in layout.template_dirs:
        if (folder / f"{section}{SUFFIX}").is_file():
            return str(folder / f"{section}{SUFFIX}")
    return f"{section}{SUFFIX}"


def _template_error(layout: Layout, section: str, exc: jinja2.TemplateError) -> DataError:
    """A Jinja error at the line of the template that raised it (the innermost one, when a
    template includes another or calls a macro)."""
    path, line = _raised_in(exc) or (_template_path(layout, section), 1)
    if isinstance(exc, jinja2.TemplateNotFound):
        message = f"no template {exc.name!r} {NOT_FOUND}"
    else:
        message = exc.message or str(exc)
    return DataError([Problem(path, line, 1, section, f"template error: {message}")])


def _raised_in(exc: BaseException, innermost: bool = True) -> tuple[str, int] | None:
    """The template file and line an error was raised at. Jinja rewrites the traceback so
    that each template's frame carries the template's file name and line."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename and exc.lineno:
        return exc.filename, exc.lineno
    found = None
    tb: TracebackType | None = exc.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
            if not innermost:
                break
        tb = tb.tb_next
    return found


# Where blocks come from. Before each tag in a template's text, the compiled template writes a
# processing instruction naming its file and line; the XML parser leaves those out of the
# elements. Only when a block is at fault is its section's output read again, to find the
# last mark before the block. Data cannot forge a mark: autoescaping turns its `<` into `&lt;`.

MARK = "brochure-line"
_TAG = re.compile(r"<(?=[A-Za-z/])")


@dataclass(frozen=True)
class _Written:
    """The template file and line a block was written on."""

    path: str
    line: int


@dataclass(frozen=True)
class _Output:
    """A section's output with its marks, kept as long as one of its blocks is."""

    document: str
    marks: _LineMarks


_WRITTEN_IN: WeakKeyDictionary[ET.Element, tuple[_Output, int]] = WeakKeyDictionary()
"""Each block: the output it is in, and which top-level element of it it is."""


class _LineMarks(Extension):
    """Marks each tag in a template's text with the template's file and line."""

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        self.files: list[str] = []
        self._numbers: dict[str, int] = {}
        self._lock = threading.Lock()

    def number(self, path: str) -> int:
        """The short number that stands for a template file in the marks."""
        with self._lock:
            if path not in self._numbers:
                self._numbers[path] = len(self.files)
                self.files.append(path)
            return self._numbers[path]

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        file = self.number(stream.filename or stream.name or "")
        # The text of a {% trans %} block is a catalog's message, to be found there as
        # written: it is left unmarked (its blocks take the line of the mark before it).
        translating, after_begin = False, False
        for token in stream:
            if after_begin and token.type == "name":
                translating = token.value == "trans" or (translating
                                                         and token.value != "endtrans")
            after_begin = token.type == "block_begin"
            if (token.type == "data" and not translating and "<" in token.value
                    and "<![CDATA[" not in token.value):
                token = Token(token.lineno, "data", _marked(token.value, token.lineno, file))
            yield token


def _marked(text: str, line: int, file: int) -> str:
    """`text`, written at `line`, with a mark before each tag."""
    parts, start = [], 0
    for match in _TAG.finditer(text):
        line += text.count("\n", start, match.start())
        parts += [text[start:match.start()], f"<?{MARK} {file} {line}?>"]
        start = match.start()
    parts.append(text[start:])
    return "".join(parts)


def _marks(env: jinja2.Environment) -> _LineMarks:
    return cast(_LineMarks, env.extensions[_LineMarks.identifier])


def _elements(text: str, marks: _LineMarks, layout: Layout, section: str) -> list[ET.Element]:
    """The block elements in a template's output, each able to say which line wrote it."""
    document = f"<section>{text}</section>"
    try:
        root = ET.fromstring(document)
    except ET.ParseError as exc:
        line, column = exc.position
        written = _last_mark(document, _offset(document, line, column), marks)
        path, line = (written.path, written.line) if written else \
            (_template_path(layout, section), 1)
        raise DataError([Problem(path, line, 1, section,
                                 f"template makes invalid markup: {_plain(exc)}")]) from None
    output = _Output(document, marks)
    blocks = list(root)
    for index, block in enumerate(blocks):
        _WRITTEN_IN[block] = (output, index)
    return blocks


def _written(element: ET.Element) -> _Written | None:
    """The template file and line that wrote a block: the last mark before it."""
    found = _WRITTEN_IN.get(element)
    if found is None:
        return None
    output, index = found
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end", "pi"))
    parser.feed(output.document)
    depth, count, written = 0, -1, None
    for event in parser.read_events():
        kind, node = event[0], event[-1]
        if kind == "pi" and isinstance(node, ET.Element):
            written = _read_mark(node.text or "", output.marks) or written
        elif kind == "start":
            depth += 1
            if depth == 2:  # a block: an element right inside <section>
                count += 1
                if count == index:
                    return written
        elif kind == "end":
            depth -= 1
    return None


def _read_mark(text: str, marks: _LineMarks) -> _Written | None:
    name, _, rest = text.partition(" ")
    file, _, line = rest.partition(" ")
    if name != MARK or not (file.isdigit() and line.isdigit()) or int(file) >= len(marks.files):
        return None
    return _Written(marks.files[int(file)], int(line))


def _last_mark(document: str, offset: int, marks: _LineMarks) -> _Written | None:
    """The line a parse error at `offset` is on: the last tag's line before it, and any lines
    after that tag."""
    start = document.rfind(f"<?{MARK} ", 0, offset)
    if start < 0:
        return None
    end = document.find("?>", start)
    written = _read_mark(document[start + 2:end], marks)
    if written is None:
        return None
    return _Written(written.path, written.line + document.count("\n", end, offset))


def _offset(document: str, line: int, column: int) -> int:
    """Expat's (line, column from 0) as an offset into `document`."""
    at = 0
    for _ in range(line - 1):
        at = document.find("\n", at) + 1
    return min(at + column, len(document))


def _plain(exc: ET.ParseError) -> str:
    """Expat's message without its position, which counts lines of the output, not of the
    template."""
    return re.sub(r": line \d+, column \d+$", "", str(exc))


def _column(path: str, line: int, tag: str) -> int:
    """Where `tag` starts on `line` of the template at `path` (1 when it is not there)."""
    try:
        text = read_bounded(Path(path), MAX_TEMPLATE_BYTES).decode("utf-8", "replace")
    except OSError:
        return 1
    lines = text.splitlines()
    found = lines[line - 1].find(tag) if 0 < line <= len(lines) else -1
    return found + 1 if found >= 0 else 1


class _BoundedLoader(jinja2.FileSystemLoader):
    """Jinja's folder loader over the layout's chain of folders, the first that has a
    template winning; it reads only `.j2` files that are regular files of a sensible size (a
    template that is a link to /dev/zero must not fill memory, nor a pipe hang the build)."""

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        if not template.endswith(SUFFIX):
            raise jinja2.TemplateNotFound(template)
        pieces = jinja2.loaders.split_template_path(template)
        earlier: list[Path] = []
        for folder in self.searchpath:
            path = Path(folder, *pieces)
            if path.exists() or path.is_symlink():
                try:
                    data = read_bounded(path, MAX_TEMPLATE_BYTES)
                except NotRegularFile:
                    raise DataError([Problem(str(path), 1, 1, "", "is not a regular file (a "
                                             "device, pipe or socket)",
                                             "replace it with an ordinary text file")]) from None
                except FileTooBig as exc:
                    raise DataError([Problem(str(path), 1, 1, "", f"the file is {exc.size:,} "
                                             f"bytes; the limit is {exc.limit:,}")]) from None
                except OSError as exc:
                    raise DataError([Problem(str(path), 1, 1, "", "cannot read the file "
                                             f"({exc.strerror})")]) from None
                return data.decode(self.encoding), str(path), _unchanged(path, earlier)
            earlier.append(path)
        raise jinja2.TemplateNotFound(template)


def _unchanged(path: Path, earlier: list[Path]) -> Callable[[], bool]:
    """Whether the template read is still the one to use (Jinja asks before reusing it): the
    same file, and none added since in a folder earlier in the chain."""
    mtime = path.stat().st_mtime

    def check() -> bool:
        try:
            return path.stat().st_mtime == mtime and not any(p.exists() for p in earlier)
        except OSError:
            return False

    return check


@lru_cache(maxsize=16)  # bounded: a long `serve` may see many layout folders
def _environment(dirs: tuple[object, ...], lang: str = DEFAULT) -> jinja2.Environment:
    # Sandboxed: a layout folder may come from anyone, and plain Jinja2 lets a template
    # reach Python itself (cycler.__init__.__globals__.os ...) or change the data it is given.
    # Templates it includes or imports are found along the same folders, in the same sandbox.
    env = ImmutableSandboxedEnvironment(
        loader=_BoundedLoader([str(d) for d in dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=[_LineMarks, "jinja2.ext.i18n"],
    )
    # Fixed words: {% trans %}…{% endtrans %} and _("…"), from the language's catalog.
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]

    def in_lang(write: Callable[..., object]) -> Callable[..., object]:
        return lambda value, *args, **kwargs: write(value, *args, lang=lang, **kwargs)

    env.filters.update({name: in_lang(getattr(format, name))
                        for name in ("money", "number", "percent", "hourly", "cite", "period",
                                     "place", "level", "short")})
    env.filters["sentence"] = format.sentence
    env.filters["short_url"] = format.address
    env.globals["lang"] = lang
    return env


# The syntax a section prints, for telling which record fields to shorten when a box
# overflows: the templates it includes and the macros it calls are written out in place, each
# macro's parameters set from the call's arguments (under names of their own, so that one
# call's arguments never stand for another's).

MAX_DEPTH = 16
"""How deep includes and macro calls are followed (a template may include itself)."""


def section_syntax(layout: Layout, section: str) -> nodes.Template:
    """A section's template as Jinja's syntax tree, with what it includes and the macros it
    calls written out where it uses them, to see which fields it prints."""
    env = _environment(layout.template_dirs)
    syntax = _Syntax(env)
    file = syntax.file(f"{section}{SUFFIX}", 0)
    return nodes.Template(_Inliner(syntax, file, 0).write_out(syntax.copy(file.tree.body)),
                          lineno=1)


@dataclass
class _File:
    """A parsed template and the macros it can call, by the names it calls them."""

    tree: nodes.Template
    macros: dict[str, tuple[nodes.Macro, _File]] = field(default_factory=dict)
    modules: dict[str, _File] = field(default_factory=dict)


class _Syntax:
    """Parses templates along a layout's chain, each once."""

    def __init__(self, env: jinja2.Environment) -> None:
        self.env = env
        self.files: dict[str, _File] = {}
        self.renamed = 0

    def copy(self, body: list[nodes.Node]) -> list[nodes.Node]:
        """A copy of a template's or macro's body, to write out in one place."""
        copied: list[nodes.Node] = copy.deepcopy(body, {id(self.env): self.env})
        return copied

    def file(self, name: str, depth: int) -> _File:
        if name in self.files or depth > MAX_DEPTH:
            return self.files.get(name) or _File(nodes.Template([], lineno=1))
        assert self.env.loader is not None
        try:
            source, path, _ = self.env.loader.get_source(self.env, name)
            tree = self.env.parse(source, name, path)
        except jinja2.TemplateError:  # the build itself reports it, at its line
            tree = nodes.Template([], lineno=1)
        file = self.files[name] = _File(tree)
        for macro in tree.find_all(nodes.Macro):
            file.macros[macro.name] = (macro, file)
        for imported in tree.find_all(nodes.FromImport):
            if _constant(imported.template):
                other = self.file(_constant(imported.template), depth + 1)
                for item in imported.names:
                    original, alias = item if isinstance(item, tuple) else (item, item)
                    if original in other.macros:
                        file.macros[alias] = other.macros[original]
        for module in tree.find_all(nodes.Import):
            if _constant(module.template):
                file.modules[module.target] = self.file(_constant(module.template), depth + 1)
        return file


def _constant(node: nodes.Node) -> str:
    """A template name written as a string, else ''."""
    value = node.value if isinstance(node, nodes.Const) else None
    return value if isinstance(value, str) else ""


class _Inliner(NodeTransformer):
    """Writes out, in one file's syntax, what it includes and the macros it calls."""

    def __init__(self, syntax: _Syntax, file: _File, depth: int) -> None:
        self.syntax, self.file, self.depth = syntax, file, depth

    def write_out(self, body: list[nodes.Node]) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for node in body:
            done = self.visit(node)
            if isinstance(done, list):
                out += done
            elif done is not None:
                out.append(done)
        return out

    def visit_Include(self, node: nodes.Include) -> nodes.Node:
        name = _constant(node.template)
        if not name or self.depth >= MAX_DEPTH:
            return nodes.Scope([])
        file = self.syntax.file(name, self.depth + 1)
        return nodes.Scope(_Inliner(self.syntax, file, self.depth + 1)
                           .write_out(self.syntax.copy(file.tree.body)))

    def visit_Macro(self, node: nodes.Macro) -> None:
        """A definition prints nothing; each call is written out where it is made."""

    def visit_Import(self, node: nodes.Import) -> None:
        """Imports print nothing."""

    visit_FromImport = visit_Import

    def visit_Call(self, node: nodes.Call) -> nodes.Node:
        self.generic_visit(node)
        found = self._macro(node.node)
        if found is None or self.depth >= MAX_DEPTH:
            return node
        macro, home = found
        self.syntax.renamed += 1
        names = {arg.name: f"{arg.name} {self.syntax.renamed}" for arg in macro.args}
        body = self.syntax.copy(macro.body)
        for name in nodes.Scope(body).find_all(nodes.Name):
            name.name = names.get(name.name, name.name)
        given = {kw.key: kw.value for kw in node.kwargs}
        defaults = dict(zip([a.name for a in macro.args][-len(macro.defaults):],
                            macro.defaults, strict=True)) if macro.defaults else {}
        settings: list[nodes.Node] = []
        for i, arg in enumerate(macro.args):
            value = node.args[i] if i < len(node.args) else given.get(arg.name,
                                                                       defaults.get(arg.name))
            if value is not None:
                settings.append(nodes.Assign(nodes.Name(names[arg.name], "store"), value))
        written = _Inliner(self.syntax, home, self.depth + 1).write_out(body)
        return nodes.Scope(settings + written)

    def _macro(self, called: nodes.Node) -> tuple[nodes.Macro, _File] | None:
        if isinstance(called, nodes.Name):
            return self.file.macros.get(called.name)
        if (isinstance(called, nodes.Getattr) and isinstance(called.node, nodes.Name)
                and called.node.name in self.file.modules):
            return self.file.modules[called.node.name].macros.get(called.attr)
        return None
