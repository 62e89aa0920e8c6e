"""Item pipelines: download and store report files."""
