"""``htmxtrame.assets``: trame's helpers for files an app ships or downloads (``trame.assets``).

* :mod:`.local` — read files next to the app as text, base64 or ``data:`` URLs.
* :mod:`.remote` — a local file fetched from HTTP(S) or Google Drive on first use.
* :mod:`.mimetypes` — mime type guessing with overrides that survive ``mimetypes.init()``.
"""
