import { KWOK_NODE_ANNOTATION } from './args.js';

export const NODE_COUNT = 2;
export const NODE_LABEL = 'lab.todo-deploy.dev/node';

/** The fake Node objects that kwok manages (pure); no taints, so any workload schedules. */
export function nodeManifests(count = NODE_COUNT): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `lab-node-${i + 1}`;
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        annotations: { [KWOK_NODE_ANNOTATION]: 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
        labels: {
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': name,
          'kubernetes.io/os': 'linux',
          'kubernetes.io/role': 'agent',
          'node-role.kubernetes.io/agent': '',
          type: 'kwok',
          [NODE_LABEL]: 'true',
        },
      },
      spec: {},
      status: {
        allocatable: { cpu: '32', memory: '256Gi', pods: '110' },
        capacity: { cpu: '32', memory: '256Gi', pods: '110' },
      },
    };
  });
}
