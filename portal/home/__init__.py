"""The home page, the health check and the visitor's display choices."""
