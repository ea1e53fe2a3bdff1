"""The logging of Lambda's Python runtime. The root logger writes one log event per record:
  Text: [LEVEL]\\t<time>\\t<request id>\\t<message>, newlines kept as \\r so the event stays one line;
  JSON: {"timestamp", "level", "message", "logger", "requestId", ...}, with the exception's
        errorType, errorMessage, stackTrace and location, and the record's extra fields; the
        level is Python's name of the record's level rounded down to a multiple of ten (WARNING,
        CRITICAL), the timestamp has milliseconds, as awslambdaric's JsonFormatter writes them.
The request id is "" outside an invocation (during init), as on Lambda.
AWS_LAMBDA_LOG_LEVEL (set for JSON functions) sets the root logger's level. print() is not
touched: it stays plain text in both formats, as on Lambda."""

import json
import logging
import os
import sys
import time
import traceback

# What every LogRecord has; anything else on a record is an extra field the JSON format keeps.
_RESERVED = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "aws_request_id"}
# Lambda's levels in the Python runtime's words; TRACE has no Python level and means DEBUG.
_LEVELS = {"TRACE": "DEBUG", "DEBUG": "DEBUG", "INFO": "INFO", "WARN": "WARNING", "ERROR": "ERROR",
           "FATAL": "CRITICAL"}
_TIME = "%Y-%m-%dT%H:%M:%S"
# Leading spaces of a stack's lines, as Lambda's runtime writes them in Text errors (NO-BREAK SPACE).
_ERROR_INDENT = "\u00a0"

_request_id = ""


def set_request_id(request_id):
    global _request_id
    _request_id = request_id or ""


def _record_time(record):
    """A record's time as Lambda's runtime writes it in both formats: UTC, with milliseconds."""
    return time.strftime(_TIME, time.gmtime(record.created)) + ".%03dZ" % record.msecs


def json_format():
    return os.environ.get("AWS_LAMBDA_LOG_FORMAT") == "JSON"


class _TextFormatter(logging.Formatter):
    def __init__(self):
        super().__init__("[%(levelname)s]\t%(asctime)s\t%(aws_request_id)s\t%(message)s")

    def format(self, record):
        record.aws_request_id = _request_id
        return super().format(record).replace("\n", "\r")

    def formatTime(self, record, datefmt=None):
        return _record_time(record)


class _JsonFormatter(logging.Formatter):
    def format(self, record):
        level = min(50, max(0, record.levelno)) // 10 * 10
        result = {
            "timestamp": self.formatTime(record),
            "level": logging.getLevelName(level),
            "message": record.getMessage(),
            "logger": record.name,
            "requestId": _request_id,
        }
        if record.exc_info and record.exc_info[0] is not None:
            result["errorType"] = record.exc_info[0].__name__
            result["errorMessage"] = str(record.exc_info[1])
            result["stackTrace"] = traceback.format_tb(record.exc_info[2])
            result["location"] = "%s:%s:%s" % (record.pathname, record.funcName, record.lineno)
        for key, value in vars(record).items():
            if key not in _RESERVED and key not in result:
                result[key] = value
        return json.dumps({k: v for k, v in result.items() if v is not None}, default=str, ensure_ascii=False)

    def formatTime(self, record, datefmt=None):
        return _record_time(record)


def configure():
    """Installs Lambda's handler on the root logger, in the function's format and at its level."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(_JsonFormatter() if json_format() else _TextFormatter())
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    level = _LEVELS.get(os.environ.get("AWS_LAMBDA_LOG_LEVEL", "").upper())
    if level is not None:
        root.setLevel(level)


def log_error(error):
    """An invocation's or init's error, as Lambda's runtime logs it. Text: "[ERROR] type: message",
    then "Traceback (most recent call last):" and each line of the stack, their leading spaces made
    NO-BREAK SPACEs, all joined by \\r into one event. JSON: the error document after its
    "timestamp" (seconds, no zone, as Lambda writes it) and "level"."""
    sys.stdout.flush()
    if json_format():
        record = {"timestamp": time.strftime(_TIME, time.gmtime()), "level": "ERROR"}
        record.update(error)
        print(json.dumps(record, default=str, ensure_ascii=False), flush=True)
        return
    description = "[ERROR]"
    if error.get("errorType"):
        description += " " + error["errorType"]
    if error.get("errorMessage"):
        description += (":" if error.get("errorType") else "") + " " + error["errorMessage"]
    lines = [description]
    stack = error.get("stackTrace")
    if stack is not None:
        lines.append("Traceback (most recent call last):")
        for element in stack:
            if element == "":
                lines.append("")
            for line in element.splitlines():
                stripped = line.lstrip(" ")
                lines.append(_ERROR_INDENT * (len(line) - len(stripped)) + stripped)
    print("\r".join(lines), flush=True)
