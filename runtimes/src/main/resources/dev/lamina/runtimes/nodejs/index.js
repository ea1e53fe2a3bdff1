'use strict';
// Lamina's Node.js runtime: the behaviour of AWS Lambda's Node.js runtime, talking to the Runtime API
// at AWS_LAMBDA_RUNTIME_API. It loads the handler named by _HANDLER from LAMBDA_TASK_ROOT, then loops:
// GET /next, run the handler, POST the result or the error.

const http = require('http');
const path = require('path');
const fs = require('fs');
const { pathToFileURL } = require('url');

const API = process.env.AWS_LAMBDA_RUNTIME_API;
// Known once the runtime knows its function: at once, or after a stem cell's assignment (main).
let TASK_ROOT;
let HANDLER;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

// Lambda's console: levels, Text or JSON lines (console.js).
const lambdaConsole = require('./console.js');
// Response streaming: awslambda.streamifyResponse and HttpResponseStream (streaming.js).
const streaming = require('./streaming.js');

// ---- the Runtime API -----------------------------------------------------------------------------
function request(method, urlPath, body, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: API.split(':')[0], port: API.split(':')[1], path: '/2018-06-01' + urlPath,
      method, agent, headers: Object.assign({ 'Content-Type': 'application/json' }, headers || {}) }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    // Small requests must not wait for the peer's delayed ACK (Nagle's algorithm).
    req.on('socket', (socket) => socket.setNoDelay(true));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function errorBody(err) {
  if (err instanceof Error) {
    return { errorType: err.name, errorMessage: err.message,
      trace: typeof err.stack === 'string' ? err.stack.split('\n') : [] };
  }
  return { errorType: typeof err, errorMessage: String(err), trace: [] };
}

async function postError(urlPath, body) {
  await request('POST', urlPath, JSON.stringify(body), { 'Lambda-Runtime-Function-Error-Type': body.errorType });
}

// ---- loading the handler -------------------------------------------------------------------------
class RuntimeError extends Error {
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}

function splitHandler(handler) {
  const slash = handler.lastIndexOf('/');
  const dir = handler.slice(0, slash + 1);
  const rest = handler.slice(slash + 1);
  const dot = rest.indexOf('.');
  if (dot < 1 || dot === rest.length - 1) throw new RuntimeError('Runtime.MalformedHandlerName', 'Bad handler');
  return { module: dir + rest.slice(0, dot), property: rest.slice(dot + 1) };
}

async function loadModule(moduleName) {
  const base = path.resolve(TASK_ROOT, moduleName);
  for (const ext of ['.js', '.mjs', '.cjs']) {
    const file = base + ext;
    if (fs.existsSync(file)) {
      if (ext === '.mjs') return import(pathToFileURL(file).href);
      try {
        return require(file);
      } catch (e) {
        if (e && e.code === 'ERR_REQUIRE_ESM') return import(pathToFileURL(file).href);
        throw e;
      }
    }
  }
  // A package name or a directory with an index, resolved as Node resolves modules.
  try {
    return require(require.resolve(moduleName, { paths: [TASK_ROOT] }));
  } catch (e) {
    if (e && e.code === 'MODULE_NOT_FOUND') {
      throw new RuntimeError('Runtime.ImportModuleError',
        `Error: Cannot find module '${moduleName}'\nRequire stack:\n- ${__filename}`);
    }
    throw e;
  }
}

async function loadHandler() {
  const { module, property } = splitHandler(HANDLER);
  let loaded;
  try {
    loaded = await loadModule(module);
  } catch (e) {
    if (e instanceof RuntimeError) throw e;
    if (e instanceof SyntaxError) throw new RuntimeError('Runtime.UserCodeSyntaxError', `${e.name}: ${e.message}`);
    throw new RuntimeError('Runtime.ImportModuleError', `${e && e.name}: ${e && e.message}`);
  }
  let fn = loaded;
  for (const part of property.split('.')) fn = fn == null ? undefined : fn[part];
  if (fn === undefined && loaded && loaded.default) {
    fn = loaded.default;
    for (const part of property.split('.')) fn = fn == null ? undefined : fn[part];
  }
  if (typeof fn !== 'function') {
    throw new RuntimeError('Runtime.HandlerNotFound', `${module}.${property} is undefined or not exported`);
  }
  return fn;
}

