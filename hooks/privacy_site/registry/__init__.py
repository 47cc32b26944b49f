"""The vendor registry, ``vendors.yml``: its JSON Schema, the district's rules beyond it,
located messages, and loading checked entries into :class:`model.vendors.Vendor`.

May import: ``model``, ``html``, ``reading``, ``registry``.
"""
