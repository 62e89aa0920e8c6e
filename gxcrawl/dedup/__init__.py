"""Deduplication by 索引号 across pages and runs: the state store, its spider middleware and pipeline."""
