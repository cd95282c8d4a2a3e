// Rendered-output tests: `helm template` with each values file, read back as YAML objects.
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  PIPELINE_VALUES,
  SERVICES,
  byName,
  labHelms,
  labKubernetesVersion,
  ofKind,
  render,
  runTool,
  templateArgv,
  type Helm,
  type K8sObject,
  type ServiceName,
} from './support/chart.js';
import {
  containersOf,
  imageTag,
  podSpecs,
  specOf,
  type DaprComponent,
  type DaprConfigurationSpec,
  type DeploymentSpec,
  type HpaSpec,
  type IngressSpec,
  type PdbSpec,
  type PrometheusRuleSpec,
  type ServiceMonitorSpec,
  type ServiceSpec,
} from './support/manifests.js';

const PORTS: Record<ServiceName, number> = {
  frontend: 3000,
  backend: 8000,
  mcp: 8001,
  notification: 8002,
  'sse-gateway': 8003,
};

// The keys of app-secrets each service gets (values.yaml secretEnv), and no other.
const SECRET_ENV: Record<ServiceName, string[]> = {
  frontend: ['BETTER_AUTH_SECRET'],
  backend: ['DATABASE_URL', 'BETTER_AUTH_SECRET', 'OPENAI_API_KEY'],
  mcp: ['DATABASE_URL'],
  notification: ['DATABASE_URL'],
  'sse-gateway': [],
};

// The deployment plan: HPA min, max and CPU target; production requests and limits.
const HPA_PLAN: Record<ServiceName, { min: number; max: number; cpu: number }> = {
  backend: { min: 2, max: 6, cpu: 70 },
  frontend: { min: 2, max: 4, cpu: 80 },
  'sse-gateway': { min: 2, max: 4, cpu: 70 },
  notification: { min: 1, max: 3, cpu: 70 },
  mcp: { min: 1, max: 2, cpu: 80 },
};
const RESOURCES_PLAN: Record<ServiceName, { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } }> = {
  frontend: { requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '1000m', memory: '1Gi' } },
  backend: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1000m', memory: '1Gi' } },
  mcp: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  notification: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
  'sse-gateway': { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
};
const STANDARD_LABELS = [
  'app.kubernetes.io/name',
  'app.kubernetes.io/instance',
  'app.kubernetes.io/version',
  'app.kubernetes.io/component',
  'app.kubernetes.io/managed-by',
  'helm.sh/chart',
];
const SELECTOR_LABELS = ['app.kubernetes.io/component', 'app.kubernetes.io/instance', 'app.kubernetes.io/name'];
const METRICS_SERVICES: ServiceName[] = ['backend', 'notification', 'sse-gateway'];
const PUBSUB_SERVICES: ServiceName[] = ['backend', 'notification', 'sse-gateway'];

interface Rendered {
  local: K8sObject[];
  staging: K8sObject[];
  production: K8sObject[];
}

function deployment(objects: readonly K8sObject[], service: ServiceName, release = 'todo'): DeploymentSpec {
  return specOf<DeploymentSpec>(byName(objects, 'Deployment', `${release}-${service}`));
}

