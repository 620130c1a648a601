"""The measurement cache: one pack file of records keyed by content digest, plus resolved depths."""
