"""Inputs whose choice lives in the URL (a link opens it, a change updates the link, and the URL
wins over what the session remembers), the file uploader in our words, and the forms of numbers
in force from a day on."""

from datetime import date

import pandas as pd
import streamlit as st

from grassroots import catalog, i18n, rules, targets


def url_selectbox(label: str, options: list[str], param: str, format_func,
                  key: str | None = None) -> str:
    """A selectbox whose choice lives in the URL under `param`."""
    key = key or param

    def remember() -> None:
        st.query_params[param] = st.session_state[key]

    requested = st.query_params.get(param)
    if requested in options:
        st.session_state[key] = requested
    elif st.session_state.get(key) not in options:
        st.session_state[key] = options[0]
    st.selectbox(label, options, key=key, format_func=format_func, on_change=remember)
    remember()
    return st.session_state[key]


def url_multiselect(label: str, options: list[str], param: str, format_func,
                    default: list[str], most: int) -> list[str]:
    """A multiselect whose choice lives in the URL under `param`, comma-separated."""

    def remember() -> None:
        st.query_params[param] = ",".join(st.session_state[param])

    requested = [o for o in st.query_params.get(param, "").split(",") if o in options]
    if requested:
        st.session_state[param] = requested[:most]
    elif param not in st.session_state:
        st.session_state[param] = default
    st.multiselect(label, options, key=param, format_func=format_func, max_selections=most,
                   on_change=remember)
    remember()
    return st.session_state[param]


def url_toggle(label: str, param: str, help: str) -> bool:
    """A sidebar switch kept in the URL as ?param=1."""
    def remember() -> None:
        if st.session_state[param]:
            st.query_params[param] = "1"
        else:
            st.query_params.pop(param, None)

    st.session_state[param] = st.query_params.get(param) == "1"
    st.sidebar.toggle(label, key=param, help=help, on_change=remember)
    return st.session_state[param]


def indicator_picker(label: str, ids, param: str, key: str, lang: str) -> catalog.Indicator:
    """Pick one of the indicators `ids`; the choice lives in the URL under `param`."""
    chosen = url_selectbox(label, list(ids), param, lambda i: catalog.BY_ID[i].label(lang),
                           key=key)
    return catalog.BY_ID[chosen]


def file_uploader(label: str, types: list[str], key: str, lang: str):
    """st.file_uploader with our words over Streamlit's English ones ("Upload", "200MB per
    file"): Streamlit 1.67 takes no text for them, so a style writes ours in their place."""
    limit = i18n.t("Up to {size} MB per file", lang, size=st.get_option("server.maxUploadSize"))
    words = {'button p': i18n.t("Choose a file", lang),
             '[data-testid="stFileUploaderDropzoneInstructions"] span':
             f"{limit} • {', '.join(t.upper() for t in types)}"}
    st.html("<style>" + "".join(
        f'.st-key-{key} [data-testid="stFileUploaderDropzone"] {part} {{font-size: 0}}'
        f'.st-key-{key} [data-testid="stFileUploaderDropzone"] {part}::after '
        f'{{content: "{text}"; font-size: 14px}}' for part, text in words.items()) + "</style>")
    return st.file_uploader(label, type=types, key=key)


def dated_form(current, key: str, title: str, inputs: dict, save) -> None:
    """A form of numbers in force from a day on (targets, legal minimums), shown as they stand
    on the period's last day: `inputs` maps a name to (label, value, number_input options).
    The day defaults to the period's first, so the page shown judges by what is saved; readers
    see the form disabled. Saving calls save(values, day) and draws the page again."""
    editable = current.user.may("edit")
    with st.expander(title), st.form(key):
        since = st.date_input(current.t("In force from"), value=current.period.start,
                              format="DD/MM/YYYY", help=current.t("Periods that end before this "
                                                                  "day are still judged by the "
                                                                  "former value."),
                              disabled=not editable, key=f"{key}-since")
        values = {name: st.number_input(label, value=value, disabled=not editable,
                                        key=f"{key}-{name}@{current.period.code}", **options)
                  for name, (label, value, options) in inputs.items()}
        if st.form_submit_button(current.t("Save"), disabled=not editable):
            save(values, since)
            st.session_state[f"{key}-saved"] = since
            st.rerun()
    if (saved := st.session_state.pop(f"{key}-saved", None)) is not None:
        st.success(current.t("Saved, in force from {day}.", day=i18n.day(saved, current.lang)))


def target_form(current, indicator: catalog.Indicator) -> None:
    """The indicator's target for all communes, set from a day on; an engagement minimum's
    target follows its rule and is set with it."""
    if indicator.id in {target for target, _ in rules.TARGETS.values()}:
        return
    percent = indicator.unit == "percent"
    target = targets.in_force(current.db, current.period.last_day).get(indicator.id)
    shown_value = None if pd.isna(target) else float(100 * target if percent else target)
    options = {"min_value": 0.0, "step": 1.0 if percent else 0.5, "format": "%.1f"}
    if percent:
        options["max_value"] = 100.0
    unit = "%" if percent else current.t(i18n.UNITS[indicator.unit])
    label = current.t("Target — {indicator} ({unit})", indicator=indicator.label(current.lang),
                      unit=unit)

    def save(values: dict, since: date) -> None:
        value = values[indicator.id]
        targets.save(current.db, {indicator.id: None if value is None else
                                  value / 100 if percent else value},
                     since, current.user.name or "dashboard")

    dated_form(current, "target", current.t("Set the target"),
               {indicator.id: (label, shown_value, options)}, save)
