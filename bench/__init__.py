"""Benchmarks of the production-like stack (`make bench`); see README.md."""
