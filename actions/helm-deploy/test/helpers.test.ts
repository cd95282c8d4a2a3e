import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { kubeconfigSecrets, parseKubeconfig, serverOf } from '../src/kubeconfig.js';
import { holderIdentity, leaseManifest, leaseState, microTime } from '../src/lock-plan.js';
import { connectionCause } from '../src/preflight.js';
import { helmArchive, parseChecksumFile } from '../src/tool/helm-download.js';

describe('helm download', () => {
  it('names the archive and checksum for each platform', () => {
    expect(helmArchive('3.19.0', 'linux', 'x64')).toEqual({
      url: 'https://get.helm.sh/helm-v3.19.0-linux-amd64.tar.gz',
      checksumUrl: 'https://get.helm.sh/helm-v3.19.0-linux-amd64.tar.gz.sha256sum',
      fileName: 'helm-v3.19.0-linux-amd64.tar.gz',
      folder: 'linux-amd64',
      binary: 'helm',
    });
    expect(helmArchive('v4.0.1', 'darwin', 'arm64').url).toBe('https://get.helm.sh/helm-v4.0.1-darwin-arm64.tar.gz');
    expect(helmArchive('4.0.1', 'win32', 'x64')).toMatchObject({ fileName: 'helm-v4.0.1-windows-amd64.zip', binary: 'helm.exe' });
    expect(() => helmArchive('3.19.0', 'aix', 'x64')).toThrow('helm publishes no build for aix/x64');
  });

  it('reads checksum files', () => {
    const sha = 'A'.repeat(64);
    expect(parseChecksumFile(`${sha}  helm-v3.19.0-linux-amd64.tar.gz\n`, 'helm-v3.19.0-linux-amd64.tar.gz')).toBe('a'.repeat(64));
    expect(parseChecksumFile(`${'b'.repeat(64)}\n`, 'x.tar.gz')).toBe('b'.repeat(64));
    expect(() => parseChecksumFile(`${sha}  other.tar.gz`, 'helm.tar.gz')).toThrow('The checksum file has no SHA-256 for helm.tar.gz');
  });
});

describe('deploy lock', () => {
  it('makes a Lease and tells when it expired', () => {
    const now = Date.parse('2026-11-22T04:00:00.000Z');
    const lease = leaseManifest('todo', 'staging', 'run 1', now);
    expect(lease.metadata.name).toBe('helm-deploy.todo');
    expect(lease.spec).toEqual({
      holderIdentity: 'run 1',
      leaseDurationSeconds: 30,
      acquireTime: '2026-11-22T04:00:00.000000Z',
      renewTime: '2026-11-22T04:00:00.000000Z',
    });
    expect(leaseState(lease, now + 29_000)).toEqual({ holder: 'run 1', expiresAtMs: now + 30_000, expired: false });
    expect(leaseState(lease, now + 30_000).expired).toBe(true);
    expect(microTime(0)).toBe('1970-01-01T00:00:00.000000Z');
  });

  it('names the run holding it', () => {
    expect(holderIdentity({ GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '2', GITHUB_JOB: 'deploy' }, 'ab12')).toBe(
      'o/r run 7 attempt 2 job deploy (ab12)',
    );
  });
});

describe('kubeconfig', () => {
  const key = Buffer.from('-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIKeyMaterialThatIsLongEnough\n-----END EC PRIVATE KEY-----\n').toString(
    'base64',
  );
  const text = [
    'clusters: [{name: a, cluster: {server: "https://10.0.0.1:6443"}}, {name: b, cluster: {server: "https://b:443"}}]',
    'contexts: [{name: ca, context: {cluster: a, user: u}}, {name: cb, context: {cluster: b, user: u}}]',
    `users: [{name: u, user: {token: tok-abcdef, client-key-data: ${key}}}]`,
    'current-context: ca',
  ].join('\n');

  it('finds the server of a context', () => {
    const doc = parseKubeconfig('kubeconfig', text);
    expect(serverOf(doc)).toBe('https://10.0.0.1:6443');
    expect(serverOf(doc, 'cb')).toBe('https://b:443');
  });

  it('lists every credential to mask, including the lines of a key', () => {
    const secrets = kubeconfigSecrets(parse(text));
    expect(secrets).toEqual(['tok-abcdef', key, 'MHcCAQEEIKeyMaterialThatIsLongEnough']);
  });
});

describe('connectionCause', () => {
  it.each([
    ['The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?', 'connection refused'],
    ['Unable to connect to the server: dial tcp: lookup nope.invalid: no such host', 'host not found (DNS)'],
    ['Unable to connect to the server: dial tcp 10.1.1.1:443: i/o timeout', 'no answer (timeout)'],
    [
      'Unable to connect to the server: tls: failed to verify certificate: x509: certificate signed by unknown authority',
      'the server certificate is not trusted by the kubeconfig',
    ],
    ['error: You must be logged in to the server (Unauthorized)', 'the credentials were refused (401 Unauthorized)'],
    ['error: context was not found for specified context: prod', 'the kube context does not exist'],
  ])('%s', (stderr, cause) => expect(connectionCause(stderr)).toBe(cause));
});
