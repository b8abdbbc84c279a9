"""Names-only import shim for running trame code against htmxtrame (dev use only).

``import trame_server.X`` / ``import trame.X`` load ``htmxtrame.X``: nothing
else is changed, so what passes is what a trame app gets after renaming its
imports. Put this directory on PYTHONPATH (see scripts/trame_server_suite.sh).
"""

import importlib
import importlib.abc
import importlib.util
import sys

_TARGETS = {"trame_server": "htmxtrame", "trame": "htmxtrame"}


class _RenamingFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def __init__(self):
        self._real = {}

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in _TARGETS:
            return importlib.util.spec_from_loader(name, self)
        return None

    def create_module(self, spec):
        head, _, tail = spec.name.partition(".")
        module = importlib.import_module(_TARGETS[head] + ("." + tail if tail else ""))
        self._real[spec.name] = module.__spec__
        return module

    def exec_module(self, module):
        module.__spec__ = self._real.pop(module.__spec__.name, module.__spec__)


sys.meta_path.insert(0, _RenamingFinder())
