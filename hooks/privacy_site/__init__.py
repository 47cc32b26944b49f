"""The privacy site's logic: plain Python over plain data, with no MkDocs import.

The MkDocs hooks in ``hooks/*.py`` are thin adapters over these modules, so the rules
(dates, versions, validation, redlines, feeds) can be tested without a build and can
move to another engine intact.
"""
