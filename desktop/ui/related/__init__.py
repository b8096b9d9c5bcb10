"""Related stories in the window: the Related dock, the story picker, the side-by-side version
view, event threads (browser dock and thread page) and the story neighbourhood graph.

Every widget here talks to the window through a :class:`~.context.RelatedContext`, never the
window itself, so each can be built around a real archive in a test.
"""
