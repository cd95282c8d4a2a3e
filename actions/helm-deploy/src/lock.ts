import * as core from '@actions/core';
import { systemClock } from '@todo-deploy/retry';
import { Kubectl, kubectlError } from './adapters/kubectl.js';
import { leaseManifest, leaseName, leaseState, RENEW_EVERY_MS, type LeaseObject } from './lock-plan.js';

/**
 * A lock per release: a Lease created with `kubectl create` (which fails when it exists),
 * renewed while this run lives, taken over only after it expired, removed at the end.
 */
export class ReleaseLock {
  private resourceVersion: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly kubectl: Kubectl,
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
      const current = await this.read();
      if (current) {
        const state = leaseState(current, Date.now());
        if (state.expired) {
          const taken = await this.write(
            leaseManifest(this.release, this.namespace, this.holder, Date.now(), current.metadata.resourceVersion),
            'replace',
          );
          if (taken === 'ok') {
            core.info(`The deploy lock of ${this.release} held by ${state.holder} had expired; taken over.`);
            break;
          }
          continue;
        }
        if (!announced) {
          core.info(`Another deploy of release ${this.release} is running (${state.holder}); waiting for it to finish.`);
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
    this.timer = setInterval(() => void this.renew(), RENEW_EVERY_MS);
    this.timer.unref();
    return { waitedMs: announced ? Date.now() - started : 0 };
  }

  private async renew(): Promise<void> {
    const lease = leaseManifest(this.release, this.namespace, this.holder, Date.now(), this.resourceVersion);
    if ((await this.write(lease, 'replace')) !== 'ok') core.warning(`Could not renew the deploy lock of ${this.release}`);
  }

  /**
   * Removes the lock. This run renewed it every few seconds, so it is still ours: another run
   * could only have taken it after LEASE_SECONDS without a renewal.
   */
  async unlock(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.kubectl.run([
      'delete',
      'lease',
      leaseName(this.release),
      '--namespace',
      this.namespace,
      '--ignore-not-found',
      '--wait=false',
    ]);
  }

  private async read(): Promise<LeaseObject | undefined> {
    return readLease(this.kubectl, this.release, this.namespace);
  }

  private async write(lease: LeaseObject, verb: 'create' | 'replace'): Promise<'ok' | 'conflict'> {
    let result = await this.kubectl.run([verb, '-f', '-', '-o', 'json'], { input: JSON.stringify(lease) });
    if (
      verb === 'create' &&
      result.exitCode !== 0 &&
      /namespaces? "?[^"\s]*"? not found/i.test(result.stderr) &&
      (await this.createNamespace())
    ) {
      result = await this.kubectl.run([verb, '-f', '-', '-o', 'json'], { input: JSON.stringify(lease) });
    }
    if (result.exitCode === 0) {
      this.resourceVersion = (JSON.parse(result.stdout) as LeaseObject).metadata.resourceVersion;
      return 'ok';
    }
    const conflict = verb === 'create' ? /AlreadyExists|already exists/i : /Conflict|the object has been modified|NotFound|not found/i;
    if (conflict.test(result.stderr)) return 'conflict';
    throw new Error(`Could not ${verb} the deploy lock (Lease ${leaseName(this.release)} in ${this.namespace}): ${kubectlError(result)}`);
  }
}

export async function readLease(kubectl: Kubectl, release: string, namespace: string): Promise<LeaseObject | undefined> {
  const result = await kubectl.run(['get', 'lease', leaseName(release), '--namespace', namespace, '-o', 'json']);
  if (result.exitCode !== 0) {
    if (/NotFound|not found/i.test(result.stderr)) return undefined;
    throw new Error(`Could not read the deploy lock: ${kubectlError(result)}`);
  }
  return JSON.parse(result.stdout) as LeaseObject;
}

/** Deletes the Lease if `holder` holds it (used by main and by the post step). */
export async function releaseLease(kubectl: Kubectl, release: string, namespace: string, holder: string): Promise<void> {
  const current = await readLease(kubectl, release, namespace);
  if (!current || current.spec.holderIdentity !== holder) return;
  await kubectl.run(['delete', 'lease', leaseName(release), '--namespace', namespace, '--ignore-not-found', '--wait=false']);
}
