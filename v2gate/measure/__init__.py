"""Measuring one file: decode, count lines, parse once, read structure and comments."""
