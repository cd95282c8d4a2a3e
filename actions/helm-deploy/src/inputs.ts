import {
  InputError,
  parseBoolean,
  parseDuration,
  parseInteger,
  parseKeyValue,
  parseList,
  requireInput,
  type InputReader,
  type KeyValue,
} from '@todo-deploy/inputs';
import { parseChartRef, type ChartRef } from './chart-ref.js';
import { contextNames, parseKubeconfig, type KubeconfigDoc } from './kubeconfig.js';
import { checkValuesFiles } from './values-files.js';
import { imageDigestValues } from './image-digests.js';

export const Input = {
  Release: 'release',
  Namespace: 'namespace',
  Chart: 'chart',
  ChartVersion: 'chart-version',
  ValuesFiles: 'values-files',
  Set: 'set',
  SetString: 'set-string',
  SetSecret: 'set-secret',
  ImageTag: 'image-tag',
  ImageTagKey: 'image-tag-key',
  ImageDigests: 'image-digests',
  ImageDigestKey: 'image-digest-key',
  Kubeconfig: 'kubeconfig',
  Context: 'context',
  CreateNamespace: 'create-namespace',
  Wait: 'wait',
  Atomic: 'atomic',
  Timeout: 'timeout',
  HistoryMax: 'history-max',
  Recover: 'recover',
  VerifyRollout: 'verify-rollout',
  UnschedulableGrace: 'unschedulable-grace',
  DryRun: 'dry-run',
  ForceConflicts: 'force-conflicts',
  HelmVersion: 'helm-version',
  HelmMirror: 'helm-mirror',
  GithubToken: 'github-token',
  Environment: 'environment',
  EnvironmentUrl: 'environment-url',
} as const;

