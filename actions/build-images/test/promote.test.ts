import { describe, expect, it } from '@jest/globals';
import { planPromotion } from '../src/promote.js';
import { parseChallenge, tokenUrl } from '../src/registry-auth.js';
import { planTags } from '../src/tag-policy.js';

const services = [
  { name: 'backend', context: '/w/backend', dockerfile: '/w/backend/Dockerfile' },
  { name: 'mcp', context: '/w/backend', dockerfile: '/w/backend/Dockerfile.mcp' },
];

describe('planPromotion', () => {
  it('copies sha-<short> to the release tag for every service', () => {
    const plan = planPromotion({ registry: 'ghcr.io', repository: 'octo/todo', services }, planTags('refs/tags/v1.2.3', 'abcdef0123'));
    expect(plan).toEqual({
      source: 'sha-abcdef0',
      targets: ['v1.2.3'],
      repositories: [
        { service: 'backend', repository: 'octo/todo/backend', image: 'ghcr.io/octo/todo/backend' },
        { service: 'mcp', repository: 'octo/todo/mcp', image: 'ghcr.io/octo/todo/mcp' },
      ],
    });
  });

  it.each([
    ['refs/heads/feature', /nothing to promote: refs\/heads\/feature is neither main nor a release tag/],
    ['refs/tags/nightly', /nothing to promote: tag nightly is not a release tag/],
  ])('refuses %s, which gives no tag beyond sha-<short>', (ref, message) => {
    expect(() => planPromotion({ registry: 'ghcr.io', repository: 'octo/todo', services }, planTags(ref, 'abcdef0123'))).toThrow(message);
  });
});

describe('registry challenges', () => {
  it.each([
    [
      'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:octo/todo/backend:pull"',
      { scheme: 'bearer', realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:octo/todo/backend:pull' },
    ],
    ['Basic realm="Registry Realm"', { scheme: 'basic', realm: 'Registry Realm' }],
    ['bearer realm=https://auth.example/token', { scheme: 'bearer', realm: 'https://auth.example/token' }],
  ])('parses %s', (header, expected) => {
    expect(parseChallenge(header)).toEqual(expected);
  });

  it.each([[undefined], [''], ['Negotiate abc'], ['Digest realm="x"']])('gives nothing for %p', (header) => {
    expect(parseChallenge(header)).toBeUndefined();
  });

  it('asks the token service for pull and push on the repository', () => {
    expect(tokenUrl({ scheme: 'bearer', realm: 'https://ghcr.io/token', service: 'ghcr.io' }, 'octo/todo/backend')).toBe(
      'https://ghcr.io/token?service=ghcr.io&scope=repository%3Aocto%2Ftodo%2Fbackend%3Apull%2Cpush',
    );
    expect(() => tokenUrl({ scheme: 'bearer' }, 'x')).toThrow(/without naming its realm/);
  });
});
