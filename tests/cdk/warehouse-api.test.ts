import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizedApp, type FunctionInfo, type SynthesizedApp } from './synthesized-app.js';

let synthesized: SynthesizedApp;
let functions: FunctionInfo[];

beforeAll(() => {
  synthesized = synthesizedApp();
  functions = synthesized.functions;
});

const environmentOf = (name: string) => {
  const fn = functions.find((candidate) => candidate.name === name)!;
  return (synthesized.computeTemplate.toJSON().Resources[fn.logicalId].Properties.Environment.Variables ?? {}) as Record<string, unknown>;
};

describe('given the scan-to-ship routes', () => {
  it.each(['WarehousePicks', 'ConfirmShipment'])('when %s is inspected, then only the warehouse group may use it', (name) => {
    expect(environmentOf(name).ALLOWED_GROUPS).toBe('warehouse');
  });

  it('when the pick task functions are inspected, then both know the same pick timeout, and no API function holds a task token setting', () => {
    expect(environmentOf('RequestPick').PICK_TIMEOUT_SECONDS).toBe(environmentOf('ExpirePick').PICK_TIMEOUT_SECONDS);
    expect(environmentOf('ConfirmShipment').PICK_TIMEOUT_SECONDS).toBeUndefined();
  });
});
