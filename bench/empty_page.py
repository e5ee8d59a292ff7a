"""The floor of bench/pages.py: a page of the dashboard with nothing on it (the sign-in check,
the sidebar, the title and banners), what every page costs before it shows anything."""

from grassroots import view

view.sidebar()
view.header("overview")
