"""Quotes and their speakers: direct, partial and indirect speech, as a spaCy component.

Importing this package registers the ``newsprism_quotes`` factory with spaCy.
"""
from newsprism.quotes.component import QuotesComponent, extract_quotes, load_pipeline
from newsprism.quotes.records import Quote

__all__ = ["Quote", "QuotesComponent", "extract_quotes", "load_pipeline"]
