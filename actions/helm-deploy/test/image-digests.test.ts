import { describe, expect, it } from '@jest/globals';
import { imageDigestValues } from '../src/image-digests.js';

const D = (c: string) => `sha256:${c.repeat(64)}`;
const KEY = 'services.{service}.image.digest';

describe('imageDigestValues', () => {
  it('pins each service of build-images’ digests output at the key template', () => {
    expect(imageDigestValues('image-digests', JSON.stringify({ backend: D('a'), 'sse-gateway': D('b') }), KEY)).toEqual([
      { key: 'services.backend.image.digest', value: D('a') },
      { key: 'services.sse-gateway.image.digest', value: D('b') },
    ]);
  });

  it('gives nothing for an empty input', () => {
    expect(imageDigestValues('image-digests', '  ', KEY)).toEqual([]);
  });

  it.each([
    ['not JSON', 'backend=sha256:aa', /image-digests.*is not JSON/],
    ['an array', '["sha256:aa"]', /is not a JSON object of service -> digest/],
    ['an empty object', '{}', /names no service/],
    ['a short digest', '{"backend":"sha256:abc"}', /the digest of 'backend' is not sha256:<64 hex>/],
    ['a tag instead of a digest', '{"backend":"v1.2.3"}', /the digest of 'backend' is not sha256/],
    ['a key that would set another value', `{"backend.image.repository=evil":"${D('a')}"}`, /is not a service name/],
  ])('refuses %s, naming the input', (_, text, message) => {
    expect(() => imageDigestValues('image-digests', text, KEY)).toThrow(message);
  });
});
