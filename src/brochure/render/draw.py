"""Draw a fitted brochure as PDF bytes with reportlab: backgrounds, frames, then print marks.
Everything was measured by fit; draw only puts it on the page."""

from __future__ import annotations

import io

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from brochure.compose.plan import FramePlan
from brochure.render import fonts
from brochure.render.fit import Fitted, FittedFrame

MARK = 0.5  # line width of crop marks and fold guides, in points
rl_config.useA85 = 0  # binary streams: ASCII85 would make every PDF a quarter bigger


def draw(fitted: Fitted) -> bytes:
    """Every page of a fitted brochure, as the bytes of a PDF file."""
    faces = fonts.register()
    plan = fitted.plan
    width, height = plan.page_size
    bleed = plan.bleed
    media = (width + 2 * bleed, height + 2 * bleed)
    buffer = io.BytesIO()
    meta = plan.metadata
    canvas = Canvas(buffer, pagesize=media, invariant=1, pageCompression=1,
                    lang=meta.language,
                    initialFontName=faces["regular"])  # type: ignore[arg-type]  # stub is wrong
    if bleed:
        canvas.setTrimBox([bleed, bleed, bleed + width, bleed + height])
        canvas.setBleedBox([0, 0, media[0], media[1]])
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author)
    canvas.setSubject(meta.subject)
    canvas.setKeywords(", ".join(meta.keywords))
    canvas.setCreator(meta.creator)
    canvas.setProducer(meta.creator)
    for page in fitted.pages:
        canvas.saveState()
        canvas.translate(bleed, bleed)  # draw in the trimmed sheet's coordinates
        for content in page.frames:
            _draw_background(canvas, content.frame, height)
        for content in page.frames:
            _draw_content(canvas, content, height)
        if plan.fold_guides:
            _fold_guides(canvas, page.page.folds, height, plan.fold_guides)
        canvas.restoreState()
        if bleed:
            _crop_marks(canvas, width, height, bleed)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_background(canvas: Canvas, frame: FramePlan, page_height: float) -> None:
    if frame.background:
        box = frame.background_box
        canvas.setFillColor(HexColor(frame.background))
        canvas.rect(box.x, page_height - box.y - box.height, box.width, box.height,
                    stroke=0, fill=1)


def _draw_content(canvas: Canvas, content: FittedFrame, page_height: float) -> None:
    frame = content.frame
    box = frame.box
    slack = box.height - 2 * frame.padding - content.height
    # fit() guarantees the content fits; never draw outside a frame all the same.
    assert slack >= -0.01, f"frame {frame.name} is {-slack:.2f} pt over"
    offset = {"top": 0.0, "middle": slack / 2, "bottom": slack}[frame.align]
    y = page_height - box.y - frame.padding - offset
    x = box.x + frame.padding
    for item in content.placed:
        y -= item.gap + item.height
        item.flowable.drawOn(canvas, x, y)


def _fold_guides(canvas: Canvas, folds: tuple[float, ...], height: float, colour: str) -> None:
    """Faint ticks at each fold, in the margin between the printable edge and the live area."""
    canvas.setStrokeColor(HexColor(colour))
    canvas.setLineWidth(MARK)
    canvas.setDash(2, 2)
    for x in folds:
        canvas.line(x, height - 19, x, height - 26)
        canvas.line(x, 19, x, 26)
    canvas.setDash()


def _crop_marks(canvas: Canvas, width: float, height: float, bleed: float) -> None:
    """Corner marks in the bleed, on the trim lines, stopping short of the trimmed sheet."""
    gap = bleed / 3
    canvas.setLineWidth(MARK)
    for x_trim, y_trim, dx, dy in ((bleed, bleed, -1, -1), (bleed + width, bleed, 1, -1),
                                   (bleed, bleed + height, -1, 1),
                                   (bleed + width, bleed + height, 1, 1)):
        for colour, weight in ((HexColor("#ffffff"), MARK * 3), (HexColor("#000000"), MARK)):
            canvas.setStrokeColor(colour)
            canvas.setLineWidth(weight)
            # A horizontal mark on the trim's y, and a vertical mark on the trim's x.
            canvas.line(x_trim + dx * gap, y_trim, x_trim + dx * bleed, y_trim)
            canvas.line(x_trim, y_trim + dy * gap, x_trim, y_trim + dy * bleed)
