"""Background jobs (Huey) and the worker heartbeat."""
