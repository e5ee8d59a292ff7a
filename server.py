"""The web server: the dashboard (dashboard.py) in Streamlit's st.App, with the sign-in and
sign-out routes, the middleware of grassroots/web.py and its lifespan: the first views of the
database made as soon as its data changes (grassroots/prepared.py). Start it as Streamlit documents:
`streamlit run server.py` (make run)."""

import streamlit as st

from grassroots import web

app = st.App("dashboard.py", routes=web.routes(), middleware=web.middleware(),
             lifespan=web.lifespan)
