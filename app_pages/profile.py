import streamlit as st

from grassroots import figures, i18n, periods, ui

current = ui.header(ui.view().t("profile"))
lang, period = current.lang, current.period
units = figures.units(current.db).set_index("code")
code = ui.url_selectbox(current.t("commune"), ui.by_name(units), "xa",
                        lambda c: f"{units.loc[c, 'kind']} {units.loc[c, 'name']}")
unit = units.loc[code]
columns = st.columns(4)
columns[0].metric(current.t("population"), i18n.number(unit["population"], lang))
columns[1].metric(current.t("households"), i18n.number(unit["households"], lang))
columns[2].metric(current.t("area"), f"{i18n.number(unit['area_km2'], lang, 2)} km²")
columns[3].metric(current.t("period_kind"), period.label(lang))

made_from = current.db.run("predecessors", code=code)
if len(made_from):  # each with its own history, as it was
    with st.expander(current.t("made_from", date=f"{made_from['until'].max():%d/%m/%Y}")):
        before = periods.Period.containing("quarter", made_from["until"].max().date())
        for row in made_from.itertuples():
            st.page_link("app_pages/profile.py", label=current.t(
                "made_from_item", commune=f"{row.kind} {row.name}", link=current.t(row.link)),
                query_params={**ui.kept(current), "xa": row.code, "ky": before.code, "dv": "1"})

frame = figures.profile(current.db, code, period)
strong, weak = st.columns(2)
for column, key, rows in ((strong, "strongest", figures.strongest(frame)),
                          (weak, "weakest", figures.weakest(frame))):
    column.markdown(f"**{current.t(key, level=current.level)}**")
    column.markdown("\n".join(f"- {ui.standing_text(row, current)}" for row in rows.itertuples()))

name = i18n.capital(f"{unit['kind']} {unit['name']}")
st.subheader(current.t("profile_chart", level=current.level))
table = ui.profile_table(frame, f"{units.loc[code, 'name']} — {period.label(lang)}", current)
ui.show_profile(table, frame, ui.profile_chart(current, code, name, frame), current)
