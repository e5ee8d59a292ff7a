import streamlit as st

from grassroots import blocks, panels, scores, view

current = view.header("composite")
lang, period = current.lang, current.period
st.caption(current.t("Each indicator is scaled 0–100 against its target (met or beaten = 100; "
                     "rates without a target against 100%); a group scores the mean of its "
                     "indicators with data; the composite is the weighted mean of the groups with "
                     "data. Groups and weights in the spirit of Decision 766/QĐ-TTg."))
with st.expander(current.t("Group weights")), st.form("weights"):
    saved = scores.weights(current.db)
    editable = current.user.may("edit")
    new = {group: st.number_input(scores.group_label(group, lang), min_value=0.0, step=1.0,
                                  value=float(saved[group]), key=f"weight-{group}",
                                  disabled=not editable)
           for group, *_ in scores.SCORE_GROUPS}
    if st.form_submit_button(current.t("Save weights"), disabled=not editable):
        try:
            scores.save_weights(current.db, new, current.user.name or "dashboard")
            st.success(current.t("Weights saved."))
        except ValueError:
            st.error(current.t("Weights must not be negative and must add up to more than 0."))

blocks.chart(panels.composite(current.db, period, lang), key="ranking-score", select=True)
st.caption(current.t("Click a commune to open its profile."))

st.subheader(current.t("Rank changes across periods"))
blocks.chart(panels.rank_changes(current.db, period, lang), key="rank-changes")
