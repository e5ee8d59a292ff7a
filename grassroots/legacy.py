"""Vietnamese typed in the legacy 8-bit fonts TCVN3 (ABC, .VnTime) and VNI (VNI-Times), to Unicode.

Before Unicode, commune staff typed Vietnamese in fonts that draw Vietnamese letters at the places
of Latin-1 characters. An .xlsx cell keeps the characters those byte values have in Windows-1252
(TCVN3 "Bå §Ò" is "Bồ Đề"); a CSV file keeps the bytes, which the caller decodes as Latin-1 or
cp1252 before asking here.

- ``decode(data, font)`` reads bytes typed in ``font`` ("tcvn3" or "vni") and returns NFC text.
- ``convert(text)`` returns ``(font, nfc_text)`` when ``text`` reads as legacy-typed Vietnamese,
  else None. The text is turned back into bytes (cp1252, Latin-1 for what cp1252 lacks); a
  character neither has (say "ồ") means the text is Unicode already, and so does text whose
  every word with a non-ASCII letter is a well-formed, consistently cased Vietnamese syllable
  ("Tràng An", "Phó"): both give None. Otherwise each font's reading is kept if it differs from
  the text and is Vietnamese in that sense (syllables, abbreviations such as QĐ, punctuation).
  The syllable test knows the spelling rules a misreading tends to break (c ch p t close only
  acute or dot-below syllables, the tone is not on a closing glide, ...). When both readings
  pass, VNI's habit of giving a mark the case of its letter may decide; else the text is
  ambiguous (TCVN3 "Thuû" is Thuỷ, VNI "Thuû" is Thủ) and gives None. A short name can stay
  unrecognised so ("La Sơn" in VNI is "La Sôn", a plausible syllable): a caller that knows a
  whole column is legacy should ``decode`` every cell of it.
- ``FONTS`` gives each font's display name.

TCVN3 is the VN3 set of TCVN 5712:1993: precomposed lowercase letters with every tone, and the
capitals without a tone (Ă Â Ê Ô Ơ Ư Đ) at 0xA1-0xA7. A toned capital has no code of its own in
VN3: ABC users typed the lowercase code in the capitals font (.VnTimeH), so it reads back
lowercase. The combining tone marks that VN1 and VN2 add at 0xB0-0xB4 are not VN3: they stay
"°±²³´". VNI writes a base letter followed by a mark byte (tone, circumflex or breve, or
both) and keeps single bytes for đ ơ ư ĩ ỉ ị ỵ. The tables agree with GNU libiconv / glibc
TCVN5712-1 (VN3 part) and with the tables of the xvnkb, VBKey and vietnamese-conversion
converters.
"""

import re
import unicodedata

FONTS = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}

# Bytes 0x80-0x9F are none of the fonts' letters: read them as cp1252, as Excel shows them.
_C1 = {b: c for b in range(0x80, 0xA0) if (c := bytes([b]).decode("cp1252", "ignore"))}

# TCVN3 byte (as its Latin-1 character) -> letter, one aligned group a line.
_TCVN3 = dict(zip(
    "¡¢£¤¥¦§" "¨©ª«¬\xad®"
    "µ¶·¸¹" "»¼½¾Æ" "ÇÈÉÊË"
    "ÌÎÏÐÑ" "ÒÓÔÕÖ" "×ØÜÝÞ"
    "ßáâãä" "åæçèé" "êëìíî"
    "ïñòóô" "õö÷øù" "úûüýþ",
    "ĂÂÊÔƠƯĐ" "ăâêôơưđ"
    "àảãáạ" "ằẳẵắặ" "ầẩẫấậ"
    "èẻẽéẹ" "ềểễếệ" "ìỉĩíị"
    "òỏõóọ" "ồổỗốộ" "ờởỡớợ"
    "ùủũúụ" "ừửữứự" "ỳỷỹýỵ",
    strict=True,
))

# VNI single-byte letters (ì í Ì Í are the Latin-1 letters themselves).
_VNI_LETTERS = dict(zip("ñÑôÔöÖóÓæÆòÒîÎ", "đĐơƠưƯĩĨỉỈịỊỵỴ", strict=True))

# VNI mark bytes, lowercase and uppercase alike -> combining marks: acute, grave, hook, tilde,
# dot below; then circumflex, and breve, alone and with each tone in that order.
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_TONES = (_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT)
_VNI_MARKS = dict(zip(
    "ùøûõï" "âáàåãä" "êéèúüë",
    [*_TONES, *("\u0302" + t for t in ("", *_TONES)), *("\u0306" + t for t in ("", *_TONES))],
    strict=True,
))
_VNI_MARKS |= {mark.upper(): combining for mark, combining in _VNI_MARKS.items()}

