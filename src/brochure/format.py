"""The one way figures are written: money, hourly pay, counts, percentages, citations,
periods, state names and education levels, and the few sizes messages name, in the
brochure's language. Each says so when BLS published no figure.

It imports nothing of the program at run time but the language catalogs
(brochure.language, which imports nothing of it), so that every stage, the errors, the
command line and the page can use it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from brochure.language import DEFAULT, LOCALES, N_, translate

if TYPE_CHECKING:
    from brochure.figures.tables import Amount, Citation

NOT_RELEASED = N_("not released")
AND = N_("and")
"""Between two periods: "May 2024 and May 2025"."""

# Everything below takes the brochure's language, `lang` ("en" or "es"). English is written
# as it always was; other languages take their numbers and months from Babel (CLDR) with the
# language's locale (see brochure.language.LOCALES), and their words from its catalog.


def _figure(value: float, lang: str, decimals: int = 0) -> str:
    """A number with the language's grouping and decimal signs: `51,140`, `24.59`."""
    if lang == DEFAULT:
        return f"{value:,.{decimals}f}"
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, pattern, locale=LOCALES[lang])


def _dollars(value: float, lang: str, decimals: int = 0) -> str:
    """`$51,140`: the dollar sign where the language's currency pattern puts it."""
    if lang == DEFAULT:
        return f"${value:,.{decimals}f}"
    from babel.numbers import format_currency

    pattern = "¤#,##0" + ("." + "0" * decimals if decimals else "")
    return format_currency(value, "USD", pattern, locale=LOCALES[lang], currency_digits=False)


def money(amount: Amount, lang: str = DEFAULT) -> str:
    """`$51,140`, or `$239,200 or more` where BLS gives only a floor."""
    if amount.value is None:
        return translate(lang, NOT_RELEASED)
    text = _dollars(amount.value, lang)
    return translate(lang, "%(money)s or more") % {"money": text} \
        if amount.status == "at least" else text


def hourly(amount: Amount, lang: str = DEFAULT) -> str:
    """Pay in cents as `$24.59 an hour`."""
    if amount.value is None:
        return translate(lang, NOT_RELEASED)
    return translate(lang, "%(money)s an hour") % {"money": _dollars(amount.value / 100, lang, 2)}


def number(amount: Amount | int | None, lang: str = DEFAULT) -> str:
    """A count with thousands separated: `12,300`."""
    value = amount if amount is None or isinstance(amount, int) else amount.value
    return translate(lang, NOT_RELEASED) if value is None else _figure(value, lang)


def percent(value: float | None, lang: str = DEFAULT) -> str:
    """A change with its sign, a true minus for a fall: `+7.1%`, `−2.0%`, `0.0%` (the
    per-cent sign where the language's CLDR pattern puts it)."""
    if value is None:
        return translate(lang, NOT_RELEASED)
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    if lang == DEFAULT:
        return f"{sign}{abs(value):.1f}%"
    from babel import Locale
    from babel.numbers import format_percent

    pattern = Locale.parse(LOCALES[lang]).percent_formats[None].pattern
    pattern = pattern.split(";")[0].replace("#,##0", "#,##0.0")
    return sign + format_percent(abs(value) / 100, pattern, locale=LOCALES[lang])


_MONTH_YEAR = re.compile(r"\b(January|February|March|April|May|June|July|August|September|"
                         r"October|November|December) (\d{4})\b")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def period(text: str, lang: str = DEFAULT) -> str:
    """A period as BLS names it, in the language: `May 2025` → `mayo de 2025` (Babel's
    month and year), `May 2024 and May 2025` → `mayo de 2024 y mayo de 2025`; a span of
    years such as `2024–34` as it is."""
    if lang == DEFAULT:
        return text
    import datetime

    from babel.dates import format_skeleton

    def month(match: re.Match[str]) -> str:
        day = datetime.date(int(match[2]), _MONTHS.index(match[1]) + 1, 1)
        return format_skeleton("yMMMM", day, locale=LOCALES[lang])

    joined = translate(lang, AND)
    return _MONTH_YEAR.sub(month, text).replace(" and ", f" {joined} ")


def place(name: str, lang: str = DEFAULT) -> str:
    """A state's or territory's name in the language: `New York` → `Nueva York`."""
    return translate(lang, name)


def level(name: str | None, lang: str = DEFAULT) -> str | None:
    """A BLS education level in the language: `Postsecondary nondegree award` →
    `Certificado postsecundario`."""
    return name if name is None else translate(lang, name)


def cite(citation: Citation, lang: str = DEFAULT, brief: bool = False) -> str:
    """`U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, May
    2025`; brief: `BLS Employment Projections 2024–34`. In another language the publisher
    and series are the catalog's, the period Babel's."""
    if lang == DEFAULT:
        return citation.brief if brief else str(citation)
    if brief:
        publisher = "BLS" if citation.publisher == BLS else citation.publisher
        return translate(lang, BRIEF) % {"publisher": publisher,
                                         "series": translate(lang, citation.series),
                                         "period": period(citation.period, lang)}
    parts = (translate(lang, citation.publisher) if citation.publisher else "",
             translate(lang, citation.series) if citation.series else "",
             period(citation.period, lang))
    return ", ".join(part for part in parts if part)


BRIEF = N_("%(publisher)s %(series)s %(period)s")
"""A citation in running text: "BLS Employment Projections 2024–34"."""
SHORT = (N_("BLS OEWS"), N_("BLS Projections"))
"""The figures' sources as charts and captions name them."""


def short(name: str, lang: str = DEFAULT) -> str:
    """A source's short name in the language: `BLS Projections` → `Proyecciones BLS`."""
    return translate(lang, name)


BLS = "U.S. Bureau of Labor Statistics"


def money_brief(amount: Amount, lang: str = DEFAULT) -> str:
    """Money where room is short, as on a chart: "$239,200+" for "at least"."""
    if amount.value is None:
        return translate(lang, NOT_RELEASED)
    return _dollars(amount.value, lang) + ("+" if amount.status == "at least" else "")


def count(n: int, noun: str, plural: str | None = None) -> str:
    """`1 career`, `30 careers`, `2 brochures`."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def points(value: float) -> str:
    """A type size or distance in points: `9 pt`, `9.5 pt`."""
    return f"{value:g} pt"


def overrun(value: float) -> str:
    """How far text runs over its box, in points and inches: `12 pt (0.17 in)`; never
    less than 1 pt, so that it never reads as nothing."""
    return f"{max(1, round(value))} pt ({max(0.01, value / 72):.2f} in)"


def megabytes(size: int) -> str:
    """A file size limit in whole megabytes: `2 MB`."""
    return f"{size // 1_000_000:,} MB"


def address(link: str) -> str:
    """A web address as people write it: no `https://`, no `www.`, no closing slash; an
    e-mail address without `mailto:`."""
    if link.startswith("mailto:"):
        return link[len("mailto:"):]
    text = link.split("://", 1)[-1]
    text = text[4:] if text.startswith("www.") else text
    return text.rstrip("/")


def sentence(text: str) -> str:
    """`text` ending with a full stop: one added unless it already ends a sentence
    ("Health Communications, Inc." stays as it is, never "Inc..")."""
    text = str(text).rstrip()
    return text if text.endswith((".", "!", "?")) else f"{text}."
