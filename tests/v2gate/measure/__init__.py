"""Tests of v2gate.measure."""
