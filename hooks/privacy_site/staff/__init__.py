"""Tools staff run: the ``privacy-site`` command line, reading grades, the preview date,
the format reference, publishing ``site/`` whole, the watchdog.

May import: every layer but ``adapter`` (so a tool runs without MkDocs).
"""
