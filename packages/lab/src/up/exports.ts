import { existsSync } from 'node:fs';
import { toolPaths, type ToolPaths } from '../tools.js';
import { buildahDirs } from './layout.js';
import type { LabState } from './state.js';

/** The variables a shell or a test needs to use the running lab (pure given state, tools and `exists`). */
export function labVariables(
  state: LabState,
  tools: ToolPaths = toolPaths(),
  exists: (path: string) => boolean = existsSync,
): Record<string, string> {
  const buildah = buildahDirs(state.stateDir);
  const all: Record<string, string> = {
    KUBECONFIG: state.kubeconfig,
    LAB_STATE_DIR: state.stateDir,
    LAB_SERVER: state.server,
    LAB_REGISTRY: state.registry,
    LAB_BIN: tools.binDir,
    LAB_HELM3: tools.helm3,
    LAB_HELM4: tools.helm4,
    LAB_KUBECTL: tools.kubectl,
    LAB_KWOK: tools.kwok,
    LAB_KUBECONFORM: tools.kubeconform,
    LAB_KUBE_SCORE: tools.kubeScore,
    LAB_PROMTOOL: tools.promtool,
    LAB_ACTIONLINT: tools.actionlint,
    LAB_ZIZMOR: tools.zizmor,
    LAB_BUILDAH: tools.buildah,
    LAB_BUILDAH_ROOT: buildah.root,
    LAB_BUILDAH_RUNROOT: buildah.runroot,
    ...(state.realNode ? { LAB_REAL_NODE: state.realNode.name } : {}),
    ...(state.https
      ? {
          LAB_HTTPS_ADDRESS: state.https.address,
          LAB_DOMAIN: state.https.domain,
          LAB_CLUSTER_ISSUER: state.https.issuer,
          LAB_INGRESS_CLASS: state.https.ingressClass,
          LAB_GATEWAY_CLASS: state.https.gatewayClass,
          LAB_ACME_ROOT_CA: state.https.acmeRootCa,
        }
      : {}),
  };
  // a tool that is not installed is left out rather than pointing nowhere
  const toolVars = new Set([
    'LAB_HELM3',
    'LAB_HELM4',
    'LAB_KUBECTL',
    'LAB_KWOK',
    'LAB_KUBECONFORM',
    'LAB_KUBE_SCORE',
    'LAB_PROMTOOL',
    'LAB_ACTIONLINT',
    'LAB_ZIZMOR',
    'LAB_BUILDAH',
  ]);
  return Object.fromEntries(Object.entries(all).filter(([k, v]) => !toolVars.has(k) || exists(v)));
}

/** Single-quotes a value for POSIX shells. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** `export NAME=value` lines, PATH with the lab's tools first. */
export function exportLines(vars: Record<string, string>): string[] {
  const lines = Object.entries(vars).map(([k, v]) => `export ${k}=${shellQuote(v)}`);
  if (vars.LAB_BIN) lines.push(`export PATH=${shellQuote(vars.LAB_BIN)}:"$PATH"`);
  return lines;
}
