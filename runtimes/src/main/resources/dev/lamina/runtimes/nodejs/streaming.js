'use strict';
// Lambda's response streaming for Node.js functions, as AWS's Node.js runtime offers it:
// - awslambda.streamifyResponse(handler, options) marks a handler as streaming; it is called as
//   handler(event, responseStream, context) and must return a promise;
// - responseStream is a Writable with setContentType(); what is written goes to the Runtime API as
//   it is written, in one chunked POST /response with Lambda-Runtime-Function-Response-Mode: streaming;
// - awslambda.HttpResponseStream.from(responseStream, {statusCode, headers, cookies}) makes the
//   stream an HTTP integration response: its content type, then the JSON prelude and eight NUL
//   bytes before the first bytes of the body;
// - an error once the stream is open goes out as the trailers Lambda-Runtime-Function-Error-Type and
//   Lambda-Runtime-Function-Error-Body (Base64 of the error document).

const http = require('http');
const { Writable } = require('stream');

const STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const HIGH_WATER_MARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
const STREAM_RESPONSE = 'response';
const HTTP_INTEGRATION = 'application/vnd.awslambda.http-integration-response';
const ERROR_TYPE = 'Lambda-Runtime-Function-Error-Type';
const ERROR_BODY = 'Lambda-Runtime-Function-Error-Body';

// The streamed POST has a connection of its own: an /error posted while it is open (an uncaught
// exception) must not wait behind it.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function streamifyResponse(handler, options) {
  handler[STREAMING] = STREAM_RESPONSE;
  if (options && typeof options.highWaterMark === 'number') {
    handler[HIGH_WATER_MARK] = Math.trunc(options.highWaterMark);
  }
  return handler;
}

class HttpResponseStream {
  static from(responseStream, prelude) {
    responseStream.setContentType(HTTP_INTEGRATION);
    const metadata = JSON.stringify(prelude); // JSON never contains a NUL byte, so the delimiter is unambiguous
    responseStream._onBeforeFirstWrite = (write) => {
      write(metadata);
      write(new Uint8Array(8));
    };
    return responseStream;
  }
}

/** Whether a loaded handler streams; any other mark than streamifyResponse's is an init error. */
function isStreaming(handler, RuntimeError) {
  const mark = handler[STREAMING];
  if (mark === undefined || mark === null || mark === false) return false;
  if (mark === STREAM_RESPONSE) return true;
  throw new RuntimeError('Runtime.MalformedStreamingHandler', 'Only response streaming is supported.');
}

/** The global `awslambda`, unless the function opted out as AWS allows. */
function installGlobal() {
  const off = process.env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA;
  if (off === '1' || off === 'true') return;
  globalThis.awslambda = { streamifyResponse, HttpResponseStream };
}

// The function's view of the response: a Writable whose bytes go out as they are written. The POST
// opens with the first write (or the end), so setContentType works until then.
class ResponseStream extends Writable {
  constructor(api, requestId, highWaterMark) {
    super(highWaterMark === undefined ? {} : { highWaterMark });
    this._api = api;
    this._path = `/2018-06-01/runtime/invocation/${requestId}/response`;
    this._contentType = 'application/octet-stream';
    this._request = null;
    this._onBeforeFirstWrite = undefined;
    // Settles with the Runtime API's answer once the POST is over (or failed).
    this.responded = new Promise((resolve, reject) => {
      this._responded = resolve;
      this._refused = reject;
    });
    this.responded.catch(() => {}); // awaited by the runtime; never an unhandled rejection
  }

  setContentType(contentType) {
    if (this._request !== null) throw new Error('Cannot set content-type, too late.');
    this._contentType = contentType;
  }

  write(chunk, encoding, callback) {
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) chunk = JSON.stringify(chunk);
    return super.write(chunk, encoding, callback);
  }

  _open() {
    if (this._request !== null) return this._request;
    const [host, port] = this._api.split(':');
    const req = http.request({ host, port, path: this._path, method: 'POST', agent, headers: {
      'Lambda-Runtime-Function-Response-Mode': 'streaming',
      'Content-Type': this._contentType,
      'Transfer-Encoding': 'chunked',
      Trailer: `${ERROR_TYPE}, ${ERROR_BODY}`,
    } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => this._responded({ status: res.statusCode, body: Buffer.concat(chunks) }));
      res.on('aborted', () => this._refused(new Error('The Runtime API closed the response stream')));
    });
    req.on('socket', (socket) => socket.setNoDelay(true));
    req.on('error', (err) => {
      this._refused(err);
      if (!this.destroyed) this.destroy(err);
    });
    this._request = req;
    if (typeof this._onBeforeFirstWrite === 'function') {
      const before = this._onBeforeFirstWrite;
      this._onBeforeFirstWrite = undefined;
      before((bytes) => req.write(bytes));
    }
    return req;
  }

  _write(chunk, encoding, callback) {
    this._open().write(chunk, encoding, callback);
  }

  _final(callback) {
    this._open().end(() => callback());
  }

  /** Ends the response with an error: the trailers carry it, after whatever was written. */
  fail(errorDocument) {
    return new Promise((resolve) => {
      let req;
      try {
        req = this._open();
      } catch (e) {
        resolve();
        return;
      }
      if (req.writableEnded || req.destroyed) {
        resolve(); // the body has ended already, or its connection: too late for trailers
        return;
      }
      req.addTrailers({ [ERROR_TYPE]: errorDocument.errorType,
        [ERROR_BODY]: Buffer.from(JSON.stringify(errorDocument)).toString('base64') });
      req.end(() => resolve());
    }).then(() => this.responded.catch(() => {}));
  }
}

/**
 * Runs one invocation of a streaming handler to the end of its response. Settles once the
 * Runtime API has the whole response (or its error); never rejects.
 */
async function invoke(handler, event, context, { api, requestId, errorBody, logError }) {
  const highWaterMark = typeof handler[HIGH_WATER_MARK] === 'number' ? handler[HIGH_WATER_MARK] : undefined;
  const stream = new ResponseStream(api, requestId, highWaterMark);
  try {
    const returned = handler(event, stream, context);
    if (!returned || typeof returned.then !== 'function') {
      throw new Error('Streaming does not support non-async handlers.');
    }
    const result = await returned;
    if (result !== undefined) console.warn('Streaming handlers ignore return values.');
    // As on AWS, the invocation is over when the function has ended its stream and the Runtime API
    // has answered: a handler that returns without ending it waits for its timeout.
    await stream.responded;
    if (!stream.writableFinished) throw new Error('Response stream is not finished.');
  } catch (err) {
    logError('Invoke Error', err);
    await stream.fail(errorBody(err));
  }
}

module.exports = { installGlobal, isStreaming, invoke, streamifyResponse, HttpResponseStream };
