// Follows the `changes` subscription with the stock graphql-ws client, as a partner frontend
// would: prints "connected" once the server acknowledged the token, then one JSON line per
// event, and exits 0 after COUNT events (1 on any error or close).
//
//   node follow.mjs ws://127.0.0.1:8000/graphql TOKEN CURSOR COUNT
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, token, after, count] = process.argv.slice(2);
if (!url || !count) {
  console.error('usage: node follow.mjs <ws url> <token|-> <cursor|-> <count>');
  process.exit(2);
}

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  retryAttempts: 0,
  connectionParams: token === '-' ? undefined : { Authorization: `Bearer ${token}` },
  on: { connected: () => console.log('connected') },
});

const query = `subscription($after: String) {
  changes(after: $after) { action entityType nodeId version cursor }
}`;
let seen = 0;
const timer = setTimeout(() => { console.error('timed out'); process.exit(1); }, 20000);
const subscription = client.iterate({ query, variables: { after: after === '-' ? null : after } });
try {
  for await (const result of subscription) {
    if (result.errors) {
      console.error(JSON.stringify(result.errors));
      process.exit(1);
    }
    console.log(JSON.stringify(result.data.changes));
    seen += 1;
    if (seen >= Number(count)) break;
  }
} catch (e) {
  console.error(`closed: ${e && (e.code ?? e.message ?? e)} ${e && e.reason ? e.reason : ''}`);
  process.exit(1);
}
clearTimeout(timer);
await client.dispose();
process.exit(0);
