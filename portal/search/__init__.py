"""Search over everything the features register (Whoosh by default)."""