// ---- the context object ----------------------------------------------------------------------------
function makeContext(headers, finish) {
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: (err, result) => finish(err, result),
    succeed: (result) => finish(null, result),
    fail: (err) => finish(err === undefined || err === null ? 'handled' : err),
  };
  if (headers['lambda-runtime-client-context']) {
    try { context.clientContext = JSON.parse(headers['lambda-runtime-client-context']); } catch (e) { /* ignore */ }
  }
  if (headers['lambda-runtime-cognito-identity']) {
    try { context.identity = JSON.parse(headers['lambda-runtime-cognito-identity']); } catch (e) { /* ignore */ }
  }
  return context;
}

// ---- one invocation --------------------------------------------------------------------------------
let invocationInFlight = null; // { requestId, settle } while a handler runs

function parseEvent(next) {
  try {
    return JSON.parse(next.body.toString('utf8') || 'null');
  } catch (e) {
    return next.body.toString('utf8');
  }
}

async function invokeStreaming(handler, next, requestId) {
  // An uncaught exception meanwhile posts /error, which ends the stream with that error.
  invocationInFlight = { requestId, settle: () => {} };
  const context = makeContext(next.headers, () => {});
  try {
    await streaming.invoke(handler, parseEvent(next), context, { api: API, requestId, errorBody,
      logError: (label, err) => lambdaConsole.logError(label, err) });
  } finally {
    invocationInFlight = null;
  }
}

function invoke(handler, next, streams) {
  const requestId = next.headers['lambda-runtime-aws-request-id'];
  const traceId = next.headers['lambda-runtime-trace-id'];
  if (traceId) process.env._X_AMZN_TRACE_ID = traceId; else delete process.env._X_AMZN_TRACE_ID;
  lambdaConsole.setRequestId(requestId);
  if (streams) return invokeStreaming(handler, next, requestId);
  return new Promise((resolve) => {
    let outcome = null; // [err, result] once the handler has answered
    let posted = false;
    let context;
    const post = () => {
      if (posted) return;
      posted = true;
      process.removeListener('beforeExit', onEmptyLoop);
      const [err, result] = outcome;
      if (err !== null && err !== undefined) {
        lambdaConsole.logError('Invoke Error', err);
        postError(`/runtime/invocation/${requestId}/error`, errorBody(err)).then(resolve, resolve);
        return;
      }
      let body;
      try {
        body = JSON.stringify(result === undefined ? null : result);
      } catch (e) {
        const marshal = new RuntimeError('Runtime.MarshalError', 'Unable to stringify response body');
        postError(`/runtime/invocation/${requestId}/error`, errorBody(marshal)).then(resolve, resolve);
        return;
      }
      request('POST', `/runtime/invocation/${requestId}/response`, body).then(resolve, resolve);
    };
    // The event loop drained: a callback answer waiting for that goes out now, and a callback
    // handler that never called back answers null, as on Lambda.
    const onEmptyLoop = () => {
      if (outcome === null) outcome = [null, null];
      post();
    };
    const answer = (err, result, viaCallback) => {
      if (outcome !== null) return;
      outcome = [err, result];
      invocationInFlight = null;
      if (!(viaCallback && context.callbackWaitsForEmptyEventLoop)) post();
    };
    context = makeContext(next.headers, (err, result) => answer(err, result, false));
    invocationInFlight = { requestId, settle: (err) => answer(err, undefined, false) };
    process.on('beforeExit', onEmptyLoop);
    const event = parseEvent(next);
    try {
      const returned = handler(event, context, (err, result) => answer(err, result, true));
      if (returned && typeof returned.then === 'function') {
        returned.then((result) => answer(null, result, false),
          (err) => answer(err === undefined ? 'undefined' : err, undefined, false));
      } else if (handler.length < 3) {
        answer(null, returned, false);
      }
    } catch (err) {
      answer(err, undefined, false);
    }
  });
}

