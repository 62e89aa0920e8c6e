"""gxcrawl: crawl government information-disclosure annual reports into structured data."""
