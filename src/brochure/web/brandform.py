"""The brand form: read the project's brand file into the form, and save the form as the
brand file the command line uses (brand.yaml and the logo beside it, named in
brochure.yaml). Validation is load_brand's, so the page and the command line agree."""

from __future__ import annotations

import contextlib
import hashlib
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from brochure.errors import BrochureError, DataError
from brochure.files import read_bounded
from brochure.model.brand import Brand, BrandSpec, load_brand
from brochure.model.config import FILE as CONFIG_FILE
from brochure.model.config import load_config
from brochure.model.source import read_yaml
from brochure.output.write import write_atomic
from brochure.web.messages import BRAND_LABELS, Message, problem_messages

BRAND_FILE = "brand.yaml"
FIELDS = [name for name in BRAND_LABELS if name not in ("contact", "event", "logo")]
"""The form's text fields, named as the brand file's keys (dotted inside groups); the logo
is only ever a file the form uploads, never a name it sends."""
LOGO_HINT = "choose a PNG or JPEG file under 2 MB"
HEADER = ("# Saved from the brochure web page (brochure serve); the command line uses it too.\n"
          "# Colours: white text must stand out on `primary` (contrast 4.5:1 or more).\n")


@dataclass(frozen=True)
class Upload:
    """A logo file as the browser sent it."""

    filename: str
    data: bytes


@dataclass(frozen=True)
class Current:
    """The brand as the form shows it."""

    values: dict[str, str]
    logo: bytes | None
    messages: list[Message]
    path: Path | None
    """The brand file in use, if any."""


def current(root: Path) -> Current:
    """The project's brand file as form values; a broken file still fills in what it can,
    with its problems."""
    try:
        config = load_config(root)
    except DataError as exc:
        return Current({}, None, problem_messages(exc.problems), None)
    if not config.brand:
        return Current({}, None, [], None)
    path = root / config.brand
    try:
        brand = load_brand(path, BRAND_FILE)
    except DataError as exc:
        values: dict[str, str] = {}
        with contextlib.suppress(BrochureError):
            values = _flatten(read_yaml(path, BRAND_FILE).data)
        return Current(values, None, _plain(problem_messages(exc.problems), None), path)
    except BrochureError as exc:
        return Current({}, None, [Message("", exc.message, exc.hint)], path)
    return Current(_flatten(brand.spec.model_dump(exclude_defaults=True)), brand.logo, [], path)


def _flatten(data: Any, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    if not isinstance(data, dict):
        return out
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, f"{name}."))
        elif name in FIELDS and isinstance(value, str | int | float) \
                and not isinstance(value, bool):
            out[name] = str(value)
    if out.get("qr") == "career":
        del out["qr"]
    return out


def brand_data(form: dict[str, str]) -> dict[str, Any]:
    """The brand file's content from the form: empty fields left out, groups nested."""
    data: dict[str, Any] = {}
    for name in FIELDS:
        value = " ".join(form.get(name, "").split())
        if not value:
            continue
        if name in ("primary", "accent") and re.fullmatch(r"[0-9a-fA-F]{6}", value):
            value = f"#{value}"
        if name in ("contact.website", "qr") and re.fullmatch(r"[\w-]+(\.[\w-]+)+(/\S*)?", value):
            value = f"https://{value}"  # typed as www.school.edu
        if "." in name:
            group, key = name.split(".", 1)
            data.setdefault(group, {})[key] = value
        else:
            data[name] = value
    return data


_SAVING = threading.Lock()
"""One save at a time: two at once could pair one's name with the other's logo."""
OWN_LOGO = re.compile(r"logo-[0-9a-f]{12}\.(png|jpg)")
"""The names this page gives logos: a new logo never overwrites the one in use."""


def save(root: Path, form: dict[str, str], upload: Upload | None, remove_logo: bool,
         staging: Path | None = None) -> list[Message]:
    """Check the form as a brand file; if it is good, save it into the project and return
    no messages; otherwise save nothing and return what is wrong, field by field.

    Everything is checked before anything is written (the brand, its logo and the project's
    brochure.yaml); then the logo is written under a new name, brand.yaml replaced in one
    step, and brochure.yaml pointed at it, so that a reader sees the old brand or the new
    one, never a mixture."""
    with _SAVING:
        try:
            load_config(root)
        except DataError as exc:
            return [Message("", f"nothing was saved, because the project's {CONFIG_FILE} has "
                                f"a mistake: {problem_messages(exc.problems)[0].text}",
                            f"correct {CONFIG_FILE} in the project folder, then save again")]
        existing = current(root)
        data = brand_data(form)
        inks = _kept_inks(existing.path, data)
        if inks:
            data["cmyk"] = inks
        logo_bytes: bytes | None = None
        shown_name = ""
        if upload is not None:
            logo_bytes, shown_name = upload.data, upload.filename
        elif existing.logo is not None and not remove_logo:
            logo_bytes = existing.logo
        if staging is not None:
            staging.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="brand-", dir=staging) as folder_name:
            folder = Path(folder_name)
            if logo_bytes is not None:
                data["logo"] = _logo_name(logo_bytes)
                (folder / data["logo"]).write_bytes(logo_bytes)
            text = HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True,
                                           width=200)
            (folder / BRAND_FILE).write_text(text, encoding="utf-8")
            try:
                brand = load_brand(folder / BRAND_FILE, BRAND_FILE)
            except DataError as exc:
                return _plain(problem_messages(exc.problems), (data.get("logo"), shown_name))
        _write(root, text, brand, data.get("logo"), existing.path)
    return []


