"""Turn report files into a document model (paragraphs and tables). Knows nothing of Scrapy."""

from gxcrawl.extract.model import Document, Paragraph, Table

__all__ = ["Document", "Paragraph", "Table"]