describe.each(labHelms().map((helm) => [helm.label, helm] as const))('the chart rendered by %s', (_label, helm: Helm) => {
  let kubeVersion: string;
  const out: Rendered = { local: [], staging: [], production: [] };

  beforeAll(async () => {
    kubeVersion = await labKubernetesVersion();
    [out.local, out.staging, out.production] = await Promise.all([
      render(helm, { kubeVersion, namespace: 'todo-local' }),
      render(helm, { kubeVersion, namespace: 'staging', valuesFiles: ['values-staging.yaml'] }),
      render(helm, { kubeVersion, namespace: 'production', valuesFiles: ['values-production.yaml'] }),
    ]);
  });

  const environments = ['local', 'staging', 'production'] as const;

  describe('production', () => {
    it('has one autoscaling/v2 HPA per service with the min, max and CPU target of the plan', () => {
      const hpas = ofKind(out.production, 'HorizontalPodAutoscaler');
      expect(hpas).toHaveLength(5);
      for (const service of SERVICES) {
        const hpa = byName(out.production, 'HorizontalPodAutoscaler', `todo-${service}`);
        expect(hpa.apiVersion).toBe('autoscaling/v2');
        const spec = specOf<HpaSpec>(hpa);
        expect({ service, min: spec.minReplicas, max: spec.maxReplicas }).toEqual({
          service,
          min: HPA_PLAN[service].min,
          max: HPA_PLAN[service].max,
        });
        expect(spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: `todo-${service}` });
        expect(spec.metrics).toEqual([
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: HPA_PLAN[service].cpu } },
          },
        ]);
      }
    });

    it('scales up by at most 2 pods per 60 s after a 60 s window and down by 1 pod per 120 s after 300 s', () => {
      for (const hpa of ofKind(out.production, 'HorizontalPodAutoscaler')) {
        const { behavior } = specOf<HpaSpec>(hpa);
        expect(behavior.scaleUp.stabilizationWindowSeconds).toBe(60);
        expect(behavior.scaleUp.policies).toEqual([{ type: 'Pods', value: 2, periodSeconds: 60 }]);
        expect(behavior.scaleDown.stabilizationWindowSeconds).toBe(300);
        expect(behavior.scaleDown.policies).toEqual([{ type: 'Pods', value: 1, periodSeconds: 120 }]);
      }
    });

    it('starts every Deployment at its HPA minimum when there is no live one (a first install)', () => {
      for (const service of SERVICES)
        expect({ service, replicas: deployment(out.production, service).replicas }).toEqual({ service, replicas: HPA_PLAN[service].min });
    });

    it('gives each service the requests and limits of the plan', () => {
      for (const service of SERVICES) {
        const [container] = deployment(out.production, service).template.spec.containers;
        expect({ service, resources: container?.resources }).toEqual({ service, resources: RESOURCES_PLAN[service] });
      }
    });

    it('has a PodDisruptionBudget for each service that runs 2 or more replicas, selecting its pods', () => {
      const pdbs = ofKind(out.production, 'PodDisruptionBudget');
      expect(pdbs.map((pdb) => pdb.metadata.name).sort()).toEqual(['todo-backend', 'todo-frontend', 'todo-sse-gateway']);
      for (const pdb of pdbs) {
        const spec = specOf<PdbSpec>(pdb);
        expect(spec.maxUnavailable).toBe(1);
        const service = pdb.metadata.labels?.['app.kubernetes.io/component'] as ServiceName;
        expect(spec.selector.matchLabels).toEqual(deployment(out.production, service).selector.matchLabels);
      }
    });

    it('has 3 ServiceMonitors, for backend, notification and sse-gateway, that select their Services', () => {
      const monitors = ofKind(out.production, 'ServiceMonitor');
      expect(monitors.map((m) => m.metadata.name).sort()).toEqual(METRICS_SERVICES.map((s) => `todo-${s}`));
      for (const monitor of monitors) {
        expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
        expect(monitor.metadata.labels?.['release']).toBe('monitoring');
        const spec = specOf<ServiceMonitorSpec>(monitor);
        expect(spec.namespaceSelector).toEqual({ matchNames: ['production'] });
        expect(spec.endpoints).toEqual([expect.objectContaining({ port: 'http', path: '/metrics', interval: '30s' })]);
        const service = byName(out.production, 'Service', monitor.metadata.name);
        const serviceLabels = service.metadata.labels ?? {};
        for (const [key, value] of Object.entries(spec.selector.matchLabels)) expect(serviceLabels[key]).toBe(value);
        expect(specOf<ServiceSpec>(service).ports.map((p) => p.name)).toContain('http');
      }
    });

    it('has one PrometheusRule with HighErrorRate, CriticalErrorRate and PodCrashLooping scoped to its namespace', () => {
      const rules = ofKind(out.production, 'PrometheusRule');
      expect(rules).toHaveLength(1);
      const [rule] = rules as [K8sObject];
      expect(rule.metadata.labels?.['release']).toBe('monitoring');
      const alerts = specOf<PrometheusRuleSpec>(rule).groups.flatMap((group) => group.rules);
      const summary = alerts.map((alert) => ({
        alert: alert.alert,
        for: alert.for,
        severity: alert.labels['severity'],
        threshold: /> ([0-9.]+)\s*$/.exec(alert.expr)?.[1],
      }));
      expect(summary).toEqual([
        { alert: 'HighErrorRate', for: '5m', severity: 'warning', threshold: '0.05' },
        { alert: 'CriticalErrorRate', for: '2m', severity: 'critical', threshold: '0.15' },
        { alert: 'PodCrashLooping', for: '5m', severity: 'critical', threshold: '0.2' },
      ]);
      for (const alert of alerts) {
        // Every selector in the expression names the release's namespace.
        const selectors = alert.expr.match(/\{[^}]*\}/g) ?? [];
        expect(selectors.length).toBeGreaterThan(0);
        for (const selector of selectors) expect(selector).toContain('namespace="production"');
      }
      const errorRate = alerts.find((a) => a.alert === 'HighErrorRate')?.expr ?? '';
      expect(errorRate).toMatch(/status=~"5\.\*"/);
      expect(errorRate).toMatch(/\[5m\]/);
      expect(alerts.find((a) => a.alert === 'PodCrashLooping')?.expr).toMatch(
        /^rate\(kube_pod_container_status_restarts_total\{.*\}\[5m\]\) \* 60 > 0\.2\s*$/,
      );
    });

    it('has a Grafana RED dashboard for the sidecar: every query scoped to its namespace, no placeholder left', () => {
      const dashboards = ofKind(out.production, 'ConfigMap').filter((c) => c.metadata.labels?.['grafana_dashboard'] === '1');
      expect(dashboards.map((c) => c.metadata.name)).toEqual(['todo-dashboard']);
      const text = (dashboards[0] as K8sObject & { data: Record<string, string> }).data['todo-red.json'] ?? '';
      expect(text).not.toMatch(/__[A-Z]+__/);
      const dashboard = JSON.parse(text) as {
        uid: string;
        title: string;
        panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
      };
      expect(dashboard.uid).toMatch(/^todo-[0-9a-f]{12}$/);
      expect(dashboard.title).toBe('Todo production: requests, errors, duration');
      expect(dashboard.panels.map((p) => p.title)).toEqual([
        'Request rate per service',
        'Error rate per service (5xx share)',
        'Request duration p50 / p95 per service',
        'Available pods per Deployment',
        'CPU per pod',
        'Memory (working set) per pod',
      ]);
      const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
      for (const expr of exprs) {
        const selectors = expr.match(/\{[^}]*\}/g) ?? [];
        expect(selectors.length).toBeGreaterThan(0);
        for (const selector of selectors) expect(selector).toContain('namespace="production"');
      }
      expect(exprs[0]).toBe('sum by (service) (rate(http_requests_total{namespace="production"}[5m]))');
      expect(exprs[1]).toContain('status=~"5.."');
      expect(exprs[2]).toContain('http_request_duration_seconds_bucket');
    });
  });

  describe('staging', () => {
    it('runs 1 replica of each service with no HPA, PDB, ServiceMonitor or PrometheusRule', () => {
      for (const service of SERVICES) expect(deployment(out.staging, service).replicas).toBe(1);
      for (const kind of ['HorizontalPodAutoscaler', 'PodDisruptionBudget', 'ServiceMonitor', 'PrometheusRule']) {
        expect({ kind, count: ofKind(out.staging, kind).length }).toEqual({ kind, count: 0 });
      }
    });

    it('traces every request (sampling 1) where production samples 0.1', () => {
      const sampling = (objects: K8sObject[]): string =>
        specOf<DaprConfigurationSpec>(byName(objects, 'Configuration', 'appconfig')).tracing.samplingRate;
      expect(sampling(out.staging)).toBe('1');
      expect(sampling(out.production)).toBe('0.1');
    });

    it('differs from production only in namespace, host, replicas, tracing and the production-only objects', () => {
      const productionOnly = new Set(['HorizontalPodAutoscaler', 'PodDisruptionBudget', 'ServiceMonitor', 'PrometheusRule']);
      const key = (o: K8sObject): string => `${o.kind}/${o.metadata.name}`;
      const staging = new Map(out.staging.map((o) => [key(o), o]));
      // the Grafana dashboard comes with monitoring, which only production turns on
      const production = new Map(
        out.production.filter((o) => !productionOnly.has(o.kind) && key(o) !== 'ConfigMap/todo-dashboard').map((o) => [key(o), o]),
      );
      expect([...staging.keys()].sort()).toEqual([...production.keys()].sort());

      // Bring staging to production by changing only what should differ; the rest must be equal.
      const asProduction = (object: K8sObject): unknown => {
        const text = JSON.stringify(object)
          .replaceAll('"namespace":"staging"', '"namespace":"production"')
          .replaceAll('.staging.svc:', '.production.svc:')
          .replaceAll('"staging.todo.example.com"', '"todo.example.com"');
        expect({ object: key(object), text }).toEqual({
          object: key(object),
          text: expect.not.stringContaining('staging'),
        });
        const copy = JSON.parse(text) as K8sObject;
        // staging's fixed replica count; production starts at the HPA minimum
        if (copy.kind === 'Deployment')
          (copy.spec as { replicas?: number }).replicas = HPA_PLAN[copy.metadata.name.replace(/^todo-/, '') as ServiceName].min;
        if (copy.kind === 'Configuration') (copy.spec as DaprConfigurationSpec).tracing.samplingRate = '0.1';
        return copy;
      };
      for (const [name, object] of staging) {
        expect({ name, object: asProduction(object) }).toEqual({ name, object: production.get(name) });
      }
    });
  });

  describe.each(environments)('with the %s values', (environment) => {
    const objects = (): K8sObject[] => out[environment];
    const namespace = (): string => ({ local: 'todo-local', staging: 'staging', production: 'production' })[environment];

    it('puts every object in the release namespace', () => {
      for (const object of objects()) {
        expect({ object: `${object.kind}/${object.metadata.name}`, namespace: object.metadata.namespace }).toEqual({
          object: `${object.kind}/${object.metadata.name}`,
          namespace: namespace(),
        });
      }
    });

    it('gives every object the standard labels and every selector name, instance and component only', () => {
      for (const object of objects()) {
        for (const label of STANDARD_LABELS) {
          expect({
            object: `${object.kind}/${object.metadata.name}`,
            label,
            set: object.metadata.labels?.[label] !== undefined,
          }).toEqual({
            object: `${object.kind}/${object.metadata.name}`,
            label,
            set: true,
          });
        }
      }
      const selectors: Array<Record<string, string>> = [
        ...ofKind(objects(), 'Deployment').map((d) => specOf<DeploymentSpec>(d).selector.matchLabels),
        ...ofKind(objects(), 'Service').map((s) => specOf<ServiceSpec>(s).selector),
        ...ofKind(objects(), 'PodDisruptionBudget').map((p) => specOf<PdbSpec>(p).selector.matchLabels),
        ...ofKind(objects(), 'ServiceMonitor').map((m) => specOf<ServiceMonitorSpec>(m).selector.matchLabels),
      ];
      for (const selector of selectors) expect(Object.keys(selector).sort()).toEqual(SELECTOR_LABELS);
    });

    it("names each service's objects <release>-<service> and selects its pods by their labels", () => {
      for (const service of SERVICES) {
        const spec = deployment(objects(), service);
        expect(spec.selector.matchLabels).toEqual({
          'app.kubernetes.io/name': 'todo',
          'app.kubernetes.io/instance': 'todo',
          'app.kubernetes.io/component': service,
        });
        const podLabels = spec.template.metadata.labels ?? {};
        for (const [k, v] of Object.entries(spec.selector.matchLabels)) expect(podLabels[k]).toBe(v);
        const svc = specOf<ServiceSpec>(byName(objects(), 'Service', `todo-${service}`));
        expect(svc.selector).toEqual(spec.selector.matchLabels);
        expect(svc.ports).toEqual([{ name: 'http', port: PORTS[service], targetPort: 'http', protocol: 'TCP' }]);
      }
    });

    it('gives every container requests and limits of CPU and memory', () => {
      for (const pod of podSpecs(objects())) {
        for (const container of containersOf(pod.spec)) {
          const where = `${pod.owner} container ${container.name}`;
          for (const kind of ['requests', 'limits'] as const) {
            for (const resource of ['cpu', 'memory']) {
              expect({ where, kind, resource, set: container.resources?.[kind]?.[resource] !== undefined }).toEqual({
                where,
                kind,
                resource,
                set: true,
              });
            }
          }
        }
      }
    });

    it('pins every image to a tag or digest that is not latest', () => {
      for (const pod of podSpecs(objects())) {
        for (const container of containersOf(pod.spec)) {
          const tag = imageTag(container.image);
          expect(tag !== undefined || container.image.includes('@sha256:')).toBe(true);
          expect(tag).not.toBe('latest');
        }
      }
    });

    it('rolls out with maxUnavailable 0 and maxSurge 1', () => {
      for (const object of ofKind(objects(), 'Deployment')) {
        expect(specOf<DeploymentSpec>(object).strategy).toEqual({
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
        });
      }
    });

    it('runs each service hardened, probed, with its secrets from app-secrets and its own command', () => {
      for (const service of SERVICES) {
        const pod = deployment(objects(), service).template.spec;
        expect(pod.securityContext).toEqual(expect.objectContaining({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }));
        expect(pod.imagePullSecrets).toEqual([{ name: 'ghcr-pull-secret' }]);
        expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: expect.any(Object) }]);
        expect(pod.containers).toHaveLength(1);
        const [c] = pod.containers as [(typeof pod.containers)[number]];
        expect(c.image).toBe(`ghcr.io/${PIPELINE_VALUES['global.owner']}/hackathon-todo/${service}:${PIPELINE_VALUES['global.imageTag']}`);
        expect(c.securityContext).toEqual({
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          privileged: false,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        });
        expect(c.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
        expect(c.ports).toEqual([{ name: 'http', containerPort: PORTS[service], protocol: 'TCP' }]);
        expect(c.readinessProbe?.httpGet?.port).toBe('http');
        expect(c.livenessProbe?.tcpSocket?.port).toBe('http');
        expect(c.livenessProbe?.httpGet).toBeUndefined();
        // least privilege: no envFrom, only the keys the service lists, each by secretKeyRef
        expect(c.envFrom).toBeUndefined();
        expect(c.env ?? []).toEqual(
          SECRET_ENV[service].map((key) => ({ name: key, valueFrom: { secretKeyRef: { name: 'app-secrets', key } } })),
        );
        expect(c.command).toBeUndefined();
        expect(c.args).toBeUndefined();
      }
      expect(deployment(objects(), 'backend').template.spec.containers[0]?.readinessProbe?.httpGet?.path).toBe('/api/health');
    });

    it('drains connections on a rolling update and gives a slow start its own probe', () => {
      for (const service of SERVICES) {
        const pod = deployment(objects(), service).template.spec as {
          terminationGracePeriodSeconds?: number;
          containers: Array<{
            lifecycle?: unknown;
            startupProbe?: { httpGet?: { path?: string; port?: string }; failureThreshold?: number; periodSeconds?: number };
          }>;
        };
        const c = pod.containers[0];
        expect(pod.terminationGracePeriodSeconds).toBe(30);
        expect(c?.lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });
        expect(c?.startupProbe?.httpGet).toEqual({
          path: service === 'backend' ? '/api/health' : service === 'frontend' ? '/' : '/health',
          port: 'http',
        });
        expect((c?.startupProbe?.failureThreshold ?? 0) * (c?.startupProbe?.periodSeconds ?? 0)).toBe(120);
      }
    });

    it('runs each service under a ServiceAccount of its own, whose token is not mounted', () => {
      const accounts = ofKind(objects(), 'ServiceAccount');
      expect(accounts.map((a) => a.metadata.name).sort()).toEqual(SERVICES.map((s) => `todo-${s}`).sort());
      for (const account of accounts)
        expect((account as unknown as { automountServiceAccountToken?: boolean }).automountServiceAccountToken).toBe(false);
      for (const service of SERVICES) {
        const pod = deployment(objects(), service).template.spec as { serviceAccountName?: string; automountServiceAccountToken?: boolean };
        expect({ service, account: pod.serviceAccountName, token: pod.automountServiceAccountToken }).toEqual({
          service,
          account: `todo-${service}`,
          token: false,
        });
      }
    });

    it('gives no container the Kafka credentials, which only the Dapr Component reads', () => {
      for (const service of SERVICES) {
        const text = JSON.stringify(deployment(objects(), service).template.spec.containers);
        for (const key of ['KAFKA_BROKERS', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'])
          expect({ service, key, seen: text.includes(key) }).toEqual({ service, key, seen: false });
      }
    });

    it('annotates each pod for the Dapr sidecar with its app id, port, the appconfig Configuration and its resources', () => {
      for (const service of SERVICES) {
        expect(deployment(objects(), service).template.metadata.annotations).toEqual({
          'dapr.io/enabled': 'true',
          'dapr.io/app-id': service,
          'dapr.io/app-port': String(PORTS[service]),
          'dapr.io/config': 'appconfig',
          // Dapr's production guidelines; a requests quota needs them (LimitRange defaults never reach an injected sidecar)
          'dapr.io/sidecar-cpu-request': '100m',
          'dapr.io/sidecar-memory-request': '250Mi',
          'dapr.io/sidecar-cpu-limit': '300m',
          'dapr.io/sidecar-memory-limit': '1000Mi',
        });
      }
    });

    it('has the Kafka pub/sub Component with every credential from app-secrets, scoped to its users', () => {
      const component = byName(objects(), 'Component', 'pubsub') as DaprComponent;
      expect(component.apiVersion).toBe('dapr.io/v1alpha1');
      expect(component.spec.type).toBe('pubsub.kafka');
      const metadata = new Map(component.spec.metadata.map((item) => [item.name, item]));
      for (const [name, key] of [
        ['brokers', 'KAFKA_BROKERS'],
        ['saslUsername', 'KAFKA_SASL_USERNAME'],
        ['saslPassword', 'KAFKA_SASL_PASSWORD'],
      ] as const) {
        expect(metadata.get(name)).toEqual({ name, secretKeyRef: { name: 'app-secrets', key } });
      }
      expect(metadata.get('authType')?.value).toBe('password');
      expect(metadata.get('saslMechanism')?.value).toBe('SHA-256');
      expect(metadata.get('disableTls')?.value).toBe('false');
      expect(metadata.get('maxMessageBytes')?.value).toBe('1048576');
      expect(component.auth).toEqual({ secretStore: 'kubernetes' });
      expect(component.scopes).toEqual(PUBSUB_SERVICES);
      expect(specOf<DaprConfigurationSpec>(byName(objects(), 'Configuration', 'appconfig')).metric).toEqual({
        enabled: true,
      });
    });

    it('routes /api, /mcp and / of the host over TLS issued by letsencrypt-prod, and /sse on an Ingress with SSE timeouts', () => {
      const host = { local: 'todo.example.com', staging: 'staging.todo.example.com', production: 'todo.example.com' }[environment];
      const redirect = {
        'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
        'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true',
      };
      expect(ofKind(objects(), 'Ingress').map((i) => i.metadata.name)).toEqual(['todo', 'todo-sse']);
      const ingress = byName(objects(), 'Ingress', 'todo');
      expect(ingress.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt-prod', ...redirect });
      // one Certificate for the host: only the main Ingress asks cert-manager; both serve its Secret
      const sse = byName(objects(), 'Ingress', 'todo-sse');
      expect(sse.metadata.annotations).toEqual({
        ...redirect,
        'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
        'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
        'nginx.ingress.kubernetes.io/proxy-buffering': 'off',
      });
      const routesOf = (object: K8sObject) => {
        const spec = specOf<IngressSpec>(object);
        expect(spec.ingressClassName).toBe('nginx');
        expect(spec.tls).toEqual([{ hosts: [host], secretName: 'todo-tls' }]);
        expect(spec.rules).toHaveLength(1);
        expect(spec.rules[0]?.host).toBe(host);
        return spec.rules[0]?.http.paths.map((p) => [p.path, p.pathType, p.backend.service.name, p.backend.service.port.name]);
      };
      expect(routesOf(ingress)).toEqual([
        ['/api', 'Prefix', 'todo-backend', 'http'],
        ['/mcp', 'Prefix', 'todo-mcp', 'http'],
        ['/', 'Prefix', 'todo-frontend', 'http'],
      ]);
      expect(routesOf(sse)).toEqual([['/sse', 'Prefix', 'todo-sse-gateway', 'http']]);
    });

    it('leaves nothing dangling: Services, Ingress paths, HPAs and PDBs all reach rendered pods', () => {
      const deployments = ofKind(objects(), 'Deployment').map((d) => specOf<DeploymentSpec>(d));
      const selectsPods = (selector: Record<string, string>): boolean =>
        deployments.some((d) => Object.entries(selector).every(([k, v]) => d.template.metadata.labels?.[k] === v));
      for (const service of ofKind(objects(), 'Service')) expect(selectsPods(specOf<ServiceSpec>(service).selector)).toBe(true);
      for (const pdb of ofKind(objects(), 'PodDisruptionBudget')) expect(selectsPods(specOf<PdbSpec>(pdb).selector.matchLabels)).toBe(true);
      const serviceNames = new Set(ofKind(objects(), 'Service').map((s) => s.metadata.name));
      for (const ingress of ofKind(objects(), 'Ingress')) {
        for (const rule of specOf<IngressSpec>(ingress).rules) {
          for (const p of rule.http.paths) expect(serviceNames).toContain(p.backend.service.name);
        }
      }
      const deploymentNames = new Set(ofKind(objects(), 'Deployment').map((d) => d.metadata.name));
      for (const hpa of ofKind(objects(), 'HorizontalPodAutoscaler')) {
        expect(deploymentNames).toContain(specOf<HpaSpec>(hpa).scaleTargetRef.name);
      }
    });

    it('spreads the replicas of each service over nodes', () => {
      for (const service of SERVICES) {
        const pod = deployment(objects(), service).template.spec as { affinity?: { podAntiAffinity?: unknown } };
        expect(JSON.stringify(pod.affinity?.podAntiAffinity)).toContain('kubernetes.io/hostname');
      }
    });

    it("has a helm test hook that calls the backend's /api/health", () => {
      const pods = ofKind(objects(), 'Pod');
      expect(pods).toHaveLength(1);
      const [pod] = pods as [K8sObject];
      expect(pod.metadata.annotations?.['helm.sh/hook']).toBe('test');
      const [container] = specOf<{ containers: Array<{ command: string[]; image: string }> }>(pod).containers;
      expect(container?.command.at(-1)).toBe(`http://todo-backend.${namespace()}.svc:8000/api/health`);
      // pinned by digest: the image cannot change under its tag
      expect(container?.image).toMatch(/^docker\.io\/curlimages\/curl:8\.11\.1@sha256:[0-9a-f]{64}$/);
    });
  });

  describe('overrides', () => {
    it("uses a service's own tag or digest over global.imageTag", async () => {
      const digest = `sha256:${'ab'.repeat(32)}`;
      const objects = await render(helm, {
        kubeVersion,
        set: {
          ...PIPELINE_VALUES,
          'services.mcp.image.tag': 'v9.9.9',
          'services.backend.image.digest': digest,
          'services.frontend.image.repository': 'registry.example.com/web',
        },
      });
      const image = (service: ServiceName): string | undefined => deployment(objects, service).template.spec.containers[0]?.image;
      expect(image('mcp')).toBe('ghcr.io/acme-labs/hackathon-todo/mcp:v9.9.9');
      expect(image('backend')).toBe(`ghcr.io/acme-labs/hackathon-todo/backend@${digest}`);
      expect(image('frontend')).toBe('registry.example.com/web:sha-0123abc');
      expect(image('notification')).toBe('ghcr.io/acme-labs/hackathon-todo/notification:sha-0123abc');
    });

    it('names everything after another release name, keeping the Dapr Component and Configuration names the apps use', async () => {
      const objects = await render(helm, {
        kubeVersion,
        release: 'todo-blue',
        namespace: 'blue',
        valuesFiles: ['values-production.yaml'],
      });
      for (const object of objects) {
        expect(object.metadata.labels?.['app.kubernetes.io/instance']).toBe('todo-blue');
        if (object.kind === 'Component' || object.kind === 'Configuration') continue;
        expect(object.metadata.name.startsWith('todo-blue')).toBe(true);
      }
      expect(deployment(objects, 'backend', 'todo-blue').selector.matchLabels['app.kubernetes.io/instance']).toBe('todo-blue');
    });

    it('has no HTTPRoute unless gateway.enabled; with it, routes the Ingress paths of the host to the Services on the Gateway', async () => {
      expect(ofKind(await render(helm, { kubeVersion }), 'HTTPRoute')).toHaveLength(0);
      const objects = await render(helm, {
        kubeVersion,
        valuesFiles: ['values-staging.yaml'],
        extraArgs: [
          '--set',
          'gateway.enabled=true,ingress.enabled=false',
          '--set-json',
          'gateway.parentRefs=[{"name":"public","namespace":"gateway","sectionName":"https"}]',
          '--set-string',
          'gateway.sseTimeouts.request=0s',
        ],
      });
      expect(ofKind(objects, 'Ingress')).toHaveLength(0);
      // no redirect route without an HTTP listener to put it on
      expect(ofKind(objects, 'HTTPRoute').map((o) => o.metadata.name)).toEqual(['todo']);
      const route = specOf<{
        parentRefs: unknown[];
        hostnames: string[];
        rules: Array<{
          matches: Array<{ path: { type: string; value: string } }>;
          backendRefs: Array<{ name: string; port: number }>;
          timeouts?: unknown;
        }>;
      }>(byName(objects, 'HTTPRoute', 'todo'));
      expect(route.parentRefs).toEqual([{ name: 'public', namespace: 'gateway', sectionName: 'https' }]);
      expect(route.hostnames).toEqual(['staging.todo.example.com']);
      expect(route.rules.map((r) => [r.matches[0]?.path, r.backendRefs, r.timeouts])).toEqual([
        [{ type: 'PathPrefix', value: '/api' }, [{ name: 'todo-backend', port: PORTS.backend }], undefined],
        [{ type: 'PathPrefix', value: '/sse' }, [{ name: 'todo-sse-gateway', port: PORTS['sse-gateway'] }], { request: '0s' }],
        [{ type: 'PathPrefix', value: '/mcp' }, [{ name: 'todo-mcp', port: PORTS.mcp }], undefined],
        [{ type: 'PathPrefix', value: '/' }, [{ name: 'todo-frontend', port: PORTS.frontend }], undefined],
      ]);
      // every backendRef is a rendered Service on that port
      for (const ref of route.rules.flatMap((r) => r.backendRefs)) {
        expect(specOf<ServiceSpec>(byName(objects, 'Service', ref.name)).ports.map((p) => p.port)).toEqual([ref.port]);
      }
    });

    it('redirects HTTP to HTTPS with a RequestRedirect route on the Gateway’s HTTP listener', async () => {
      const objects = await render(helm, {
        kubeVersion,
        extraArgs: [
          '--set',
          'gateway.enabled=true,gateway.redirectStatusCode=308',
          '--set-json',
          'gateway.parentRefs=[{"name":"public","sectionName":"https"}]',
          '--set-json',
          'gateway.redirectParentRefs=[{"name":"public","sectionName":"http"}]',
        ],
      });
      const redirect = specOf<{ parentRefs: unknown[]; hostnames: string[]; rules: unknown[] }>(
        byName(objects, 'HTTPRoute', 'todo-redirect'),
      );
      expect(redirect).toEqual({
        parentRefs: [{ name: 'public', sectionName: 'http' }],
        hostnames: ['todo.example.com'],
        rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 308 } }] }],
      });
    });

    it('has no NetworkPolicy unless networkPolicy.enabled; with it, denies ingress and admits each service’s own peers and ports', async () => {
      expect(ofKind(await render(helm, { kubeVersion, valuesFiles: ['values-production.yaml'] }), 'NetworkPolicy')).toHaveLength(0);
      type Rule = { from: unknown[]; ports?: Array<{ port: string; protocol: string }> };
      type Policy = { podSelector: { matchLabels: Record<string, string> }; policyTypes: string[]; ingress?: Rule[] };
      const release = { 'app.kubernetes.io/name': 'todo', 'app.kubernetes.io/instance': 'todo' };
      const controller = [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } } }];
      const prometheus = [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }];
      const policiesOf = async (valuesFile: string) =>
        ofKind(
          await render(helm, {
            kubeVersion,
            valuesFiles: [valuesFile],
            extraArgs: ['--set', 'networkPolicy.enabled=true', '--set-json', `networkPolicy.ingressFrom=${JSON.stringify(controller)}`],
          }),
          'NetworkPolicy',
        );
      const production = await policiesOf('values-production.yaml');
      expect(production.map((p) => p.metadata.name).sort()).toEqual([
        'todo-backend',
        'todo-default-deny',
        'todo-frontend',
        'todo-mcp',
        'todo-notification',
        'todo-sse-gateway',
      ]);
      expect(specOf<Policy>(byName(production, 'NetworkPolicy', 'todo-default-deny'))).toEqual({
        podSelector: { matchLabels: release },
        policyTypes: ['Ingress'],
      });
      const http = [{ port: 'http', protocol: 'TCP' }];
      const own = { from: [{ podSelector: { matchLabels: release } }] };
      const rules = (policies: K8sObject[], service: ServiceName) => {
        const policy = specOf<Policy>(byName(policies, 'NetworkPolicy', `todo-${service}`));
        expect(policy.podSelector.matchLabels).toEqual({ ...release, 'app.kubernetes.io/component': service });
        expect(policy.policyTypes).toEqual(['Ingress']);
        return policy.ingress;
      };
      // routed and scraped; routed only; scraped only (notification has no path on the Ingress)
      expect(rules(production, 'backend')).toEqual([own, { from: controller, ports: http }, { from: prometheus, ports: http }]);
      expect(rules(production, 'frontend')).toEqual([own, { from: controller, ports: http }]);
      expect(rules(production, 'mcp')).toEqual([own, { from: controller, ports: http }]);
      expect(rules(production, 'notification')).toEqual([own, { from: prometheus, ports: http }]);
      expect(rules(production, 'sse-gateway')).toEqual([own, { from: controller, ports: http }, { from: prometheus, ports: http }]);
      // staging has no monitoring: nobody may scrape
      expect(rules(await policiesOf('values-staging.yaml'), 'backend')).toEqual([own, { from: controller, ports: http }]);
      // egress restricted (networkPolicy.egress): the release's own pods, DNS, then the given rules, for every pod of the release
      const kafka = { to: [{ ipBlock: { cidr: '10.0.0.0/16' } }], ports: [{ port: 9093, protocol: 'TCP' }] };
      const restricted = ofKind(
        await render(helm, {
          kubeVersion,
          extraArgs: ['--set', 'networkPolicy.enabled=true', '--set-json', `networkPolicy.egress=${JSON.stringify([kafka])}`],
        }),
        'NetworkPolicy',
      );
      const deny = specOf<Policy & { egress?: unknown[] }>(byName(restricted, 'NetworkPolicy', 'todo-default-deny'));
      expect(deny.policyTypes).toEqual(['Ingress', 'Egress']);
      expect(deny.egress).toEqual([
        { to: [{ podSelector: { matchLabels: release } }] },
        {
          to: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { port: 53, protocol: 'UDP' },
            { port: 53, protocol: 'TCP' },
          ],
        },
        kafka,
      ]);
      // the named port exists on every container, so `port: http` resolves
      for (const service of SERVICES) {
        const [container] = deployment(await render(helm, { kubeVersion }), service).template.spec.containers as Array<{
          ports: Array<{ name: string }>;
        }>;
        expect(container?.ports.map((p) => p.name)).toContain('http');
      }
    });

    it('refuses networkPolicy.enabled without the ingress controller’s peers, naming the value', async () => {
      const result = await runTool(
        templateArgv(helm, {
          kubeVersion,
          extraArgs: ['--set', 'networkPolicy.enabled=true', '--set-json', 'networkPolicy.ingressFrom=[]'],
        }),
      );
      expect(result.exitCode).not.toBe(0);
      expect(result.stderr).toContain('networkPolicy.ingressFrom is required when networkPolicy.enabled is true');
    });

    it('turns the sidecar annotations, Component and Configuration off with dapr.enabled false', async () => {
      const objects = await render(helm, { kubeVersion, extraArgs: ['--set', 'dapr.enabled=false'] });
      expect(ofKind(objects, 'Component')).toHaveLength(0);
      expect(ofKind(objects, 'Configuration')).toHaveLength(0);
      expect(deployment(objects, 'backend').template.metadata.annotations).toBeUndefined();
    });
  });
});
