// kubeconform with schemas made from the lab API server's own OpenAPI document.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { K8sObject } from './chart.js';
import { SCHEMA_LOCATION_TEMPLATE, kubeconformSchemas, type OpenApiV2 } from './openapi-schemas.js';

/**
 * Writes the strict schemas of every kind in `objects` under `dir` and returns the
 * -schema-location for kubeconform. A kind the API server does not know gets no file, so
 * kubeconform fails on it ("could not find schema") instead of skipping it.
 */
export async function writeSchemas(
  dir: string,
  openapi: OpenApiV2,
  kubernetesVersion: string,
  objects: readonly K8sObject[],
): Promise<string> {
  const wanted = objects.map((object) => ({ apiVersion: object.apiVersion, kind: object.kind }));
  for (const kind of kubeconformSchemas(openapi, kubernetesVersion, wanted, true)) {
    const file = path.join(dir, kind.file);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(kind.schema));
  }
  return path.join(dir, SCHEMA_LOCATION_TEMPLATE);
}

export interface KubeconformResource {
  filename: string;
  kind: string;
  name: string;
  version: string;
  status: string;
  msg: string;
}

export interface KubeconformReport {
  resources: KubeconformResource[];
  summary: { valid: number; invalid: number; errors: number; skipped: number };
}

/**
 * kubeconform -strict on a manifest file, with the given schema location only (no default
 * registry, no -ignore-missing-schemas), reporting every resource as JSON.
 */
export function kubeconformArgv(bin: string, schemaLocation: string, kubernetesVersion: string, file: string): string[] {
  return [
    bin,
    '-strict',
    '-summary',
    '-verbose',
    '-output',
    'json',
    '-kubernetes-version',
    kubernetesVersion,
    '-schema-location',
    schemaLocation,
    file,
  ];
}
