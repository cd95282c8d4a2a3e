/** Pure argv builders for every lab process. */
import type { LabPki } from './certs.js';
import type { LabPorts } from './ports.js';

export interface LabLayout {
  stateDir: string;
  etcdDataDir: string;
  kubeconfig: string;
  kwokConfig: string;
  registryConfig: string;
  pki: LabPki;
  ports: LabPorts;
}

export const SERVICE_CIDR = '10.96.0.0/16';
export const POD_CIDR = '10.244.0.0/16';
export const LOOPBACK = '127.0.0.1';

export function etcdArgs(l: LabLayout): string[] {
  const client = `http://${LOOPBACK}:${l.ports.etcdClient}`;
  const peer = `http://${LOOPBACK}:${l.ports.etcdPeer}`;
  return [
    '--name=lab',
    `--data-dir=${l.etcdDataDir}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=lab=${peer}`,
    '--initial-cluster-state=new',
    '--unsafe-no-fsync=true',
    '--log-level=warn',
  ];
}

export function apiserverArgs(l: LabLayout): string[] {
  return [
    `--etcd-servers=http://${LOOPBACK}:${l.ports.etcdClient}`,
    `--bind-address=${LOOPBACK}`,
    `--advertise-address=${LOOPBACK}`,
    `--secure-port=${l.ports.apiserver}`,
    `--tls-cert-file=${l.pki.serverCert}`,
    `--tls-private-key-file=${l.pki.serverKey}`,
    `--client-ca-file=${l.pki.caCert}`,
    '--authorization-mode=Node,RBAC',
    '--anonymous-auth=false',
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${l.pki.serviceAccountPub}`,
    `--service-account-signing-key-file=${l.pki.serviceAccountKey}`,
    `--service-cluster-ip-range=${SERVICE_CIDR}`,
    '--allow-privileged=true',
    '--profiling=false',
    `--cert-dir=${l.pki.dir}`,
    // kubectl logs/exec on the real node: the API server reaches the kubelet at the node IP with the admin certificate
    '--kubelet-preferred-address-types=InternalIP,Hostname',
    `--kubelet-client-certificate=${l.pki.adminCert}`,
    `--kubelet-client-key=${l.pki.adminKey}`,
    // the aggregated metrics API (metrics-server): the aggregator dials the endpoint (no kube-proxy
    // here to route a ClusterIP) and presents the front-proxy client certificate
    '--enable-aggregator-routing=true',
    `--requestheader-client-ca-file=${l.pki.frontProxyCaCert}`,
    '--requestheader-allowed-names=front-proxy-client',
    '--requestheader-username-headers=X-Remote-User',
    '--requestheader-group-headers=X-Remote-Group',
    '--requestheader-extra-headers-prefix=X-Remote-Extra-',
    `--proxy-client-cert-file=${l.pki.frontProxyClientCert}`,
    `--proxy-client-key-file=${l.pki.frontProxyClientKey}`,
  ];
}

/** What the controller manager and the scheduler both take: kubeconfigs, one instance, loopback. */
function controlPlaneClientArgs(l: LabLayout, port: number, name: string): string[] {
  return [
    `--kubeconfig=${l.kubeconfig}`,
    `--authentication-kubeconfig=${l.kubeconfig}`,
    `--authorization-kubeconfig=${l.kubeconfig}`,
    '--leader-elect=false',
    `--bind-address=${LOOPBACK}`,
    `--secure-port=${port}`,
    `--cert-dir=${l.pki.dir}/${name}`,
  ];
}

export function controllerManagerArgs(l: LabLayout): string[] {
  return [
    ...controlPlaneClientArgs(l, l.ports.controllerManager, 'controller-manager'),
    `--service-account-private-key-file=${l.pki.serviceAccountKey}`,
    `--root-ca-file=${l.pki.caCert}`,
    `--cluster-signing-cert-file=${l.pki.caCert}`,
    `--cluster-signing-key-file=${l.pki.caKey}`,
    `--service-cluster-ip-range=${SERVICE_CIDR}`,
    '--use-service-account-credentials=true',
    '--profiling=false',
  ];
}

export function schedulerArgs(l: LabLayout): string[] {
  return [...controlPlaneClientArgs(l, l.ports.scheduler, 'scheduler'), '--profiling=false'];
}

/** The annotation that marks a Node as a kwok fake node. */
export const KWOK_NODE_ANNOTATION = 'kwok.x-k8s.io/node';

export function kwokArgs(l: LabLayout): string[] {
  return [
    `--kubeconfig=${l.kubeconfig}`,
    `--config=${l.kwokConfig}`,
    `--manage-nodes-with-annotation-selector=${KWOK_NODE_ANNOTATION}=fake`,
    `--server-address=${LOOPBACK}:${l.ports.kwok}`,
    `--cidr=${POD_CIDR}`,
    `--node-ip=${LOOPBACK}`,
    '--node-lease-duration-seconds=40',
  ];
}

export function registryArgs(l: LabLayout): string[] {
  return ['serve', l.registryConfig];
}

/** The docker-registry (distribution 2.8) configuration (pure). */
export function registryConfig(rootDir: string, port: number): Record<string, unknown> {
  return {
    version: 0.1,
    log: { level: 'warn' },
    storage: { filesystem: { rootdirectory: rootDir }, delete: { enabled: true } },
    http: { addr: `${LOOPBACK}:${port}`, secret: 'todo-deploy-lab' },
  };
}
