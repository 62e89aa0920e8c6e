"""gxcrawl: crawl government information-disclosure annual reports into structured data."""

import os

# A crawl talks to the portals it is given and nothing else. Scrapy's cookie handling asks tldextract
# for the Public Suffix List, which it would fetch from the internet; its bundled snapshot will do.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
