"""Helpers that mirror ``trame_server.utils``: namespacing, typed state, async tasks."""
