// Runs every server audit of graphql-http (GraphQL over HTTP conformance) against the URL given
// as the first argument, prints one line per audit, and exits 1 when any MUST audit fails.
//
//   node tests/graphql_http_audit/audit.mjs http://127.0.0.1:8000/graphql
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint URL>');
  process.exit(2);
}

const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  counts[result.status] += 1;
  let line = `${result.status.padEnd(6)} ${result.id} ${result.name}`;
  if (result.status !== 'ok') {
    const body = await result.response.text().catch(() => '');
    line += `\n         ${result.reason} (HTTP ${result.response.status}) ${body.slice(0, 200)}`;
  }
  console.log(line);
}
console.log(
  `\n${counts.ok} ok, ${counts.notice} MAY notices, ${counts.warn} SHOULD warnings, ${counts.error} MUST failures`,
);
process.exit(counts.error > 0 ? 1 : 0);
