import { pkiPaths } from './certs.js';
import { isAlive } from './processes.js';
import { probe } from './probes.js';
import type { LabState } from './state.js';

export interface Health {
  healthy: boolean;
  problems: string[];
}

/** Every recorded process runs, the API server is ready and the registry answers. */
export async function labHealth(state: LabState): Promise<Health> {
  const problems: string[] = [];
  for (const p of state.processes) if (!isAlive(p)) problems.push(`${p.name} (pid ${p.pid}) is not running`);
  if (!state.readyAt) problems.push('the last `up` did not finish');
  const pki = pkiPaths(state.stateDir);
  const ready = await probe(`${state.server}/readyz`, pki);
  if (ready !== 200) problems.push(`${state.server}/readyz answered ${ready || 'nothing'}`);
  const reg = await probe(`http://${state.registry}/v2/`);
  if (reg !== 200) problems.push(`registry http://${state.registry}/v2/ answered ${reg || 'nothing'}`);
  if (state.realNode) {
    const kubelet = await probe(`http://127.0.0.1:${state.realNode.kubeletHealthz}/healthz`);
    if (kubelet !== 200) problems.push(`the real node's kubelet /healthz answered ${kubelet || 'nothing'}`);
  }
  if (state.https) {
    const traefik = await probe(`http://127.0.0.1:${state.ports.traefik}/ping`);
    if (traefik !== 200) problems.push(`Traefik /ping answered ${traefik || 'nothing'}`);
    const acme = await probe(state.https.acmeDirectory, pki);
    if (acme !== 200) problems.push(`Pebble ${state.https.acmeDirectory} answered ${acme || 'nothing'}`);
    if (state.realNode) {
      const metrics = await probe(`https://${state.realNode.ip}:${state.ports.metricsServer}/livez`, pki);
      if (metrics !== 200) problems.push(`metrics-server /livez answered ${metrics || 'nothing'}`);
    }
  }
  return { healthy: problems.length === 0, problems };
}
