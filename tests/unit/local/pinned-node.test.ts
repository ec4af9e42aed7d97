import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertPinnedNode, pathWithPinnedNode, pinnedNodeBin, pinnedNodeMajor } from '../../../infra/local/pinned-node.js';

describe('given the Node version package.json pins', () => {
  it('when the pin is an exact version, then its major version is read', () => {
    expect(pinnedNodeMajor(JSON.stringify({ devDependencies: { node: '24.21.0' } }))).toBe(24);
  });

  it('when the pin is a range, then its major version is read', () => {
    expect(pinnedNodeMajor(JSON.stringify({ devDependencies: { node: '^24.1.0' } }))).toBe(24);
  });

  it('when nothing pins Node, then reading the pin fails and says so', () => {
    expect(() => pinnedNodeMajor(JSON.stringify({ devDependencies: {} }))).toThrow(/pins no Node version/);
  });

  it('when the repository’s package.json is read, then it pins Node 24, the deployed runtime', () => {
    expect(pinnedNodeMajor()).toBe(24);
  });
});

describe('given a process that checks it runs on the pinned Node', () => {
  it('when it runs on the pinned major version, then the check passes', () => {
    expect(() => assertPinnedNode('v24.21.0', 24)).not.toThrow();
  });

  it('when it runs on another version, then the check fails and tells how to start it', () => {
    expect(() => assertPinnedNode('v20.20.2', 24)).toThrow(/Node v20\.20\.2.*Node 24.*through npm/);
  });

  it('when this test runs, then it runs on the pinned Node', () => {
    expect(process.version).toMatch(/^v24\./);
  });
});

describe('given the PATH handed to the emulator', () => {
  it('when it is built, then the pinned Node comes first and appears once', () => {
    const built = pathWithPinnedNode(['/usr/bin', pinnedNodeBin, '/bin'].join(path.delimiter)).split(path.delimiter);
    expect(built).toEqual([pinnedNodeBin, '/usr/bin', '/bin']);
  });

  it('when the PATH is empty, then it holds the pinned Node only', () => {
    expect(pathWithPinnedNode('')).toBe(pinnedNodeBin);
  });
});
