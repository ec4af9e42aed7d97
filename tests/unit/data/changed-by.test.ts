import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const sharedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared');
/** Each context keeps its business-table entities in data/entities.ts or data/<name>-entities.ts (the audit table's are not business items). */
const entityFiles = () =>
  readdirSync(sharedDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /(^|\/)data\/([a-z-]+-)?entities\.ts$/.test(file))
    .map((file) => path.join(sharedDir, file));

interface EntityLike {
  entityName: string;
  schema: { attributes: Record<string, { props: { required?: string } }> };
}

const isEntity = (value: unknown): value is EntityLike =>
  typeof value === 'object' && value !== null && 'entityName' in value && 'schema' in value && typeof (value as EntityLike).schema?.attributes === 'object';

describe('given every entity the app writes to the business table', () => {
  let entities: EntityLike[];

  beforeAll(async () => {
    const modules = await Promise.all(entityFiles().map((file) => import(file) as Promise<Record<string, unknown>>));
    entities = modules.flatMap((module) => Object.values(module).filter(isEntity));
  });

  it('when the entity modules are loaded, then the entities are found (the check below is not vacuous)', () => {
    expect(entities.length).toBeGreaterThan(25);
    expect(entities.map((entity) => entity.entityName)).toEqual(
      expect.arrayContaining(['Order', 'MasterVersion', 'MasterCurrent', 'Customer', 'Product', 'Invoice']),
    );
  });

  it('when an entity is written, then its schema has changedBy, so its audit events name who did it instead of system:unknown', () => {
    const missing = entities.filter((entity) => !('changedBy' in entity.schema.attributes)).map((entity) => entity.entityName);
    expect(missing).toEqual([]);
  });
});
