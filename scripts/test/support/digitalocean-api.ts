// A STAND-IN for DigitalOcean's API (api.digitalocean.com cannot be reached from here), written
// from its published reference: the two endpoints `doctl kubernetes cluster kubeconfig show`
// calls. GET /v2/kubernetes/clusters lists clusters (doctl resolves a name to an ID with it);
// GET /v2/kubernetes/clusters/{cluster_id}/kubeconfig?expiry_seconds=N returns a kubeconfig
// in YAML whose token expires after N seconds (7 days when unset or 0). Both want
// `Authorization: Bearer <API token>` and answer 401 otherwise. The token it hands out is real:
// a ServiceAccount token of the lab's API server (TokenRequest, the expiry asked for), so the
// kubeconfig really reaches the lab and really expires.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { kubectl, labEnv } from '@todo-deploy/lab';

export interface DigitalOceanStandIn {
  url: string;
  clusterName: string;
  clusterId: string;
  /** Every request: method, path with query, whether the bearer token matched. */
  requests: { method: string; path: string; authorized: boolean }[];
  /** Every token minted, with the lifetime asked for. */
  minted: { token: string; expirySeconds: number }[];
  close(): Promise<void>;
}

const ACCOUNT = 'doks-stand-in';

async function ensureServiceAccount(): Promise<void> {
  await kubectl(['create', 'serviceaccount', ACCOUNT, '-n', 'kube-system']);
  // DigitalOcean maps the Owner role to cluster-admin
  await kubectl(['create', 'clusterrolebinding', ACCOUNT, '--clusterrole=cluster-admin', `--serviceaccount=kube-system:${ACCOUNT}`]);
}

export async function startDigitalOceanStandIn(apiToken: string, clusterName = 'todo-lab'): Promise<DigitalOceanStandIn> {
  const lab = await labEnv();
  await ensureServiceAccount();
  const ca = readFileSync(lab.kubeconfig, 'utf8').match(/certificate-authority: (.+)/)?.[1];
  if (!ca) throw new Error('the lab kubeconfig names no certificate-authority file');
  const caData = readFileSync(ca.trim()).toString('base64');
  const clusterId = randomUUID();
  const requests: DigitalOceanStandIn['requests'] = [];
  const minted: DigitalOceanStandIn['minted'] = [];

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const authorized = req.headers.authorization === `Bearer ${apiToken}`;
    requests.push({ method: req.method ?? '', path: url.pathname + url.search, authorized });
    if (!authorized) return json(res, 401, { id: 'Unauthorized', message: 'Unable to authenticate you' });
    if (req.method === 'GET' && url.pathname === '/v2/kubernetes/clusters') {
      return json(res, 200, {
        kubernetes_clusters: [
          { id: clusterId, name: clusterName, region: 'fra1', version_slug: '1.35.4-do.0', status: { state: 'running' } },
        ],
        links: {},
        meta: { total: 1 },
      });
    }
    const kubeconfig = /^\/v2\/kubernetes\/clusters\/([^/]+)\/kubeconfig$/.exec(url.pathname);
    if (req.method === 'GET' && kubeconfig) {
      if (kubeconfig[1] !== clusterId)
        return json(res, 404, { id: 'not_found', message: 'The resource you requested could not be found.' });
      const expirySeconds = Number(url.searchParams.get('expiry_seconds') ?? '0') || 7 * 24 * 3600;
      const created = await kubectl(['create', 'token', ACCOUNT, '-n', 'kube-system', `--duration=${expirySeconds}s`]);
      if (created.exitCode !== 0) return json(res, 500, { id: 'server_error', message: 'could not mint a token' });
      const token = created.stdout.trim();
      minted.push({ token, expirySeconds });
      const name = `do-fra1-${clusterName}`;
      res.writeHead(200, { 'content-type': 'application/yaml' });
      res.end(
        stringify({
          apiVersion: 'v1',
          kind: 'Config',
          clusters: [{ name, cluster: { server: lab.server, 'certificate-authority-data': caData } }],
          users: [{ name: `${name}-admin`, user: { token } }],
          contexts: [{ name, context: { cluster: name, user: `${name}-admin` } }],
          'current-context': name,
          preferences: {},
        }),
      );
      return;
    }
    return json(res, 404, { id: 'not_found', message: 'The resource you requested could not be found.' });
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => json(res, 500, { id: 'server_error', message: 'stand-in failure' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    clusterName,
    clusterId,
    requests,
    minted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
