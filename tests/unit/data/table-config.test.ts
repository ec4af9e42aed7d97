import { afterEach, describe, expect, it, vi } from 'vitest';
import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { table } from '../../../shared/platform/data/table.js';
import { auditLayout, auditTable } from '../../../shared/compliance/data/audit/audit-table.js';
import { OrderEntity } from '../../../shared/orders/data/entities.js';

afterEach(() => vi.unstubAllEnvs());

describe('given the business table module, imported with no TABLE_NAME in the environment', () => {
  it('when a repository module is imported, then nothing fails: the name is read on first use', () => {
    expect(OrderEntity.table).toBe(table);
  });

  it('when a command is built without TABLE_NAME, then it fails with a message naming the setting', () => {
    vi.stubEnv('TABLE_NAME', undefined);
    expect(() => table.getName()).toThrow(/Invalid configuration: TABLE_NAME/);
    expect(() => OrderEntity.build(GetItemCommand).key({ orderId: 'o-1' }).params()).toThrow(/TABLE_NAME/);
  });

  it('when TABLE_NAME is set after the import, then commands address that table', () => {
    vi.stubEnv('TABLE_NAME', 'orders-table');
    expect(table.getName()).toBe('orders-table');
    expect(OrderEntity.build(GetItemCommand).key({ orderId: 'o-1' }).params().TableName).toBe('orders-table');
  });
});

describe('given the audit table module, imported with no audit settings in the environment', () => {
  it('when the layout is read without AUDIT_DAY_SHARDS, then it fails naming the setting', () => {
    vi.stubEnv('AUDIT_TABLE_NAME', 'audit-table');
    vi.stubEnv('AUDIT_DAY_SHARDS', undefined);
    vi.stubEnv('AUDIT_LIVE_DAYS', '400');
    expect(() => auditLayout.dayShards).toThrow(/AUDIT_DAY_SHARDS/);
    expect(() => auditTable.getName()).toThrow(/AUDIT_DAY_SHARDS/);
  });

  it('when the settings are set after the import, then the name and the layout come from them', () => {
    vi.stubEnv('AUDIT_TABLE_NAME', 'audit-table');
    vi.stubEnv('AUDIT_DAY_SHARDS', '8');
    vi.stubEnv('AUDIT_LIVE_DAYS', '400');
    expect(auditTable.getName()).toBe('audit-table');
    expect(auditLayout).toMatchObject({ dayShards: 8, liveDays: 400 });
  });
});
