"""Legacy fonts: text typed in TCVN3 (ABC) or VNI reads back as Unicode; Unicode is left alone."""

import shutil
import subprocess
import unicodedata

import pytest

from grassroots import legacy

NAMES = [
    "Bồ Đề", "Bình Mỹ", "Đồn Xá", "Tiêu Động", "Ngọc Lũ", "Trung Lương", "An Đổ", "Tràng An",
    "Đồng Du", "Vũ Bản", "La Sơn", "An Lão", "Bình Nghĩa", "thị trấn Bình Mỹ", "Xã Bồ Đề",
]
SENTENCES = [
    "Thư chúc mừng khai sinh", "Ủy ban nhân dân xã", "Người chủ trì", "Đặc khu Phú Quốc",
    "ỹ ỳ ỷ ỵ ý ữ ừ ử ự ứ",
    "à á ả ã ạ ằn ắt ẳng ẵng ặc ầm ấm ẩn ẫn ập è é ẻ ẽ ẹ ề ế ể ễ ệ ì í ỉ ĩ ị",
    "ò ó ỏ õ ọ ồ ố ổ ỗ ộ ờ ớ ở ỡ ợ ù ú ủ ũ ụ ăn âm ê ô ơ ư đi Ăn Ân Êm Ôn Ơn Ưa Đa",
    "Ấp Ông Đồ, Ẩn Ở Ưng Ý: Ỷ Ễ Ổ Ữ Ặc Ự?",
    "Khuya, người lính gác ở Quảng Ngãi nghĩ về quê hương (2025).",
]
# Legacy text whose every word also reads as a Unicode syllable: it is left as it is.
AMBIGUOUS = {("vni", "La Sơn")}
LOWER, UPPER = "aăâeêioôơuưy", "AĂÂEÊIOÔƠUƯY"
TONED = [unicodedata.normalize("NFC", v + t) for v in LOWER + UPPER
         for t in ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")]
LETTERS = [c for c in TONED if not c.isascii()] + ["đ", "Đ"]


# The module's tables inverted: letter -> TCVN3 code, VNI letter code, VNI mark for (marks, case).
TCVN3 = {letter: code for code, letter in legacy._TCVN3.items()}
VNI_LETTERS = {letter: code for code, letter in legacy._VNI_LETTERS.items()}
VNI_MARKS = {(marks, code.isupper()): code for code, marks in legacy._VNI_MARKS.items()}


def legacy_bytes(text: str, font: str) -> bytes:
    """Unicode -> legacy bytes, from the module's own tables.

    TCVN3 has no toned capitals: as with the .VnTimeH capitals font, they get the lowercase code.
    """
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char.isascii() or (font == "vni" and char in "ìíÌÍ"):
            out.append(char)
        elif font == "tcvn3":
            out.append(TCVN3.get(char) or TCVN3[char.lower()])
        elif char in VNI_LETTERS:
            out.append(VNI_LETTERS[char])
        else:
            base, *marks = unicodedata.normalize("NFD", char)
            if "\u031b" in marks:  # the horn: ơ ư are letters of their own
                marks.remove("\u031b")
                base = VNI_LETTERS[unicodedata.normalize("NFC", base + "\u031b")]
            marks.sort(key=lambda mark: mark not in "\u0302\u0306")  # circumflex or breve first
            out.append(base + VNI_MARKS["".join(marks), char.isupper()])
    return "".join(out).encode("latin-1")


def _expected(text: str, font: str) -> str:
    if font == "tcvn3":
        text = "".join(c if c.isascii() or c in TCVN3 else c.lower() for c in text)
    return unicodedata.normalize("NFC", text)


def xlsx_text(data: bytes) -> str:
    """What an .xlsx cell holds: each byte as its Windows-1252 character (Latin-1 where none)."""
    return "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in data)


@pytest.mark.parametrize("font", sorted(legacy.FONTS))
@pytest.mark.parametrize("text", NAMES + SENTENCES)
def test_legacy_text_round_trips_and_is_recognised(text, font):
    data, expected = legacy_bytes(text, font), _expected(text, font)
    assert legacy.decode(data, font) == expected
    for seen in {xlsx_text(data), data.decode("latin-1")}:
        found = legacy.convert(seen)
        assert found == (None if (font, text) in AMBIGUOUS else (font, expected)), seen


@pytest.mark.parametrize("font", sorted(legacy.FONTS))
def test_every_vietnamese_letter_has_a_code(font):
    letters = [c for c in LETTERS if font == "vni" or c == _expected(c, font)]
    assert len(letters) == (134 if font == "vni" else 74)
    codes = [legacy_bytes(c, font) for c in letters]
    assert len(set(codes)) == len(codes)
    assert [legacy.decode(code, font) for code in codes] == letters


@pytest.mark.skipif(shutil.which("iconv") is None, reason="no iconv")
def test_tcvn3_table_agrees_with_iconv():
    """glibc's TCVN5712-1 is VN1, a superset of VN3: it must read every VN3 code the same."""
    data = b" ".join(code.encode("latin-1") for code in legacy._TCVN3)
    read = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=data,
                          capture_output=True, check=True).stdout.decode()
    assert read.split(" ") == list(legacy._TCVN3.values())
    assert legacy.decode(data, "tcvn3") == read


