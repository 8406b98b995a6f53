"""Background jobs (Huey): the queue, the worker heartbeat, resumable runs and failure records."""
