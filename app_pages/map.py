from grassroots import blocks, catalog, view

current = view.header("map_page")
indicator = blocks.indicator_picker(current, [i.id for i in catalog.INDICATORS],
                                    key="chitieu_map")
blocks.map_block(current, indicator, key="map")
