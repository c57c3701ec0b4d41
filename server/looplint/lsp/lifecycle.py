"""The LSP lifecycle as written: nothing but ``initialize`` (or ``exit``) before
``initialize``, one ``initialize``, nothing but ``exit`` after ``shutdown``.

pygls answers a request before ``initialize`` with an internal error, handles a second
``initialize`` as the first, and leaves requests after ``shutdown`` unanswered.
"""

from __future__ import annotations

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidRequest, JsonRpcServerNotInitialized


class Lifecycle:
    """Where the session is: before ``initialize``, running, shut down, or exited."""

    def __init__(self) -> None:
        self.initialized = False
        self.shut_down = False
        self.exited = False

    def admit(self, method: str) -> JsonRpcException | None:
        """Take in a message of ``method``: the error refusing it, ``None`` to handle it."""
        if method == types.EXIT:
            self.exited = True
            return None
        if self.shut_down:
            return JsonRpcInvalidRequest(f"{method} after shutdown: only exit is accepted")
        if method == types.INITIALIZE:
            if self.initialized:
                return JsonRpcInvalidRequest("initialize was already received")
            self.initialized = True
            return None
        if not self.initialized:
            return JsonRpcServerNotInitialized(f"{method} before initialize")
        self.shut_down = method == types.SHUTDOWN
        return None
