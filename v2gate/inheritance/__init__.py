"""Inheritance depth (V206), resolved across the project's files from their measured records."""
