"""What readers and other sites get, as plain data for the templates: policy and vendor
views, the change list, API documents, feeds, messages and SMS, redlines, the search
index, the sitemap. Functions of :class:`content.Content`, a language and ``today``.

May import: ``model``, ``html``, ``reading``, ``registry``, ``languages``, ``content``,
``outputs``. Never ``staff`` or ``adapter``.
"""
