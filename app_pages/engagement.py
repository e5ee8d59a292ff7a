import streamlit as st

from grassroots import charts, export, rules, ui

ui.family_page("engagement")

current = ui.view()
lang, period = current.lang, current.period
st.subheader(current.t("compliance"))
minimums = rules.load(current.db, period.last_day)
ui.dated_form(
    current, "rule", current.t("rules"),
    {rule.kind: (rules.kind_label(rule.kind, lang), int(rule.min_events),
                 {"min_value": 0, "step": 1}) for rule in minimums.itertuples()},
    lambda values, since: rules.save(current.db, values, since,
                                     current.user.name or "dashboard"))
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
