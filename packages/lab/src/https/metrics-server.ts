/** Starts metrics-server behind the API server's aggregator, so HorizontalPodAutoscalers get CPU and memory of the real node's pods. */
import { readFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { stringify } from 'yaml';
import { REAL_NODE_KEY, REAL_NODE_NAME } from '../node/config.js';
import { createServingCert } from '../up/certs.js';
import { probe, waitUntil } from '../up/probes.js';
import * as C from './config.js';
import type { HttpsStartContext } from './start.js';

export async function startMetricsServer(ctx: HttpsStartContext): Promise<void> {
  const { state, tools, pki, kubectl, dead } = ctx;
  if (!state.realNode) throw new Error('metrics-server needs the real node');
  const nodeIp = state.realNode.ip;
  const port = state.ports.metricsServer;
  const files = C.metricsServerFiles(state.stateDir);
  await mkdir(files.certDir, { recursive: true, mode: 0o700 });
  const service = `${C.METRICS_SERVER_SERVICE}.${C.METRICS_SERVER_NAMESPACE}.svc`;
  // the aggregator checks the serving certificate against the Service's DNS name, with the caBundle below
  await createServingCert(pki, { cert: files.cert, key: files.key, commonName: service, sans: [`DNS:${service}`, `IP:${nodeIp}`] });
  await ctx.launch(
    'metrics-server',
    tools.metricsServer,
    C.metricsServerArgs({ kubeconfig: ctx.kubeconfig, nodeIp, port, caCert: pki.caCert, files, nodeSelector: `${REAL_NODE_KEY}=true` }),
  );
  // /livez, not /readyz: metrics-server is not ready while the node runs no pod (it wants pod metrics too)
  await waitUntil('metrics-server /livez', async () => (await probe(`https://${nodeIp}:${port}/livez`, pki)) === 200, 60_000, dead);
  const objects = C.metricsServerObjects(nodeIp, port, await readFile(pki.caCert, 'utf8'));
  await kubectl(['apply', '-f', '-'], objects.map((o) => stringify(o)).join('---\n'));
  const available = `jsonpath={.status.conditions[?(@.type=="Available")].status}`;
  await waitUntil(
    `APIService ${C.METRICS_API_SERVICE} Available`,
    async () => (await kubectl(['get', 'apiservice', C.METRICS_API_SERVICE, '-o', available]).catch(() => undefined))?.stdout === 'True',
    60_000,
    dead,
  );
  // the first scrape: node metrics of the real node through the aggregated API
  await waitUntil(
    `metrics of node ${REAL_NODE_NAME}`,
    async () =>
      (await kubectl(['get', '--raw', `/apis/metrics.k8s.io/v1beta1/nodes/${REAL_NODE_NAME}`]).catch(() => undefined))?.stdout.includes(
        '"usage"',
      ) === true,
    90_000,
    dead,
  );
}
