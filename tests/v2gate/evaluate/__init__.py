"""Tests of v2gate.evaluate."""
