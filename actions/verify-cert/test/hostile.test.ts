import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readActionMetadata, runAction, type ActionRun } from '@todo-deploy/harness';
import { HOSTILE_INLINE, MARKER, Pki, forgedCommands, reply, startServer, type Issued, type TestServer } from '@todo-deploy/testkit';

// Certificate fields and redirect targets come from the server: printed, they must never
// become workflow commands (the runner honours ##[...] anywhere in a line).
jest.setTimeout(60_000);

let pki: Pki;
let root: Issued;
let hostileCa: Issued;
const servers: TestServer[] = [];
beforeAll(async () => {
  pki = await Pki.create();
  root = await pki.ca('root', { organization: 'Todo Test Root' });
  // certificate name fields hold at most 64 characters
  hostileCa = await pki.ca('hostile', {
    issuer: root,
    organization: `##[set-output name=result;]${MARKER}-o`,
    commonName: `##[error]${MARKER}-cn`,
  });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

function nothingForged(run: ActionRun): void {
  expect(forgedCommands(run.commands)).toEqual([]);
  expect(Object.keys(run.outputs).sort()).toEqual(Object.keys(readActionMetadata('verify-cert').outputs).sort());
  expect(run.outputs.result).not.toContain(MARKER);
  expect(run.state).toEqual({});
}

describe('verify-cert with hostile certificate fields', () => {
  it('prints an issuer and subject made of command text without honouring any of it', async () => {
    const leaf = await pki.leaf('leaf', {
      commonName: 'todo.test',
      issuer: hostileCa,
      organization: `x ##[save-state name=phase;]${MARKER}-leaf`,
      startDays: -1,
      endDays: 90,
    });
    const s = await startServer(reply(200, 'ok'), { tls: { key: leaf.keyPem, cert: leaf.certPem + hostileCa.certPem } });
    servers.push(s);
    const run = await runAction('verify-cert', {
      inputs: {
        hosts: `todo.test:${s.port}`,
        'ca-cert': root.certPem,
        'connect-address': '127.0.0.1',
        'check-redirect': 'false',
        'expected-issuer': 'Somebody Else',
        timeout: '1s',
        interval: '200ms',
      },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`${MARKER}-o`); // it was printed, as data
    nothingForged(run);
    expect(run.outputs.result).toBe('failure');
  });

  it('prints a redirect target made of command text without honouring it', async () => {
    const leaf = await pki.leaf('plain', { commonName: 'todo.test', issuer: root, startDays: -1, endDays: 90 });
    const tls = await startServer(reply(200, 'ok'), { tls: { key: leaf.keyPem, cert: leaf.certPem } });
    const redirect = await startServer((_req, res) => {
      res.writeHead(301, { location: `http://todo.test/x ##[error]${MARKER}-location ${HOSTILE_INLINE}` });
      res.end();
    });
    servers.push(tls, redirect);
    const run = await runAction('verify-cert', {
      inputs: {
        hosts: `todo.test:${tls.port}`,
        'ca-cert': root.certPem,
        'connect-address': '127.0.0.1',
        'check-redirect': 'true',
        'http-port': String(redirect.port),
        timeout: '1s',
        interval: '200ms',
      },
    });
    expect(run.exitCode).toBe(1);
    nothingForged(run);
  });
});
