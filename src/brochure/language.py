"""The languages brochures are printed in, and their fixed words: every word a brochure
prints that is not the career's own text comes from a gettext catalog
(`locale/<lang>/LC_MESSAGES/brochure.po`), read with Babel.

The catalogs are kept as `.po` text in the repository and compiled on first use, in
memory: nothing to build before a run, from a clone or from the installed wheel alike.
English is the language the words are written in, so it needs no catalog."""

from __future__ import annotations

import gettext as _gettext
from functools import cache
from io import BytesIO
from pathlib import Path

LANGUAGES = {"en": "English", "es": "Español"}
"""Each language a brochure can be printed in, by its code, named in its own words."""
DEFAULT = "en"
LOCALES = {"en": "en_US", "es": "es_US"}
"""The CLDR locale numbers, months and state names follow. US Spanish (es_US) writes
figures as US readers see them: a comma between thousands, a point before decimals
("$51,140", "7.1%")."""
TAGS = {"en": "en-US", "es": "es-US"}
"""The language as a PDF's /Lang and an XMP dc:language name it."""
DOMAIN = "brochure"
LOCALE_DIR = Path(__file__).parent / "locale"


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The language's catalog, compiled from its `.po` file the first time it is asked for
    (English: the words as written)."""
    if lang == DEFAULT:
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with catalog_path(lang).open("rb") as po:
        catalog = read_po(po, domain=DOMAIN)  # its plural rule is the header's
    compiled = BytesIO()
    write_mo(compiled, catalog)  # leaves out fuzzy and untranslated messages
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def translate(lang: str, message: str) -> str:
    """`message` in `lang`."""
    return translations(lang).gettext(message)


def translate_plural(lang: str, singular: str, plural: str, n: int) -> str:
    return translations(lang).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a fixed word for the catalog where it is written; it is translated where it is
    printed."""
    return message


# The figures' own words, as the BLS tables give them: translated where they are printed
# (brochure.format.place, level and cite).
STATES = (
    N_("Alabama"),
    N_("Alaska"),
    N_("Arizona"),
    N_("Arkansas"),
    N_("California"),
    N_("Colorado"),
    N_("Connecticut"),
    N_("Delaware"),
    N_("District of Columbia"),
    N_("Florida"),
    N_("Georgia"),
    N_("Hawaii"),
    N_("Idaho"),
    N_("Illinois"),
    N_("Indiana"),
    N_("Iowa"),
    N_("Kansas"),
    N_("Kentucky"),
    N_("Louisiana"),
    N_("Maine"),
    N_("Maryland"),
    N_("Massachusetts"),
    N_("Michigan"),
    N_("Minnesota"),
    N_("Mississippi"),
    N_("Missouri"),
    N_("Montana"),
    N_("Nebraska"),
    N_("Nevada"),
    N_("New Hampshire"),
    N_("New Jersey"),
    N_("New Mexico"),
    N_("New York"),
    N_("North Carolina"),
    N_("North Dakota"),
    N_("Ohio"),
    N_("Oklahoma"),
    N_("Oregon"),
    N_("Pennsylvania"),
    N_("Rhode Island"),
    N_("South Carolina"),
    N_("South Dakota"),
    N_("Tennessee"),
    N_("Texas"),
    N_("Utah"),
    N_("Vermont"),
    N_("Virginia"),
    N_("Washington"),
    N_("West Virginia"),
    N_("Wisconsin"),
    N_("Wyoming"),
    N_("Guam"),
    N_("Puerto Rico"),
    N_("Virgin Islands"),
)
"""The states and territories of the BLS tables."""
EDUCATION_LEVELS = (
    N_("No formal educational credential"),
    N_("High school diploma or equivalent"),
    N_("Some college, no degree"),
    N_("Postsecondary nondegree award"),
    N_("Associate's degree"),
    N_("Bachelor's degree"),
    N_("Master's degree"),
    N_("Doctoral or professional degree"),
)
"""The typical entry levels of the BLS Employment Projections."""
CITED = (N_("U.S. Bureau of Labor Statistics"), N_("Occupational Employment and Wage Statistics"),
         N_("Employment Projections"))
"""The publisher and series the figures cite."""
