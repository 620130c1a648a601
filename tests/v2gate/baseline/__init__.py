"""Tests of v2gate.baseline."""
