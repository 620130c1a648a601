"""The baseline ratchet: known violations recorded in a file, matched and hidden in later runs."""
