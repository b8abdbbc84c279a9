"""Running trame apps unchanged: ``trame.*`` imports resolve to htmxtrame (see :mod:`.importer`)."""
