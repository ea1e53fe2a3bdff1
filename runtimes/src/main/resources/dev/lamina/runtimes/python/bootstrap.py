"""Lamina's Python runtime: the behaviour of AWS Lambda's Python runtime, talking to the Runtime API
at AWS_LAMBDA_RUNTIME_API. Loads the handler named by _HANDLER ("module.function", packages with
dots or slashes), then loops: GET /next, call the handler, POST the result or the error."""

import http.client
import importlib
import json
import os
import socket
import sys
import time
import traceback

import lamina_logging

API = os.environ.get("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")
# Known once the runtime knows its function: at once, or after a stem cell's assignment (main).
TASK_ROOT = None
HANDLER = None


class _Api:
    """One keep-alive connection to the Runtime API."""

    def __init__(self, address):
        host, port = address.rsplit(":", 1)
        self.conn = http.client.HTTPConnection(host, int(port))

    def call(self, method, path, body=None, headers=None):
        all_headers = {"Content-Type": "application/json"}
        all_headers.update(headers or {})
        for attempt in (1, 2):
            try:
                if self.conn.sock is None:
                    self.conn.connect()
                    # Small requests must not wait for the peer's delayed ACK (Nagle's algorithm).
                    self.conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self.conn.request(method, "/2018-06-01" + path, body=body, headers=all_headers)
                response = self.conn.getresponse()
                return response.status, dict(response.getheaders()), response.read()
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                if attempt == 2:
                    raise

    def post_error(self, path, error):
        body = json.dumps(error).encode("utf-8")
        self.call("POST", path, body, {"Lambda-Runtime-Function-Error-Type": error["errorType"]})


# ---- errors ------------------------------------------------------------------------------------

class _RuntimeError(Exception):
    def __init__(self, error_type, message):
        super().__init__(message)
        self.error_type = error_type


def _error_body(exc, request_id=None):
    # Lambda's member order (errorMessage, errorType, requestId, stackTrace), and a stack that starts
    # at the function's own code: this script's frames are Lamina's, not the user's.
    body = {"errorMessage": str(exc),
            "errorType": exc.error_type if isinstance(exc, _RuntimeError) else type(exc).__name__}
    if request_id is not None:
        body["requestId"] = request_id
    frames = [] if isinstance(exc, _RuntimeError) else traceback.extract_tb(exc.__traceback__)
    while frames and os.path.abspath(frames[0].filename) == os.path.abspath(__file__):
        frames = frames[1:]
    body["stackTrace"] = traceback.format_list(frames)
    return body


# ---- the handler -------------------------------------------------------------------------------

def _load_handler():
    try:
        module_name, function_name = HANDLER.rsplit(".", 1)
    except ValueError as e:
        raise _RuntimeError("Runtime.MalformedHandlerName", "Bad handler '%s': %s" % (HANDLER, e))
    module_name = module_name.replace("/", ".")
    try:
        module = importlib.import_module(module_name)
    except ImportError as e:
        raise _RuntimeError("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, e))
    except SyntaxError as e:
        raise _RuntimeError("Runtime.UserCodeSyntaxError",
                            "Syntax error in module '%s': %s (%s, line %s)" % (module_name, e.msg,
                                                                               os.path.basename(e.filename or ""),
                                                                               e.lineno))
    handler = getattr(module, function_name, None)
    if handler is None:
        raise _RuntimeError("Runtime.HandlerNotFound",
                            "Handler '%s' missing on module '%s'" % (function_name, module_name))
    return handler


class LambdaContext:
    def __init__(self, headers):
        self.aws_request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        self.invoked_function_arn = headers.get("Lambda-Runtime-Invoked-Function-Arn")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self._deadline_ms = int(headers.get("Lambda-Runtime-Deadline-Ms", "0"))
        self.identity = _parse(headers.get("Lambda-Runtime-Cognito-Identity"))
        self.client_context = _parse(headers.get("Lambda-Runtime-Client-Context"))

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline_ms - int(time.time() * 1000))

    def __repr__(self):
        return "LambdaContext([aws_request_id=%s,function_name=%s])" % (self.aws_request_id, self.function_name)


def _parse(text):
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _become_assigned(api):
    """A stem cell boots before it has a function: it asks Lamina which one it becomes, then takes on
    that function's environment in place of its own, as if it had been started with it."""
    token = os.environ.get("LAMINA_CELL_TOKEN")
    if not token:
        return
    status, _, raw = api.call("GET", "/runtime/lamina/assignment", headers={"Lamina-Cell-Token": token})
    if status != 200:
        print("The Runtime API answered %s to the assignment: %r" % (status, raw), flush=True)
        sys.exit(1)
    environment = json.loads(raw)["environment"]
    os.environ.clear()
    os.environ.update(environment)
    # The package appeared in /var/task after the import system first looked there.
    importlib.invalidate_caches()


def main():
    global TASK_ROOT, HANDLER
    api = _Api(API)
    _become_assigned(api)
    TASK_ROOT = os.environ.get("LAMBDA_TASK_ROOT", "/var/task")
    HANDLER = os.environ.get("_HANDLER", "")
    # Python put this script's directory first; the function's own modules come first instead, as
    # on Lambda. The rest of the path (the task, /opt/python, the runtime) comes from PYTHONPATH.
    sys.path[0] = TASK_ROOT
    lamina_logging.configure()
    try:
        handler = _load_handler()
    except Exception as e:
        body = _error_body(e)
        lamina_logging.log_error(body)
        api.post_error("/runtime/init/error", body)
        sys.exit(1)
    while True:
        status, headers, raw = api.call("GET", "/runtime/invocation/next")
        if status != 200:
            print("The Runtime API answered %s to /next: %r" % (status, raw), flush=True)
            sys.exit(1)
        request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        lamina_logging.set_request_id(request_id)
        trace_id = headers.get("Lambda-Runtime-Trace-Id")
        if trace_id:
            os.environ["_X_AMZN_TRACE_ID"] = trace_id
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        try:
            event = json.loads(raw) if raw else None
        except ValueError:
            event = raw.decode("utf-8", "replace")
        try:
            result = handler(event, LambdaContext(headers))
            if isinstance(result, (bytes, bytearray)):
                body = bytes(result)  # as Lambda's runtime: bytes are the response itself, not JSON
            else:
                try:
                    body = json.dumps(result).encode("utf-8")
                except (TypeError, ValueError) as e:
                    raise _RuntimeError("Runtime.MarshalError", "Unable to marshal response: %s" % e)
        except Exception as e:
            error = _error_body(e, request_id)
            lamina_logging.log_error(error)
            api.post_error("/runtime/invocation/%s/error" % request_id, error)
            continue
        sys.stdout.flush()
        api.call("POST", "/runtime/invocation/%s/response" % request_id, body)


if __name__ == "__main__":
    main()
