"""The baseline of bench/pages.py: the Overview as a tutorial dashboard writes it. Every rerun
reads the source tables into pandas, keeps the quarter, groups by commune, computes the five
headline rates and draws a ranking of each with st.altair_chart, then the table. Nothing is
cached. DASHBOARD_DB names the database; ?ky=YYYY-Qn the quarter."""

import os

import altair as alt
import duckdb
import pandas as pd
import streamlit as st

con = duckdb.connect(os.environ["DASHBOARD_DB"], read_only=True)
tables = {t: con.execute(f"SELECT * FROM {t}").df() for t in (
    "units", "dossier_stats", "letters", "engagements", "cadre_snapshots", "satisfaction")}
con.close()
year, quarter = st.query_params.get("ky", "2025-Q4").split("-Q")
start = pd.Timestamp(int(year), 3 * int(quarter) - 2, 1)
end = start + pd.offsets.QuarterEnd(0)


def in_quarter(frame, column):
    dates = frame[column].astype("datetime64[ns]")
    return frame[(dates >= start) & (dates <= end)]


d = in_quarter(tables["dossier_stats"], "month").groupby("unit_code").sum(numeric_only=True)
rates = {"on_time": (d.resolved_early + d.resolved_on_time)
         / (d.resolved_early + d.resolved_on_time + d.resolved_late)}
letters = in_quarter(tables["letters"], "month").groupby("unit_code").sum(numeric_only=True)
rates["letters"] = (letters.birth_letters + letters.marriage_letters
                    + letters.condolence_letters) / (letters.births + letters.marriages
                                                     + letters.deaths)
s = in_quarter(tables["satisfaction"], "month").groupby("unit_code").sum(numeric_only=True)
rates["satisfaction"] = s.satisfied / s.surveys
events = in_quarter(tables["engagements"], "held_on")
rates["receptions"] = events[events.kind == "secretary_reception"].groupby(
    "unit_code").held_on.nunique() / 3
cadres = tables["cadre_snapshots"]
latest = cadres[cadres.taken_on.astype("datetime64[ns]") <= end].sort_values(
    "taken_on").groupby("unit_code").last()
rates["university"] = (latest.postgraduate + latest.university) / latest.total
board = tables["units"].set_index("code")[["name"]].join(pd.DataFrame(rates), how="left")

st.title("Overview")
for rate in rates:
    st.subheader(rate)
    st.altair_chart(alt.Chart(board).mark_bar().encode(
        x=alt.X(f"{rate}:Q"), y=alt.Y("name:N", sort="-x"), tooltip=["name", rate]))
st.dataframe(board)
