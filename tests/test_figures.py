"""Indicator values from the queries, checked against figures computed by hand (see small_db)."""

import math
from datetime import date

import pandas as pd
import pytest

from grassroots import catalog, db, figures, periods, rules, scores, targets
from tests.conftest import audit_log, insert, resolved

ON_TIME = catalog.BY_ID["on_time_rate"]
UNIVERSITY = catalog.BY_ID["university_rate"]
CHAIRS = {"secretary_reception": "Bí thư", "dialogue": "Bí thư", "chair_reception": "Chủ tịch"}


def event(unit_code: str, held_on: str, kind: str, participants: int = 1,
          petitions: tuple[int, int] = (0, 0)) -> dict:
    """An engagements row: its petitions (received, resolved), chaired by whom its kind says."""
    return {"unit_code": unit_code, "held_on": held_on, "kind": kind, "chaired_by": CHAIRS[kind],
            "participants": participants, "petitions_received": petitions[0],
            "petitions_resolved": petitions[1]}


def value_of(frame, code, indicator="on_time_rate"):
    row = frame[(frame["unit_code"] == code) & (frame["indicator"] == indicator)]
    return row.iloc[0]


def test_a_quarter_is_the_ratio_of_summed_parts_not_the_mean_of_monthly_ratios(small_db):
    frame = figures.commune_values(small_db, periods.parse("2025-Q1"))
    mot = value_of(frame, "10001")
    assert (mot["num"], mot["den"]) == (105, 110)
    assert mot["value"] == pytest.approx(105 / 110)  # the mean of monthly ratios would be 0.875
    assert value_of(frame, "10002")["value"] == pytest.approx(78 / 80)


def test_the_parent_value_sums_the_communes_parts(small_db):
    parent = figures.parent_values(small_db, periods.parse("2025-Q1")).loc["on_time_rate"]
    assert parent["value"] == pytest.approx((105 + 78) / (110 + 80))
    assert parent["target"] == 1.0


def test_a_commune_that_did_not_report_is_no_data_not_zero(small_db):
    march = figures.commune_values(small_db, periods.parse("2025-03"))
    hai, ba = value_of(march, "10002"), value_of(march, "10003")
    for row in (hai, ba):
        assert math.isnan(row["value"]) and math.isnan(row["rank"])
        assert row["status"] == "no_data"
    assert value_of(march, "10001")["rank"] == 1
    ranking = figures.ranking(small_db, ON_TIME, periods.parse("2025-03"))
    assert list(ranking["name"]) == ["Một", "Đồng Ba", "Hai"]  # no data last, in Vietnamese order


def test_a_year_rolls_up_every_month(small_db):
    year = value_of(figures.commune_values(small_db, periods.parse("2025")), "10001")
    assert (year["num"], year["den"]) == (205, 210)


def test_ties_share_the_better_rank(small_db):
    with small_db.write() as con:
        insert(con, "dossier_stats", [resolved("10003", "2025-01-01", 5, 5, 0)])
    ranking = figures.ranking(small_db, ON_TIME, periods.parse("2025-01"))
    assert list(zip(ranking["name"], ranking["rank"])) == [("Đồng Ba", 1), ("Hai", 1), ("Một", 3)]


def test_status_against_target_follows_polarity(small_db):
    """The judge macro that every stored figure's status comes from (derived/4_judge.sql)."""
    cases = [("on_time_rate", 1.0, 1.0, "met"), ("on_time_rate", 0.96, 1.0, "close"),
             ("on_time_rate", 0.949, 1.0, "missed"), ("overdue_rate", 0.02, 0.05, "met"),
             ("overdue_rate", 0.09, 0.05, "close"), ("overdue_rate", 0.2, 0.05, "missed"),
             ("on_time_rate", 0.5, None, "no_target"), ("on_time_rate", None, 1.0, "no_data")]
    with small_db.cursor() as cur:
        judged = [cur.execute("SELECT judge($value, $target, higher_is_better, close_margin) "
                              "FROM indicator_facts WHERE indicator = $id",
                              {"id": i, "value": v, "target": t}).fetchone()[0]
                  for i, v, t, _ in cases]
    assert judged == [expected for *_, expected in cases]


