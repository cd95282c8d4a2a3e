/**
 * Fake values for every key of the Todo chart's app-secrets: the keys the services mount by
 * secretKeyRef (a missing one stops the container with CreateContainerConfigError on a real
 * kubelet) and the Kafka keys of the Dapr Component.
 */
export const FAKE_APP_SECRETS: Readonly<Record<string, string>> = {
  DATABASE_URL: 'postgresql://todo:lab-fake-password@postgres.invalid:5432/todo',
  BETTER_AUTH_SECRET: 'lab-fake-better-auth-secret',
  OPENAI_API_KEY: 'sk-lab-fake',
  KAFKA_BROKERS: 'kafka-0.kafka.invalid:9093',
  KAFKA_SASL_USERNAME: 'todo-lab',
  KAFKA_SASL_PASSWORD: 'lab-fake-password',
};

/** `kubectl create secret generic app-secrets` argv (after the kubectl binary) for a namespace. */
export function appSecretsArgs(namespace: string, secrets: Readonly<Record<string, string>> = FAKE_APP_SECRETS): string[] {
  return [
    'create',
    'secret',
    'generic',
    'app-secrets',
    '--namespace',
    namespace,
    ...Object.entries(secrets).map(([key, value]) => `--from-literal=${key}=${value}`),
  ];
}
