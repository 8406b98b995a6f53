"""Lessons feature."""