def test_a_value_is_the_ratio_of_the_summed_parts(small_db):
    """The ratio macro every figure's value comes from (derived/6_ratio.sql): sums rounded to 9
    decimals, so that twelve twelfths of a year are one year; no rows or a denominator summing
    to 0 is no data."""
    cases = [([10, 5, 90], [20, 0, 90], 105 / 110), ([1.0] * 12, [1 / 12] * 12, 12.0),
             ([0, 0], [0, 0], None), ([], [], None)]
    with small_db.cursor() as cur:
        values = [cur.execute("SELECT ratio(num, den) FROM (SELECT unnest($num) AS num, "
                              "unnest($den) AS den)", {"num": num, "den": den}).fetchone()[0]
                  for num, den, _ in cases]
    assert values == [expected for *_, expected in cases]


def test_a_commune_target_for_the_year_wins_over_the_default(small_db):
    with small_db.write() as con:
        insert(con, "targets", [{"indicator": "on_time_rate", "unit_code": "10001",
                                 "valid_from": "2025-01-01", "valid_to": "2025-12-31",
                                 "value": 0.95}])
    frame = figures.commune_values(small_db, periods.parse("2025-Q1"))
    mot, hai = value_of(frame, "10001"), value_of(frame, "10002")
    assert (mot["target"], mot["status"]) == (0.95, "met")
    assert (hai["target"], hai["status"]) == (1.0, "close")


def test_a_changed_target_judges_from_its_first_day_on(small_db):
    """Lowered to 95% from 01/03/2025: January is still judged against 100%, the first quarter
    (whose last day is after the change) and March against 95%; the change is audited. Một
    resolves 15 of 20 on time in January, 105 of 110 in the quarter."""
    targets.save(small_db, {"on_time_rate": 0.95, "online_rate": 0.8}, date(2025, 3, 1),
                 "tester")

    def judged(code):
        frame = figures.commune_values(small_db, periods.parse(code))
        return tuple(value_of(frame, "10001")[["target", "status"]])

    assert judged("2025-01") == (1.0, "missed")
    assert judged("2025-Q1") == (0.95, "met")
    assert figures.parent_values(small_db, periods.parse("2025-03")).loc[
        "on_time_rate", "target"] == 0.95
    assert audit_log(small_db)["detail"].tolist()[-1] == "01/03/2025: on_time_rate = 0.95"
    with pytest.raises(ValueError):
        targets.save(small_db, {"on_time_rate": -1}, date(2025, 3, 1), "tester")


def test_a_snapshot_indicator_takes_the_latest_snapshot_up_to_the_period_end(small_db):
    def university(code):
        frame = figures.commune_values(small_db, periods.parse(code))
        return value_of(frame, "10001", "university_rate")["value"]

    assert university("2025-Q1") == pytest.approx(0.8)  # the 31/12/2024 snapshot
    assert university("2025-Q2") == pytest.approx(0.9)
    assert university("2025") == pytest.approx(0.9)
    trend = figures.trend(small_db, UNIVERSITY, periods.parse("2025-Q2"))
    parent = trend[trend["unit_code"].isna()]
    assert [(b.year, round(v, 3)) for b, v in zip(parent["bucket"], parent["value"])] == [
        (2024, 0.8), (2025, 0.9)]


def test_the_trend_has_a_point_per_reported_month_and_a_parent_line(small_db):
    trend = figures.trend(small_db, ON_TIME, periods.parse("2025-04"))
    hai = trend[trend["unit_code"] == "10002"]
    assert [b.month for b in hai["bucket"]] == [1, 2]
    parent = trend[trend["unit_code"].isna()].set_index("bucket")["value"]
    assert parent[pd.Timestamp(2025, 1, 1)] == pytest.approx((15 + 40) / (20 + 40))
    assert parent[pd.Timestamp(2025, 3, 1)] == pytest.approx(1.0)
    assert math.isnan(trend[(trend["unit_code"] == "10001")
                            & (trend["bucket"] == pd.Timestamp(2025, 2, 1))]["value"].iloc[0])


