// Reads of the lab registry (plain HTTP, no credentials) for the build-images lab tests.
import type { LabEnv } from '@todo-deploy/lab';

export const MANIFEST_TYPES = 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json';

export interface LabImage {
  digest: string;
  layers: string[];
  created: string;
  labels: Record<string, string>;
}

export function labRegistry(lab: Pick<LabEnv, 'registry'>) {
  const base = `http://${lab.registry}/v2`;
  return {
    async tags(name: string): Promise<string[]> {
      const response = await fetch(`${base}/${name}/tags/list`);
      if (response.status === 404) return [];
      return (((await response.json()) as { tags: string[] | null }).tags ?? []).sort();
    },
    async digest(name: string, tag: string): Promise<string | null> {
      const response = await fetch(`${base}/${name}/manifests/${tag}`, { method: 'HEAD', headers: { Accept: MANIFEST_TYPES } });
      return response.status === 200 ? response.headers.get('docker-content-digest') : null;
    },
    /** An image manifest and its config, by tag or digest. */
    async image(name: string, reference: string): Promise<LabImage> {
      const response = await fetch(`${base}/${name}/manifests/${reference}`, { headers: { Accept: MANIFEST_TYPES } });
      if (response.status !== 200) throw new Error(`${name}:${reference} answered ${response.status}`);
      const manifest = (await response.json()) as { config: { digest: string }; layers: Array<{ digest: string }> };
      const config = (await (await fetch(`${base}/${name}/blobs/${manifest.config.digest}`)).json()) as {
        created: string;
        config: { Labels?: Record<string, string> };
      };
      return {
        digest: response.headers.get('docker-content-digest') ?? '',
        layers: manifest.layers.map((l) => l.digest),
        created: config.created,
        labels: config.config.Labels ?? {},
      };
    },
  };
}
