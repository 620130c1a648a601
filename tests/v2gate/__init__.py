"""Tests of the gate (v2gate), one folder per subpackage."""
