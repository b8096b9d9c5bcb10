"""Qt widgets, dialogs and item models over :mod:`desktop.core` (the only Qt code in the app)."""
