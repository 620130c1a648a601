"""Configuration: the settings of a run, read from pyproject.toml and validated; path globs."""
