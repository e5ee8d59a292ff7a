import streamlit as st

from grassroots import briefing, catalog, view

current = view.header("briefing")
lang, period = current.lang, current.period
st.caption(current.t("Choose the period in the sidebar and the sections; preview, then download "
                     "the PowerPoint deck or the PDF."))
sections = st.multiselect(
    current.t("Sections"), briefing.SECTIONS, default=list(briefing.SECTIONS),
    format_func=lambda s: current.t("Composite score") if s == "score"
    else current.t(catalog.FAMILIES[s]))
with_maps = st.toggle(current.t("With maps"), value=True)
wanted = (period.code, tuple(sections), with_maps, lang, current.db.data_version())
if st.button(current.t("Make the pack"), type="primary", disabled=not sections):
    bar = st.progress(0.0, current.t("Drawing the charts and writing the slides…"))
    deck = briefing.build(current.db, period, sections, lang, with_maps, progress=bar.progress)
    st.session_state.briefing = (wanted, deck, briefing.to_pptx(deck), briefing.to_pdf(deck))
    bar.empty()

made = st.session_state.get("briefing")
if made and made[0] == wanted:
    _, deck, pptx, pdf = made
    name = f"bao-cao-giao-ban-{period.code}"
    st.success(current.t("{count} slides, the title and closing table included.",
                         count=len(deck.slides) + 2))
    left, right, _ = st.columns([1, 1, 4])
    left.download_button("PowerPoint", pptx, f"{name}.pptx", icon=":material/slideshow:",
                         mime="application/vnd.openxmlformats-officedocument.presentationml"
                              ".presentation", on_click="ignore")
    right.download_button("PDF", pdf, f"{name}.pdf", "application/pdf",
                          icon=":material/picture_as_pdf:", on_click="ignore")
    st.subheader(deck.title)
    st.caption("  \n".join(deck.subtitle))
    for slide in deck.slides:
        st.markdown(f"#### {slide.title}")
        chart, words = st.columns([3, 2])
        chart.image(slide.image)
        words.markdown("\n".join(f"**{what}:** {amount}  " for what, amount in slide.numbers))
        words.markdown("\n".join(f"- {sentence}" for sentence in slide.sentences))
    st.markdown("#### " + current.t("Communes at a glance"))
    st.dataframe(deck.table, hide_index=True, height="content")
