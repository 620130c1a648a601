"""Tests of v2gate.cache."""
