// What the chart tests share: where the chart is, the values the pipeline sets, the lab's
// tools, and `helm template` read back as YAML objects.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProcessError, runChecked, runProcess, type RunOptions, type RunResult } from '@todo-deploy/process';
import { parseAllDocuments } from 'yaml';

export const CHART_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const VALUES_FILES = ['values.yaml', 'values-staging.yaml', 'values-production.yaml'] as const;
export type ValuesFile = (typeof VALUES_FILES)[number];

export const SERVICES = ['frontend', 'backend', 'mcp', 'notification', 'sse-gateway'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** What the pipeline sets on every deploy, with --set-string. */
export const PIPELINE_VALUES = {
  'global.imageTag': 'sha-0123abc',
  'global.owner': 'acme-labs',
  'global.domain': 'example.com',
} as const;

export function setStringArgs(values: Readonly<Record<string, string>>): string[] {
  return Object.entries(values).flatMap(([key, value]) => ['--set-string', `${key}=${value}`]);
}

export function valuesPath(file: string): string {
  return path.join(CHART_DIR, file);
}

export type ToolOptions = Pick<RunOptions, 'env' | 'timeoutMs' | 'input'>;

/** The chart tests' limit for one tool run, unless a test sets its own. */
const TOOL_TIMEOUT_MS = 120_000;

/**
 * Runs a tool from an argv array (never a shell) and resolves with its exit code and output;
 * a tool that did not run to its end (missing, timed out, killed) fails the test instead.
 */
export async function runTool(argv: readonly string[], options: ToolOptions = {}): Promise<RunResult> {
  const result = await runProcess(argv, { ...options, timeoutMs: options.timeoutMs ?? TOOL_TIMEOUT_MS });
  if (result.exitCode === null) throw new ProcessError(result);
  return result;
}

/** Like runTool, but a non-zero exit fails with the command and its error output; resolves with stdout. */
export async function mustRun(argv: readonly string[], options: ToolOptions = {}): Promise<string> {
  return (await runChecked(argv, { ...options, timeoutMs: options.timeoutMs ?? TOOL_TIMEOUT_MS })).stdout;
}

/** A tool of the lab, from the variable its global setup exported. */
export function labTool(variable: string, fallbackOnPath?: string): string {
  const value = process.env[variable];
  if (value !== undefined && value !== '') return value;
  if (fallbackOnPath !== undefined) return fallbackOnPath;
  throw new Error(`${variable} is not set: run the chart tests in the jest "lab" project (npm run lab -- env)`);
}

export interface Helm {
  label: 'helm 3' | 'helm 4';
  bin: string;
}

export function labHelms(): Helm[] {
  return [
    { label: 'helm 3', bin: labTool('LAB_HELM3') },
    { label: 'helm 4', bin: labTool('LAB_HELM4') },
  ];
}

export function labHelm4(): Helm {
  return { label: 'helm 4', bin: labTool('LAB_HELM4') };
}

/** The lab API server's version without the "v", e.g. 1.35.4, for --kube-version and kubeconform. */
export async function labKubernetesVersion(): Promise<string> {
  const out = await mustRun([labTool('LAB_KUBECTL', 'kubectl'), 'version', '-o', 'json']);
  const parsed = JSON.parse(out) as { serverVersion?: { gitVersion?: string } };
  const version = parsed.serverVersion?.gitVersion;
  if (version === undefined) throw new Error(`kubectl version gave no serverVersion: ${out}`);
  return version.replace(/^v/, '').replace(/[-+].*$/, '');
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A rendered Kubernetes object. Tests narrow `spec` with the interfaces in manifests.ts. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: unknown;
  [field: string]: unknown;
}

/** Parses a multi-document YAML stream into objects; a YAML error fails with its message. */
export function parseManifests(text: string): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`invalid YAML in rendered output: ${doc.errors[0]?.message ?? ''}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    objects.push(value as K8sObject);
  }
  return objects;
}

export interface RenderOptions {
  valuesFiles?: readonly string[];
  set?: Readonly<Record<string, string>>;
  release?: string;
  namespace?: string;
  kubeVersion?: string;
  extraArgs?: readonly string[];
}

export function templateArgv(helm: Helm, options: RenderOptions = {}): string[] {
  return [
    helm.bin,
    'template',
    options.release ?? 'todo',
    CHART_DIR,
    '--namespace',
    options.namespace ?? 'default',
    ...(options.kubeVersion !== undefined ? ['--kube-version', options.kubeVersion] : []),
    ...(options.valuesFiles ?? []).flatMap((file) => ['--values', valuesPath(file)]),
    ...setStringArgs(options.set ?? PIPELINE_VALUES),
    ...(options.extraArgs ?? []),
  ];
}

/** The text of `helm template`, as kubeconform and kube-score should see it. */
export function renderText(helm: Helm, options: RenderOptions = {}): Promise<string> {
  return mustRun(templateArgv(helm, options));
}

/** `helm template` read back as objects. */
export async function render(helm: Helm, options: RenderOptions = {}): Promise<K8sObject[]> {
  return parseManifests(await renderText(helm, options));
}

export function ofKind(objects: readonly K8sObject[], kind: string): K8sObject[] {
  return objects.filter((object) => object.kind === kind);
}

export function byName(objects: readonly K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name} in the rendered output`);
  return found;
}
