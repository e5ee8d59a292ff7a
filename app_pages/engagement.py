import streamlit as st

from grassroots import charts, export, rules, ui

ui.family_page("engagement")

current = ui.view()
lang, period = current.lang, current.period
st.subheader(current.t("compliance"))
with st.expander(current.t("rules")), st.form("rules"):
    editable = current.user.may("edit")
    new = {rule.kind: st.number_input(rules.kind_label(rule.kind, lang), min_value=0, step=1,
                                      value=int(rule.min_events), key=f"rule-{rule.kind}",
                                      disabled=not editable)
           for rule in rules.load(current.db).itertuples()}
    if st.form_submit_button(current.t("save_rules"), disabled=not editable):
        rules.save(current.db, new, current.user.name or "dashboard")
        st.session_state.rules_saved = True
        st.rerun()  # the ranking above judges by these minimums too
if st.session_state.pop("rules_saved", False):
    st.success(current.t("rules_saved"))
minimums = rules.load(current.db)
texts = {rule.kind: rules.rule_text(rule, lang) for rule in minimums.itertuples()}
kind = ui.url_selectbox(current.t("rule"), list(texts), "quydinh", texts.get)


def compliance():
    frame = rules.compliance(current.db, period)
    frame = frame[frame["kind"] == kind]
    title = f"{rules.kind_label(kind, lang)} — {period.label(lang)}"
    return (charts.compliance(frame, title, current.subtitle(), lang),
            export.compliance_table(frame, title, current.subtitle(), lang))


event = ui.chart_block(ui.shown(current, ("compliance", kind, period.code), compliance),
                       key="compliance", select=True, stretch=False)
ui.open_profile(event, current)
