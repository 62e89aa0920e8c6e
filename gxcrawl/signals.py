"""gxcrawl's own signals, in Scrapy's custom-signal way (``crawler.signals.send_catch_log``)."""

# A request of the crawl was given up on (its errback ran): ``request=`` the request, ``reason=`` why
# (a :class:`gxcrawl.failures.Reason`).
request_failed = object()
