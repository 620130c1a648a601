"""Tests of v2gate.rewrite."""
