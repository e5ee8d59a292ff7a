import streamlit as st

from grassroots import blocks, figures, i18n, panels, periods, urls, view, widgets

current = view.header("profile")
lang, period = current.lang, current.period
units = figures.units(current.db).set_index("code")
code = widgets.url_selectbox(current.t("Commune"), figures.by_name(units), urls.COMMUNE,
                             lambda c: f"{units.loc[c, 'kind']} {units.loc[c, 'name']}")
unit = units.loc[code]
columns = st.columns(4)
columns[0].metric(current.t("Population"), i18n.number(unit["population"], lang))
columns[1].metric(current.t("Households"), i18n.number(unit["households"], lang))
columns[2].metric(current.t("Land area"), f"{i18n.number(unit['area_km2'], lang, 2)} km²")
columns[3].metric(current.t("Period"), period.label(lang))

made_from = current.db.run("predecessors", code=code)
if len(made_from):  # each with its own history, as it was
    with st.expander(current.t("Made from the communes before {date}: each one's profile",
                               date=i18n.day(made_from["until"].max(), lang))):
        before = periods.Period.containing("quarter", made_from["until"].max().date())
        for row in made_from.itertuples():
            st.page_link(urls.PAGES["profile"].script, label=current.t(
                "{commune} ({link})",
                commune=" ".join([row.kind, row.name]), link=current.t(i18n.LINKS[row.link])),
                query_params={**current.kept(), urls.COMMUNE: row.code,
                              urls.PERIOD: before.code, urls.AS_THEY_WERE: "1"})

shown = panels.profile(current.db, code, period, lang, not current.user.unit_code)
strong, weak = st.columns(2)
for column, title, rows in (
        (strong, current.t("Strongest against the {level}", level=current.level),
         figures.strongest(shown.frame)),
        (weak, current.t("Weakest against the {level}", level=current.level),
         figures.weakest(shown.frame))):
    column.markdown(f"**{title}**")
    column.markdown("\n".join(f"- {panels.standing_text(row, current.level, lang)}"
                              for row in rows.itertuples()))

st.subheader(current.t("The commune against the {level} and the best commune", level=current.level))
blocks.profile(shown, current)
