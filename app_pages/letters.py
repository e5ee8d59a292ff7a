from grassroots import blocks

blocks.family_page("letters")
