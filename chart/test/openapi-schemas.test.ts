// The OpenAPI v2 -> kubeconform schema conversion the lab's kubeconform test depends on.
import { describe, expect, it } from '@jest/globals';
import { SCHEMA_LOCATION_TEMPLATE, kubeconformSchemas, schemaFile, standaloneSchema, type OpenApiV2 } from './support/openapi-schemas.js';

const gvk = (group: string, version: string, kind: string): unknown => [{ group, version, kind }];

const openapi: OpenApiV2 = {
  definitions: {
    'io.k8s.api.apps.v1.Deployment': {
      type: 'object',
      'x-kubernetes-group-version-kind': gvk('apps', 'v1', 'Deployment'),
      properties: {
        apiVersion: { type: 'string' },
        metadata: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
        spec: { $ref: '#/definitions/io.k8s.api.apps.v1.DeploymentSpec', description: 'kept beside the ref' },
      },
    },
    'io.k8s.api.apps.v1.DeploymentSpec': {
      type: 'object',
      properties: {
        maxUnavailable: { type: 'string', format: 'int-or-string' },
        cpu: { $ref: '#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity' },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
    'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
      type: 'object',
      properties: { name: { type: 'string' } },
    },
    'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: 'string' },
    'io.k8s.api.core.v1.Service': {
      type: 'object',
      'x-kubernetes-group-version-kind': gvk('', 'v1', 'Service'),
      properties: {
        spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: { type: 'string' } } },
      },
    },
    'io.dapr.v1alpha1.Component': {
      type: 'object',
      'x-kubernetes-group-version-kind': gvk('dapr.io', 'v1alpha1', 'Component'),
      properties: { value: { 'x-kubernetes-int-or-string': true } },
    },
    'io.k8s.apiextensions.v1.JSONSchemaProps': {
      type: 'object',
      'x-kubernetes-group-version-kind': gvk('apiextensions.k8s.io', 'v1', 'JSONSchemaProps'),
      properties: { items: { $ref: '#/definitions/io.k8s.apiextensions.v1.JSONSchemaProps' } },
    },
    'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions': {
      type: 'object',
      'x-kubernetes-group-version-kind': [
        { group: '', version: 'v1', kind: 'DeleteOptions' },
        { group: 'apps', version: 'v1', kind: 'DeleteOptions' },
      ],
    },
  },
};

describe('schemaFile', () => {
  it.each([
    ['1.35.4', '', 'v1', 'Service', true, 'v1.35.4-standalone-strict/v1/service_v1.json'],
    ['v1.35.4', 'apps', 'v1', 'Deployment', true, 'v1.35.4-standalone-strict/apps/deployment_v1.json'],
    ['1.35.4', 'monitoring.coreos.com', 'v1', 'ServiceMonitor', false, 'v1.35.4-standalone/monitoring.coreos.com/servicemonitor_v1.json'],
  ])('%s %s/%s %s strict=%s -> %s', (version, group, v, kind, strict, file) => {
    expect(schemaFile(version, { group, version: v, kind }, strict)).toBe(file);
  });

  it('matches the template kubeconform fills in', () => {
    // kubeconform: NormalizedKubernetesVersion "v"+version, Group the part before "/" (the
    // version itself for the core group), ResourceAPIVersion the part after it.
    const filled = SCHEMA_LOCATION_TEMPLATE.replace('{{ .NormalizedKubernetesVersion }}', 'v1.35.4')
      .replace('{{ .StrictSuffix }}', '-strict')
      .replace('{{ .Group }}', 'networking.k8s.io')
      .replace('{{ .ResourceKind }}', 'ingress')
      .replace('{{ .ResourceAPIVersion }}', 'v1');
    expect(filled).toBe(schemaFile('1.35.4', { group: 'networking.k8s.io', version: 'v1', kind: 'Ingress' }, true));
  });
});

describe('standaloneSchema', () => {
  it('inlines references, keeps their siblings and makes listed-property objects strict', () => {
    const schema = standaloneSchema(openapi, 'io.k8s.api.apps.v1.Deployment', true);
    expect(schema).toEqual({
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'object',
      'x-kubernetes-group-version-kind': gvk('apps', 'v1', 'Deployment'),
      additionalProperties: false,
      properties: {
        apiVersion: { type: 'string' },
        metadata: { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: false },
        spec: {
          type: 'object',
          description: 'kept beside the ref',
          additionalProperties: false,
          properties: {
            maxUnavailable: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
            cpu: { oneOf: [{ type: 'string' }, { type: 'number' }] },
            labels: { type: 'object', additionalProperties: { type: 'string' } },
          },
        },
      },
    });
  });

  it('adds nothing when not strict', () => {
    const schema = standaloneSchema(openapi, 'io.k8s.api.apps.v1.Deployment', false);
    expect(JSON.stringify(schema)).not.toContain('"additionalProperties":false');
  });

  it('leaves objects that preserve unknown fields open', () => {
    const schema = standaloneSchema(openapi, 'io.k8s.api.core.v1.Service', true) as {
      properties: { spec: Record<string, unknown> };
    };
    expect(schema.properties.spec['additionalProperties']).toBeUndefined();
  });

  it('accepts integers and strings where a CRD says x-kubernetes-int-or-string', () => {
    const schema = standaloneSchema(openapi, 'io.dapr.v1alpha1.Component', true) as { properties: { value: unknown } };
    expect(schema.properties.value).toEqual({
      'x-kubernetes-int-or-string': true,
      oneOf: [{ type: 'string' }, { type: 'integer' }],
    });
  });

  it('opens a reference back into itself instead of recursing forever', () => {
    const schema = standaloneSchema(openapi, 'io.k8s.apiextensions.v1.JSONSchemaProps', true) as {
      properties: { items: unknown };
    };
    expect(schema.properties.items).toEqual({});
  });

  it('fails on a reference without a definition, naming it', () => {
    const broken: OpenApiV2 = { definitions: { A: { $ref: '#/definitions/B' } } };
    expect(() => standaloneSchema(broken, 'A', true)).toThrow('#/definitions/B');
  });
});

describe('kubeconformSchemas', () => {
  it('gives one schema per wanted kind the server serves and leaves out unknown kinds', () => {
    const schemas = kubeconformSchemas(
      openapi,
      '1.35.4',
      [
        { apiVersion: 'apps/v1', kind: 'Deployment' },
        { apiVersion: 'apps/v1', kind: 'Deployment' },
        { apiVersion: 'v1', kind: 'Service' },
        { apiVersion: 'dapr.io/v1alpha1', kind: 'Component' },
        { apiVersion: 'example.com/v1', kind: 'Unknown' },
        { apiVersion: 'apps/v1', kind: 'DeleteOptions' },
      ],
      true,
    );
    expect(schemas.map((s) => s.file)).toEqual([
      'v1.35.4-standalone-strict/apps/deployment_v1.json',
      'v1.35.4-standalone-strict/v1/service_v1.json',
      'v1.35.4-standalone-strict/dapr.io/component_v1alpha1.json',
    ]);
  });
});
