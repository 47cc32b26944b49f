"""Reading and checking what staff edit: files as bytes (``sources``), YAML with lines,
front matter, the ``docs/`` tree, policy files, translations and their parity with the
English, ``posted.lock``, ``mkdocs.yml`` (read without MkDocs), links and rendering.
Each problem becomes a located :class:`model.problems.Problem`, never a traceback.

May import: ``model``, ``html``, ``reading``.
"""
