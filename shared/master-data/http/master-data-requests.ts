import { z } from 'zod';
import type { Caller } from '../../platform/http/caller.js';
import { HttpProblem, type ApiEvent } from '../../platform/http/middleware.js';
import { problem } from '../../platform/http/problems.js';
import { decodedPathParameter } from '../../platform/http/path-parameters.js';
import { MASTER_DATA_GROUP, MasterAsOf, MasterIfMatch, MasterKind, MasterRecordIdParam } from '../schemas/master-data.js';

/** Master data is read and changed by holders of the master-data role only. */
export function requireMasterDataRole(caller: Caller | undefined): Caller {
  if (!caller) throw new HttpProblem(problem(401, 'Unauthorized', 'A bearer token is required.'));
  if (!caller.principal.startsWith('user:') || !caller.groups.includes(MASTER_DATA_GROUP)) {
    throw new HttpProblem(problem(403, 'Forbidden', `Master data needs the ${MASTER_DATA_GROUP} role.`));
  }
  return caller;
}

export function kindOf(event: Pick<ApiEvent, 'pathParameters' | 'headers' | 'queryStringParameters'>): MasterKind {
  const kind = MasterKind.safeParse(event.pathParameters?.kind);
  if (!kind.success)
    throw new HttpProblem(problem(404, 'Not found', `No master data kind ${event.pathParameters?.kind}; one of ${MasterKind.options.join(', ')}.`));
  return kind.data;
}

export function idOf(event: Pick<ApiEvent, 'pathParameters' | 'headers' | 'queryStringParameters'>): string {
  const id = MasterRecordIdParam.safeParse(decodedPathParameter(event.pathParameters?.id ?? ''));
  if (!id.success) throw new HttpProblem(problem(400, 'Invalid request', 'id: 1 to 64 characters'));
  return id.data;
}

const IfMatch = MasterIfMatch.transform((value) => Number(value.replace(/\D/g, '')));

/** The version the caller read, from If-Match (the ETag of a read, e.g. "3"); an update without one is refused. */
export function expectedVersionOf(event: Pick<ApiEvent, 'pathParameters' | 'headers' | 'queryStringParameters'>): number {
  const header = event.headers?.['if-match'];
  if (header === undefined) {
    throw new HttpProblem(
      problem(428, 'Precondition required', 'Send If-Match with the ETag (version) you read, so a concurrent change is never overwritten.'),
    );
  }
  const parsed = IfMatch.safeParse(header);
  if (!parsed.success) throw new HttpProblem(problem(400, 'Invalid request', 'If-Match: the ETag of the version read, e.g. "3"'));
  return parsed.data;
}

const AsOf = MasterAsOf;

export function asOfOf(event: Pick<ApiEvent, 'pathParameters' | 'headers' | 'queryStringParameters'>): string | undefined {
  const asOf = event.queryStringParameters?.asOf;
  if (asOf === undefined) return undefined;
  const parsed = AsOf.safeParse(asOf);
  if (!parsed.success) throw new HttpProblem(problem(400, 'Invalid request', 'asOf: a UTC instant such as 2026-11-25T10:00:00Z'));
  return new Date(parsed.data).toISOString();
}

export const etag = (version: number) => `"${version}"`;
