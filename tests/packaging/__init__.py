"""Tests of the installers (packaging/)."""
