"""Finished-HTML safety and shape: the sanitizer, the Content-Security-Policy, tables that
scroll, one ``<h1>``, the scripts and stylesheet a page loads. Functions of HTML text.

May import: ``model``, ``html``.
"""
