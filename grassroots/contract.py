"""The import contract of DOMAIN.md: for each kind of file, its table and its columns.

Each column is (canonical Vietnamese header, database column). Headers that name the commune
(`Mã xã`, `Tên xã`) map to `unit_code` and `unit_name`; the month and date columns are parsed
by the reader, the others are counts.
"""

KINDS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "units": ("units", (
        ("Mã xã", "code"),
        ("Tên xã", "name"),
        ("Loại", "kind"),
        ("Dân số", "population"),
        ("Số hộ", "households"),
        ("Diện tích (km²)", "area_km2"),
        ("Số thôn, tổ dân phố", "villages"),
    )),
    "dossiers": ("dossier_stats", (
        ("Mã xã", "unit_code"),
        ("Tên xã", "unit_name"),
        ("Tháng", "month"),
        ("Kỳ trước chuyển sang", "carried_over"),
        ("Tiếp nhận", "received"),
        ("Giải quyết trước hạn", "resolved_early"),
        ("Giải quyết đúng hạn", "resolved_on_time"),
        ("Giải quyết quá hạn", "resolved_late"),
        ("Đang giải quyết trong hạn", "pending_in_time"),
        ("Đang giải quyết quá hạn", "pending_overdue"),
        ("Trực tuyến toàn trình", "online_full"),
        ("Trực tuyến một phần", "online_partial"),
        ("Hồ sơ có phí", "with_fee"),
        ("Thanh toán trực tuyến", "paid_online"),
        ("Số hóa", "digitised"),
    )),
    "letters": ("letters", (
        ("Mã xã", "unit_code"),
        ("Tên xã", "unit_name"),
        ("Tháng", "month"),
        ("Đăng ký khai sinh", "births"),
        ("Thư chúc mừng khai sinh", "birth_letters"),
        ("Đăng ký kết hôn", "marriages"),
        ("Thư chúc mừng kết hôn", "marriage_letters"),
        ("Đăng ký khai tử", "deaths"),
        ("Thư chia buồn", "condolence_letters"),
    )),
    "engagements": ("engagements", (
        ("Mã xã", "unit_code"),
        ("Tên xã", "unit_name"),
        ("Ngày", "held_on"),
        ("Hình thức", "kind"),
        ("Người chủ trì", "chaired_by"),
        ("Số người tham dự", "participants"),
        ("Số ý kiến, kiến nghị", "petitions_received"),
        ("Số ý kiến đã giải quyết", "petitions_resolved"),
    )),
    "cadres": ("cadre_snapshots", (
        ("Mã xã", "unit_code"),
        ("Tên xã", "unit_name"),
        ("Ngày", "taken_on"),
        ("Tổng số", "total"),
        ("Trên đại học", "postgraduate"),
        ("Đại học", "university"),
        ("Cao đẳng", "college"),
        ("Trung cấp", "intermediate"),
        ("Khác", "other_education"),
        ("LLCT cao cấp", "theory_advanced"),
        ("LLCT trung cấp", "theory_intermediate"),
        ("LLCT sơ cấp", "theory_elementary"),
    )),
    "satisfaction": ("satisfaction", (
        ("Mã xã", "unit_code"),
        ("Tên xã", "unit_name"),
        ("Tháng", "month"),
        ("Số phiếu khảo sát", "surveys"),
        ("Số phiếu hài lòng", "satisfied"),
    )),
}

MONTH_COLUMNS = {"month"}
DATE_COLUMNS = {"held_on", "taken_on"}
TEXT_COLUMNS = {"code", "name", "kind", "unit_code", "unit_name", "chaired_by"}

# Engagement kinds as stored, with their names in Vietnamese (as written in files, column
# Hình thức) and in English.
KIND_LABELS = {
    "dialogue": ("Hội nghị đối thoại", "Dialogue conferences"),
    "secretary_reception": ("Bí thư tiếp công dân", "Party secretary receptions"),
    "chair_reception": ("Chủ tịch UBND tiếp công dân", "Chair receptions"),
    "saturday_with_people": ("Ngày thứ Bảy với dân", "Saturday with the people"),
    "voter_meeting": ("Tiếp xúc cử tri", "Voter meetings"),
    "other": ("Khác", "Other"),
}
ENGAGEMENT_KINDS = {vi: kind for kind, (vi, _) in KIND_LABELS.items()}
