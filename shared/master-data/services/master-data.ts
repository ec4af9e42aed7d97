import { findCurrent, findVersionAsOf, listCurrent, StaleVersionError, versionsOf, viewOf, writeVersion } from '../data/master-record-repository.js';
import { changedFields, recordedAtAfter } from '../domain/master-versions.js';
import { ID_FIELD, MASTER_SCHEMAS, type MasterKind, type MasterRecordView } from '../schemas/master-data.js';

export { StaleVersionError } from '../data/master-record-repository.js';

export class MasterRecordNotFoundError extends Error {
  override name = 'MasterRecordNotFoundError';
}

export class MasterRecordInvalidError extends Error {
  override name = 'MasterRecordInvalidError';
}

function idOf(kind: MasterKind, data: Record<string, unknown>): string {
  return String(data[ID_FIELD[kind]]);
}

/** Who changed master data for the audit trail, and why when there is a reason (an import names its file). */
export interface ChangeContext {
  changedBy: string;
  changeReason?: string;
}

/** A principal as the HTTP layer names it (`user:…`) stays as it is; a bare name is a user. */
const changeBy = (actor: string): ChangeContext => ({ changedBy: /^(user|client|system):/.test(actor) ? actor : `user:${actor}` });

export interface WriteOutcome {
  record: MasterRecordView;
  /** False when the data equals the current version: nothing was written (re-imports are idempotent). */
  written: boolean;
}

/** Creates a record as version 1; a record that already exists is a conflict. */
export async function createMasterRecord(
  kind: MasterKind,
  data: Record<string, unknown>,
  actor: string,
  now = new Date(),
  change = changeBy(actor),
): Promise<WriteOutcome> {
  const id = idOf(kind, data);
  const record = { kind, id, version: 1, recordedAt: now.toISOString(), recordedBy: actor, changes: Object.keys(data).sort(), data };
  // The change context goes to the stored version (its audit fields), not into the answer's view.
  await writeVersion({ ...record, ...change }, 'absent');
  return { record, written: true };
}

/**
 * Writes version n+1 when the caller read version n; a caller who read an
 * older version gets StaleVersionError (409), never a silent overwrite. The
 * id in the body must be the record's id.
 */
export async function updateMasterRecord(
  kind: MasterKind,
  id: string,
  data: Record<string, unknown>,
  expectedVersion: number,
  actor: string,
  now = new Date(),
  change = changeBy(actor),
): Promise<WriteOutcome> {
  if (idOf(kind, data) !== id)
    throw new MasterRecordInvalidError(`${ID_FIELD[kind]} in the body is ${idOf(kind, data)}, the record is ${id}; ids never change`);
  const current = await findCurrent(kind, id);
  if (!current) throw new MasterRecordNotFoundError(`${kind} ${id} does not exist`);
  if (current.version !== expectedVersion) throw new StaleVersionError(`${kind} ${id} is at version ${current.version}, not ${expectedVersion}`);
  const before = current.data as Record<string, unknown>;
  if (kind === 'contracts' && before.customerId !== data.customerId)
    throw new MasterRecordInvalidError('a contract cannot move to another customer; create a new contract');
  const changes = changedFields(before, data);
  if (changes.length === 0) return { record: await readMasterRecord(kind, id), written: false };
  const record = {
    kind,
    id,
    version: current.version + 1,
    recordedAt: recordedAtAfter(current.recordedAt, now),
    recordedBy: actor,
    previousVersion: current.version,
    changes,
    data,
  };
  await writeVersion({ ...record, ...change }, { version: current.version });
  return { record, written: true };
}

/** Creates the record, or updates it when its data differs; unchanged data writes nothing. For imports and seeding. */
export async function upsertMasterRecord(
  kind: MasterKind,
  data: Record<string, unknown>,
  actor: string,
  now = new Date(),
  change = changeBy(actor),
): Promise<WriteOutcome> {
  const parsed = MASTER_SCHEMAS[kind].parse(data) as Record<string, unknown>;
  const id = idOf(kind, parsed);
  const current = await findCurrent(kind, id);
  if (!current) return createMasterRecord(kind, parsed, actor, now, change);
  return updateMasterRecord(kind, id, parsed, current.version, actor, now, change);
}

/** The current version, or the one in force at `asOf` (an ISO instant). */
export async function readMasterRecord(kind: MasterKind, id: string, asOf?: string): Promise<MasterRecordView> {
  const at = asOf ?? (await findCurrent(kind, id))?.recordedAt;
  const version = at === undefined ? undefined : await findVersionAsOf(kind, id, at);
  if (!version) throw new MasterRecordNotFoundError(asOf ? `${kind} ${id} did not exist at ${asOf}` : `${kind} ${id} does not exist`);
  return viewOf(version);
}

export async function listMasterRecords(kind: MasterKind): Promise<MasterRecordView[]> {
  const current = await listCurrent(kind);
  return current
    .map((item) => ({
      kind,
      id: item.id,
      version: item.version,
      recordedAt: item.recordedAt,
      recordedBy: item.recordedBy,
      changes: [],
      data: item.data as Record<string, unknown>,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

export async function masterRecordHistory(kind: MasterKind, id: string): Promise<MasterRecordView[]> {
  const versions = await versionsOf(kind, id);
  if (versions.length === 0) throw new MasterRecordNotFoundError(`${kind} ${id} does not exist`);
  return versions.map(viewOf);
}
