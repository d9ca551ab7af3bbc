"""A corpus of hostile and odd text values, each with a label and the expected outcome.

A value either prints literally (after the documented clean-up: NFC, soft hyphens dropped,
whitespace folded) or is refused with exactly the message given here, which test_hostile.py
expects at every place the value is written. `{max}` in a message stands for the field's
length limit (80 for names, 200 for sentences).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    category: str
    label: str
    value: str
    refused: str | None = None
    """The message (after `file:line:col: field: `) when the value must be refused."""
    hint: str | None = None


def control(code: int) -> str:
    return f"contains a control or unassigned character (U+{code:04X}); remove it"


def bidi(code: int) -> str:
    return f"contains a bidirectional control character (U+{code:04X}); remove it"


def nonchar(code: int) -> str:
    return f"contains a Unicode non-character (U+{code:04X}); remove it"


def surrogate(code: int) -> str:
    return f"contains a lone surrogate (U+{code:04X}); remove it"


def lacks(*chars: str) -> str:
    shown = ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in sorted(set(chars)))
    return f"the typeface cannot print {shown}"


EMPTY = "must not be empty (it holds only spaces or invisible characters)"
FONT_HINT = "replace or remove the character"
LONG_HINT = "shorten it; the page has room for a sentence or two"


def markup(label: str, value: str) -> Case:
    return Case("markup", label, value)


def entity(label: str, value: str) -> Case:
    return Case("entity", label, value)


def injection(label: str, value: str) -> Case:
    return Case("injection", label, value)


def yamlish(label: str, value: str) -> Case:
    return Case("yaml-looking text", label, value)


def font(label: str, value: str, *missing: str) -> Case:
    return Case("font", label, value, lacks(*missing), FONT_HINT)


CORPUS: list[Case] = [
    # Reportlab and HTML markup: must print as the characters typed.
    markup("b tag", "<b>bold</b>"),
    markup("i tag", "<i>italic</i>"),
    markup("u and strike", "<u>under</u> <strike>struck</strike>"),
    markup("font tag", '<font name="Courier" size="40" color="red">big</font>'),
    markup("font face path", '<font face="/etc/passwd">x</font>'),
    markup("para tag", "<para>para</para>"),
    markup("para attributes", '<para autoLeading="max" fontSize="99">p</para>'),
    markup("img local file", '<img src="/etc/passwd" width="10" height="10"/>'),
    markup("img remote", '<img src="https://evil.example/x.png"/>'),
    markup("img file uri", '<img src="file:///etc/hostname"/>'),
    markup("a javascript", '<a href="javascript:alert(1)">click</a>'),
    markup("a file uri", '<a href="file:///etc/passwd">f</a>'),
    markup("a https", '<a href="https://evil.example/">looks like a link</a>'),
    markup("a mailto", '<a href="mailto:x@evil.example">mail</a>'),
    markup("link tag", '<link href="https://evil.example">l</link>'),
    markup("a name", '<a name="anchor"/>'),
    markup("onDraw", '<onDraw name="x" label="y"/>'),
    markup("br", "line<br/>break"),
    markup("seq", '<seq id="s"/> <seqreset id="s"/>'),
    markup("greek tag", "<greek>a</greek>"),
    markup("bullet tag", "<bullet>*</bullet>"),
    markup("span style", '<span style="color:red">s</span>'),
    markup("index tag", '<index item="x"/>'),
    markup("unclosed tag", "<b>never closed"),
    markup("stray closing tags", "</p></li></section>"),
    markup("super and sub", "<super>2</super><sub>1</sub>"),
    markup("script", "<script>alert(1)</script>"),
    markup("style", "<style>*{display:none}</style>"),
    markup("html comment", "<!-- hidden -->"),
    markup("cdata", "<![CDATA[raw]]>"),
    markup("cdata end", "]]>"),
    markup("processing instruction", '<?xml version="1.0"?>'),
    markup("doctype with external entity",
           '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'),
    markup("namespaced element", '<x:y xmlns:x="urn:x"/>'),
    markup("lone less-than", "a < b"),
    markup("lone greater-than", "a > b"),
    markup("less-than glued", "a<b"),
    markup("attribute breakout", '" onmouseover="alert(1)'),
    markup("svg onload", "<svg onload=alert(1)>"),
    markup("table tag", "<table><tr><td>x</td></tr></table>"),
    markup("template li", '<li bullet="X">item</li>'),
    markup("template chart", '<chart kind="pay-range"/>'),
    markup("template h", "<h>heading</h>"),
    markup("template p style", '<p style="title">big</p>'),
    markup("nested tags", "<b><i><u><font>x</font></u></i></b>"),
    markup("upper-case tags", "<B>BOLD</B> <IMG SRC=x>"),
    markup("arithmetic", "5 < 6 & 7 > 3"),
    # Entities and character references: printed as typed, never decoded.
    entity("amp", "&amp;"),
    entity("lt gt", "&lt;b&gt;"),
    entity("decimal reference", "&#60;"),
    entity("hex reference", "&#x3C;"),
    entity("nbsp", "&nbsp;"),
    entity("unknown entity", "&bogus;"),
    entity("greek entities", "&alpha;&beta;"),
    entity("bare ampersand", "Research & Development"),
    entity("amp without semicolon", "&amp"),
    entity("huge reference", "&#99999999;"),
    entity("reference zero", "&#0;"),
    entity("double escaped", "&amp;amp;"),
    entity("entity in tag", "<b>&lt;</b>"),
    entity("quot apos", "&quot;&apos;"),
    # Template, format-string, PDF and path injection: plain text.
    injection("jinja expression", "{{ career.id }}"),
    injection("jinja block", "{% for x in range(9) %}x{% endfor %}"),
    injection("jinja comment", "{# hidden #}"),
    injection("jinja raw", "{% raw %}"),
    injection("format strings", "%s %d %(x)s {0} {x!r}"),
    injection("printf n", "%n%n%n"),
    injection("pdf string break", ") Tj ET BT (injected"),
    injection("pdf backslashes", "\\ \\\\ \\( \\)"),
    injection("pdf dictionary", "<< /S /JavaScript /JS (app.alert(1)) >>"),
    injection("pdf stream end", "endstream endobj"),
    injection("pdf header", "%PDF-1.7 %%EOF"),
    injection("pdf uri", "/URI (javascript:alert(1))"),
    injection("sql", "'; DROP TABLE careers; --"),
    injection("shell", "$(rm -rf /) `id` | cat"),
    injection("path traversal", "../../etc/passwd"),
    injection("absolute path", "/etc/shadow"),
    injection("windows path", "C:\\Windows\\System32\\drivers\\etc\\hosts"),
    injection("unc path", "\\\\server\\share"),
    injection("file uri", "file:///etc/passwd"),
    injection("javascript uri", "javascript:alert(document.cookie)"),
    injection("data uri", "data:text/html;base64,PHNjcmlwdD4="),
    injection("url as text", "https://example.com/?a=1&b=<2>"),
    injection("mailto as text", "mailto:someone@example.org"),
    injection("percent encoding", "%3Cb%3E%2e%2e%2f%00"),
    injection("header splitting", "X\r\nSet-Cookie: a=b"),
    injection("log forging", "ok\n[ERROR] fake entry"),
    Case("injection", "ansi colour", "\x1b[31mred\x1b[0m", control(0x1B)),
    # Text that YAML would misread if it were not quoted: quoted, it is text.
    yamlish("NO", "NO"),
    yamlish("octal", "010"),
    yamlish("sexagesimal", "12:30"),
    yamlish("date", "2026-09-01"),
    yamlish("tilde", "~"),
    yamlish("null", "null"),
    yamlish("inf", ".inf"),
    yamlish("on", "on"),
    yamlish("dash", "- not a list"),
    yamlish("key value", "key: value"),
    yamlish("anchor alias", "&anchor *alias"),
    yamlish("tag", "!!python/object:os.system"),
    yamlish("hash", "# not a comment"),
    yamlish("document marker", "---"),
    yamlish("mixed quotes", "'single' \"double\""),
    yamlish("flow mapping", "{a: 1, b: [2]}"),
    yamlish("merge key", "<<: *merge"),
    # Whitespace: folded to single spaces; nothing visible left is refused.
    Case("whitespace", "leading and trailing", "   padded   "),
    Case("whitespace", "runs of spaces", "a    b"),
    Case("whitespace", "tab", "a\tb"),
    Case("whitespace", "newline", "a\nb"),
    Case("whitespace", "crlf", "a\r\nb"),
    Case("whitespace", "no-break space", "a\u00a0b"),
    Case("whitespace", "ideographic space", "a\u3000b"),
    Case("whitespace", "line separator", "a\u2028b"),
    Case("whitespace", "paragraph separator", "a\u2029b"),
    Case("whitespace", "em space", "a\u2003b"),
    Case("whitespace", "thin space", "a\u2009b"),
    Case("whitespace", "soft hyphen inside", "ca\u00adreer"),
    Case("whitespace", "only spaces", "   ", EMPTY),
    Case("whitespace", "only tab and newline", "\t\n", EMPTY),
    Case("whitespace", "only a soft hyphen", "\u00ad", EMPTY),
    Case("whitespace", "empty", "", "must not be empty"),
    # Control characters.
    Case("control", "nul", "a\x00b", control(0x00)),
    Case("control", "bell", "a\x07b", control(0x07)),
    Case("control", "backspace", "a\x08b", control(0x08)),
    Case("control", "vertical tab", "a\x0bb", control(0x0B)),
    Case("control", "form feed", "a\x0cb", control(0x0C)),
    Case("control", "unit separator", "a\x1fb", control(0x1F)),
    Case("control", "delete", "a\x7fb", control(0x7F)),
    Case("control", "c1 padding", "a\x80b", control(0x80)),
    Case("control", "next line", "a\x85b", control(0x85)),
    Case("control", "c1 csi", "a\x9b31mb", control(0x9B)),
    # Bidirectional controls: they can make printed text read differently from the data.
    Case("bidi", "right-to-left override", "report\u202etxt.exe", bidi(0x202E)),
    Case("bidi", "left-to-right override", "a\u202db", bidi(0x202D)),
    Case("bidi", "right-to-left embedding", "a\u202bb", bidi(0x202B)),
    Case("bidi", "left-to-right embedding", "a\u202ab", bidi(0x202A)),
    Case("bidi", "pop directional formatting", "a\u202cb", bidi(0x202C)),
    Case("bidi", "right-to-left isolate", "a\u2067b", bidi(0x2067)),
    Case("bidi", "left-to-right isolate", "a\u2066b", bidi(0x2066)),
    Case("bidi", "first strong isolate", "a\u2068b", bidi(0x2068)),
    Case("bidi", "pop directional isolate", "a\u2069b", bidi(0x2069)),
    Case("bidi", "right-to-left mark", "a\u200fb", bidi(0x200F)),
    Case("bidi", "left-to-right mark", "a\u200eb", bidi(0x200E)),
    Case("bidi", "arabic letter mark", "a\u061cb", bidi(0x061C)),
    # Invisible format characters.
    Case("invisible", "zero-width non-joiner", "a\u200cb", control(0x200C)),
    Case("invisible", "word joiner", "a\u2060b", control(0x2060)),
    Case("invisible", "byte order mark inside", "a\ufeffb", control(0xFEFF)),
    Case("invisible", "interlinear annotation", "a\ufff9b", control(0xFFF9)),
    Case("invisible", "tag character", "a\U000e0041b", control(0xE0041)),
    Case("invisible", "invisible times", "a\u2062b", control(0x2062)),
    font("zero-width space", "a\u200bb", "\u200b"),
    font("zero-width joiner", "a\u200db", "\u200d"),
    font("variation selector", "a\ufe0fb", "\ufe0f"),
    # Lone surrogates: only a \uD800-style escape in double quotes can make one.
    Case("surrogate", "high surrogate", "a\ud800b", surrogate(0xD800)),
    Case("surrogate", "low surrogate", "a\udfffb", surrogate(0xDFFF)),
    Case("surrogate", "reversed pair", "\udc00\ud800", surrogate(0xDC00)),
    Case("surrogate", "escaped pair", "\ud83d\ude00", surrogate(0xD83D)),
    # Non-characters, private use and unassigned code points.
    Case("non-character", "U+FFFE", "a\ufffeb", nonchar(0xFFFE)),
    Case("non-character", "U+FFFF", "a\uffffb", nonchar(0xFFFF)),
    Case("non-character", "U+FDD0", "a\ufdd0b", nonchar(0xFDD0)),
    Case("non-character", "U+FDEF", "a\ufdefb", nonchar(0xFDEF)),
    Case("non-character", "U+1FFFE", "a\U0001fffeb", nonchar(0x1FFFE)),
    Case("non-character", "U+10FFFF", "a\U0010ffffb", nonchar(0x10FFFF)),
    Case("private use", "U+E000", "a\ue000b", control(0xE000)),
    Case("private use", "U+F8FF", "a\uf8ffb", control(0xF8FF)),
    Case("private use", "plane 15", "a\U000f0000b", control(0xF0000)),
    Case("unassigned", "U+0378", "a\u0378b", control(0x378)),
    Case("unassigned", "U+0380", "a\u0380b", control(0x380)),
    # Unicode normalisation: printed in the composed form.
    Case("normalisation", "decomposed e acute", "Cafe\u0301 cre\u0300me"),
    Case("normalisation", "decomposed a ring", "A\u030angstro\u0308m"),
    Case("normalisation", "decomposed n tilde", "Espan\u0303a"),
    Case("normalisation", "decomposed vietnamese", "Vie\u0323\u0302t Nam"),
    Case("normalisation", "angstrom sign", "5 \u212b"),
    Case("normalisation", "kelvin sign", "300 \u212a"),
    Case("normalisation", "ohm sign becomes greek omega", "10 \u2126",
         lacks("\u03a9"), FONT_HINT),
    Case("normalisation", "fi ligature", "\ufb01nance"),
    # Accented Latin and Vietnamese: the embedded Source Sans Pro prints them.
    Case("latin", "french", "Ingénieure en génie civil, à Québec, être"),
    Case("latin", "german", "Straßenbahnfahrer für Köln-Müngersdorf"),
    Case("latin", "spanish", "Enfermera pediátrica; ¿Año? ¡Sí!"),
    Case("latin", "portuguese", "Técnico de manutenção, São João"),
    Case("latin", "polish", "Kierowca w Łodzi, źdźbło, żółć"),
    Case("latin", "czech", "Řidič, příliš žluťoučký kůň"),
    Case("latin", "turkish", "İstanbul'da ağ yöneticisi, ıIiİ"),
    Case("latin", "romanian", "Asistent medical, Timișoara, țară"),
    Case("latin", "icelandic", "Þjónn, Ægir, ðæ"),
    Case("latin", "hungarian", "Ő és ű, Győr"),
    Case("latin", "welsh", "Ŵ ŷ ŵ Ŷ"),
    Case("latin", "latvian and lithuanian", "Ģ ķ ļ ņ, ąčęėįšųūž"),
    Case("latin", "maltese", "Ħ ħ ċ ġ"),
    Case("latin", "esperanto", "ĉ ĝ ĥ ĵ ŝ ŭ"),
    Case("vietnamese", "health records", "Kỹ thuật viên hồ sơ y tế"),
    Case("vietnamese", "city", "Điều dưỡng viên, Thành phố Hồ Chí Minh"),
    Case("vietnamese", "sentence", "Người ứng tuyển phải biết tiếng Việt"),
    # Typography the font has.
    Case("typography", "quotes", "“double” ‘single’ «guillemets» ‹one›"),
    Case("typography", "dashes", "en – em — minus −"),
    Case("typography", "ellipsis and bullets", "wait… • ·"),
    Case("typography", "currency", "€ £ ¥ ¢ $ ₫"),
    Case("typography", "symbols", "© ® ™ ° ± × ÷ ½ ¼ ¾ §"),
    Case("typography", "arrows", "← → ↑ ↓"),
    Case("typography", "maths", "≤ ≥ ≠ ≈ ∞ √"),
    Case("typography", "superscripts", "1st 2nd ²³ ⁴"),
    Case("typography", "apostrophes", "O’Brien’s"),
    # Characters the embedded typeface lacks (in at least one of its faces).
    font("chinese", "工程师", "工", "程", "师"),
    font("japanese kana", "かんごし", "か", "ん", "ご", "し"),
    font("korean", "간호사", "간", "호", "사"),
    font("arabic", "ممرضة", "م", "ر", "ض", "ة"),
    font("hebrew", "אחות", "א", "ח", "ו", "ת"),
    font("devanagari", "नर्स", "न", "र", "्", "स"),
    font("thai", "พยาบาล", "พ", "ย", "า", "บ", "ล"),
    font("greek, which the italic lacks", "Νοσηλευτής", *"Νοσηλευτής"),
    font("cyrillic, which the italic lacks", "Медсестра", *"Медсестра"),
    font("emoji", "nurse 😀", "😀"),
    font("emoji zwj sequence", "👩\u200d⚕\ufe0f", "👩", "\u200d", "⚕", "\ufe0f"),
    font("flag", "🇺🇸", "🇺", "🇸"),
    font("mathematical bold", "𝐁𝐨𝐥𝐝", "𝐁", "𝐨", "𝐥", "𝐝"),
    font("box drawing", "┌─┐", "┌", "─", "┐"),
    font("braille", "⠃⠗⠁⠊⠇⠇⠑", *"⠃⠗⠁⠊⠇⠇⠑"),
    font("ipa, which the italic lacks", "ʃ ʒ ŋ", "ʃ", "ʒ", "ŋ"),
    font("ij digraph, which the italic lacks", "Ĳsselmeer", "Ĳ"),
    font("fullwidth latin", "ＡＢＣ", "Ａ", "Ｂ", "Ｃ"),
    # Size: the longest allowed value prints; anything longer is refused at once.
    Case("size", "80 characters without a space", "x" * 80),
    Case("size", "80 characters of words", ("word " * 16).strip()),
    Case("size", "80 digits as text", "1" * 80),
    Case("size", "201 characters", "y" * 201,
         "too long: 201 characters; at most {max} fit here", LONG_HINT),
    Case("size", "100,000 characters", "z" * 100_000,
         "too long: 100,000 characters; at most {max} fit here", LONG_HINT),
]
