"""JSON-file backend: a directory per session, an append-only JSON-lines log, a flock per session."""
