import { afterEach, describe, expect, it } from '@jest/globals';
import { checkPrerequisites, goVersionAtLeast, MissingPrerequisite } from '../src/install/prereq.js';

describe('goVersionAtLeast', () => {
  it.each([
    ['1.26.8', '1.26', true],
    ['1.26', '1.26', true],
    ['1.27.0', '1.26', true],
    ['1.25.9', '1.26', false],
    ['2.0', '1.26', true],
  ])('%s >= %s is %s', (have, want, ok) => {
    expect(goVersionAtLeast(have, want)).toBe(ok);
  });
});

describe('checkPrerequisites', () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });

  it('stops with what is missing and how to get it when go is not on PATH', async () => {
    process.env.PATH = '/nonexistent-lab-test-dir';
    const error = await checkPrerequisites(false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingPrerequisite);
    expect((error as Error).message).toBe(
      'missing prerequisite: go (1.26 or newer). Install it from https://go.dev/dl/ and put its bin directory on PATH.',
    );
  });
});