_TABLES = {
    "tcvn3": str.maketrans(_C1 | {ord(k): v for k, v in _TCVN3.items()}),
    "vni": str.maketrans(_C1 | {ord(k): v for k, v in (_VNI_LETTERS | _VNI_MARKS).items()}),
}

_WORD = re.compile(r"[^\W\d_]+")
# A syllable, toneless and lowercase: the initial as spelled before its vowel (ngh, gh, k before
# e ê i (y); ng, g, c not), then a vowel group that may, must or must not take a final.
_SYLLABLE = re.compile(
    r"(?:ngh(?=[eêi])|ng(?![eêi])|gh(?=[eêi])|gi|g(?![eê])|k(?=[eêiy])|c(?![eêiy])"
    r"|kh|nh|ph|qu|th|tr|ch|[bdđhlmnprstvx])?"
    r"(?:(?P<free>oa|oe|uê|uy|[aeêioôơuưy])(?P<final>ch|nh|ng|[cmnpt])?"
    r"|(?P<closed>uyê|oă|uâ|iê|yê|uô|ươ|[ăâ])(?P<closing>ch|nh|ng|[cmnpt])"
    r"|(?P<open>iêu|yêu|oai|oao|oay|oeo|uây|uôi|uya|uyu|ươi|ươu"
    r"|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|uơ|ưa|ưi|ưu))"
)
_ABBREVIATION = re.compile(r"[BCDĐGHKLMNPQRSTVX]+|đ")
_PUNCTUATION = set("–—‘’“”…•°\u00a0")


def decode(data: bytes, font: str) -> str:
    if font not in _TABLES:
        raise ValueError(f"unknown legacy font {font!r}: expected one of {sorted(FONTS)}")
    return unicodedata.normalize("NFC", data.decode("latin-1").translate(_TABLES[font]))


def _syllable(word: str) -> bool:
    # Besides the spelling above: one tone at most, not on a closing glide (kéo, not keó); c ch p t
    # close only acute or dot-below syllables; nh ch follow only a ê i y, ng c never i; y takes
    # no final but after qu. A legacy misreading tends to break one; rare loans (xoong) fail too.
    letters = [unicodedata.normalize("NFD", c) for c in word.lower()]
    tones = [(i, mark) for i, c in enumerate(letters) for mark in c if mark in _TONES]
    bare = unicodedata.normalize("NFC", "".join(c for c in "".join(letters) if c not in _TONES))
    match = _SYLLABLE.fullmatch(bare)
    if len(tones) > 1 or not match:
        return False
    vowels = match["free"] or match["closed"] or match["open"]
    final = match["final"] or match["closing"] or ""
    index, tone = tones[0] if tones else (None, "")
    return not (
        (match["open"] and index == match.end("open") - 1)
        or (final in ("c", "ch", "p", "t") and tone not in (_ACUTE, _DOT))
        or (final in ("nh", "ch") and vowels[-1] not in "aêiy")
        or (final in ("ng", "c") and vowels[-1] == "i")
        or (vowels == "y" and final and not bare.startswith("qu"))
    )


def _plausible(text: str) -> bool:
    # Vietnamese with at least one non-ASCII syllable; abbreviations (QĐ, HĐND, đ) pass too.
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    return (all(c.isascii() or c.isspace() or c in _PUNCTUATION for c in _WORD.sub("", text))
            and all(_syllable(w) or _ABBREVIATION.fullmatch(w) for w in words)
            and any(map(_syllable, words)))


def _cased(text: str) -> bool:
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    return all(w.islower() or w.istitle() or w.isupper() for w in words)


def as_bytes(text: str) -> bytes | None:
    """The bytes a legacy-font text was typed as (None if it holds a character no 8-bit
    Windows code page has, so it cannot be legacy text)."""
    out = bytearray()
    for char in text:
        for codec in ("cp1252", "latin-1"):
            try:
                out += char.encode(codec)
                break
            except UnicodeEncodeError:
                continue
        else:
            return None
    return bytes(out)


def convert(text: str) -> tuple[str, str] | None:
    data = as_bytes(text)
    if data is None or data.isascii() or (_plausible(text) and _cased(text)):
        return None
    original = unicodedata.normalize("NFC", text)
    readings = [(font, decode(data, font)) for font in FONTS]
    readings = [(font, out) for font, out in readings if out != original and _plausible(out)]
    if len(readings) > 1:  # VNI gives a mark the case of its letter: TiÕn is TCVN3 Tiến
        readings = [(font, out) for font, out in readings if font == "tcvn3" or _cased(text)]
    return readings[0] if len(readings) == 1 else None
