"""SQLite backend: one WAL database, one transaction per operation."""
