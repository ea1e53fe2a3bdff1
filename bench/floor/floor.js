// The floor of the benchmark: the same echo handler as the harness's Node.js function, served
// in-process by a minimal Node.js HTTP server on the Invoke path, with no platform at all.
// Prints its port on the first line of its output.
'use strict';
const http = require('http');
const handler = async (event) => event;

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const text = Buffer.concat(chunks).toString('utf8');
    const body = JSON.stringify(await handler(text ? JSON.parse(text) : {}));
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
