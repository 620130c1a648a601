"""Tests of v2gate.config."""
