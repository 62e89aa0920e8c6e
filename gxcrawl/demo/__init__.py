"""The embedded demo portal: a local government portal with the seed reports, for crawls without internet."""

from gxcrawl.demo.server import DemoServer

__all__ = ["DemoServer"]
