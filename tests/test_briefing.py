"""Briefing material: charts as PNG (size, a title actually drawn, every letter in the bundled
font), the PowerPoint deck read back with python-pptx (titles, numbers, sentences computed by
hand from the small fixture), the same pages as PDF, the CLI, and the page."""

import io
import re

import numpy as np
import pytest
from fontTools.ttLib import TTFont
from PIL import Image
from pptx import Presentation

from grassroots import __main__ as cli
from grassroots import briefing, catalog, charts, figures, images, maps, periods

ON_TIME = catalog.BY_ID["on_time_rate"]
Q1 = periods.parse("2025-Q1")


def ranking_chart(database, lang="vi"):
    period = periods.parse("2025-Q2")
    frame = figures.ranking(database, ON_TIME, period)
    parent = figures.parent_values(database, period).loc[ON_TIME.id]
    subtitle = figures.chart_subtitle(database, database.settings(), period, lang)
    return charts.ranking(frame, ON_TIME, parent["value"], "Toàn huyện", parent["target"],
                          "Tỷ lệ hồ sơ giải quyết đúng hạn — Quý II/2025", subtitle, lang)


def strings(spec) -> set[str]:
    """Every text in a spec: titles, labels, the data's names and labels."""
    if isinstance(spec, dict):
        return set().union(*(strings(v) for v in spec.values())) if spec else set()
    if isinstance(spec, list):
        return set().union(*(strings(v) for v in spec)) if spec else set()
    return {spec} if isinstance(spec, str) else set()


def map_chart(database):
    period = periods.parse("2025-Q2")
    frame = figures.ranking(database, ON_TIME, period)
    bounds = maps.breaks(frame["value"], "quantiles", 5)
    return charts.choropleth(maps.layer(database), frame, ON_TIME, bounds, "5 lớp theo phân vị",
                             "Bản đồ đúng hạn", ["Huyện Bình Lục"], "vi")


def trend_chart(database):
    period = periods.parse("2025-Q2")
    return charts.trend(figures.trend(database, ON_TIME, period), ON_TIME, "quarter",
                        "Toàn huyện", 1.0, "Diễn biến đúng hạn", ["Huyện Bình Lục"], "vi")


@pytest.mark.parametrize("make", [ranking_chart, map_chart, trend_chart])
def test_a_chart_png_is_16_9_at_twice_the_size_with_its_title_drawn(district, make):
    image = Image.open(io.BytesIO(images.png(make(district), "vi"))).convert("L")
    assert image.size == (1920, 1080)
    title = image.crop((0, 0, 960, 50))  # the title, anchored left
    beside = image.crop((1400, 0, 1920, 50))  # right of it: nothing
    assert (np.asarray(title) < 100).sum() > 2000  # dark strokes of letters
    assert (np.asarray(beside) < 100).sum() == 0


def test_a_chart_of_many_rows_draws(district):
    """A province's trend has thousands of rows, more than Altair lets a spec carry inline."""
    many = {"data": {"values": [{"x": i, "y": i} for i in range(6000)]}, "mark": "line",
            "encoding": {"x": {"field": "x", "type": "quantitative"},
                         "y": {"field": "y", "type": "quantitative"}},
            "title": "Nhiều dòng", "width": "container"}
    assert Image.open(io.BytesIO(images.png(many, "vi"))).size == (1920, 1080)


def test_every_letter_of_a_chart_is_in_the_bundled_font(district):
    spec = images.spec_for_image(ranking_chart(district))
    assert spec["config"]["font"] == "Noto Sans" and spec["background"] == "white"
    assert spec["title"]["subtitle"][0] == "Huyện Bình Lục · Quý II/2025 · DỮ LIỆU MẪU"
    assert re.fullmatch(r"Nguồn: .+; cập nhật \d\d/\d\d/\d{4}", spec["title"]["subtitle"][1])
    letters = set("".join(strings(spec)))
    for path in (images.REGULAR, images.BOLD):
        cmap = TTFont(path).getBestCmap()
        assert {c for c in letters if ord(c) not in cmap and c.isprintable()} == set()
    assert {"Đồng Du", "Tiêu Động", "Trung Lương"} <= strings(spec)


