"""Widget modules, mirroring ``trame.widgets``: ``html``, ``vuetify3``, ``client``."""
