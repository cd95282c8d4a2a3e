import { log } from '@todo-deploy/runtime';
import { systemClock } from '@todo-deploy/retry';
import { KubeApi, statusMessage } from './adapters/kube-api.js';
import { LEASE_SECONDS, leaseManifest, leaseName, leaseState, RENEW_EVERY_MS, type LeaseObject } from './lock-plan.js';

const leasePath = (namespace: string, name?: string): string =>
  `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/leases${name ? `/${encodeURIComponent(name)}` : ''}`;

/**
 * A lock per release: a Lease created through the API (which refuses a second create),
 * renewed while this run lives, taken over only after it expired, removed at the end.
 */
export class ReleaseLock {
  private resourceVersion: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastRenewed = 0;
  private readonly lostController = new AbortController();
  /**
   * Aborted when this run no longer holds the lock (another run wrote the Lease, it was
   * deleted, or renewals failed until it expired): the deploy must stop and settle, since
   * another run may be deploying the same release.
   */
  readonly lost: AbortSignal = this.lostController.signal;

  constructor(
    private readonly api: KubeApi,
    readonly release: string,
    readonly namespace: string,
    readonly holder: string,
    /** Called when the namespace does not exist yet; returns false when it may not be created. */
    private readonly createNamespace: () => Promise<boolean> = async () => false,
  ) {}

  /** Waits until the lock is free or `deadline`; throws naming the holder when it stays busy. */
  async acquire(deadline: number, signal?: AbortSignal): Promise<{ waitedMs: number }> {
    const started = Date.now();
    let announced = false;
    for (;;) {
      const created = await this.write(leaseManifest(this.release, this.namespace, this.holder, Date.now()), 'create');
      if (created === 'ok') break;
      const current = await readLease(this.api, this.release, this.namespace);
      if (current) {
        const state = leaseState(current, Date.now());
        if (state.expired) {
          const taken = await this.write(
            leaseManifest(this.release, this.namespace, this.holder, Date.now(), current.metadata.resourceVersion),
            'replace',
          );
          if (taken === 'ok') {
            log.info(`The deploy lock of ${this.release} held by ${state.holder} had expired; taken over.`);
            break;
          }
          continue;
        }
        if (!announced) {
          log.info(`Another deploy of release ${this.release} is running (${state.holder}); waiting for it to finish.`);
          announced = true;
        }
        if (Date.now() + 2000 > deadline || signal?.aborted) {
          throw new Error(
            `Another deploy of release ${this.release} in namespace ${this.namespace} is running (${state.holder}); waited ${Math.round((Date.now() - started) / 1000)}s, the timeout`,
          );
        }
        await systemClock.sleep(2000, signal);
      }
    }
    this.lastRenewed = Date.now();
    this.timer = setInterval(() => void this.renew(), RENEW_EVERY_MS);
    this.timer.unref();
    return { waitedMs: announced ? Date.now() - started : 0 };
  }

  private async renew(): Promise<void> {
    if (this.lost.aborted) return;
    const lease = leaseManifest(this.release, this.namespace, this.holder, Date.now(), this.resourceVersion);
    let renewed: 'ok' | 'conflict' | 'error';
    try {
      renewed = await this.write(lease, 'replace');
    } catch {
      renewed = 'error';
    }
    if (renewed === 'ok') {
      this.lastRenewed = Date.now();
    } else if (renewed === 'conflict') {
      this.loseLock('the Lease was changed or deleted by someone else');
    } else if (Date.now() - this.lastRenewed >= LEASE_SECONDS * 1000) {
      this.loseLock(`it could not be renewed for ${LEASE_SECONDS}s and expired`);
    } else {
      log.warning(`Could not renew the deploy lock of ${this.release}; trying again`);
    }
  }

  private loseLock(why: string): void {
    if (this.timer) clearInterval(this.timer);
    log.warning(`Lost the deploy lock of ${this.release}: ${why}; stopping and settling the release`);
    this.lostController.abort(new Error(`the deploy lock of ${this.release} was lost (${why})`));
  }

  /**
   * Removes the lock, on the condition that nobody wrote it since this run's last renewal
   * (another run could only have taken it after LEASE_SECONDS without a renewal).
   */
  async unlock(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    const preconditions = this.resourceVersion ? { preconditions: { resourceVersion: this.resourceVersion } } : undefined;
    const response = await this.api.request('DELETE', leasePath(this.namespace, leaseName(this.release)), preconditions);
    if (response.status >= 300 && response.status !== 404 && response.status !== 409) {
      throw new Error(`Could not delete Lease ${leaseName(this.release)}: ${statusMessage(response).message}`);
    }
  }

  private async write(lease: LeaseObject, verb: 'create' | 'replace'): Promise<'ok' | 'conflict'> {
    const send = () =>
      verb === 'create'
        ? this.api.request('POST', leasePath(this.namespace), lease)
        : this.api.request('PUT', leasePath(this.namespace, lease.metadata.name), lease);
    let response = await send();
    // a create into a namespace that does not exist yet: 404 naming the namespace
    if (verb === 'create' && response.status === 404 && (await this.createNamespace())) response = await send();
    if (response.status === 200 || response.status === 201) {
      this.resourceVersion = (JSON.parse(response.text) as LeaseObject).metadata.resourceVersion;
      return 'ok';
    }
    if (response.status === 409 || (verb === 'replace' && response.status === 404)) return 'conflict';
    throw new Error(
      `Could not ${verb} the deploy lock (Lease ${leaseName(this.release)} in ${this.namespace}): ${statusMessage(response).message}`,
    );
  }
}

export async function readLease(api: KubeApi, release: string, namespace: string): Promise<LeaseObject | undefined> {
  const response = await api.request('GET', leasePath(namespace, leaseName(release)));
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw new Error(`Could not read the deploy lock: ${statusMessage(response).message}`);
  return JSON.parse(response.text) as LeaseObject;
}

/** Deletes the Lease if `holder` holds it (the post step, after main was killed). */
export async function releaseLease(api: KubeApi, release: string, namespace: string, holder: string): Promise<void> {
  const current = await readLease(api, release, namespace);
  if (!current || current.spec.holderIdentity !== holder) return;
  const preconditions = { preconditions: { resourceVersion: current.metadata.resourceVersion } };
  await api.request('DELETE', leasePath(namespace, leaseName(release)), preconditions);
}
