// A webhook receiver as a partner would write it with the stock `standardwebhooks` package:
// it verifies each delivery with every secret it was given and prints one JSON line per request
// ({"id", "verified": [one boolean per secret], "payload"}), answering 204 when a secret verified
// it and 400 otherwise. Its first line is {"port": N}. Secrets come on stdin, one JSON line
// each time they change: {"secrets": ["whsec_…", …]}.
//
//   node receiver.mjs
import http from 'node:http';
import readline from 'node:readline';
import { Webhook } from 'standardwebhooks';

let secrets = [];
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  secrets = JSON.parse(line).secrets;
  console.log(JSON.stringify({ secrets: secrets.length }));
});

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    let payload = null;
    const verified = secrets.map((s) => {
      try {
        payload = new Webhook(s).verify(body, req.headers);
        return true;
      } catch {
        return false;
      }
    });
    console.log(JSON.stringify({ id: req.headers['webhook-id'], verified, payload }));
    res.writeHead(verified.some((v) => v) ? 204 : 400);
    res.end();
  });
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
