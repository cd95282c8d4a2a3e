/** The Lease that keeps two runs from deploying one release at the same time. Pure parts. */
export interface LeaseObject {
  apiVersion: 'coordination.k8s.io/v1';
  kind: 'Lease';
  metadata: { name: string; namespace: string; resourceVersion?: string; labels?: Record<string, string> };
  spec: { holderIdentity?: string; leaseDurationSeconds?: number; acquireTime?: string; renewTime?: string };
}

/** A killed run stops renewing; another run may take the lock this long after the last renewal. */
export const LEASE_SECONDS = 30;
export const RENEW_EVERY_MS = 10_000;

export const leaseName = (release: string): string => `helm-deploy.${release}`;

/** Kubernetes MicroTime: RFC 3339 with microseconds. */
export const microTime = (ms: number): string => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

export function leaseManifest(release: string, namespace: string, holder: string, nowMs: number, resourceVersion?: string): LeaseObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: leaseName(release),
      namespace,
      ...(resourceVersion ? { resourceVersion } : {}),
      labels: { 'app.kubernetes.io/managed-by': 'todo-deploy-helm-deploy', 'app.kubernetes.io/instance': release },
    },
    spec: { holderIdentity: holder, leaseDurationSeconds: LEASE_SECONDS, acquireTime: microTime(nowMs), renewTime: microTime(nowMs) },
  };
}

export interface LeaseState {
  holder: string;
  expiresAtMs: number;
  expired: boolean;
}

export function leaseState(lease: LeaseObject, nowMs: number): LeaseState {
  const renewed = Date.parse(lease.spec.renewTime ?? lease.spec.acquireTime ?? '') || 0;
  const expiresAtMs = renewed + (lease.spec.leaseDurationSeconds ?? LEASE_SECONDS) * 1000;
  return { holder: lease.spec.holderIdentity ?? '', expiresAtMs, expired: !lease.spec.holderIdentity || expiresAtMs <= nowMs };
}

/** Who this run is, as other runs will read it in the Lease. */
export function holderIdentity(env: NodeJS.ProcessEnv, random: string): string {
  const repo = env.GITHUB_REPOSITORY ?? 'local';
  return `${repo} run ${env.GITHUB_RUN_ID ?? '0'} attempt ${env.GITHUB_RUN_ATTEMPT ?? '1'} job ${env.GITHUB_JOB ?? '-'} (${random})`;
}
