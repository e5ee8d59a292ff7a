"""The benchmark databases are what they claim: ten years of every family for every commune,
figures that keep the contract's rules, and the same numbers every time they are made."""

import duckdb

from bench import scale


def test_a_district_database_holds_ten_years_of_every_family(tmp_path):
    path = scale.make("district", tmp_path)
    con = duckdb.connect(str(path), read_only=True)
    for table in ("dossier_stats", "letters", "satisfaction"):
        assert con.execute(f"SELECT count(*), count(DISTINCT unit_code), min(month), max(month) "
                           f"FROM {table}").fetchone()[:2] == (15 * 120, 15)
    assert con.execute("SELECT count(*) FROM cadre_snapshots").fetchone() == (150,)
    kinds = dict(con.execute("SELECT kind, count(*) FROM engagements GROUP BY ALL").fetchall())
    assert kinds == {"secretary_reception": 3600, "chair_reception": 7200,
                     "saturday_with_people": 1800, "voter_meeting": 300, "dialogue": 150}
    broken = con.execute("""SELECT
        count(*) FILTER (resolved_early + resolved_on_time + resolved_late + pending_in_time
                         + pending_overdue > carried_over + received OR resolved_late < 0
                         OR resolved_on_time < 0 OR paid_online > with_fee)
        FROM dossier_stats""").fetchone()[0]
    assert broken == 0
    first = con.execute("SELECT sum(received) FROM dossier_stats").fetchone()
    con.close()
    again = duckdb.connect(str(scale.make("district", tmp_path / "again")), read_only=True)
    assert again.execute("SELECT sum(received) FROM dossier_stats").fetchone() == first