process.on('uncaughtException', (err) => {
  lambdaConsole.logError('Uncaught Exception', err);
  const inFlight = invocationInFlight;
  if (inFlight) {
    postError(`/runtime/invocation/${inFlight.requestId}/error`, errorBody(err)).finally(() => process.exit(129));
  } else {
    process.exit(129);
  }
});

process.on('unhandledRejection', (reason) => {
  const err = new RuntimeError('Runtime.UnhandledPromiseRejection', reason instanceof Error
    ? `${reason.name}: ${reason.message}` : String(reason));
  lambdaConsole.logError('Unhandled Promise Rejection', err);
  const inFlight = invocationInFlight;
  if (inFlight) {
    postError(`/runtime/invocation/${inFlight.requestId}/error`, errorBody(err)).finally(() => process.exit(128));
  } else {
    process.exit(128);
  }
});

// A stem cell boots before it has a function: it asks Lamina which one it becomes, then takes on
// that function's environment in place of its own, as if it had been started with it.
async function becomeAssigned() {
  const token = process.env.LAMINA_CELL_TOKEN;
  if (!token) return;
  // Node.js loads its module loaders on first use; a cell loads them now, with two empty modules of
  // the runtime's own, so that the function's init does not pay for it.
  require('./warm.cjs');
  await import(pathToFileURL(path.join(__dirname, 'warm.mjs')).href);
  const res = await request('GET', '/runtime/lamina/assignment', undefined, { 'Lamina-Cell-Token': token });
  if (res.status !== 200) {
    console.error(`The Runtime API answered ${res.status} to the assignment: ${res.body}`);
    process.exit(1);
  }
  const { environment } = JSON.parse(res.body.toString('utf8'));
  // Only what differs is touched: setting TZ, even to its own value, makes Node.js reload time zones.
  for (const name of Object.keys(process.env)) {
    if (!(name in environment)) delete process.env[name];
  }
  for (const [name, value] of Object.entries(environment)) {
    if (process.env[name] !== value) process.env[name] = value;
  }
}

// Lamina freezes the environment while the runtime waits in /next, as Lambda does. What the function
// wrote with process.stdout.write and Node.js still queues (a pipe write is queued when the pipe is
// full) reaches the pipe first, or it would wait, frozen, for the next invocation. Only streams the
// function has used are looked at: creating process.stdout makes fd 1 non-blocking, which the
// console above is better without. Free when nothing is queued.
const streamsInUse = new Set();
for (const name of ['stdout', 'stderr']) {
  const created = Object.getOwnPropertyDescriptor(process, name);
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: created.enumerable,
    get() {
      const stream = created.get.call(process);
      streamsInUse.add(stream);
      return stream;
    },
  });
}
function outputWritten() {
  const queued = [...streamsInUse].filter((s) => s.writableLength > 0);
  return Promise.all(queued.map((s) => new Promise((resolve) => s.write('', () => resolve()))));
}

async function main() {
  await becomeAssigned();
  lambdaConsole.configure();
  TASK_ROOT = process.env.LAMBDA_TASK_ROOT || '/var/task';
  HANDLER = process.env._HANDLER || '';
  let handler;
  let streams;
  try {
    streaming.installGlobal();
    handler = await loadHandler();
    streams = streaming.isStreaming(handler, RuntimeError);
  } catch (e) {
    const body = errorBody(e);
    lambdaConsole.logError('Uncaught Exception', e);
    await postError('/runtime/init/error', body);
    process.exit(129);
  }
  for (;;) {
    await outputWritten();
    const next = await request('GET', '/runtime/invocation/next');
    if (next.status !== 200) {
      console.error(`The Runtime API answered ${next.status} to /next: ${next.body}`);
      process.exit(1);
    }
    await invoke(handler, next, streams);
  }
}

main().catch((e) => {
  console.error('Lamina runtime failure', errorBody(e));
  process.exit(1);
});