def test_engagement_counts_days_per_month_with_real_zeros(small_db):
    with small_db.write() as con:
        insert(con, "engagements", [
            event("10001", "2025-01-06", "secretary_reception", 3, petitions=(1, 1)),
            event("10001", "2025-01-06", "secretary_reception", 2),
            event("10001", "2025-01-20", "secretary_reception", 4, petitions=(2, 1)),
            event("10001", "2025-03-03", "secretary_reception", 1, petitions=(1, 1)),
            event("10002", "2025-02-10", "dialogue", 80, petitions=(10, 8))])
    quarter = figures.commune_values(small_db, periods.parse("2025-Q1"))
    mot = value_of(quarter, "10001", "secretary_receptions")
    assert (mot["num"], mot["den"], mot["value"]) == (3, 3, 1.0)  # 2 days in Jan, 0 Feb, 1 Mar
    assert value_of(quarter, "10002", "secretary_receptions")["value"] == 0
    petitions = value_of(quarter, "10001", "petition_resolution_rate")
    assert (petitions["num"], petitions["den"]) == (3, 4)
    # Dialogues look back 12 months whatever the period: the months with data here are Jan-Mar.
    march = value_of(figures.commune_values(small_db, periods.parse("2025-03")), "10002",
                     "dialogues")
    assert march["num"] == 1 and march["den"] == pytest.approx(3 / 12)


def test_period_choices_cover_the_data_newest_first(small_db):
    assert [p.code for p in figures.period_choices(small_db, "quarter")] == ["2025-Q2", "2025-Q1"]
    assert figures.period_choices(small_db, "month")[0].code == "2025-04"


def test_completeness_counts_reported_months_and_recent_snapshots(small_db):
    reports = figures.completeness(small_db, periods.parse("2025-Q1")).set_index(
        ["name", "family"])
    assert tuple(reports.loc[("Một", "dossiers")]) == ("10001", 3, 3)
    assert tuple(reports.loc[("Hai", "dossiers")])[1:] == (2, 3)
    assert tuple(reports.loc[("Đồng Ba", "dossiers")])[1:] == (0, 3)
    assert tuple(reports.loc[("Một", "cadres")])[1:] == (1, 1)  # 31/12/2024 is within a year
    assert tuple(reports.loc[("Hai", "cadres")])[1:] == (0, 1)
    assert list(reports.index.get_level_values("name").unique()) == ["Đồng Ba", "Hai", "Một"]


def test_a_profile_ranks_compares_and_stands_against_the_parent(small_db):
    profile = figures.profile(small_db, "10001", periods.parse("2025-Q1")).set_index("indicator")
    on_time = profile.loc["on_time_rate"]
    mot, hai, parent = 105 / 110, 78 / 80, 183 / 190
    spread = pd.Series([mot, hai]).std()
    assert (on_time["value"], on_time["rank"], on_time["ranked"]) == (
        pytest.approx(mot), 2, 2)
    assert on_time["parent"] == pytest.approx(parent)
    assert on_time["standing"] == pytest.approx((mot - parent) / spread)
    assert math.isnan(on_time["change"])  # nothing reported in Q4 2024
    assert on_time["trend"] == pytest.approx([mot])  # one quarter of data so far
    assert list(profile.index) == [i.id for i in catalog.INDICATORS]
    assert figures.weakest(profile.reset_index(), 1)["indicator"].tolist() == ["on_time_rate"]


def test_scaling_against_targets():
    on_time, overdue = catalog.BY_ID["on_time_rate"], catalog.BY_ID["overdue_rate"]
    receptions = catalog.BY_ID["secretary_receptions"]
    rows = [(on_time, 0.95, 1.0), (on_time, 1.0, 0.9), (overdue, 0.05, None),
            (overdue, 0.02, 0.05), (receptions, 1.0, 2.0), (receptions, 1.0, None),
            (on_time, float("nan"), 1.0)]
    got = scores.scaled(*zip(*[(i.id, v, t if t is not None else float("nan"))
                               for i, v, t in rows]))
    # beating the target earns no extra; a count needs a target; no value, no score
    assert got[:5].tolist() == pytest.approx([95, 100, 95, 100, 50])
    assert math.isnan(got[5]) and math.isnan(got[6])


