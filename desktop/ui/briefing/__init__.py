"""The briefing dialog: stories in order, the title block, the options, a live outline, Word export.

The core (:mod:`desktop.core.briefing`) knows what a briefing is and how to write it; this package
is the thin Qt part. :class:`~.dialog.BriefingDialog` edits one :class:`Briefing`;
:class:`~.drafts.DraftsDialog` lists the drafts kept in the archive; :class:`~.template_choice.
TemplateDialog` points the app at a desk's own Word template. None of them knows the main window:
they get a :class:`~.services.BriefingServices` (the archive, the window's read and write threads,
its settings and selection), which :mod:`desktop.ui.window_briefing` fills in.

Nothing is imported here: the dialog pulls in python-docx (about 100 ms), which the window must
not load before its first paint; import the submodules where they are used.
"""
