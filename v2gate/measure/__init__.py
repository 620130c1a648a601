"""Measuring one file: decode, count lines, parse once per engine, read structure and comments."""
