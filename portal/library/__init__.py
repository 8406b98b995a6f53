"""Library feature."""
