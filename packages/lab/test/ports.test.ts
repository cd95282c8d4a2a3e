import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:net';
import { assertPortsFree, DEFAULT_PORT_BASE, isPortFree, labPorts, listeningInodes, type LabPorts } from '../src/up/ports.js';

describe('labPorts', () => {
  it('uses fixed ports from the default base', () => {
    expect(labPorts({})).toEqual({
      etcdClient: DEFAULT_PORT_BASE,
      etcdPeer: DEFAULT_PORT_BASE + 1,
      apiserver: DEFAULT_PORT_BASE + 2,
      controllerManager: DEFAULT_PORT_BASE + 3,
      scheduler: DEFAULT_PORT_BASE + 4,
      kwok: DEFAULT_PORT_BASE + 5,
      registry: DEFAULT_PORT_BASE + 6,
      kubelet: DEFAULT_PORT_BASE + 7,
      kubeletHealthz: DEFAULT_PORT_BASE + 8,
      dns: DEFAULT_PORT_BASE + 9,
      dnsManagement: DEFAULT_PORT_BASE + 10,
      acme: DEFAULT_PORT_BASE + 11,
      acmeManagement: DEFAULT_PORT_BASE + 12,
      traefik: DEFAULT_PORT_BASE + 13,
      certManagerMetrics: DEFAULT_PORT_BASE + 14,
      metricsServer: DEFAULT_PORT_BASE + 15,
    });
  });

  it('moves every port with TODO_DEPLOY_LAB_PORT_BASE', () => {
    expect(labPorts({ TODO_DEPLOY_LAB_PORT_BASE: '50000' }).registry).toBe(50006);
  });

  it.each(['abc', '80', '70000', '1.5', '65530'])('rejects the base %s, naming the variable', (raw) => {
    expect(() => labPorts({ TODO_DEPLOY_LAB_PORT_BASE: raw })).toThrow(`TODO_DEPLOY_LAB_PORT_BASE=${raw}`);
  });
});

describe('listeningInodes', () => {
  const table = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:B5A8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0000000000000000 100 0 0 10 0',
    '   1: 0100007F:B5A8 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 222 1 0000000000000000 100 0 0 10 0',
    '   2: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 333 1 0000000000000000 100 0 0 10 0',
  ].join('\n');

  it('finds the listening socket of a port (0xB5A8 = 46504), not its connections', () => {
    expect(listeningInodes(table, 46504)).toEqual(['111']);
    expect(listeningInodes(table, 8080)).toEqual(['333']);
    expect(listeningInodes(table, 9)).toEqual([]);
  });
});

describe('port checks against real sockets', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  async function listen(): Promise<number> {
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    return address.port;
  }

  it('sees a busy port as busy and a closed one as free', async () => {
    const port = await listen();
    expect(await isPortFree(port)).toBe(false);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    expect(await isPortFree(port)).toBe(true);
  });

  it('reports a busy port by number, name and process instead of taking it', async () => {
    const port = await listen();
    const ports: LabPorts = {
      etcdClient: port,
      etcdPeer: 0,
      apiserver: 0,
      controllerManager: 0,
      scheduler: 0,
      kwok: 0,
      registry: 0,
      kubelet: 0,
      kubeletHealthz: 0,
      dns: 0,
      dnsManagement: 0,
      acme: 0,
      acmeManagement: 0,
      traefik: 0,
      certManagerMetrics: 0,
      metricsServer: 0,
    };
    const error = await assertPortsFree(ports).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect(error?.message).toContain(`127.0.0.1:${port} (etcdClient) is in use by pid ${process.pid}`);
    expect(error?.message).toContain('TODO_DEPLOY_LAB_PORT_BASE');
  });
});
