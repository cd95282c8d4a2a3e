/**
 * The lab's HTTPS path (pure): Traefik as the ingress and Gateway API controller, Pebble as the
 * ACME CA with its challenge test server as the DNS of the lab's names, cert-manager's controller.
 * Findings behind every flag: packages/lab/docs/https-path.md.
 */
import { join } from 'node:path';
import { REAL_NODE_KEY } from '../node/config.js';
import type { LabPorts } from '../up/ports.js';

/** The ClusterIssuer `up` creates; the chart's `ingress.clusterIssuer` names it in the lab. */
export const LAB_ISSUER = 'lab-acme';
/** The DNS domain of the lab's hosts: staging.todo.lab, todo.lab (the chart's global.domain). */
export const LAB_DOMAIN = 'lab';
/** The IngressClass of the chart (`ingress.className`), served by Traefik's ingress-nginx provider. */
export const INGRESS_CLASS = 'nginx';
export const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx';
export const GATEWAY_CLASS = 'lab-traefik';
export const TRAEFIK_GATEWAY_CONTROLLER = 'traefik.io/gateway-controller';
/** Where ClusterIssuer account keys live (cert-manager's --cluster-resource-namespace). */
export const CERT_MANAGER_NAMESPACE = 'cert-manager';
/** The common name of every certificate's issuer starts so (Pebble adds a random suffix on each start). */
export const ACME_ISSUER_PREFIX = 'Pebble Intermediate CA';

/** The lab's "public" address of one real-node slot (127.87.0.1 for slot 0, like the node's 10.87.0.1). */
export function publicAddress(slot: number): string {
  return `127.${87 - slot}.0.1`;
}

export interface HttpsLayout {
  dir: string;
  pebbleConfig: string;
  pebbleCert: string;
  pebbleKey: string;
  /** Pebble's root CA of this run (fetched after it starts): what clients trust. */
  acmeRootCa: string;
  traefikConfig: string;
}

export function httpsLayout(stateDir: string): HttpsLayout {
  const dir = join(stateDir, 'https');
  return {
    dir,
    pebbleConfig: join(dir, 'pebble.json'),
    pebbleCert: join(dir, 'pebble.crt'),
    pebbleKey: join(dir, 'pebble.key'),
    acmeRootCa: join(dir, 'acme-root-ca.pem'),
    traefikConfig: join(dir, 'traefik.yaml'),
  };
}

/** What the HTTPS path of a running lab is reachable at (recorded in state.json). */
export interface HttpsState {
  /** Traefik's entrypoints listen here on :80 and :443; every lab name resolves to it. */
  address: string;
  domain: string;
  issuer: string;
  ingressClass: string;
  gatewayClass: string;
  acmeDirectory: string;
  acmeRootCa: string;
  dns: string;
}

export function httpsState(stateDir: string, ports: LabPorts, slot: number): HttpsState {
  return {
    address: publicAddress(slot),
    domain: LAB_DOMAIN,
    issuer: LAB_ISSUER,
    ingressClass: INGRESS_CLASS,
    gatewayClass: GATEWAY_CLASS,
    acmeDirectory: `https://127.0.0.1:${ports.acme}/dir`,
    acmeRootCa: httpsLayout(stateDir).acmeRootCa,
    dns: `127.0.0.1:${ports.dns}`,
  };
}

/** challtestsrv: DNS only (its own HTTP-01/TLS-ALPN/DoH servers off); every A query answers the public address. */
export function challtestsrvArgs(ports: LabPorts, address: string): string[] {
  return [
    '-dnsserver',
    `127.0.0.1:${ports.dns}`,
    '-management',
    `127.0.0.1:${ports.dnsManagement}`,
    '-http01',
    '',
    '-https01',
    '',
    '-tlsalpn01',
    '',
    '-doh',
    '',
    '-defaultIPv4',
    address,
    '-defaultIPv6',
    '',
  ];
}

/** Pebble's configuration file: validation on :80/:443 (where Traefik listens), no OCSP, no EAB. */
export function pebbleConfig(l: HttpsLayout, ports: LabPorts): Record<string, unknown> {
  return {
    pebble: {
      listenAddress: `127.0.0.1:${ports.acme}`,
      managementListenAddress: `127.0.0.1:${ports.acmeManagement}`,
      certificate: l.pebbleCert,
      privateKey: l.pebbleKey,
      httpPort: 80,
      tlsPort: 443,
      ocspResponderURL: '',
      externalAccountBindingRequired: false,
    },
  };
}

export function pebbleArgs(l: HttpsLayout, ports: LabPorts): string[] {
  return ['-config', l.pebbleConfig, '-dnsserver', `127.0.0.1:${ports.dns}`];
}

/**
 * Pebble's environment: no random sleeps before validation, no rejected nonces (Pebble rejects
 * 5% by default to test clients), and no reused authorizations so every order really validates.
 */
export const PEBBLE_ENV: Record<string, string> = { PEBBLE_VA_NOSLEEP: '1', PEBBLE_WFE_NONCEREJECT: '0', PEBBLE_AUTHZREUSE: '0' };

/** Traefik's static configuration: the ingress-nginx provider for the chart's Ingress, the Gateway API provider. */
export function traefikConfig(ports: LabPorts, address: string): Record<string, unknown> {
  return {
    global: { checkNewVersion: false, sendAnonymousUsage: false },
    log: { level: 'INFO' },
    accessLog: {},
    entryPoints: {
      web: { address: `${address}:80` },
      websecure: { address: `${address}:443`, http: { tls: {} } },
      traefik: { address: `127.0.0.1:${ports.traefik}` },
    },
    ping: { entryPoint: 'traefik' },
    providers: {
      kubernetesIngressNGINX: { ingressClass: INGRESS_CLASS },
      kubernetesGateway: {},
    },
  };
}

