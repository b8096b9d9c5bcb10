"""The archive itself, headless: no Qt import anywhere below this package.

The GUI (``desktop.ui``) and the CLI (``desktop.cli``) are thin shells over this package, so
everything here can be tested and reused without a display.
"""