# Typed by others and published with their meaning: duydev/vietnamese-conversion
# (tests/helpers/test-data.ts) and the national motto as quoted by several public converters.
@pytest.mark.parametrize("font, typed, meaning", [
    ("tcvn3", "Xin chµo c¸c b¹n", "Xin chào các bạn"),
    ("tcvn3", "T«i ®i häc", "Tôi đi học"),
    ("tcvn3", "Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("tcvn3", "§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("vni", "Xin chaøo caùc baïn", "Xin chào các bạn"),
    ("vni", "Toâi ñi hoïc", "Tôi đi học"),
    ("vni", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("vni", "Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
])
def test_published_legacy_text(font, typed, meaning):
    assert legacy.decode(typed.encode("cp1252"), font) == meaning
    assert legacy.convert(typed) == (font, meaning)


@pytest.mark.parametrize("typed, found", [
    ("Phó Quèc", ("tcvn3", "Phú Quốc")),  # "Quèc" is no Unicode syllable: c closes acute or dot
    ("Nam Trùc", ("tcvn3", "Nam Trực")),
    ("TrÊn", ("tcvn3", "Trấn")),  # a capital inside a word is no Unicode spelling
    ("TiÕn", ("tcvn3", "Tiến")),  # VNI would read "Tiẽn", an uppercase mark on a lowercase letter
    ("Q§ sè 15/2025/Q§-UBND", ("tcvn3", "QĐ số 15/2025/QĐ-UBND")),
    ("iPhone cña x·", ("tcvn3", "iPhone của xã")),
    ("50.000®", None),  # "50.000đ" has no syllable to go by
    ("Thuû", None),  # Thuỷ in TCVN3, Thủ in VNI
    ("Phó", None),  # Phú in TCVN3, but Phó in Unicode
])
def test_which_font_and_when_none(typed, found):
    assert legacy.convert(typed) == found


@pytest.mark.parametrize("text", [
    "Bồ Đề", "BỒ ĐỀ", "Bo De", "Tiêu Động", "Tràng An", "TRÀNG AN", "An Lão", "Hà Nam", "Phó",
    "Tân Yên", unicodedata.normalize("NFD", "Bồ Đề"), "Xã Bồ Đề, thị trấn Bình Mỹ", "", "12 345",
    "Commune report 2025", "Café", "Señor Muñoz vivía en la mañana", "Müller größer Straße",
    "François a préféré la crème brûlée", "25°C ± 2", "§ 3", "© 2024",
])
def test_unicode_and_ascii_are_left_alone(text):
    assert legacy.convert(text) is None


def test_fonts_and_an_unknown_font():
    assert legacy.FONTS == {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}
    with pytest.raises(ValueError, match="unknown legacy font"):
        legacy.decode(b"abc", "viscii")
