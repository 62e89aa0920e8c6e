"""Portal knowledge: how each CMS family lists, paginates, and marks metadata and attachments.

One small module per family; :func:`detect` picks the family from a page. Plain parsel, no Scrapy,
so each family is tested on saved markup alone.
"""

from __future__ import annotations

from gxcrawl.portals.base import Family, FollowUp, Link, Page, ReportPage
from gxcrawl.portals.generic import GenericFamily
from gxcrawl.portals.gkmlpt import GkmlptFamily
from gxcrawl.portals.hanweb import HanwebFamily
from gxcrawl.portals.jpaas import JpaasFamily
from gxcrawl.portals.search import HanwebSearchFamily, TrsSearchFamily
from gxcrawl.portals.trs import TrsFamily

# Most specific first: search pages carry their site's markup, jpaas columns share Hanweb's /col/colN/ paths.
FAMILIES: tuple[type[Family], ...] = (TrsSearchFamily, HanwebSearchFamily, GkmlptFamily, JpaasFamily, HanwebFamily, TrsFamily)
BY_NAME: dict[str, type[Family]] = {family.name: family for family in (*FAMILIES, GenericFamily)}


def detect(page: Page, known: str | None = None) -> Family:
    """The family whose markup the page shows; else the one the registry names for the site
    (``known``), else the generic fallback."""
    for family in FAMILIES:
        if family.matches(page):
            return family()
    generator = page.generator.lower()
    for family in FAMILIES:
        if any(mark in generator for mark in family.generator_marks):
            return family()
    return BY_NAME.get(known or "", GenericFamily)()


__all__ = ["BY_NAME", "FAMILIES", "Family", "FollowUp", "Link", "Page", "ReportPage", "detect"]
