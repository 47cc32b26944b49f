"""What varies with the reader's language (:class:`language.Language`: words, plurals,
dates, direction) and which page is translated into which language, and how.

May import: ``model``, ``html``, ``reading``, ``languages``.
"""
