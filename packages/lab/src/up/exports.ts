import { toolPaths, type ToolPaths } from '../tools.js';
import { buildahDirs } from './layout.js';
import type { LabState } from './state.js';

/** The variables a shell or a test needs to use the running lab (pure given state and tools). */
export function labVariables(state: LabState, tools: ToolPaths = toolPaths()): Record<string, string> {
  const buildah = buildahDirs(state.stateDir);
  return {
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
    LAB_KUBE_LINTER: tools.kubeLinter,
    LAB_ACTIONLINT: tools.actionlint,
    LAB_ZIZMOR: tools.zizmor,
    LAB_BUILDAH: tools.buildah,
    LAB_BUILDAH_ROOT: buildah.root,
    LAB_BUILDAH_RUNROOT: buildah.runroot,
  };
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
