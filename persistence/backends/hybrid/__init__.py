"""Hybrid backend: a durable store is the truth, Redis caches the recent messages of each session."""
