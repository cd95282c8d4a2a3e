import semver from 'semver';

/** What the action needs to know about the helm binary it drives. */
export interface HelmFlavor {
  /** As reported, with a leading v: v3.19.0, v4.0.1. */
  version: string;
  major: 3 | 4;
}

/** Parses `helm version --template '{{.Version}}'` (v3.19.0) or `--short` (v3.19.0+g1234). */
export function parseHelmVersion(text: string): HelmFlavor {
  const match = /v?(\d+)\.(\d+)\.(\d+)([-+][\w.+-]*)?/.exec(text.trim());
  if (!match) throw new Error(`Could not read the helm version from '${text.trim().slice(0, 80)}'`);
  const major = Number(match[1]);
  if (major !== 3 && major !== 4) throw new Error(`helm ${match[0]} is not supported: use helm 3 or helm 4`);
  return { version: `v${match[1]}.${match[2]}.${match[3]}`, major };
}

/** The first moment helm 3 gets no security fixes: its support ends with February 2027. */
export const HELM3_SECURITY_END = new Date('2027-03-01T00:00:00Z');

/**
 * What to tell a user who deploys with helm 3: it gets security fixes only until February 2027
 * (none after), helm 4 is the one to move to. Nothing for helm 4. Pure.
 */
export function helmSupportNotice(flavor: HelmFlavor, now: Date): string | undefined {
  if (flavor.major !== 3) return undefined;
  const move = 'helm 4 is the one to move to (helm-version: a 4.x, such as 4.3.1)';
  return now < HELM3_SECURITY_END
    ? `Deploying with helm ${flavor.version}: helm 3 gets security fixes only until February 2027; ${move}`
    : `Deploying with helm ${flavor.version}: helm 3 has had no security fixes since February 2027; ${move}`;
}

/**
 * The helm 4 to use when helm-version is empty and the helm on PATH is helm 3 (or absent): the
 * newest 4.x release the runner's tool cache holds, undefined when it holds none. Pure.
 */
export function cachedHelm4(pathFlavor: HelmFlavor | undefined, cachedVersions: readonly string[]): string | undefined {
  if (pathFlavor?.major === 4) return undefined;
  const fours = cachedVersions.filter((v) => semver.valid(v) && semver.major(v) === 4 && semver.prerelease(v) === null);
  return fours.sort(semver.rcompare)[0];
}