def test_the_composite_weights_the_groups_that_have_data(small_db):
    """Q1 2025: Một resolved 105 of 110 in time and 5 late: on-time scores 100 × 105/110 and
    overdue (5/110 against 0%) 100 × (1 - 5/110), the same, so progress is 100 × 105/110. It
    reported 0 online and 0 digitised (real zeros, scored 0) and nothing else scored, so the
    composite weighs progress (20), digitisation (22) and online service (12) only. Đồng Ba
    reported nothing scored: no score, no rank."""
    board = scores.composite(small_db, periods.parse("2025-Q1")).set_index("name")
    progress = 100 * 105 / 110
    assert board.loc["Một", "progress"] == pytest.approx(progress)
    assert board.loc["Một", "digitisation"] == 0
    assert board.loc["Một", "score"] == pytest.approx(20 * progress / (20 + 22 + 12))
    assert board.loc["Một", "groups_scored"] == 3
    assert math.isnan(board.loc["Đồng Ba", "score"]) and math.isnan(board.loc["Đồng Ba", "rank"])
    assert list(board.sort_values("rank").index[:2]) == ["Hai", "Một"]


def test_weights_change_the_composite_and_are_stored(small_db):
    with small_db.write() as con:
        insert(con, "satisfaction", [
            {"unit_code": "10001", "month": "2025-01-01", "surveys": 10, "satisfied": 5},
            {"unit_code": "10002", "month": "2025-01-01", "surveys": 10, "satisfied": 10}])
    q1 = periods.parse("2025-Q1")
    progress, satisfaction = 100 * 105 / 110, 100 * 0.5 / 0.9  # 5 of 10 satisfied, target 90%
    before = scores.composite(small_db, q1).set_index("name").loc["Một", "score"]
    assert before == pytest.approx((20 * progress + 18 * satisfaction) / (20 + 22 + 12 + 18))
    scores.save_weights(small_db, {**scores.weights(small_db), "progress": 0}, "tester")
    assert scores.weights(small_db)["progress"] == 0
    after = scores.composite(small_db, q1).set_index("name").loc["Một", "score"]
    assert after == pytest.approx(18 * satisfaction / (22 + 12 + 18))
    with pytest.raises(ValueError):
        scores.save_weights(small_db, {group: 0 for group in scores.weights(small_db)}, "x")


def test_rank_history_leaves_out_periods_without_scores(small_db):
    history = scores.rank_history(small_db, periods.parse("2025-Q2"), count=4)
    assert list(history["period"].unique()) == ["2025-Q1", "2025-Q2"]


def test_compliance_with_legal_minimums_month_by_month(small_db):
    with small_db.write() as con:
        insert(con, "engagements", [
            event("10001", "2025-01-06", "secretary_reception", 3, petitions=(1, 1)),
            event("10001", "2025-01-20", "secretary_reception", 4, petitions=(2, 1)),
            event("10001", "2025-03-03", "secretary_reception", 1, petitions=(1, 1)),
            *(event("10001", day, "chair_reception") for day in (
                "2025-01-02", "2025-01-07", "2025-01-13", "2025-01-26", "2025-02-01")),
            event("10002", "2025-02-10", "dialogue", 80, petitions=(10, 8))])
    frame = rules.compliance(small_db, periods.parse("2025-Q1"))
    status = frame.set_index(["name", "kind", frame["month"].dt.month])[
        ["required", "held", "status"]].apply(tuple, axis=1)
    # secretary: 2 days a month — 2 in January, none in February, 1 in March (too few)
    assert status[("Một", "secretary_reception", 1)] == (2, 2, "met")
    assert status[("Một", "secretary_reception", 2)] == (2, 0, "missed")
    assert status[("Một", "secretary_reception", 3)] == (2, 1, "missed")
    # chair: a day a week; January 2025 has five weeks by their Thursdays (2, 9, 16, 23, 30).
    # Days 2, 7, 13, 26 cover the weeks of the 2nd, 9th, 16th and 23rd; the week of Thursday
    # 30 January runs to 2 February and has the 1st.
    assert status[("Một", "chair_reception", 1)] == (5, 5, "met")
    assert status[("Hai", "chair_reception", 1)] == (5, 0, "missed")
    # dialogue: once a year, counted year to date, not due before December
    assert status[("Hai", "dialogue", 1)] == (1, 0, "pending")
    assert status[("Hai", "dialogue", 2)] == (1, 1, "met")
    assert status[("Hai", "dialogue", 3)] == (1, 1, "met")


