"""Tests of v2gate.cli."""
