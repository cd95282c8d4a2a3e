// 20 hosts checked by one verify-cert run, against one host, each host its own TLS server
// with a certificate from a private CA made by openssl whose CRL (one, for all hosts) is
// served over HTTP. Prints the wall-time ratio (target < 1.5) and the CRL downloads per run
// (target 1).
import { runAction } from '@todo-deploy/harness';
import { Pki, reply, startServer, type TestServer } from '@todo-deploy/testkit';
import { ratioLine, sideBySide } from './stats.js';

const HOSTS = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const pki = await Pki.create();
const root = await pki.ca('root', { organization: 'Bench CA' });
const crlServer = await startServer((_request, response) => response.end(crl));
const leaf = await pki.leaf('leaf', { commonName: 'todo.test', issuer: root, crlUrl: `${crlServer.url}/root.crl` });
const crl = await pki.crl(root);
const crlFetches: number[] = [];
const servers: TestServer[] = [];
for (let i = 0; i < HOSTS; i += 1) servers.push(await startServer(reply(200), { tls: { key: leaf.keyPem, cert: leaf.certPem } }));

async function timed(count: number): Promise<number> {
  const started = performance.now();
  const fetchesBefore = crlServer.requests();
  const run = await runAction('verify-cert', {
    inputs: {
      hosts: servers
        .slice(0, count)
        .map((s) => `todo.test:${s.port}`)
        .join('\n'),
      'connect-address': '127.0.0.1',
      'ca-cert': root.certPem,
      'check-redirect': 'false',
    },
  });
  if (run.exitCode !== 0) throw new Error(`verify-cert failed: ${run.stdout}`);
  if (count === HOSTS) crlFetches.push(crlServer.requests() - fetchesBefore);
  return performance.now() - started;
}

const result = await sideBySide(
  ROUNDS,
  () => timed(HOSTS),
  () => timed(1),
);
console.log(`verify-cert fan-out, ${HOSTS} hosts vs 1 host, ${ROUNDS} rounds each, medians:`);
console.log(ratioLine('wall-time ratio', result.subject, result.baseline, '< 1.5', result.subject / result.baseline < 1.5));
const onceEach = crlFetches.every((n) => n === 1);
console.log(`CRL downloads per ${HOSTS}-host run: ${crlFetches.join(', ')} (target 1) ${onceEach ? 'ok' : 'FAILED'}`);
if (!onceEach || result.subject / result.baseline >= 1.5) process.exitCode = 1;
await Promise.all([...servers, crlServer].map((s) => s.close()));
