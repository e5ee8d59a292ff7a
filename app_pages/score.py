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

board = scores.composite(current.db, period)
ranked = figures.by_rank(scores.as_cells(board))
title = f"{current.t('composite')} — {period.label(lang)}"
event = ui.chart_block(
    ui.cached_spec(current, ("score", period.code), lambda: charts.ranking(
        ranked, scores.COMPOSITE, ranked["value"].mean(), current.t("average"), None, title,
        current.subtitle(), lang)),
    export.score_table(ranked, title, current.subtitle(), lang), key="ranking-score", select=True)
st.caption(current.t("open_profile"))
ui.open_profile(event, current)

st.subheader(current.t("rank_changes"))
history = scores.rank_history(current.db, period)
ui.chart_block(ui.cached_spec(current, ("rank_changes", period.code), lambda: charts.rank_changes(
    history, current.t("rank_changes"), current.subtitle(), lang)),
               export.rank_table(history, current.t("rank_changes"), current.subtitle(), lang),
               key="rank-changes")
