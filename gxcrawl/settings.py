"""gxcrawl's Scrapy settings. Every one can be overridden with ``-s NAME=VALUE``."""

from pathlib import Path

from gxcrawl.items import FEED_FIELDS

BOT_NAME = "gxcrawl"
SPIDER_MODULES = ["gxcrawl.spiders"]
NEWSPIDER_MODULE = "gxcrawl.spiders"
COMMANDS_MODULE = "gxcrawl.commands"
# Scrapy re-reads a callback's source (inspect, ast) for each response to warn of generators that
# return a value: its cache is keyed on the bound method, made anew for every request, so this cost
# 5% of a crawl. The spider's callbacks return no value.
WARN_ON_GENERATOR_RETURN_VALUE = False

# Politeness for real portals: an honest User-Agent, robots.txt, a per-site limit, AutoThrottle.
USER_AGENT = "gxcrawl/0.1 (+https://pypi.org/project/gxcrawl/; government annual-report research crawler)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 60
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5",
    # Revalidate every cached page (a conditional GET) rather than trust heuristic freshness:
    # a list page cached last month must still show this month's new reports.
    "Cache-Control": "max-age=0",
}
RETRY_TIMES = 3
# Hostile portals (gxcrawl.middlewares): retries back off, JavaScript challenges are reported, not looped on.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "gxcrawl.middlewares.BackoffRetryMiddleware": 550,
    "gxcrawl.middlewares.ChallengeMiddleware": 560,
    "gxcrawl.middlewares.SelfRedirectMiddleware": 610,
}
GXCRAWL_RETRY_BACKOFF = 1.0  # seconds before the first retry, doubling for each further one
GXCRAWL_RETRY_BACKOFF_MAX = 60.0
RETRY_GIVE_UP_LOG_LEVEL = "INFO"  # the spider logs each page given up on, once, as a WARNING
GXCRAWL_CHALLENGE_LIMIT = 3  # challenges from one site before its remaining requests are dropped
REDIRECT_MAX_TIMES = 10
GXCRAWL_SELF_REDIRECTS = 3  # redirects of a page to itself (a WAF setting a cookie) before it is a loop
# Pagination traps: further list pages read per column, and column links followed in a chain.
GXCRAWL_MAX_LIST_PAGES = 500
GXCRAWL_MAX_COLUMN_HOPS = 8
# Navigation pages (sections, columns, list pages, search) requested per site: discovery from a
# home page explores within this budget.
GXCRAWL_SITE_BUDGET = 2000  # four columns at GXCRAWL_MAX_LIST_PAGES: one endless column cannot starve the rest

# Attachments larger than this are refused (a warning on the item, the crawl goes on).
DOWNLOAD_MAXSIZE = 64 * 1024 * 1024
DOWNLOAD_WARNSIZE = 16 * 1024 * 1024

# An item's work is extraction, CPU-bound: a hundred items at once (Scrapy's default) only holds a
# hundred documents in memory when held reports are released at the end of a crawl.
CONCURRENT_ITEMS = 16

ITEM_PIPELINES = {
    "gxcrawl.pipelines.files.ReportFilesPipeline": 300,
    "gxcrawl.pipelines.extract.ExtractPipeline": 400,
    "gxcrawl.pipelines.metrics.MetricsPipeline": 500,
    "gxcrawl.dedup.pipeline.DedupPipeline": 900,
}
SPIDER_MIDDLEWARES = {
    "gxcrawl.dedup.middleware.DedupMiddleware": 900,
}
EXTENSIONS = {
    "gxcrawl.extensions.StatsFile": 500,
    "gxcrawl.extensions.FailedReportsLog": 500,
    "gxcrawl.dedup.recovery.KilledJobRecovery": 0,
}
GXCRAWL_STATS_FILE = "output/stats.json"  # the last crawl's stats, for monitoring; empty: none
# Report pages given up on, one JSON line each, kept across runs: `scrapy coverage` shows them.
GXCRAWL_FAILED_REPORTS_FILE = "output/failed_reports.jsonl"

# What earlier runs emitted (by 索引号) and this run's held duplicates; keep it between runs.
GXCRAWL_STATE = "output/state.sqlite"
FILES_STORE = "output/files"

# Re-crawls ask portals "changed since?" (ETag / Last-Modified) and reuse what did not change.
# Attachments are not cached: the files pipeline stores them already.
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "scrapy.extensions.httpcache.RFC2616Policy"
HTTPCACHE_DIR = str(Path("output/httpcache").absolute())  # Scrapy would put a relative one under .scrapy/

# Extraction bounds: a file beyond them becomes an oversized_file warning, the report is kept.
GXCRAWL_EXTRACT_MAXSIZE = 64 * 1024 * 1024
GXCRAWL_PDF_MAX_PAGES = 500
GXCRAWL_DOCX_MAX_UNZIPPED = 200 * 1024 * 1024
# OCR of scanned PDF pages (within GXCRAWL_PDF_MAX_PAGES): off by default, as it is slow (1-6 s a page
# on two cores) and needs the extra: pip install 'gxcrawl[ocr]'. Off, a scan is reported as scanned_pdf.
GXCRAWL_OCR = False

# Written when the crawl is given no feed of its own (no -o/-O, no FEEDS): a user's -O replaces it.
# Appended to: with the state store it accumulates every report once, updates as new lines.
GXCRAWL_DEFAULT_FEEDS = {
    "output/reports.jsonl": {"format": "jsonlines", "encoding": "utf8", "overwrite": False},
    # One row per report, one column per canonical metric; a BOM so spreadsheets read it as UTF-8.
    "output/metrics.csv": {"format": "metricscsv", "encoding": "utf-8-sig", "overwrite": False},
}
FEED_EXPORTERS = {"metricscsv": "gxcrawl.exporters.MetricsCsvItemExporter"}
FEED_EXPORT_FIELDS = FEED_FIELDS
FEED_EXPORT_ENCODING = "utf-8"

LOG_LEVEL = "INFO"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
