/** The real node's files and configuration (pure): containerd, CNI, kubelet, the namespace script. */
import { join } from 'node:path';
import { stringify } from 'yaml';

export const REAL_NODE_NAME = 'lab-real-node';
/** Label and taint of the real node: tests opt in with realNodeScheduling(). */
export const REAL_NODE_KEY = 'lab.todo-deploy.dev/real-node';
/**
 * The network and cgroup names of one real node. A machine can run a few labs side by side (a
 * test starts a second one): each real node takes the first free slot.
 */
export interface NodeNet {
  slot: number;
  /** The lab's own bridge: the node's IP and the pod network. */
  bridge: string;
  subnet: string;
  ip: string;
  /** The cgroup (under every hierarchy) the kubelet puts kubepods in: one directory to remove on down. */
  cgroupRoot: string;
}

export const MAX_SLOTS = 8;

export function nodeNet(slot: number): NodeNet {
  if (!Number.isInteger(slot) || slot < 0 || slot >= MAX_SLOTS) throw new Error(`real node slot ${slot}: expected 0..${MAX_SLOTS - 1}`);
  const second = 87 - slot;
  return { slot, bridge: `tdlab${slot}`, subnet: `10.${second}.0.0/16`, ip: `10.${second}.0.1`, cgroupRoot: `todo-deploy-lab-${slot}` };
}
/** Host directories the kubelet, containerd and runc write to at fixed paths; overlaid inside the node's mount namespace. */
export const OVERLAID_DIRS = ['/run', '/var/lib', '/var/log'] as const;
/**
 * The sysctls the kubelet insists on (it writes them or refuses to start); inside the node's
 * namespace a file of the lab's is bind-mounted over each, so the host's values never change.
 */
export const KUBELET_SYSCTLS: Record<string, string> = {
  'vm/overcommit_memory': '1',
  'vm/panic_on_oom': '0',
  'kernel/panic': '10',
  'kernel/panic_on_oops': '1',
};
export const PAUSE_IMAGE_PATH = 'lab/pause:1';

export interface NodeLayout {
  dir: string;
  containerdConfig: string;
  containerdRoot: string;
  containerdState: string;
  containerdSocket: string;
  registryHosts: string;
  cniConfDir: string;
  cniDataDir: string;
  kubeletConfig: string;
  kubeletRoot: string;
  kubeletKubeconfig: string;
  podLogs: string;
  sysctlDir: string;
  overlayDir: string;
  script: string;
}

export function nodeLayout(stateDir: string): NodeLayout {
  const dir = join(stateDir, 'node');
  return {
    dir,
    containerdConfig: join(dir, 'containerd', 'config.toml'),
    containerdRoot: join(dir, 'containerd', 'root'),
    containerdState: join(dir, 'containerd', 'state'),
    containerdSocket: join(dir, 'containerd', 'containerd.sock'),
    registryHosts: join(dir, 'containerd', 'certs.d'),
    cniConfDir: join(dir, 'cni', 'net.d'),
    cniDataDir: join(dir, 'cni', 'ipam'),
    kubeletConfig: join(dir, 'kubelet', 'config.yaml'),
    kubeletRoot: join(dir, 'kubelet', 'root'),
    kubeletKubeconfig: join(dir, 'kubelet', 'kubeconfig'),
    podLogs: join(dir, 'pod-logs'),
    sysctlDir: join(dir, 'sysctl'),
    overlayDir: join(dir, 'overlay'),
    script: join(dir, 'node.sh'),
  };
}

const q = (s: string) => JSON.stringify(s);

/** containerd 1.6's config: every path under the lab state, its own socket, the lab's pause image, no OOM-score changes. */
export function containerdConfig(l: NodeLayout, registry: string, cniBinDir: string): string {
  return [
    'version = 2',
    `root = ${q(l.containerdRoot)}`,
    `state = ${q(l.containerdState)}`,
    'oom_score = 0',
    // the opt plugin writes /opt/containerd; the others are snapshotters and tracing the lab does not use
    'disabled_plugins = ["io.containerd.internal.v1.opt", "io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.tracing.processor.v1.otlp", "io.containerd.internal.v1.tracing"]',
    '[grpc]',
    `  address = ${q(l.containerdSocket)}`,
    '[ttrpc]',
    `  address = ${q(`${l.containerdSocket}.ttrpc`)}`,
    '[debug]',
    '  address = ""',
    '[metrics]',
    '  address = ""',
    '[plugins."io.containerd.grpc.v1.cri"]',
    `  sandbox_image = ${q(`${registry}/${PAUSE_IMAGE_PATH}`)}`,
    // the VM's bounding set lacks CAP_SYS_RESOURCE: without this every sandbox fails to start
    '  restrict_oom_score_adj = true',
    '  enable_selinux = false',
    '  [plugins."io.containerd.grpc.v1.cri".cni]',
    `    bin_dir = ${q(cniBinDir)}`,
    `    conf_dir = ${q(l.cniConfDir)}`,
    '  [plugins."io.containerd.grpc.v1.cri".registry]',
    `    config_path = ${q(l.registryHosts)}`,
    '  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]',
    '    runtime_type = "io.containerd.runc.v2"',
    '',
  ].join('\n');
}

/** hosts.toml for the lab registry: plain HTTP on loopback. */
export function registryHostsToml(registry: string): string {
  return [`server = ${q(`http://${registry}`)}`, `[host.${q(`http://${registry}`)}]`, '  capabilities = ["pull", "resolve"]', ''].join(
    '\n',
  );
}

