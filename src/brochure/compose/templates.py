"""Layout templates: found, sandboxed and rendered to the small block markup compose reads."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import jinja2
import jinja2.nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from brochure.errors import DataError, Problem
from brochure.files import FileTooBig, NotRegularFile, read_bounded
from brochure.format import cite, hourly, money, number, percent
from brochure.model.layout import Layout


def preload(layout: Layout) -> None:
    """Compile every template the layout uses, so forked workers start with them."""
    env = _environment(layout.template_dirs)
    for page in layout.spec.pages:
        for frame in page.frames:
            for section in frame.sections:
                env.get_template(f"{section}.j2")


def section_syntax(layout: Layout, section: str) -> jinja2.nodes.Template:
    """A section's template as Jinja's syntax tree, to see which fields it prints."""
    env = _environment(layout.template_dirs)
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, f"{section}.j2")
    return env.parse(source)


MAX_TEMPLATE_BYTES = 1_000_000


class _BoundedLoader(jinja2.FileSystemLoader):
    """Jinja's folder loader, reading only regular files of a sensible size (a template
    that is a link to /dev/zero must not fill memory, nor a pipe hang the build)."""

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        for folder in self.searchpath:
            path = Path(folder, *jinja2.loaders.split_template_path(template))
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
                return data.decode(self.encoding), str(path), _unchanged(path)
        raise jinja2.TemplateNotFound(template)


def _unchanged(path: Path) -> Callable[[], bool]:
    """Whether the template file is still the one read (Jinja asks before reusing it)."""
    mtime = path.stat().st_mtime

    def check() -> bool:
        try:
            return path.stat().st_mtime == mtime
        except OSError:
            return False

    return check


@lru_cache(maxsize=16)  # bounded: a long `serve` may see many layout folders
def _environment(dirs: tuple[object, ...]) -> jinja2.Environment:
    # Sandboxed: a layout folder may come from anyone, and plain Jinja2 lets a template
    # reach Python itself (cycler.__init__.__globals__.os ...) or change the data it is given.
    env = ImmutableSandboxedEnvironment(
        loader=_BoundedLoader([str(d) for d in dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(money=money, number=number, percent=percent, hourly=hourly,
                       cite=cite)
    return env


def section_elements(layout: Layout, name: str, context: dict[str, object]
                     ) -> list[ET.Element]:
    """Section `name`'s template filled with `context`, as its top-level block elements."""
    env = _environment(layout.template_dirs)
    template_name = f"{name}.j2"
    try:
        text = env.get_template(template_name).render(context)
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None) or 1
        raise DataError([Problem(_template_path(layout, template_name), line, 1, name,
                                 f"template error: {exc.message or exc}")]) from None
    try:
        root = ET.fromstring(f"<section>{text}</section>")
    except ET.ParseError as exc:
        line, col = exc.position
        raise DataError([Problem(_template_path(layout, template_name), line, col, name,
                                 f"template makes invalid markup: {exc}")]) from None
    return list(root)


def _template_path(layout: Layout, name: str) -> str:
    for folder in layout.template_dirs:
        if (folder / name).is_file():
            return str(folder / name)
    return name


def markup_error(layout: Layout, section: str, message: str) -> DataError:
    """A problem with the markup section `section`'s template makes."""
    return DataError([Problem(_template_path(layout, f"{section}.j2"), 1, 1, "", message)])