export function certManagerArgs(kubeconfig: string, ports: LabPorts, solverImage: string): string[] {
  return [
    `--kubeconfig=${kubeconfig}`,
    '--leader-elect=false',
    `--cluster-resource-namespace=${CERT_MANAGER_NAMESPACE}`,
    `--acme-http01-solver-image=${solverImage}`,
    // the HTTP-01 self check resolves the lab's names through challtestsrv, not the machine's resolver
    `--acme-http01-solver-nameservers=127.0.0.1:${ports.dns}`,
    `--metrics-listen-address=127.0.0.1:${ports.certManagerMetrics}`,
    '--enable-gateway-api=true',
    '--v=2',
  ];
}

/** The cluster objects of the HTTPS path: classes, the namespace of the issuer's account, the ClusterIssuer. */
export function httpsObjects(acmeDirectory: string, caBundlePem: string): Record<string, unknown>[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: CERT_MANAGER_NAMESPACE } },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: INGRESS_CLASS },
      spec: { controller: INGRESS_NGINX_CONTROLLER },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: GATEWAY_CLASS },
      spec: { controllerName: TRAEFIK_GATEWAY_CONTROLLER },
    },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: LAB_ISSUER },
      spec: {
        acme: {
          server: acmeDirectory,
          caBundle: Buffer.from(caBundlePem).toString('base64'),
          privateKeySecretRef: { name: `${LAB_ISSUER}-account` },
          solvers: [
            {
              http01: {
                ingress: {
                  ingressClassName: INGRESS_CLASS,
                  serviceType: 'ClusterIP',
                  // the solver pod must answer for real: pinned to the real node
                  podTemplate: {
                    spec: {
                      nodeSelector: { [REAL_NODE_KEY]: 'true' },
                      tolerations: [{ key: REAL_NODE_KEY, operator: 'Exists', effect: 'NoSchedule' }],
                    },
                  },
                },
              },
            },
          ],
        },
      },
    },
  ];
}

export const METRICS_SERVER_NAMESPACE = 'kube-system';
export const METRICS_SERVER_SERVICE = 'metrics-server';
export const METRICS_API_SERVICE = 'v1beta1.metrics.k8s.io';

export interface MetricsServerFiles {
  cert: string;
  key: string;
  certDir: string;
}

export function metricsServerFiles(stateDir: string): MetricsServerFiles {
  const dir = join(httpsLayout(stateDir).dir, 'metrics-server');
  return { cert: join(dir, 'serving.crt'), key: join(dir, 'serving.key'), certDir: dir };
}

/**
 * metrics-server on the node IP (the aggregator refuses a loopback endpoint): it scrapes the
 * real node's kubelet with the lab's admin client certificate and verifies the kubelet's serving
 * certificate with the lab CA; the kwok nodes have no kubelet, hence the node selector.
 */
export function metricsServerArgs(o: {
  kubeconfig: string;
  nodeIp: string;
  port: number;
  caCert: string;
  files: MetricsServerFiles;
  nodeSelector: string;
}): string[] {
  return [
    `--kubeconfig=${o.kubeconfig}`,
    `--authentication-kubeconfig=${o.kubeconfig}`,
    `--authorization-kubeconfig=${o.kubeconfig}`,
    `--bind-address=${o.nodeIp}`,
    `--secure-port=${o.port}`,
    `--cert-dir=${o.files.certDir}`,
    `--tls-cert-file=${o.files.cert}`,
    `--tls-private-key-file=${o.files.key}`,
    '--kubelet-preferred-address-types=InternalIP',
    '--kubelet-use-node-status-port',
    `--kubelet-certificate-authority=${o.caCert}`,
    `--node-selector=${o.nodeSelector}`,
    '--metric-resolution=15s',
  ];
}

/** The Service, its one endpoint (the node IP) and the APIService that put metrics-server behind the aggregator. */
export function metricsServerObjects(nodeIp: string, port: number, caBundlePem: string): Record<string, unknown>[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: METRICS_SERVER_SERVICE, namespace: METRICS_SERVER_NAMESPACE },
      // no selector: the endpoint is a host process, written below
      spec: { clusterIP: 'None', ports: [{ name: 'https', port: 443, targetPort: port, protocol: 'TCP' }] },
    },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: METRICS_SERVER_SERVICE,
        namespace: METRICS_SERVER_NAMESPACE,
        labels: { 'kubernetes.io/service-name': METRICS_SERVER_SERVICE, 'endpointslice.kubernetes.io/managed-by': 'todo-deploy-lab' },
      },
      addressType: 'IPv4',
      endpoints: [{ addresses: [nodeIp], conditions: { ready: true } }],
      ports: [{ name: 'https', port, protocol: 'TCP' }],
    },
    {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: METRICS_API_SERVICE },
      spec: {
        group: 'metrics.k8s.io',
        version: 'v1beta1',
        service: { name: METRICS_SERVER_SERVICE, namespace: METRICS_SERVER_NAMESPACE, port: 443 },
        caBundle: Buffer.from(caBundlePem).toString('base64'),
        groupPriorityMinimum: 100,
        versionPriority: 100,
      },
    },
  ];
}
