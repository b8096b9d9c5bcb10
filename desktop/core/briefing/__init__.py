"""Word briefings: a selection of stories laid out as a .docx from the house template."""