def _kept_inks(path: Path | None, data: dict[str, Any]) -> dict[str, list[float]]:
    """The print-shop inks (`cmyk:`) the brand file gives, which this page does not edit:
    kept for each colour the form leaves as it was, dropped for a colour changed here (its
    inks are then worked out from the new colour)."""
    if path is None:
        return {}
    try:
        spec = load_brand(path, BRAND_FILE).spec
    except BrochureError:
        return {}
    kept = {}
    for name in ("primary", "accent"):
        inks = getattr(spec.cmyk, name)
        same = str(data.get(name, getattr(BrandSpec(), name))).lower() == \
            getattr(spec, name).lower()
        if inks is not None and same:
            kept[name] = list(inks)
    return kept


def _logo_name(data: bytes) -> str:
    kind = "jpg" if data.startswith(b"\xff\xd8\xff") else "png"
    return f"logo-{hashlib.blake2b(data, digest_size=6).hexdigest()}.{kind}"


def _plain(messages: list[Message], logo: tuple[str | None, str] | None) -> list[Message]:
    """The page's words: the logo by the name the counsellor chose it by, a hint that does
    not speak of files beside brand.yaml."""
    out = []
    for message in messages:
        if message.field == "qr" and message.text.startswith("must be one of"):
            continue  # 'career' is the empty field; the https:// rule is the one to tell
        if message.field in FIELDS:
            # The field shows what was written: the message need not quote it back.
            message = Message(message.field, re.sub(r", got '.*'$", "", message.text),
                              message.hint, message.label)
        if message.field == "logo":
            text = message.text
            if logo and logo[0] and logo[1]:
                text = text.replace(logo[0], f"the file {_safe(logo[1])}", 1)
            message = Message("logo", text, LOGO_HINT, message.label)
        out.append(message)
    return out


def _safe(name: str) -> str:
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable())[:80]
    return f"‘{name}’" if name else "you chose"


def _write(root: Path, text: str, brand: Brand, logo: str | None, before: Path | None) -> None:
    old_logo = _own_logo(before)
    if logo is not None and brand.logo is not None:
        write_atomic(root / logo, brand.logo)
    write_atomic(root / BRAND_FILE, text.encode("utf-8"))
    config = root / CONFIG_FILE
    after = None
    if config.is_file():
        current_text = read_bounded(config, 1_000_000).decode("utf-8-sig")
        if not re.search(r"^brand:[ \t]*['\"]?brand\.yaml['\"]?[ \t]*(#.*)?$", current_text,
                         re.M):
            if re.search(r"^brand:", current_text, re.M):
                after = re.sub(r"^brand:.*$", f"brand: {BRAND_FILE}", current_text, count=1,
                               flags=re.M)
            else:
                gap = "" if current_text.endswith("\n") or not current_text else "\n"
                after = f"{current_text}{gap}brand: {BRAND_FILE}  # saved from the web page\n"
    else:
        after = f"brand: {BRAND_FILE}  # the brand file, saved from the web page\n"
    if after is not None:
        write_atomic(config, after.encode("utf-8"))
    # Remove the logos this page saved before, but for the one just replaced: a build that
    # read the old brand.yaml a moment ago may still be about to read it.
    for old in root.iterdir():
        if OWN_LOGO.fullmatch(old.name) and old.name != logo and old != old_logo:
            with contextlib.suppress(OSError):
                old.unlink()


def _own_logo(brand_file: Path | None) -> Path | None:
    """The logo a brand file saved by this page names, if it is one this page made."""
    if brand_file is None or brand_file.name != BRAND_FILE:
        return None
    with contextlib.suppress(BrochureError):
        data = read_yaml(brand_file, BRAND_FILE).data
        name = data.get("logo") if isinstance(data, dict) else None
        if isinstance(name, str) and OWN_LOGO.fullmatch(name):
            return brand_file.parent / name
    return None
