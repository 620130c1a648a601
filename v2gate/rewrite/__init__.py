"""Rewriting source (`--add-noqa`): a consumer of a run's violations; the only user of libcst."""
