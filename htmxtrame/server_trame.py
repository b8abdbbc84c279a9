"""trame-server's ``Server`` attributes that htmxtrame adds beside its own (mixed into :class:`Server`).

``client_type``, ``serve``, ``http_headers``, ``root_server``,
``translator``, ``trigger_name``, ``force_state_push``,
``clear_state_client_cache``, ``get_server_state``, ``server_options``;
and the wslink-only ones — ``protocol_call``, ``add_protocol_to_configure``
and every method of ``protocol`` but ``addAttachment`` — which raise
:class:`WslinkOnlyError` saying what to use instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

from .translator import Translator

CLIENT_TYPES = ("vue2", "vue3")
DEFAULT_CLIENT_TYPE = "vue3"


class WslinkOnlyError(NotImplementedError, AttributeError):
    """A trame feature of its wslink RPC protocol, which htmxtrame does not have.

    Also an ``AttributeError``, so ``hasattr(server, "protocol")`` is simply False.
    """


def _wslink_only(what: str) -> WslinkOnlyError:
    return WslinkOnlyError(
        f"{what} is part of trame's wslink RPC protocol, which htmxtrame does not have: pages talk to the "
        "server through state changes, events and triggers. Expose Python code to a page with "
        "@server.controller.trigger('name') / @ctrl.set('name') and call it from an event "
        "(click=ctrl.name or click=\"trigger('name', [arg])\")."
    )


class WslinkProtocol:
    """``server.protocol``: of trame's wslink protocol object, only ``addAttachment`` has a meaning here."""

    def addAttachment(self, data: Any) -> bytes:  # noqa: N802 - trame's name
        """trame stores *data* and hands the page a reference it resolves to the bytes; a handler's
        bytes reach the page as they are here (``utils.download(name, trigger('x'), mime)``)."""
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"server.protocol.addAttachment() takes bytes, got {type(data).__name__}")
        return bytes(data)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        raise _wslink_only(f"server.protocol.{name}")


class HttpHeaders:
    """Headers added to every response of the server (trame's ``server.http_headers``).

    ``shared_array_buffer = True`` adds the cross-origin isolation headers
    ``SharedArrayBuffer`` needs.
    """

    _ISOLATION = {
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Embedder-Policy": "require-corp",
        "Access-Control-Allow-Origin": "*",
    }

    def __init__(self) -> None:
        self._headers: dict[str, str] = {}
        self._shared_array_buffer = False

    @property
    def shared_array_buffer(self) -> bool:
        """Whether the cross-origin isolation headers are on."""
        return self._shared_array_buffer

    @shared_array_buffer.setter
    def shared_array_buffer(self, on: bool) -> None:
        self._shared_array_buffer = bool(on)
        for key, value in self._ISOLATION.items():
            if on:
                self.set_header(key, value)
            else:
                self.remove_header(key)

    def set_header(self, key: str, value: str) -> None:
        """Add (or replace) header *key*."""
        if not isinstance(key, str) or not isinstance(value, str) or "\n" in key + value or "\r" in key + value:
            raise ValueError(f"http header {key!r}: {value!r} must be single-line strings")
        self._headers[key] = value

    def remove_header(self, key: str) -> None:
        """Drop header *key* if set."""
        self._headers.pop(key, None)

    def get_header(self, key: str) -> str | None:
        """The value of header *key*, or None."""
        return self._headers.get(key)

    @property
    def headers(self) -> dict[str, str]:
        """Every header set."""
        return self._headers

    def apply(self, response: Any) -> Any:
        """Add the headers to a Flask/werkzeug *response* (a Flask ``after_request`` handler)."""
        for key, value in self._headers.items():
            response.headers.setdefault(key, value)
        return response


class ServedFolders(MutableMapping):
    """``server.serve``: ``{url_prefix: folder}`` served beside the page (as ``enable_module(serve=...)``).

    A value may be a folder path or trame's ``(folder, option)`` pair.
    """

    def __init__(self, modules: Any) -> None:
        self._modules = modules

    def __getitem__(self, key: str) -> Any:
        return str(self._modules.serve[key])

    def __setitem__(self, key: str, folder: Any) -> None:
        if isinstance(folder, (tuple, list)) and folder:
            folder = folder[0]
        self._modules._add_folder(str(key), folder, "server.serve")

    def __delitem__(self, key: str) -> None:
        del self._modules.serve[key]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._modules.serve))

    def __len__(self) -> int:
        return len(self._modules.serve)

    def __repr__(self) -> str:
        return repr(dict(self.items()))


class TrameServerAPI:
    """The trame-server attributes listed in the module docstring."""

    # Provided by Server.
    name: str
    options: dict
    state: Any
    controller: Any
    modules: Any
    _scope: Any

    @property
    def client_type(self) -> str:
        """``"vue3"`` unless set to ``"vue2"``; only widget naming differs, both render the same here."""
        return self.__dict__.get("_client_type") or DEFAULT_CLIENT_TYPE

    @client_type.setter
    def client_type(self, value: str) -> None:
        if value not in CLIENT_TYPES:
            raise ValueError(f"client_type must be one of {CLIENT_TYPES}, got {value!r}")
        current = self.__dict__.get("_client_type")
        if current is None:
            self.__dict__["_client_type"] = value
        elif current != value:
            raise TypeError(f"client_type is {current!r} already; as in trame, it can only be set once")

    @property
    def serve(self) -> ServedFolders:
        """``{url_prefix: folder}`` of static folders served beside the page; assign to add one."""
        return ServedFolders(self.modules)

    @property
    def http_headers(self) -> HttpHeaders:
        """Headers added to every response of ``server.start()``'s web server (a host app sets its own)."""
        headers = self.__dict__.get("_http_headers")
        if headers is None:
            headers = self.__dict__["_http_headers"] = HttpHeaders()
        return headers

    @property
    def root_server(self) -> Any:
        """The top server (a child server's is its parent's)."""
        return self

    @property
    def translator(self) -> Translator:
        """The key translator (no prefix on a root server)."""
        return self.state.translator

    @property
    def server_options(self) -> dict:
        """The options given to ``get_server(name, **options)``."""
        return self.options

    @property
    def trigger_name(self) -> Callable[[Callable], str]:
        """``controller.trigger_name``: ``server.trigger_name(fn)`` is the name a page calls *fn* by."""
        return self.controller.trigger_name

    def get_server_state(self) -> dict:
        """``{"name": ..., "state": {...}}``: every state value, pending ones committed without a flush."""
        return {"name": self.name, "state": self.state.initial}

    def force_state_push(self, *key_names: str) -> None:
        """Send these keys' current values to every page again (no listener runs)."""
        keys = self.state.translator.translate_list(key_names)
        values = self.state.snapshot()
        delta = {k: values.get(k) for k in keys}
        if delta:
            self._scope.commit(delta)

    def clear_state_client_cache(self, *state_names: str) -> None:
        """Nothing to clear: pages keep no copy of the state to compare against, every push is sent."""
        return None

    @property
    def protocol(self) -> WslinkProtocol:
        """trame's wslink protocol object: ``addAttachment(bytes)`` only (see :class:`WslinkProtocol`)."""
        return WslinkProtocol()

    def protocol_call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """trame calls a wslink RPC method here: not available (see :class:`WslinkOnlyError`)."""
        raise _wslink_only(f"server.protocol_call({method!r})")

    def add_protocol_to_configure(self, configure_protocol_fn: Callable) -> None:
        """trame registers wslink RPC protocols here: not available (see :class:`WslinkOnlyError`)."""
        raise _wslink_only("server.add_protocol_to_configure()")
