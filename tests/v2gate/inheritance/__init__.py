"""Tests of v2gate.inheritance."""
