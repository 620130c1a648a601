"""The session rules every backend shares: history paging and idempotency, record revisions, read cursors, verbatim checks."""
