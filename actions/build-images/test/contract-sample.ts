/** A valid value for every input, for the contract test (it records which inputs are read). */
export const CONTRACT_SAMPLE: Record<string, string> = {
  services: 'backend=actions/build-images/test/fixtures/backend',
  registry: 'ghcr.io',
  repository: 'octo/hackathon-todo',
  push: 'true',
  username: 'octo',
  password: 'ghs_contractsample',
  ref: 'refs/heads/main',
  sha: '0123456789abcdef0123456789abcdef01234567',
  'build-args': 'NODE_ENV=production',
  'tls-verify': 'true',
  promote: 'false',
};
