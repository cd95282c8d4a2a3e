import { dirname, join } from 'node:path';
import { crdFiles } from './install/crds.js';
import { etcdBinary } from './install/etcd.js';
import { goToolBinary } from './install/go-tools.js';
import { imageBinary } from './install/images.js';
import { kubernetesBinDir, kubernetesNodeBinDir } from './install/kubernetes.js';
import { pythonToolBinary } from './install/zizmor.js';
import { cacheRoot } from './paths.js';
import { goTool, versions } from './versions.js';

/** Absolute paths of every lab tool at its pinned version. */
export interface ToolPaths {
  etcd: string;
  kubeApiserver: string;
  kubeControllerManager: string;
  kubeScheduler: string;
  kubectl: string;
  kwok: string;
  helm3: string;
  helm4: string;
  actionlint: string;
  kubeconform: string;
  kubeScore: string;
  promtool: string;
  zizmor: string;
  /** The pipeline tier: nektos/act runs the workflows; gitleaks is their secret scan. */
  act: string;
  gitleaks: string;
  doctl: string;
  registry: string;
  buildah: string;
  /** A static busybox (Debian's busybox-static): a shell for RUN steps in images FROM scratch (the cache benchmark). */
  busybox: string;
  /** BuildKit (optional tools): the daemon, its client, and docker buildx as a CLI plugin (docker-buildx). */
  buildkitd: string;
  buildctl: string;
  buildx: string;
  /** The real node: kubelet (built), containerd, runc and the CNI plugins (Debian), ip (iproute2). */
  kubelet: string;
  containerd: string;
  runc: string;
  cniBinDir: string;
  ip: string;
  /** The HTTPS path (optional tools: a path may not exist): ingress/Gateway controller, ACME CA and its DNS, cert-manager, metrics-server. */
  traefik: string;
  pebble: string;
  pebbleChalltestsrv: string;
  certManagerController: string;
  acmesolver: string;
  metricsServer: string;
  /** The lab images' static binaries. */
  pause: string;
  demoServer: string;
  /** A stand-in for docker/buildkit-syft-scanner (BuildKit's SBOM generator protocol). */
  sbomScanner: string;
  /** A directory of links to the tools (helm is helm 3; helm3 and helm4 are both there). */
  binDir: string;
  crds: string[];
}

function apt(name: string): string {
  const pin = versions().apt.find((p) => p.name === name);
  if (!pin) throw new Error(`no apt package named ${name} in versions.json`);
  return pin.binary;
}

export function toolPaths(): ToolPaths {
  const k = kubernetesBinDir();
  return {
    etcd: etcdBinary(),
    kubeApiserver: join(k, 'kube-apiserver'),
    kubeControllerManager: join(k, 'kube-controller-manager'),
    kubeScheduler: join(k, 'kube-scheduler'),
    kubectl: join(k, 'kubectl'),
    kwok: goToolBinary(goTool('kwok')),
    helm3: goToolBinary(goTool('helm3')),
    helm4: goToolBinary(goTool('helm4')),
    actionlint: goToolBinary(goTool('actionlint')),
    kubeconform: goToolBinary(goTool('kubeconform')),
    kubeScore: goToolBinary(goTool('kube-score')),
    promtool: goToolBinary(goTool('promtool')),
    zizmor: pythonToolBinary('zizmor'),
    act: goToolBinary(goTool('act')),
    gitleaks: goToolBinary(goTool('gitleaks')),
    doctl: goToolBinary(goTool('doctl')),
    registry: apt('docker-registry'),
    buildah: apt('buildah'),
    busybox: apt('busybox-static'),
    buildkitd: goToolBinary(goTool('buildkitd')),
    buildctl: goToolBinary(goTool('buildctl')),
    buildx: goToolBinary(goTool('buildx')),
    kubelet: join(kubernetesNodeBinDir(), 'kubelet'),
    containerd: apt('containerd'),
    runc: apt('runc'),
    cniBinDir: dirname(apt('containernetworking-plugins')),
    ip: '/usr/bin/ip',
    traefik: goToolBinary(goTool('traefik')),
    pebble: goToolBinary(goTool('pebble')),
    pebbleChalltestsrv: goToolBinary(goTool('pebble-challtestsrv')),
    certManagerController: goToolBinary(goTool('cert-manager-controller')),
    acmesolver: goToolBinary(goTool('cert-manager-acmesolver')),
    metricsServer: goToolBinary(goTool('metrics-server')),
    pause: imageBinary('pause'),
    demoServer: imageBinary('demo-server'),
    sbomScanner: imageBinary('sbom-scanner'),
    binDir: join(cacheRoot(), 'bin'),
    crds: versions().crds.flatMap(crdFiles),
  };
}

/** The links placed in binDir: link name -> target. */
export function binLinks(t: ToolPaths): Record<string, string> {
  return {
    etcd: t.etcd,
    'kube-apiserver': t.kubeApiserver,
    'kube-controller-manager': t.kubeControllerManager,
    'kube-scheduler': t.kubeScheduler,
    kubectl: t.kubectl,
    kwok: t.kwok,
    helm: t.helm3,
    helm3: t.helm3,
    helm4: t.helm4,
    actionlint: t.actionlint,
    kubeconform: t.kubeconform,
    'kube-score': t.kubeScore,
    promtool: t.promtool,
    zizmor: t.zizmor,
    act: t.act,
    gitleaks: t.gitleaks,
    doctl: t.doctl,
    'docker-registry': t.registry,
    buildah: t.buildah,
    buildkitd: t.buildkitd,
    buildctl: t.buildctl,
    kubelet: t.kubelet,
    'demo-server': t.demoServer,
    traefik: t.traefik,
    pebble: t.pebble,
    'pebble-challtestsrv': t.pebbleChalltestsrv,
    'cert-manager-controller': t.certManagerController,
    acmesolver: t.acmesolver,
    'metrics-server': t.metricsServer,
  };
}
