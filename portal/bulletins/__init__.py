"""Bulletins feature."""
