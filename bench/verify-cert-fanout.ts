// 20 hosts checked by one verify-cert run, against one host, each host its own TLS server
// with a certificate from a private CA made by openssl. Prints the wall-time ratio; target < 2.
import { runAction } from '@todo-deploy/harness';
import { Pki, reply, startServer, type TestServer } from '@todo-deploy/testkit';
import { ratioLine, sideBySide } from './stats.js';

const HOSTS = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const pki = await Pki.create();
const root = await pki.ca('root', { organization: 'Bench CA' });
const leaf = await pki.leaf('leaf', { commonName: 'todo.test', issuer: root });
const servers: TestServer[] = [];
for (let i = 0; i < HOSTS; i += 1) servers.push(await startServer(reply(200), { tls: { key: leaf.keyPem, cert: leaf.certPem } }));

async function timed(count: number): Promise<number> {
  const started = performance.now();
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
  return performance.now() - started;
}

const result = await sideBySide(
  ROUNDS,
  () => timed(HOSTS),
  () => timed(1),
);
console.log(`verify-cert fan-out, ${HOSTS} hosts vs 1 host, ${ROUNDS} rounds each, medians:`);
console.log(ratioLine('wall-time ratio', result.subject, result.baseline, '< 2', result.subject / result.baseline < 2));
await Promise.all(servers.map((s) => s.close()));