/** The CNI network: the lab bridge, no gateway, no masquerading (nothing is forwarded or NATed on the host). */
export function cniConflist(l: NodeLayout, net: NodeNet): string {
  return `${JSON.stringify(
    {
      cniVersion: '0.4.0',
      name: 'todo-deploy-lab',
      plugins: [
        {
          type: 'bridge',
          bridge: net.bridge,
          isGateway: false,
          ipMasq: false,
          hairpinMode: true,
          ipam: {
            type: 'host-local',
            dataDir: l.cniDataDir,
            ranges: [
              [{ subnet: net.subnet, rangeStart: net.ip.replace(/\.0\.1$/, '.1.1'), rangeEnd: net.ip.replace(/\.0\.1$/, '.255.254') }],
            ],
          },
        },
      ],
    },
    null,
    2,
  )}\n`;
}

export interface KubeletPorts {
  kubelet: number;
  kubeletHealthz: number;
}

/** KubeletConfiguration for a cgroup v1 VM without swap accounting, iptables or CAP_SYS_RESOURCE. */
export function kubeletConfig(
  l: NodeLayout,
  net: NodeNet,
  ports: KubeletPorts,
  pki: { caCert: string; cert: string; key: string },
): string {
  return stringify({
    apiVersion: 'kubelet.config.k8s.io/v1beta1',
    kind: 'KubeletConfiguration',
    address: net.ip,
    port: ports.kubelet,
    readOnlyPort: 0,
    healthzBindAddress: '127.0.0.1',
    healthzPort: ports.kubeletHealthz,
    cgroupDriver: 'cgroupfs',
    cgroupRoot: `/${net.cgroupRoot}`,
    failCgroupV1: false,
    failSwapOn: false,
    makeIPTablesUtilChains: false,
    oomScoreAdj: 0,
    tlsCertFile: pki.cert,
    tlsPrivateKeyFile: pki.key,
    authentication: { anonymous: { enabled: false }, webhook: { enabled: false }, x509: { clientCAFile: pki.caCert } },
    // the API server's kubelet client certificate is the lab admin's; every client needs a certificate of the lab CA
    authorization: { mode: 'AlwaysAllow' },
    registerWithTaints: [{ key: REAL_NODE_KEY, value: 'true', effect: 'NoSchedule' }],
    podLogsDir: l.podLogs,
    containerRuntimeEndpoint: `unix://${l.containerdSocket}`,
    evictionHard: { 'memory.available': '100Mi' },
    imageGCHighThresholdPercent: 100,
    imageGCLowThresholdPercent: 99,
    serializeImagePulls: false,
    localStorageCapacityIsolation: false,
    maxPods: 110,
  });
}

export function kubeletArgs(l: NodeLayout, net: NodeNet): string[] {
  return [
    `--config=${l.kubeletConfig}`,
    `--kubeconfig=${l.kubeletKubeconfig}`,
    `--root-dir=${l.kubeletRoot}`,
    `--hostname-override=${REAL_NODE_NAME}`,
    `--node-ip=${net.ip}`,
    `--node-labels=${REAL_NODE_KEY}=true`,
    '--v=1',
  ];
}

const sh = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/**
 * The script that runs as pid 1 of the node's pid and mount namespaces: overlays the fixed host
 * directories, bind-mounts the sysctl files, starts containerd, then the kubelet. When it dies
 * (down kills the unshare holding it) the kernel kills every process of the namespace:
 * containerd, its shims, every container, the kubelet; the mounts go with the namespace.
 */
export function nodeScript(
  l: NodeLayout,
  net: NodeNet,
  bins: { containerd: string; kubelet: string },
  logs: { containerd: string; kubelet: string },
): string {
  const lines = ['#!/bin/sh', 'set -eu'];
  for (const d of OVERLAID_DIRS) {
    const base = join(l.overlayDir, d.slice(1).replaceAll('/', '-'));
    lines.push(
      `mkdir -p ${sh(`${base}/upper`)} ${sh(`${base}/work`)}`,
      // -n: no /run/mount/utab on the host
      `mount -n -t overlay overlay -o ${sh(`lowerdir=${d},upperdir=${base}/upper,workdir=${base}/work`)} ${d}`,
    );
  }
  for (const key of Object.keys(KUBELET_SYSCTLS))
    lines.push(`mount -n --bind ${sh(join(l.sysctlDir, key.replaceAll('/', '.')))} /proc/sys/${key}`);
  lines.push(
    `${sh(bins.containerd)} --config ${sh(l.containerdConfig)} >> ${sh(logs.containerd)} 2>&1 &`,
    `i=0; while [ ! -S ${sh(l.containerdSocket)} ]; do i=$((i+1)); [ $i -gt 300 ] && { echo 'containerd did not open its socket in 30 s' >&2; exit 1; }; sleep 0.1; done`,
    `${sh(bins.kubelet)} ${kubeletArgs(l, net).map(sh).join(' ')} >> ${sh(logs.kubelet)} 2>&1 &`,
    // pid 1 of the namespace: stay, reaping orphans (the shims), until killed
    'while :; do wait || true; sleep 1; done',
    '',
  );
  return lines.join('\n');
}

/** unshare argv that runs the script as pid 1 of new pid and mount namespaces, killed with its parent. */
export function unshareArgs(script: string): string[] {
  return ['--mount', '--pid', '--fork', '--kill-child', '--mount-proc', '--propagation', 'slave', '/bin/sh', script];
}
