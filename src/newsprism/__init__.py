"""newsprism: read one news story across many outlets.

The small Python API::

    from newsprism import Archive, ingest

    with Archive("newsprism.db") as archive:
        report = ingest(["articles/"], archive)
        for article in archive.articles():
            print(article.outlet, article.published, article.title)

Names are imported on first use (PEP 562), so ``import newsprism.models`` stays light.
"""
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsprism")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

_EXPORTS = {
    "Archive": "newsprism.archive",
    "build_article": "newsprism.articles",
    "IngestReport": "newsprism.ingest",
    "ingest": "newsprism.ingest",
    "read_paths": "newsprism.readers",
    **{name: "newsprism.models" for name in
       ("Article", "Document", "Metadata", "Outlet", "ReadError", "RemovedLine")},
}

__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'newsprism' has no attribute {name!r}")
