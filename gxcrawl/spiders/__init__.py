"""gxcrawl's spiders."""
