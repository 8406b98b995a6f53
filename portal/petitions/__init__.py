"""Petitions feature."""
