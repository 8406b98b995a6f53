"""Public statistics."""
