"""Portal knowledge: how each CMS family lists, paginates, and marks metadata and attachments.

One small module per family; :func:`detect` picks the family from a page. Plain parsel, no Scrapy,
so each family is tested on saved markup alone.
"""

from __future__ import annotations

from gxcrawl.portals.base import Family, FollowUp, Link, Page, ReportPage
from gxcrawl.portals.generic import GenericFamily
from gxcrawl.portals.hanweb import HanwebFamily
from gxcrawl.portals.trs import TrsFamily

FAMILIES: tuple[type[Family], ...] = (HanwebFamily, TrsFamily)


def detect(page: Page) -> Family:
    """The family whose markup the page shows; the generic fallback when none does."""
    for family in FAMILIES:
        if family.matches(page):
            return family()
    return GenericFamily()


__all__ = ["FAMILIES", "Family", "FollowUp", "Link", "Page", "ReportPage", "detect"]
