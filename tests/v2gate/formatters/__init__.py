"""Tests of v2gate.formatters."""
