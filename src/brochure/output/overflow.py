"""Which fields of a career's file to shorten when a box overflows: those its sections'
templates print, the most text first, each with the line it is written on."""

from __future__ import annotations

import types
import typing
from functools import cache
from typing import Any

from jinja2 import nodes
from pydantic import BaseModel

from brochure.compose.templates import section_syntax
from brochure.errors import FitError, Place
from brochure.model.career import Career
from brochure.model.layout import Layout
from brochure.model.source import Key, dotted
from brochure.project import Project

NOT_TEXT: frozenset[Key] = frozenset({("id",), ("soc",)})
"""Printed, but not text anyone could shorten."""


def locate(error: FitError, project: Project, layout: Layout, lang: str = "en") -> FitError:
    """`error` naming the career's file (in another language, its text's file) and the
    fields to shorten, most text first."""
    doc = project.career_document(error.career, lang)
    found: list[tuple[int, int, int, str]] = []
    for key in dict.fromkeys(k for s in error.sections for k in fields_printed(layout, s)):
        if key in NOT_TEXT or key not in doc.keys:
            continue
        size = sum(len(text) for at, text in doc.texts.items() if at[:len(key)] == key)
        line, column = doc.keys[key]
        found.append((-size, line, column, dotted(key)))
    return error.located(doc.path, tuple(Place(field, line, column)
                                         for _, line, column, field in sorted(found)))


@cache
def fields_printed(layout: Layout, section: str) -> tuple[Key, ...]:
    """The career's fields a section's template uses, in the order it first uses them: a
    list as a whole (`education.paths`), other fields to the last name (`summary`)."""
    aliases: dict[str, Key] = {"career": ()}
    found: dict[Key, None] = {}

    def path(node: nodes.Node) -> Key | None:
        names: list[str | int] = []
        while isinstance(node, nodes.Getattr | nodes.Getitem):
            if isinstance(node, nodes.Getattr):
                names.append(node.attr)
            elif isinstance(node.arg, nodes.Const) and type(node.arg.value) is int:
                names.append(node.arg.value)  # one item of a list: `sources[0].year`
            else:
                return None
            node = node.node
        if isinstance(node, nodes.Name) and node.name in aliases:
            return _record_field((*aliases[node.name], *reversed(names)))
        return None

    def visit(node: nodes.Node) -> None:
        if isinstance(node, nodes.Assign | nodes.For) and isinstance(node.target, nodes.Name):
            value = node.node if isinstance(node, nodes.Assign) else node.iter
            named = path(value)
            if named is not None:
                aliases[node.target.name] = named
                if isinstance(node, nodes.Assign):  # a short name, nothing printed yet
                    return
        if isinstance(node, nodes.Name) and node.ctx == "store":
            return
        if isinstance(node, nodes.Getattr | nodes.Name):
            named = path(node)
            if named:
                found[named] = None
                return
        for child in node.iter_child_nodes():
            visit(child)

    visit(section_syntax(layout, section))
    return tuple(found)


def _record_field(names: tuple[str | int, ...]) -> Key:
    """The longest part of `names` that is a field of the career record, stopping at a list
    (its items are one field to shorten) unless one item of it is named by its number."""
    model: type[BaseModel] | None = Career
    out: list[str | int] = []
    in_list = False
    for name in names:
        if in_list:
            if not isinstance(name, int):
                break
            out.append(name)
            in_list = False
            continue
        info = model.model_fields.get(str(name)) if model else None
        if info is None:
            break
        out.append(name)
        in_list = _is_list(info.annotation)
        model = _model_in(info.annotation)
    return tuple(out)


def _is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) is list:
        return True
    return isinstance(annotation, types.UnionType) and any(
        _is_list(arg) for arg in typing.get_args(annotation))


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found:
            return found
    return None
