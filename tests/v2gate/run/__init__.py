"""Tests of v2gate.run."""
