import streamlit as st

from grassroots import blocks, panels, scores, view

current = view.header("composite")
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

blocks.chart(panels.composite(current.db, period, lang), key="ranking-score", select=True)
st.caption(current.t("open_profile"))

st.subheader(current.t("rank_changes"))
blocks.chart(panels.rank_changes(current.db, period, lang), key="rank-changes")
