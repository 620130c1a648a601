"""Judging measurements: the rule table, one check per rule, and suppression comments."""
