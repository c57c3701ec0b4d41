"""pygls's protocol, with the gaps where it would leave a client waiting, drift or leak closed.

- A request whose params cannot be read gets an ``InvalidParams`` error (pygls logs and drops
  it), and a string field holding anything but a string cannot be read (pygls turns
  ``"text": null`` into the text ``"None"``).
- A request to the client (``ask_client``) is given up after ``CLIENT_ANSWER_SECONDS``: a client
  that never answers ``workspace/configuration`` would otherwise hold every request.
- The lifecycle is kept as written (``Lifecycle``); ``exit`` without ``shutdown`` exits with 1.
- Open documents are ``SyncedTextDocument``\\ s, whose text stays the client's.
- A handled notification's future is forgotten once done: pygls 2.1 keeps every one (about
  2 KB per keystroke). After ``exit``, the handlers cancelled on the way out answer nothing.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Generator
from concurrent.futures import Future
from typing import Any

from cattrs import ClassValidationError, Converter, transform_error
from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams, JsonRpcInvalidRequest
from pygls.protocol import LanguageServerProtocol, default_converter, lsp_method

from looplint.lsp.lifecycle import Lifecycle
from looplint.lsp.text_sync import SyncedWorkspace

logger = logging.getLogger(__name__)

CLIENT_ANSWER_SECONDS = 2.0


def strict_converter() -> Converter:
    """pygls's converter, except that a string field takes only a string."""
    converter = default_converter()

    def structure_string(value: object, _: type) -> str:
        if not isinstance(value, str):
            raise TypeError(f"expected a string, got {type(value).__name__}")
        return value

    converter.register_structure_hook(str, structure_string)
    return converter


def _reasons(error: BaseException | None) -> str:
    """What was wrong with a message, one clause per field."""
    if isinstance(error, ClassValidationError):
        return "; ".join(transform_error(error, path="message")[:5])
    return str(error)


class _WithoutPyglsTraceback(logging.Filter):
    """pygls logs each message it cannot read with a traceback; the warning above says why."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Unable to deserialize message")


logging.getLogger("pygls.protocol.json_rpc").addFilter(_WithoutPyglsTraceback())


class LoopLintProtocol(LanguageServerProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lifecycle = Lifecycle()
        self._unanswered_methods: set[str] = set()

    async def ask_client(self, method: str, params: Any) -> Any:
        """The client's answer to a request; ``TimeoutError`` if none comes in time.

        The request is then withdrawn (cancelled at the client, a late answer ignored), and
        said in the log once per method: the caller goes on with what it knows.
        """
        msg_id = str(uuid.uuid4())
        answer = self.send_request_async(method, params, msg_id=msg_id)
        try:
            return await asyncio.wait_for(answer, CLIENT_ANSWER_SECONDS)
        except asyncio.TimeoutError:
            self._request_futures.pop(msg_id, None)
            self._result_types.pop(msg_id, None)
            self.notify(types.CANCEL_REQUEST, types.CancelParams(id=msg_id))
            log = logger.debug if method in self._unanswered_methods else logger.warning
            self._unanswered_methods.add(method)
            log(
                "The client did not answer %s within %g s; going on without",
                method,
                CLIENT_ANSWER_SECONDS,
            )
            raise TimeoutError(method) from None

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            method, reasons = data.get("method"), _reasons(error.__cause__)
            if "id" in data and method is not None:
                logger.warning("Invalid params in %s request %s: %s", method, data["id"], reasons)
                kind = (
                    type(error)
                    if isinstance(error, JsonRpcInvalidParams)
                    else JsonRpcInvalidRequest
                )
                self._send_response(
                    data["id"], error=kind(f"Invalid params for {method}").to_response_error()
                )
            else:
                logger.warning("Ignored an unreadable %s message: %s", method or "", reasons)
            raise

    def handle_message(self, message: Any) -> None:
        method = getattr(message, "method", None)
        refusal = self.lifecycle.admit(method) if isinstance(method, str) else None
        if refusal is None:
            super().handle_message(message)
            return
        message_id = getattr(message, "id", None)
        logger.warning(
            "Refused %s: %s",
            "request" if message_id is not None else "notification",
            refusal.message,
        )
        if message_id is not None:
            self._send_response(message_id, error=refusal.to_response_error())

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(
        self, params: types.InitializeParams
    ) -> Generator[Any, Any, types.InitializeResult]:
        result = yield from super().lsp_initialize(params)
        pygls_workspace = self.workspace
        self._workspace = SyncedWorkspace(
            pygls_workspace.root_uri,
            self._server._text_document_sync_kind,
            list(pygls_workspace.folders.values()),
            pygls_workspace.position_encoding,
        )
        return result

    def _execute_handler(
        self,
        msg_id: Any,
        handler: Callable[..., Any],
        callback: Callable[[Future[Any]], None],
        args: tuple[Any, ...] | None = None,
        kwargs: dict[str, Any] | None = None,
    ) -> None:
        def forget_then_call_back(future: Future[Any]) -> None:
            if self.lifecycle.exited:
                return  # the handlers still running are cancelled, stdout is closed: no more
            # ``shutdown`` cancels the futures while iterating over them: keep them then.
            if not self.lifecycle.shut_down and self._request_futures.get(msg_id) is future:
                del self._request_futures[msg_id]
            callback(future)

        super()._execute_handler(msg_id, handler, forget_then_call_back, args, kwargs)
