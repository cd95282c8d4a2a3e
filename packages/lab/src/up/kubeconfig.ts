import { stringify } from 'yaml';
import type { LabPki } from './certs.js';

/** The admin kubeconfig of the lab (pure): client certificate of lab-admin, group system:masters. */
export function kubeconfigYaml(server: string, pki: LabPki): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'lab', cluster: { server, 'certificate-authority': pki.caCert } }],
    users: [{ name: 'lab-admin', user: { 'client-certificate': pki.adminCert, 'client-key': pki.adminKey } }],
    contexts: [{ name: 'lab', context: { cluster: 'lab', user: 'lab-admin', namespace: 'default' } }],
    'current-context': 'lab',
    preferences: {},
  });
}

/** A kubeconfig for one client certificate of the lab CA (pure): the real node's kubelet uses one. */
export function clientKubeconfigYaml(server: string, caCert: string, user: string, cert: string, key: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'lab', cluster: { server, 'certificate-authority': caCert } }],
    users: [{ name: user, user: { 'client-certificate': cert, 'client-key': key } }],
    contexts: [{ name: 'lab', context: { cluster: 'lab', user } }],
    'current-context': 'lab',
  });
}
