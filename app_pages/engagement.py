from grassroots import ui

ui.family_page("engagement")
