"""Errors of dpuservice requests, with their JSON-RPC 2.0 codes (docs/dpuservice.md).

The codes from -32768 to -32000 are the specification's; -32001 .. -32005 are this service's
application errors.  DAP carries the same messages in ``success: false`` responses.
"""

from __future__ import annotations

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
INTERNAL_ERROR = -32603
UNAUTHENTICATED = -32001
WRONG_STATE = -32002
REQUEST_FAILED = -32003
LIMIT_EXCEEDED = -32004


class ServiceError(Exception):
    """A request the service refuses; ``message`` says why in words a user can act on."""

    code = REQUEST_FAILED

    def __init__(self, message: str, code: int | None = None, data=None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.data = data


class InvalidParams(ServiceError):
    code = INVALID_PARAMS


class WrongState(ServiceError):
    """Out of order: no DPUs yet, no program loaded, not debugging, a run in progress …"""

    code = WRONG_STATE


class RequestFailed(ServiceError):
    """The DPUs or the program refused (an unknown symbol, an unaligned access …)."""

    code = REQUEST_FAILED


class LimitExceeded(ServiceError):
    code = LIMIT_EXCEEDED


class Unauthenticated(ServiceError):
    code = UNAUTHENTICATED


class MethodNotFound(ServiceError):
    code = METHOD_NOT_FOUND
