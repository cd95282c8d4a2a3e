import { stateDir } from '../paths.js';
import { labHealth } from './health.js';
import { isAlive } from './processes.js';
import { readState } from './state.js';

/** Prints what runs, where and at which versions; exit 0 when healthy, 1 otherwise. */
export async function printStatus(): Promise<number> {
  const dir = stateDir();
  const state = await readState(dir);
  const out: string[] = [];
  if (!state) {
    process.stdout.write(`the lab is down (no state in ${dir})\n`);
    return 1;
  }
  const health = await labHealth(state);
  out.push(`lab: ${health.healthy ? 'up and healthy' : `NOT healthy: ${health.problems.join('; ')}`}`);
  out.push(`state:      ${dir}`, `api server: ${state.server}`, `kubeconfig: ${state.kubeconfig}`, `registry:   ${state.registry}`);
  out.push(
    `real node:  ${state.realNode ? `${state.realNode.name} (${state.realNode.ip}, bridge ${state.realNode.bridge ?? '-'})` : `none (${state.realNodeSkipped ?? 'not started'})`}`,
  );
  out.push(
    `https:      ${state.https ? `${state.https.address}:80/:443 (*.${state.https.domain}), ClusterIssuer ${state.https.issuer}, IngressClass ${state.https.ingressClass}, GatewayClass ${state.https.gatewayClass}, ACME ${state.https.acmeDirectory}` : `none (${state.httpsSkipped ?? 'not started'})`}`,
  );
  out.push(`started:    ${state.startedAt}${state.readyAt ? `, ready ${state.readyAt}` : ''}`, '', 'processes:');
  for (const p of state.processes)
    out.push(`  ${p.name.padEnd(24)} pid ${String(p.pid).padEnd(8)} ${isAlive(p) ? 'running' : 'NOT RUNNING'}  log ${p.log}`);
  out.push('', 'ports (127.0.0.1):');
  for (const [name, port] of Object.entries(state.ports)) out.push(`  ${name.padEnd(24)} ${port}`);
  out.push('', 'versions:');
  for (const [name, version] of Object.entries(state.versions)) out.push(`  ${name.padEnd(24)} ${version}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return health.healthy ? 0 : 1;
}
