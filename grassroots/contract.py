"""The import contract of DOMAIN.md: for each kind of file, its table, its columns and the rules
its rows obey. The reader (ingest), the templates and the demo all follow this one description.

Column types: `code` and `name` name the commune (`Mã xã`, `Tên xã`; either one, or both when
they agree); `month` and `date` are parsed from the ways people write them; `count` is a whole
number ≥ 0, `decimal` a number ≥ 0; `choice` one of a few words (CHOICES); `flag` yes or no;
`text` anything. An optional column may be left out of the file or left empty.
"""

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from grassroots.i18n import N_


@dataclass(frozen=True)
class Column:
    header: str
    name: str                 # the database column
    type: str = "count"
    optional: bool = False


@dataclass(frozen=True)
class Kind:
    table: str
    columns: tuple[Column, ...]
    covers: tuple[str, ...]   # a file replaces the stored rows with these values (SQL over columns)
    unique: bool = True       # at most one row per `covers` value in a file
    parts: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()  # sum(parts) ≤ sum(whole)
    warn_parts: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()  # the same, a warning

    @property
    def headers(self) -> dict[str, str]:
        return {c.name: c.header for c in self.columns}


CODE = Column("Mã xã", "unit_code", "code")
NAME = Column("Tên xã", "unit_name", "name")
MONTH = Column("Tháng", "month", "month")

KINDS: dict[str, Kind] = {
    "units": Kind("units", (
        Column("Mã xã", "code", "code"),
        Column("Tên xã", "name", "text"),
        Column("Loại", "kind", "choice"),
        Column("Dân số", "population", optional=True),
        Column("Số hộ", "households", optional=True),
        Column("Diện tích (km²)", "area_km2", "decimal", optional=True),
        Column("Số thôn, tổ dân phố", "villages", optional=True),
    ), covers=("code", "valid_from")),
    "dossiers": Kind("dossier_stats", (
        CODE, NAME, MONTH,
        Column("Kỳ trước chuyển sang", "carried_over"),
        Column("Tiếp nhận", "received"),
        Column("Giải quyết trước hạn", "resolved_early"),
        Column("Giải quyết đúng hạn", "resolved_on_time"),
        Column("Giải quyết quá hạn", "resolved_late"),
        Column("Đang giải quyết trong hạn", "pending_in_time"),
        Column("Đang giải quyết quá hạn", "pending_overdue"),
        Column("Trực tuyến toàn trình", "online_full"),
        Column("Trực tuyến một phần", "online_partial"),
        Column("Hồ sơ có phí", "with_fee"),
        Column("Thanh toán trực tuyến", "paid_online"),
        Column("Số hóa", "digitised"),
    ), covers=("unit_code", "month"), parts=(
        (("resolved_early", "resolved_on_time", "resolved_late", "pending_in_time",
          "pending_overdue"), ("carried_over", "received")),
        (("paid_online",), ("with_fee",)),
    )),
    "dossier_records": Kind("dossier_records", (
        Column("Mã hồ sơ", "dossier_id", "text"),
        CODE, NAME,
        Column("Ngày tiếp nhận", "received_on", "date"),
        Column("Ngày hẹn trả", "due_on", "date"),
        Column("Ngày trả kết quả", "returned_on", "date", optional=True),
        Column("Hình thức nộp", "channel", "choice"),
        Column("Trạng thái", "status", "choice", optional=True),
        Column("Có phí", "has_fee", "flag", optional=True),
        Column("Thanh toán trực tuyến", "paid_online", "flag", optional=True),
        Column("Đã số hóa", "digitised", "flag", optional=True),
    ), covers=("dossier_id",), parts=((("paid_online",), ("has_fee",)),)),
    "letters": Kind("letters", (
        CODE, NAME, MONTH,
        Column("Đăng ký khai sinh", "births"),
        Column("Thư chúc mừng khai sinh", "birth_letters"),
        Column("Đăng ký kết hôn", "marriages"),
        Column("Thư chúc mừng kết hôn", "marriage_letters"),
        Column("Đăng ký khai tử", "deaths"),
        Column("Thư chia buồn", "condolence_letters"),
    ), covers=("unit_code", "month"), warn_parts=(
        (("birth_letters",), ("births",)),
        (("marriage_letters",), ("marriages",)),
        (("condolence_letters",), ("deaths",)),
    )),
    # Events have no key of their own: a file replaces its communes' events of the months it
    # holds, so a commune's corrected list for a month replaces the list sent before.
    "engagements": Kind("engagements", (
        CODE, NAME,
        Column("Ngày", "held_on", "date"),
        Column("Hình thức", "kind", "choice"),
        Column("Người chủ trì", "chaired_by", "text", optional=True),
        Column("Số người tham dự", "participants"),
        Column("Số ý kiến, kiến nghị", "petitions_received"),
        Column("Số ý kiến đã giải quyết", "petitions_resolved"),
    ), covers=("unit_code", "date_trunc('month', held_on)"), unique=False,
        parts=((("petitions_resolved",), ("petitions_received",)),)),
    "cadres": Kind("cadre_snapshots", (
        CODE, NAME,
        Column("Ngày", "taken_on", "date"),
        Column("Tổng số", "total"),
        Column("Trên đại học", "postgraduate"),
        Column("Đại học", "university"),
        Column("Cao đẳng", "college"),
        Column("Trung cấp", "intermediate"),
        Column("Khác", "other_education"),
        Column("LLCT cao cấp", "theory_advanced"),
        Column("LLCT trung cấp", "theory_intermediate"),
        Column("LLCT sơ cấp", "theory_elementary"),
    ), covers=("unit_code", "taken_on"), parts=(
        (("postgraduate", "university", "college", "intermediate", "other_education"),
         ("total",)),
        (("theory_advanced", "theory_intermediate", "theory_elementary"), ("total",)),
    )),
    "satisfaction": Kind("satisfaction", (
        CODE, NAME, MONTH,
        Column("Số phiếu khảo sát", "surveys"),
        Column("Số phiếu hài lòng", "satisfied"),
    ), covers=("unit_code", "month"), parts=((("satisfied",), ("surveys",)),)),
}

