// Delivery latency of the `changes` subscription: opens N graphql-ws clients on one server,
// then makes M changes through the API and records, for every delivery, the time from the
// change's commit (`occurredAt`, taken just before the commit) to its arrival. Prints one JSON
// object: deliveries, p50/p99/max in ms, and how many clients missed an event.
//
//   node latency.mjs http://127.0.0.1:PORT READER_TOKEN EDITOR_TOKEN COALITION_ID CLIENTS CHANGES
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../../tests/graphql_ws_client/package.json'));
const { createClient } = require('graphql-ws');
const WebSocket = require('ws');

const [base, reader, editor, coalition, clientsArg, changesArg] = process.argv.slice(2);
const CLIENTS = Number(clientsArg ?? 1000);
const CHANGES = Number(changesArg ?? 50);
const wsUrl = base.replace('http://', 'ws://') + '/graphql';
const latencies = [];
const received = new Array(CLIENTS).fill(0);

function open(i) {
  return new Promise((resolve, reject) => {
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: { Authorization: `Bearer ${reader}` },
      on: { error: reject },
    });
    client.subscribe(
      { query: 'subscription { changes(filter: { entityTypes: [LEARNING_QUESTION] }) { nodeId occurredAt } }' },
      {
        next: ({ data }) => {
          latencies.push(Date.now() - Date.parse(data.changes.occurredAt));
          received[i] += 1;
        },
        error: (e) => { console.error('subscription error', e); },
        complete: () => {},
      },
    );
    // The subscription is registered once the socket is acknowledged.
    client.on('connected', () => resolve(client));
  });
}

const clients = [];
for (let i = 0; i < CLIENTS; i += 50) {
  const batch = [];
  for (let j = i; j < Math.min(i + 50, CLIENTS); j++) batch.push(open(j));
  clients.push(...(await Promise.all(batch)));
}
await new Promise((r) => setTimeout(r, 1000));

const mutation = 'mutation($i: CreateLearningQuestionInput!) { createLearningQuestion(input: $i) { userErrors { code } } }';
for (let n = 0; n < CHANGES; n++) {
  const res = await fetch(base + '/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${editor}` },
    body: JSON.stringify({ query: mutation, variables: { i: { coalition, title: `Latency ${n}`, context: 'bench', visibility: 'PARTNERS' } } }),
  });
  const body = await res.json();
  if (body.errors || body.data.createLearningQuestion.userErrors.length) {
    console.error(JSON.stringify(body));
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 200));
}
await new Promise((r) => setTimeout(r, 3000));
latencies.sort((a, b) => a - b);
const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
console.log(JSON.stringify({
  clients: CLIENTS,
  changes: CHANGES,
  deliveries: latencies.length,
  expected: CLIENTS * CHANGES,
  missed_by: received.filter((n) => n < CHANGES).length,
  p50_ms: q(0.5),
  p99_ms: q(0.99),
  max_ms: latencies[latencies.length - 1],
}));
await Promise.all(clients.map((c) => c.dispose()));
process.exit(0);
