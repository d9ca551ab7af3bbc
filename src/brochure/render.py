"""Render a Plan to PDF bytes with reportlab: backgrounds, then each frame's content."""

from __future__ import annotations

import io

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from brochure import fonts
from brochure.compose import FramePlan, Plan
from brochure.errors import FitError
from brochure.typeset import Typeset, typeset


def render(plan: Plan) -> bytes:
    """Draw every page of `plan`; raises FitError before anything is written."""
    faces = fonts.register()
    width, height = plan.layout.page_size
    # Typeset every frame first, so that an overflow stops the brochure before drawing.
    pages = [[(frame, typeset(frame, plan.layout, plan.career_id, number))
              for frame in page.frames]
             for number, page in enumerate(plan.pages, start=1)]
    buffer = io.BytesIO()
    meta = plan.metadata
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1, pageCompression=1,
                    lang=meta.language,
                    initialFontName=faces["regular"])  # type: ignore[arg-type]  # stub is wrong
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author)
    canvas.setSubject(meta.subject)
    canvas.setKeywords(", ".join(meta.keywords))
    canvas.setCreator(meta.creator)
    canvas.setProducer(meta.creator)
    for frames in pages:
        for frame, content in frames:
            _draw_frame(canvas, frame, content, height, plan)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_frame(canvas: Canvas, frame: FramePlan, content: Typeset, page_height: float,
                plan: Plan) -> None:
    bottom = page_height - frame.y - frame.height
    if frame.background:
        canvas.setFillColor(HexColor(frame.background))
        canvas.rect(frame.x, bottom, frame.width, frame.height, stroke=0, fill=1)
    room = frame.height - 2 * frame.padding
    slack = room - content.height
    if slack < -0.01:  # typeset() guarantees this never happens; never draw outside a frame
        raise FitError(f"{plan.career_id}: frame '{frame.name}' overflowed while drawing")
    offset = {"top": 0.0, "middle": slack / 2, "bottom": slack}[frame.align]
    y = page_height - frame.y - frame.padding - offset
    x = frame.x + frame.padding
    for item in content.placed:
        y -= item.gap + item.height
        item.flowable.drawOn(canvas, x, y)
