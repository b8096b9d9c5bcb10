"""The quotations ledger in the window: who said what, which stories carried it, and how.

:mod:`.queries` reads the archive (no Qt; run off the GUI thread), :mod:`.models` turns the rows
into table models, :mod:`.pages` lays out the three views, :mod:`.details` renders the selected
row in full, and :mod:`.ledger` is the dock's widget that loads them; its commands ("open this
quote", "copy its citation") are in :mod:`.commands`.
"""