export interface DeployInputs {
  release: string;
  namespace: string;
  chart: ChartRef;
  chartVersion?: string;
  valuesFiles: string[];
  set: KeyValue[];
  setString: KeyValue[];
  /** Values that are secret: masked with their derived forms, never shown. */
  setSecret: KeyValue[];
  imageTag?: string;
  imageTagKey: string;
  kubeconfig?: { text: string; doc: KubeconfigDoc };
  context?: string;
  createNamespace: boolean;
  wait: boolean;
  atomic: boolean;
  timeoutMs: number;
  historyMax: number;
  recover: boolean;
  verifyRollout: boolean;
  unschedulableGraceMs: number;
  dryRun: boolean;
  /** helm 4's server-side apply takes over fields other managers own. */
  forceConflicts: boolean;
  helmVersion?: string;
  /** Base URL helm-version is downloaded from (no trailing slash). */
  helmMirror: string;
  githubToken?: string;
  environment?: string;
  environmentUrl?: URL;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// A helm values path: names (letters, digits, _ - /, or an escaped \.) joined by dots, each
// with optional [N] list indexes.
const KEY_NAME = String.raw`(?:[A-Za-z0-9_/-]|\\\.)+(?:\[\d+\])*`;
const VALUE_KEY = new RegExp(`^${KEY_NAME}(?:\\.${KEY_NAME})*$`);

function checkName(input: string, value: string, pattern: RegExp, max: number, example: string): string {
  if (value.length > max)
    throw new InputError(input, `'${value}' is ${value.length} characters long; Kubernetes allows at most ${max}`, example);
  if (!pattern.test(value)) {
    throw new InputError(
      input,
      `'${value}' is not a valid name: use lower-case letters, digits and '-', starting and ending with a letter or digit`,
      example,
    );
  }
  return value;
}

function keyValues(input: string, raw: string, example: string): KeyValue[] {
  // The value is never echoed in an error: a line that does not parse may be a secret.
  return parseList(raw).map((line, index) => {
    if (line.indexOf('=') <= 0)
      throw new InputError(input, `line ${index + 1} is not key=value (the line is not shown: it may hold a secret)`, example);
    const pair = parseKeyValue(input, line, example);
    if (!VALUE_KEY.test(pair.key))
      throw new InputError(
        input,
        `'${pair.key}' is not a values key (names joined by dots, each with optional [N] list indexes; escape a dot in a name as \\.)`,
        example,
      );
    return pair;
  });
}

/** The keys whose values are secret (set-secret): hidden wherever the command line is shown. */
export function secretKeysOf(inputs: Pick<DeployInputs, 'setSecret'>): Set<string> {
  return new Set(inputs.setSecret.map((entry) => entry.key));
}

function optional(value: string): string | undefined {
  const text = value.trim();
  return text === '' ? undefined : text;
}

/** Reads and checks every input; throws an InputError naming the first bad one. Nothing touches the cluster. */
export function readInputs(read: InputReader, cwd = process.cwd()): DeployInputs {
  const release = checkName(Input.Release, requireInput(read, Input.Release, 'todo').trim(), RELEASE_NAME, 53, 'todo');
  const namespace = checkName(Input.Namespace, requireInput(read, Input.Namespace, 'staging').trim(), DNS_LABEL, 63, 'staging');
  const chart = parseChartRef(Input.Chart, read(Input.Chart) || './chart', cwd);
  const chartVersion = optional(read(Input.ChartVersion));
  const valuesFiles = checkValuesFiles(Input.ValuesFiles, parseList(read(Input.ValuesFiles)), cwd);
  const set = keyValues(Input.Set, read(Input.Set), 'backend.replicas=2');
  const setString = keyValues(Input.SetString, read(Input.SetString), 'global.owner=octo');
  const setSecret = keyValues(Input.SetSecret, read(Input.SetSecret), 'backend.databasePassword=${{ secrets.DB_PASSWORD }}');
  const imageTag = optional(read(Input.ImageTag));
  if (imageTag !== undefined && !/^[\w][\w.-]{0,127}$/.test(imageTag)) {
    throw new InputError(
      Input.ImageTag,
      `'${imageTag}' is not a valid image tag (letters, digits, '_', '.', '-'; at most 128)`,
      'sha-0123abc',
    );
  }
  const imageTagKey = optional(read(Input.ImageTagKey)) ?? 'global.imageTag';
  if (!VALUE_KEY.test(imageTagKey)) throw new InputError(Input.ImageTagKey, `'${imageTagKey}' is not a values key`, 'global.imageTag');
  const digestKey = optional(read(Input.ImageDigestKey)) ?? 'services.{service}.image.digest';
  if (!digestKey.includes('{service}') || !VALUE_KEY.test(digestKey.replaceAll('{service}', 'x')))
    throw new InputError(
      Input.ImageDigestKey,
      `'${digestKey}' is not a values key with {service} in it`,
      'services.{service}.image.digest',
    );
  // pinned by digest after every other set-string, so a digest wins over a tag given there
  setString.push(...imageDigestValues(Input.ImageDigests, read(Input.ImageDigests), digestKey));
  const kubeconfigText = read(Input.Kubeconfig);
  const kubeconfig =
    kubeconfigText.trim() === '' ? undefined : { text: kubeconfigText, doc: parseKubeconfig(Input.Kubeconfig, kubeconfigText) };
  const context = optional(read(Input.Context));
  if (context !== undefined && kubeconfig && !contextNames(kubeconfig.doc).includes(context)) {
    throw new InputError(
      Input.Context,
      `the kubeconfig has no context '${context}' (it has ${contextNames(kubeconfig.doc).join(', ')})`,
      contextNames(kubeconfig.doc)[0] ?? 'default',
    );
  }
  const timeoutMs = parseDuration(Input.Timeout, read(Input.Timeout), 300_000);
  if (timeoutMs < 1000) throw new InputError(Input.Timeout, 'the timeout must be at least 1s', '5m');
  const unschedulableGraceMs = parseDuration(Input.UnschedulableGrace, read(Input.UnschedulableGrace), 30_000);
  const helmVersion = optional(read(Input.HelmVersion))?.replace(/^v/, '');
  if (helmVersion !== undefined && !/^[34]\.\d+\.\d+$/.test(helmVersion)) {
    throw new InputError(Input.HelmVersion, `'${helmVersion}' is not a helm 3 or 4 release version`, '3.19.0');
  }
  const helmMirror = parseMirror(read(Input.HelmMirror));
  const environmentUrlText = optional(read(Input.EnvironmentUrl));
  let environmentUrl: URL | undefined;
  if (environmentUrlText !== undefined) {
    try {
      environmentUrl = new URL(environmentUrlText);
    } catch {
      throw new InputError(Input.EnvironmentUrl, `'${environmentUrlText}' is not an absolute URL`, 'https://staging.todo.example.com');
    }
  }
  const githubToken = optional(read(Input.GithubToken));
  const environment = optional(read(Input.Environment));
  const inputs: DeployInputs = {
    release,
    helmMirror,
    namespace,
    chart,
    valuesFiles,
    set,
    setString,
    setSecret,
    imageTagKey,
    createNamespace: parseBoolean(Input.CreateNamespace, read(Input.CreateNamespace), true),
    wait: parseBoolean(Input.Wait, read(Input.Wait), true),
    atomic: parseBoolean(Input.Atomic, read(Input.Atomic), true),
    timeoutMs,
    historyMax: parseInteger(Input.HistoryMax, read(Input.HistoryMax), 10, 0, 1000),
    recover: parseBoolean(Input.Recover, read(Input.Recover), true),
    verifyRollout: parseBoolean(Input.VerifyRollout, read(Input.VerifyRollout), true),
    unschedulableGraceMs,
    dryRun: parseBoolean(Input.DryRun, read(Input.DryRun), false),
    forceConflicts: parseBoolean(Input.ForceConflicts, read(Input.ForceConflicts), false),
  };
  if (chartVersion !== undefined) inputs.chartVersion = chartVersion;
  if (imageTag !== undefined) inputs.imageTag = imageTag;
  if (kubeconfig !== undefined) inputs.kubeconfig = kubeconfig;
  if (context !== undefined) inputs.context = context;
  if (helmVersion !== undefined) inputs.helmVersion = helmVersion;
  if (githubToken !== undefined) inputs.githubToken = githubToken;
  if (environment !== undefined) inputs.environment = environment;
  if (environmentUrl !== undefined) inputs.environmentUrl = environmentUrl;
  if ((environment !== undefined || environmentUrl !== undefined) && githubToken === undefined) {
    throw new InputError(
      Input.GithubToken,
      'environment and environment-url record a GitHub deployment, which needs github-token',
      '${{ github.token }}',
    );
  }
  return inputs;
}

/** The helm download mirror: an http(s) URL without credentials (it is printed). */
function parseMirror(text: string | undefined): string {
  const value = (text ?? '').trim() || 'https://get.helm.sh';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(Input.HelmMirror, `'${value}' is not an absolute URL`, 'https://get.helm.sh');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InputError(Input.HelmMirror, `'${url.protocol}' is not http or https`, 'https://get.helm.sh');
  if (url.username || url.password)
    throw new InputError(Input.HelmMirror, 'the URL carries credentials, which would be printed', 'https://mirror.example.com/helm');
  return url.href.replace(/\/+$/, '');
}
