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
