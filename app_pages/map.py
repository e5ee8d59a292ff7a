from grassroots import catalog, ui

current = ui.header(ui.view().t("map_page"))
indicator = ui.indicator_picker(current, [i.id for i in catalog.INDICATORS], key="chitieu_map")
ui.map_block(current, indicator, key="map")
