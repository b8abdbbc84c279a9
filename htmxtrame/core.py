"""trame-server's ``core`` names: ``Server``, ``State``, ``Controller``, ``Translator``.

Code written for ``trame_server.core`` imports the same names from here.
"""

from .controller import Controller
from .server import Server
from .state import State
from .translator import Translator

__all__ = ["Controller", "Server", "State", "Translator"]
