"""The domain model: dates, policies and their versions, translations, vendors, settings,
site paths, the rule for text, and problems. Plain data and pure functions of it and ``today``: the
30-day notice, the version in effect, a vendor's state on a day are answered here.

May import: only ``model``. Nothing here reads a file, renders HTML or knows a language.
"""
