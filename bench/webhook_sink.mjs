// A webhook receiver for bench/webhooks.sh, with no dependencies.
//
//   node webhook_sink.mjs PORT fast     # answers 204 to every POST; GET /count tells how many
//                                       # arrived, and when the first and the last did (ms)
//   node webhook_sink.mjs PORT silent   # accepts connections and never answers
import http from 'node:http';
import net from 'node:net';

const [port, mode] = process.argv.slice(2);
if (mode === 'silent') {
  const held = [];
  net.createServer((socket) => held.push(socket)).listen(Number(port), '127.0.0.1');
} else {
  let count = 0;
  let first = 0;
  let last = 0;
  http
    .createServer((req, res) => {
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ count, first, last }));
        return;
      }
      req.resume();
      req.on('end', () => {
        const now = Date.now();
        if (count === 0) first = now;
        count += 1;
        last = now;
        res.writeHead(204);
        res.end();
      });
    })
    .listen(Number(port), '127.0.0.1');
}