def test_edited_minimums_change_compliance(small_db):
    with small_db.write() as con:
        insert(con, "engagements", [
            event("10001", "2025-03-03", "secretary_reception", 1, petitions=(1, 1))])
    march = periods.parse("2025-03")

    def secretary():
        frame = rules.compliance(small_db, march).set_index(["name", "kind"])
        return frame.loc[("Một", "secretary_reception"), "status"]

    assert secretary() == "missed"
    rules.save(small_db, {"secretary_reception": 1, "dialogue": 1}, date(2025, 3, 1),
               "tester")
    assert secretary() == "met"
    february = rules.compliance(small_db, periods.parse("2025-02")).set_index(["name", "kind"])
    assert february.loc[("Một", "secretary_reception"), "required"] == 2  # before the change
    assert audit_log(small_db)["detail"].tolist()[-1] == "01/03/2025: secretary_reception ≥ 1"
    assert figures.parent_values(small_db, march).loc["secretary_receptions", "target"] == 1


def test_the_law_on_citizen_reception_is_cited_as_amended_from_july_2026(small_db):
    def chair(day):
        [rule] = rules.load(small_db, day).query("kind == 'chair_reception'").itertuples()
        return rules.rule_text(rule, "vi")

    assert chair(date(2026, 6, 30)) == ("Chủ tịch UBND tiếp công dân: ít nhất 1 ngày mỗi tuần "
                                        "(Luật Tiếp công dân 2013, Điều 15)")
    assert chair(date(2026, 7, 31)) == (
        "Chủ tịch UBND tiếp công dân: ít nhất 1 ngày mỗi tuần (Luật Tiếp công dân 2013, sửa "
        "đổi, bổ sung năm 2025, hiệu lực từ 01/07/2026)")


def test_the_attention_list_names_the_laggard_first(small_db):
    """Đồng Ba resolves only 80% on time in January (the laggard); nobody files online (0%
    against 80%); Một's satisfaction falls from 95% to 88%, close to the 90% target."""
    with small_db.write() as con:
        insert(con, "dossier_stats", [resolved("10003", "2025-01-01", 40, 40, 20)])
        insert(con, "satisfaction", [
            {"unit_code": "10001", "month": "2025-03-01", "surveys": 100, "satisfied": 95},
            {"unit_code": "10001", "month": "2025-04-01", "surveys": 100, "satisfied": 88}])
    items = scores.attention(small_db, periods.parse("2025-Q1"))
    missed = items["missed"][["indicator", "name", "value"]].values.tolist()
    assert [row[:2] for row in missed] == [
        ["online_rate", "Đồng Ba"], ["online_rate", "Hai"], ["online_rate", "Một"],
        ["on_time_rate", "Đồng Ba"], ["university_rate", "Một"]]
    assert missed[3][2] == pytest.approx(0.8)
    unreported = items["unreported"].set_index(["name", "family"])
    assert tuple(unreported.loc[("Hai", "dossiers"), ["reported", "expected"]]) == (2, 3)
    assert tuple(unreported.loc[("Đồng Ba", "dossiers"), ["reported", "expected"]]) == (1, 3)
    assert ("Một", "dossiers") not in unreported.index
    worsened = scores.attention(small_db, periods.parse("2025-04"))["worsened"]
    assert worsened[["name", "indicator"]].values.tolist() == [["Một", "satisfaction_rate"]]
    assert worsened["drop"].iloc[0] == pytest.approx(7)


def test_changes_against_the_previous_period_and_a_year_earlier(small_db):
    with small_db.write() as con:
        insert(con, "dossier_stats", [resolved("10001", "2024-04-01", 25, 15, 10)])
    q2 = periods.parse("2025-Q2")
    profile = figures.profile(small_db, "10001", q2).set_index("indicator")
    assert profile.loc["on_time_rate", "change"] == pytest.approx(1.0 - 105 / 110)
    year_ago = figures.parent_values(small_db, q2.year_earlier()).loc["on_time_rate", "value"]
    assert year_ago == pytest.approx(40 / 50)


def test_the_engagement_targets_are_the_legal_minimums(demo_db):
    database = db.Database(demo_db)
    minimums = rules.load(database, date.today()).set_index("kind")["min_events"]
    for kind, (indicator, per_unit) in rules.TARGETS.items():
        assert catalog.in_force(catalog.BY_ID[indicator].targets, date.today()) == (
            minimums[kind] * per_unit)
    database.close()
