"""The export: one JSON document following the contract in docs/export.md.

Every section is written, empty when its stage has not run yet (entities, quotes and statements
come from the articles ``newsprism quotes`` or ``analyze`` analysed), so readers of the format can
rely on every key.
"""
from __future__ import annotations

import json
from typing import TextIO

from newsprism import __version__
from newsprism.archive import Archive
from newsprism.speech import speech_sections


def write_export(archive: Archive, out: TextIO) -> int:
    """Write the archive as one JSON document to ``out``; returns the number of articles.

    Articles are streamed one by one, so exporting a large archive needs little memory.
    """
    out.write('{"newsprism": %s,\n "articles": [' % json.dumps(__version__))
    count = 0
    for article in archive.articles():
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps(article.to_export(), ensure_ascii=False))
        count += 1
    out.write("\n ]")
    sections = {"reuse": archive.reuse_findings(), "stories": archive.stories(), **speech_sections(archive)}
    for section, entries in sections.items():
        out.write(f',\n "{section}": [')
        out.write(",".join("\n  " + json.dumps(entry, ensure_ascii=False) for entry in entries))
        out.write("\n ]" if entries else "]")
    out.write("\n}\n")
    return count