# Each kind of file with its title.
TITLES = {"units": N_("List of communes"), "dossiers": N_("Dossiers by month"),
          "dossier_records": N_("Dossiers, one row each"), "letters": N_("Letters by month"),
          "engagements": N_("Receptions and dialogues"), "cadres": N_("Commune cadres"),
          "satisfaction": N_("Satisfaction by month")}

# Engagement kinds as written in files (column Hình thức), with the kind stored; and each
# stored kind with its name.
ENGAGEMENT_KINDS = {"Hội nghị đối thoại": "dialogue", "Bí thư tiếp công dân": "secretary_reception",
                    "Chủ tịch UBND tiếp công dân": "chair_reception",
                    "Ngày thứ Bảy với dân": "saturday_with_people",
                    "Tiếp xúc cử tri": "voter_meeting", "Khác": "other"}
ENGAGEMENT_NAMES = {"dialogue": N_("Dialogue conferences"),
                    "secretary_reception": N_("Party secretary receptions"),
                    "chair_reception": N_("People's Committee chair receptions"),
                    "saturday_with_people": N_("Saturday with the people"),
                    "voter_meeting": N_("Voter meetings"), "other": N_("Other")}

# The words a `choice` column accepts (by header), as written in files, and the value stored
# for each; the stored value is accepted too.
CHOICES: dict[str, dict[str, str]] = {
    "Loại": {"xã": "xã", "phường": "phường", "thị trấn": "thị trấn", "đặc khu": "đặc khu"},
    "Hình thức": ENGAGEMENT_KINDS,
    # "Trực tuyến" alone (one-stop systems' exports, form 06) does not say in full or in part.
    "Hình thức nộp": {"Trực tuyến toàn trình": "online_full",
                      "Trực tuyến một phần": "online_partial", "Trực tuyến": "online",
                      "Trực tiếp": "counter", "Bưu chính công ích": "counter"},
    # The statuses of the one-stop systems; a dossier registered but never accepted at the desk
    # (registered, refused) is no dossier of the desk's (queries/dossier_months.sql).
    "Trạng thái": {"Mới đăng ký": "registered", "Được tiếp nhận": "accepted",
                   "Không được tiếp nhận": "refused", "Đang xử lý": "processing",
                   "Yêu cầu bổ sung giấy tờ": "supplement",
                   "Yêu cầu thực hiện nghĩa vụ tài chính": "financial",
                   "Công dân yêu cầu rút hồ sơ": "withdrawn", "Dừng xử lý": "stopped",
                   "Đã xử lý xong": "processed", "Đã trả kết quả": "returned"},
}


def _synonyms() -> tuple[dict[str, tuple[str, ...]], dict[str, dict[str, str]], tuple[str, ...]]:
    """synonyms.csv, the everyday words kept as data: other names of a column's header; other
    words for a choice (field: the column's header); and the headers of columns holding
    personal data, which no import stores."""
    headers: dict[str, list[str]] = {}
    words: dict[str, dict[str, str]] = {}
    personal = []
    with open(Path(__file__).with_name("synonyms.csv"), encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            if row["field"] == "header":
                headers.setdefault(row["means"], []).append(row["word"])
            elif row["field"] == "personal":
                personal.append(row["word"])
            else:
                words.setdefault(row["field"], {})[row["word"]] = CHOICES[row["field"]][
                    row["means"]]
    return {h: tuple(w) for h, w in headers.items()}, words, tuple(personal)


HEADER_SYNONYMS, CHOICE_SYNONYMS, PERSONAL = _synonyms()
FLAGS = {"có": True, "x": True, "1": True, "không": False, "": False, "0": False}
TOTAL_WORDS = ("tổng cộng", "cộng", "tổng", "tổng số", "toàn huyện", "toàn tỉnh")

# "UBND xã Bồ Đề", as forms name a commune by its People's Committee, reads "bo de" too.
KIND_PREFIX = re.compile(r"^(?:(?:ubnd|uy ban nhan dan)\s+)?"
                         r"(?:(?:xa|phuong|thi tran|dac khu)\s+|(?:tt|p|x)\.\s*|tt\s+)?")


def plain(text: str) -> str:
    """Lower case, no accents (đ → d), single spaces: how headers and names compare."""
    text = unicodedata.normalize("NFKD", str(text).lower().replace("đ", "d"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", text).strip()


def plain_name(name: str) -> str:
    """A commune name without its kind: "Xã Bồ Đề", "BỒ ĐỀ", "Bo De" all read "bo de"; "TT. Bình
    Mỹ" and "thị trấn Bình Mỹ" read "binh my"."""
    return KIND_PREFIX.sub("", plain(name))
