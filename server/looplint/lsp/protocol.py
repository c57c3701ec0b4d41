"""pygls's protocol, answering requests whose params cannot be read.

pygls logs such a request and drops it, leaving the client waiting forever for the reply;
here the client gets an ``InvalidParams`` error instead.
"""

from __future__ import annotations

import logging
from typing import Any

from pygls.exceptions import JsonRpcInvalidParams
from pygls.protocol import LanguageServerProtocol

logger = logging.getLogger(__name__)


class LoopLintProtocol(LanguageServerProtocol):
    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcInvalidParams:
            if "id" in data and "method" in data:
                logger.warning("Invalid params in %s request %s", data["method"], data["id"])
                self._send_response(
                    data["id"],
                    error=JsonRpcInvalidParams(
                        f"Invalid params for {data['method']}"
                    ).to_response_error(),
                )
            raise
