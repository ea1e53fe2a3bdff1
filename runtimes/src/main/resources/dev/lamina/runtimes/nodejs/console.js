'use strict';
// The console of Lambda's Node.js runtime. console.trace/debug/info/log/warn/error/fatal write one
// log event each, at their level:
//   Text: <ISO time>\t<request id>\t<LEVEL>\t<message>, newlines kept as \r so the event stays one line;
//   JSON: {"timestamp","level","requestId","message"}, an Error serialised with errorType,
//         errorMessage and stackTrace.
// AWS_LAMBDA_LOG_FORMAT and AWS_LAMBDA_LOG_LEVEL (set for JSON functions) are read by configure(),
// which the runtime calls once it knows its function (a stem cell learns it after booting). Levels
// below AWS_LAMBDA_LOG_LEVEL are dropped; without it every level is written, as on Lambda.

const fs = require('fs');
const util = require('util');

const MAX_LINE = 256 * 1024;
const LEVELS = { TRACE: 1, DEBUG: 2, INFO: 3, WARN: 4, ERROR: 5, FATAL: 6 };
const METHODS = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', log: 'INFO', warn: 'WARN', error: 'ERROR', fatal: 'FATAL' };

let json = false;
let threshold = LEVELS.TRACE;
let requestId; // the request being served; undefined during init

// Lambda's console writes synchronously, so a line is in the log before the answer that follows it
// and a function that logs faster than the log is read waits instead of buffering. process.stdout
// on a pipe is asynchronous in Node.js, so console lines are written to fd 1 directly. The fd may
// have been made non-blocking (by the function's own use of process.stdout): then a full pipe
// answers EAGAIN, and the line waits a millisecond at a time for Lamina to read.
const pause = new Int32Array(new SharedArrayBuffer(4));
function writeLine(text) {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += fs.writeSync(1, bytes, offset);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

function formatted(args) {
  try {
    return util.format(...args);
  } catch (e) {
    return String(args);
  }
}

function serialisedError(err) {
  return Object.assign({
    errorType: (err && err.constructor && err.constructor.name) || 'UnknownError',
    errorMessage: err.message,
    stackTrace: typeof err.stack === 'string' ? err.stack.split('\n') : err.stack,
  }, err);
}

function errorReplacer(key, value) {
  return value instanceof Error ? serialisedError(value) : value;
}

function jsonLine(level, args) {
  const record = { timestamp: new Date().toISOString(), level, requestId };
  if (args.length === 1) {
    record.message = args[0];
    try {
      return JSON.stringify(record, errorReplacer);
    } catch (e) {
      record.message = formatted(args); // a cycle, a BigInt: the message as text instead
      return JSON.stringify(record);
    }
  }
  record.message = formatted(args);
  const err = args.find((a) => a instanceof Error);
  if (err) {
    const s = serialisedError(err);
    Object.assign(record, { errorType: s.errorType, errorMessage: s.errorMessage, stackTrace: s.stackTrace });
  }
  return JSON.stringify(record);
}

function write(level, args) {
  if (LEVELS[level] < threshold) return;
  if (json) {
    writeLine(jsonLine(level, args) + '\n');
    return;
  }
  let message = formatted(args);
  if (message.length > MAX_LINE) message = message.slice(0, MAX_LINE);
  writeLine(`${new Date().toISOString()}\t${requestId}\t${level}\t${message.replace(/\n/g, '\r')}\n`);
}

for (const [method, level] of Object.entries(METHODS)) {
  console[method] = (...args) => write(level, args);
}

/** Reads the function's log format and level from the environment. */
function configure() {
  json = process.env.AWS_LAMBDA_LOG_FORMAT === 'JSON';
  threshold = LEVELS[(process.env.AWS_LAMBDA_LOG_LEVEL || '').toUpperCase()] || LEVELS.TRACE;
}

function setRequestId(id) {
  requestId = id;
}

/**
 * An error the runtime reports itself ("Invoke Error", "Uncaught Exception", ...), as Lambda's
 * Node.js runtime logs it: in Text the message and the error's JSON after a tab; in JSON the
 * message with the error's errorType, errorMessage and stackTrace.
 */
function logError(message, err) {
  if (json) {
    console.error(message, err);
    return;
  }
  const body = err instanceof Error
    ? { errorType: err.name, errorMessage: err.message, stack: typeof err.stack === 'string' ? err.stack.split('\n') : [] }
    : { errorType: typeof err, errorMessage: String(err), stack: [] };
  console.error(`${message} \t${JSON.stringify(body)}`);
}

module.exports = { configure, setRequestId, logError, writeLine };
