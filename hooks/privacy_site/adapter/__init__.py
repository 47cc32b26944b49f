"""The only place that knows MkDocs, Material or mkdocs-static-i18n: the context each
language build shares, generated files, serve rounds, Material's keyboard gaps. The hooks
in ``hooks/*.py`` call this layer and the ones below it.

May import: anything.
"""