def test_the_deck_has_the_slides_numbers_and_sentences_of_the_figures(small_db, tmp_path):
    """Quarter I/2025 of the small fixture: Một resolved 105 of 110 dossiers on time (95,5%),
    Hai 78 of 80 (97,5%), Đồng Ba did not report: 183/190 = 96,3% for the district, no commune
    at the 100% target. Một had 8 of 10 cadres with a degree at 31/12/2024 (80,0%), as at the
    end of the previous quarter."""
    deck = briefing.build(small_db, Q1, ["dossiers", "cadres", "score"])
    slides = Presentation(io.BytesIO(briefing.to_pptx(deck))).slides
    texts = [[shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
             for slide in slides]
    assert [t[0] for t in texts] == [
        "Báo cáo giao ban — Quý I/2025",
        "Tỷ lệ hồ sơ giải quyết đúng hạn — Quý I/2025",
        "Tỷ lệ cán bộ, công chức có trình độ đại học trở lên — Quý I/2025",
        "Điểm tổng hợp — Quý I/2025",
        "Bảng tổng hợp các xã",
    ]
    dossiers = texts[1][1]
    assert dossiers.splitlines() == [
        "Toàn huyện: 96,3%", "Chỉ tiêu: 100,0%", "Số xã đạt chỉ tiêu: 0/3",
        "• 0/3 xã đạt chỉ tiêu 100,0%; thấp nhất: Một 95,5%.",
        "• Chưa có số liệu: Đồng Ba."]
    assert "• Toàn huyện đạt 80,0%, không đổi so với Quý IV/2024." in texts[2][1].splitlines()
    assert "• Chưa có số liệu: Đồng Ba, Hai." in texts[2][1].splitlines()
    assert texts[3][1].splitlines()[1].startswith("• Cao nhất: ")
    assert all(any(s.shape_type == 13 for s in slide.shapes) for slide in list(slides)[1:4])
    table = next(s for s in slides[4].shapes if s.has_table).table
    assert [c.text for c in table.rows[0].cells] == [
        "Xã", "Đúng hạn", "Gửi thư", "Bí thư tiếp dân", "Đại học trở lên", "Hài lòng"]
    assert [c.text for c in table.rows[1].cells][:2] == ["Toàn huyện", "96,3%"]
    assert [r.cells[0].text for r in list(table.rows)[2:]] == ["Đồng Ba", "Hai", "Một"]
    assert texts[1][-2].startswith("Nguồn: báo cáo của các xã")  # the footer

    pdf = briefing.to_pdf(deck)
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type /Page\b", pdf)) == 5


def test_the_deck_in_english(small_db):
    deck = briefing.build(small_db, Q1, ["dossiers"], lang="en")
    assert deck.slides[0].sentences == [
        "0 of 3 communes meet the 100.0% target; lowest: Một 95.5%.", "No figures from: Đồng Ba."]


def test_the_demo_deck_marks_every_slide_as_sample_data(district):
    deck = briefing.build(district, periods.parse("2025-Q2"), ["satisfaction"])
    assert [s.title for s in deck.slides] == [
        "Tỷ lệ người dân hài lòng — Quý II/2025", "Bản đồ: Tỷ lệ người dân hài lòng — Quý II/2025"]
    assert deck.slides[0].sentences[0] == "8/15 xã đạt chỉ tiêu 90,0%; thấp nhất: Đồn Xá 80,8%."
    slides = Presentation(io.BytesIO(briefing.to_pptx(deck))).slides
    for slide in list(slides)[1:]:
        footer = [s.text_frame.text for s in slide.shapes if s.has_text_frame][-2]
        assert footer.startswith("DỮ LIỆU MẪU · Nguồn: ")


@pytest.mark.parametrize("suffix", [".pptx", ".pdf"])
def test_the_cli_writes_the_pack(small_db, tmp_path, capsys, suffix):
    out = tmp_path / f"giao-ban{suffix}"
    assert cli.main(["briefing", "--period", "2025-Q1", "--out", str(out), "--sections",
                     "dossiers,cadres", "--db", str(small_db.path)]) == 0
    assert f"Đã ghi {out}: 4 trang." in capsys.readouterr().out
    data = out.read_bytes()
    if suffix == ".pptx":
        assert len(Presentation(io.BytesIO(data)).slides) == 4
    else:
        assert len(re.findall(rb"/Type /Page\b", data)) == 4
    with pytest.raises(SystemExit) as usage:
        cli.main(["briefing", "--period", "2025-Q9", "--out", str(out)])
    assert usage.value.code == 2


def test_the_briefing_page_builds_and_offers_both_files(app):
    at = app({"ky": "2025-Q2"}).switch_page("app_pages/briefing.py").run()
    assert not at.exception
    next(b for b in at.button if b.label == "Tạo báo cáo").click().run(timeout=120)
    assert not at.exception
    assert [s.value for s in at.success] == ["13 trang chiếu, kể cả trang bìa và bảng tổng hợp."]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels[-2:] == ["PowerPoint", "PDF"]


def test_every_chart_offers_a_png(app):
    at = app({"ky": "2025-Q2"}).switch_page("app_pages/dossiers.py").run()
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels.count("PNG") == 3 and labels.count("CSV") == 3  # ranking, map, trend
