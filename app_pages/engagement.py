import streamlit as st

from grassroots import blocks, panels, rules, urls, view, widgets

blocks.family_page("engagement")

current = view.current()
lang, period = current.lang, current.period
st.subheader(current.t("Compliance with legal minimums"))
minimums = rules.load(current.db, period.last_day)
widgets.dated_form(
    current, "rule", current.t("Legal minimums"),
    {rule.kind: (rules.kind_label(rule.kind, lang), int(rule.min_events),
                 {"min_value": 0, "step": 1}) for rule in minimums.itertuples()},
    lambda values, since: rules.save(current.db, values, since,
                                     current.user.name or "dashboard"))
texts = {rule.kind: rules.rule_text(rule, lang) for rule in minimums.itertuples()}
kind = widgets.url_selectbox(current.t("Rule"), list(texts), urls.RULE, texts.get)
blocks.chart(panels.compliance(current.db, period, kind, lang), key="compliance", select=True,
             stretch=False)
