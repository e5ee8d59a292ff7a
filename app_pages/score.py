import streamlit as st

from grassroots import charts, export, figures, scores, ui

current = ui.header(ui.view().t("composite"))
lang, period = current.lang, current.period
st.caption(current.t("composite_help"))
with st.expander(current.t("weights")), st.form("weights"):
    saved = scores.weights(current.db)
    editable = current.user.may("edit")
    new = {group: st.number_input(scores.group_label(group, lang), min_value=0.0, step=1.0,
                                  value=float(saved[group]), key=f"weight-{group}",
                                  disabled=not editable)
           for group, *_ in scores.SCORE_GROUPS}
    if st.form_submit_button(current.t("save"), disabled=not editable):
        try:
            scores.save_weights(current.db, new, current.user.name or "dashboard")
            st.success(current.t("saved"))
        except ValueError:
            st.error(current.t("bad_weights"))



def score_ranking():
    ranked = figures.by_rank(scores.as_cells(scores.composite(current.db, period)))
    title = f"{current.t('composite')} — {period.label(lang)}"
    return (charts.ranking(ranked, scores.COMPOSITE, ranked["value"].mean(), current.t("average"),
                           None, title, current.subtitle(), lang),
            export.score_table(ranked, title, current.subtitle(), lang))


def rank_changes():
    history = scores.rank_history(current.db, period)
    title = current.t("rank_changes")
    return (charts.rank_changes(history, title, current.subtitle(), lang),
            export.rank_table(history, title, current.subtitle(), lang))


event = ui.chart_block(ui.shown(current, ("score", period.code), score_ranking),
                       key="ranking-score", select=True)
st.caption(current.t("open_profile"))
ui.open_profile(event, current)

st.subheader(current.t("rank_changes"))
ui.chart_block(ui.shown(current, ("rank_changes", period.code), rank_changes), key="rank-changes")
