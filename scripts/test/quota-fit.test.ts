import { describe, expect, it } from '@jest/globals';
import { formatCpu, formatMemory, parseCpu, parseMemory, peakPods, quotaFit, type KubeObject } from '../quota-fit.js';

const container = (name: string, requests: Record<string, string>, limits: Record<string, string> = {}) => ({
  name,
  resources: { requests, limits },
});

function deployment(
  name: string,
  replicas: number | undefined,
  annotations: Record<string, string> = {},
  maxSurge: number | string = 1,
): KubeObject {
  return {
    kind: 'Deployment',
    metadata: { name },
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable: 0 } },
      template: {
        metadata: { annotations },
        spec: { containers: [container('app', { cpu: '250m', memory: '256Mi' }, { cpu: '1', memory: '1Gi' })] },
      },
    },
  };
}
const hpa = (target: string, maxReplicas: number): KubeObject => ({
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: target },
  spec: { scaleTargetRef: { kind: 'Deployment', name: target }, minReplicas: 1, maxReplicas },
});
const DAPR = {
  'dapr.io/enabled': 'true',
  'dapr.io/sidecar-cpu-request': '100m',
  'dapr.io/sidecar-memory-request': '250Mi',
  'dapr.io/sidecar-cpu-limit': '300m',
  'dapr.io/sidecar-memory-limit': '1000Mi',
};
const quota = (hard: Record<string, string>): KubeObject => ({ kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard } });
const limitRange = (max: Record<string, string>): KubeObject => ({
  kind: 'LimitRange',
  metadata: { name: 'l' },
  spec: { limits: [{ type: 'Container', max }] },
});

describe('quantities', () => {
  it.each([
    ['250m', 250],
    ['2', 2000],
    ['0.5', 500],
  ])('CPU %s is %d millicores', (q, m) => expect(parseCpu(q)).toBe(m));

  it.each([
    ['256Mi', 256 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['500M', 500e6],
    ['1048576', 1048576],
    ['1.5Gi', 1.5 * 2 ** 30],
  ])('memory %s is %d bytes', (q, b) => expect(parseMemory(q)).toBe(b));

  it('refuses what is not a quantity, naming it and what was expected', () => {
    expect(() => parseCpu('two', 'requests.cpu')).toThrow('requests.cpu: "two" is not a CPU quantity (expected e.g. 250m or 2)');
    expect(() => parseMemory('1GB', 'requests.memory')).toThrow('requests.memory: "1GB" is not a memory quantity');
  });

  it('formats back for people', () => {
    expect([formatCpu(8000), formatCpu(6370), formatMemory(12 * 2 ** 30), formatMemory(896 * 2 ** 20)]).toEqual([
      '8',
      '6370m',
      '12Gi',
      '896Mi',
    ]);
  });
});

describe('peakPods', () => {
  it('counts each Deployment at its HPA maximum (else its replicas) plus its surge, with the Dapr sidecar in every pod', () => {
    const peaks = peakPods([deployment('api', 2, DAPR), hpa('api', 6), deployment('web', 3), deployment('big', 8, {}, '25%')]);
    expect(peaks.map((p) => [p.name, p.pods, p.why, p.perPod])).toEqual([
      ['api', 7, 'HPA max 6 + surge 1', { cpu: 350, memory: 506 * 2 ** 20 }],
      ['web', 4, 'replicas 3 + surge 1', { cpu: 250, memory: 256 * 2 ** 20 }],
      ['big', 10, 'replicas 8 + surge 2', { cpu: 250, memory: 256 * 2 ** 20 }],
    ]);
    expect(peaks[0]?.containerLimits).toEqual([
      { container: 'app', cpu: 1000, memory: 2 ** 30 },
      { container: 'daprd (api)', cpu: 300, memory: 1000 * 2 ** 20 },
    ]);
  });

  it('counts a bare Pod (a helm test hook) once and adds the pods others create', () => {
    const pod: KubeObject = {
      kind: 'Pod',
      metadata: { name: 'test' },
      spec: { containers: [container('curl', { cpu: '10m', memory: '16Mi' })] },
    };
    const solver = {
      name: 'acme-solver',
      pods: 1,
      why: 'one HTTP-01 solver',
      perPod: { cpu: 10, memory: 64 * 2 ** 20 },
      containerLimits: [],
    };
    expect(peakPods([pod], [solver]).map((p) => [p.name, p.pods, p.perPod.cpu])).toEqual([
      ['test', 1, 10],
      ['acme-solver', 1, 10],
    ]);
  });
});

describe('quotaFit', () => {
  const peaks = peakPods([deployment('api', 2, DAPR), hpa('api', 6), deployment('web', 1, DAPR)]);
  // api 7 pods x (350m, 506Mi) + web 2 pods x (350m, 506Mi) = 3150m, 4554Mi, 9 pods

  it('reports every quota line as fitting when it does', () => {
    const lines = quotaFit(
      peaks,
      quota({ 'requests.cpu': '4', 'requests.memory': '6Gi', pods: '10' }),
      limitRange({ cpu: '2', memory: '2Gi' }),
    );
    expect(lines.map((l) => [l.resource, l.needed, l.hard, l.ok, l.advice])).toEqual([
      ['requests.cpu', '3150m', '4', true, ''],
      ['requests.memory', '4.45Gi', '6Gi', true, ''],
      ['pods', '9', '10', true, ''],
      ['requests stated', 'every pod', 'requests quota', true, ''],
      ['limitrange.max.cpu', '1', '2', true, ''],
      ['limitrange.max.memory', '1Gi', '2Gi', true, ''],
    ]);
  });

  it('says by how much a line falls short, what to change and where most of it goes', () => {
    const lines = quotaFit(peaks, quota({ 'requests.cpu': '3', 'requests.memory': '4Gi', pods: '8' }));
    const byResource = Object.fromEntries(lines.map((l) => [l.resource, l]));
    expect(byResource['requests.cpu']).toMatchObject({ ok: false, needed: '3150m' });
    expect(byResource['requests.cpu']?.advice).toBe(
      'short by 150m: raise requests.cpu to at least 3150m, or lower maxReplicas or CPU requests; the largest share is api: 7 pods (HPA max 6 + surge 1) × 350m',
    );
    expect(byResource['requests.memory']?.advice).toMatch(/^short by 458Mi: raise requests.memory to at least 4.45Gi/);
    expect(byResource.pods?.advice).toBe('short by 1: raise pods to at least 9, or lower maxReplicas');
  });

  it('names the containers whose limits pass the LimitRange max, and pods without requests under a requests quota', () => {
    const bare: KubeObject = { kind: 'Pod', metadata: { name: 'debug' }, spec: { containers: [{ name: 'sh' }] } };
    const lines = quotaFit(peakPods([deployment('api', 1, DAPR), bare]), quota({ 'requests.cpu': '8' }), limitRange({ memory: '512Mi' }));
    expect(lines.find((l) => l.resource === 'requests stated')?.advice).toBe('no requests on debug: the quota refuses such pods');
    expect(lines.find((l) => l.resource === 'limitrange.max.memory')).toMatchObject({
      ok: false,
      advice: "limits above the LimitRange's max.memory on api/app, api/daprd (api): the API server refuses those pods",
    });
  });
});
