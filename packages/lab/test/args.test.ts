import { describe, expect, it } from '@jest/globals';
import * as A from '../src/up/args.js';
import { labLayout } from '../src/up/layout.js';
import { labPorts } from '../src/up/ports.js';

const layout = labLayout('/state', labPorts({ TODO_DEPLOY_LAB_PORT_BASE: '50000' }));

describe('argv builders', () => {
  it('etcd listens on loopback only', () => {
    const args = A.etcdArgs(layout);
    expect(args).toContain('--listen-client-urls=http://127.0.0.1:50000');
    expect(args).toContain('--listen-peer-urls=http://127.0.0.1:50001');
    expect(args).toContain('--data-dir=/state/etcd');
  });

  it('the API server is loopback-only, TLS, RBAC + Node, client-certificate auth, service-account keys', () => {
    const args = A.apiserverArgs(layout);
    expect(args).toEqual(
      expect.arrayContaining([
        '--bind-address=127.0.0.1',
        '--secure-port=50002',
        '--etcd-servers=http://127.0.0.1:50000',
        '--authorization-mode=Node,RBAC',
        '--client-ca-file=/state/pki/ca.crt',
        '--tls-cert-file=/state/pki/apiserver.crt',
        '--service-account-key-file=/state/pki/sa.pub',
        '--service-account-signing-key-file=/state/pki/sa.key',
        '--anonymous-auth=false',
      ]),
    );
  });

  it('lets the aggregator reach metrics-server: endpoint routing, a requestheader CA of its own, the front-proxy client', () => {
    expect(A.apiserverArgs(layout)).toEqual(
      expect.arrayContaining([
        '--enable-aggregator-routing=true',
        '--requestheader-client-ca-file=/state/pki/front-proxy-ca.crt',
        '--requestheader-allowed-names=front-proxy-client',
        '--proxy-client-cert-file=/state/pki/front-proxy-client.crt',
        '--proxy-client-key-file=/state/pki/front-proxy-client.key',
      ]),
    );
    expect(A.apiserverArgs(layout)).not.toContain('--requestheader-client-ca-file=/state/pki/ca.crt');
  });

  it('controller manager and scheduler bind their own ports on loopback without leader election', () => {
    expect(A.controllerManagerArgs(layout)).toEqual(
      expect.arrayContaining([
        '--secure-port=50003',
        '--bind-address=127.0.0.1',
        '--leader-elect=false',
        '--service-account-private-key-file=/state/pki/sa.key',
      ]),
    );
    expect(A.schedulerArgs(layout)).toEqual(
      expect.arrayContaining(['--secure-port=50004', '--leader-elect=false', '--kubeconfig=/state/kubeconfig']),
    );
  });

  it('kwok manages only the annotated fake nodes with the lab stages', () => {
    expect(A.kwokArgs(layout)).toEqual(
      expect.arrayContaining([
        '--config=/state/kwok-stages.yaml',
        '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
        '--server-address=127.0.0.1:50005',
      ]),
    );
  });

  it('the registry serves on loopback from the state directory', () => {
    expect(A.registryArgs(layout)).toEqual(['serve', '/state/registry.yml']);
    expect(A.registryConfig('/state/registry', 50006)).toMatchObject({
      http: { addr: '127.0.0.1:50006' },
      storage: { filesystem: { rootdirectory: '/state/registry' } },
    });
  });

  it('never passes an argument that a shell would have to split', () => {
    for (const args of [
      A.etcdArgs(layout),
      A.apiserverArgs(layout),
      A.controllerManagerArgs(layout),
      A.schedulerArgs(layout),
      A.kwokArgs(layout),
    ]) {
      for (const arg of args) expect(arg).not.toMatch(/\s/);
    }
  });
});
