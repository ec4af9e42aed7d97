import { loadConfig } from '../../shared/platform/config.js';
import { callerOf } from '../../shared/platform/http/caller.js';
import { masterDataWriteRoute } from '../../shared/master-data/routes.js';
import { etag, expectedVersionOf, idOf, kindOf, requireMasterDataRole } from '../../shared/master-data/http/master-data-requests.js';
import { apiHandler, zodBodyBy, type ParsedApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { MASTER_SCHEMAS, MasterKind } from '../../shared/master-data/schemas/master-data.js';
import {
  createMasterRecord,
  MasterRecordInvalidError,
  MasterRecordNotFoundError,
  StaleVersionError,
  updateMasterRecord,
} from '../../shared/master-data/services/master-data.js';

const config = loadConfig(masterDataWriteRoute.settings);

/** POST /v1/master/{kind} creates version 1; PUT /v1/master/{kind}/{id} with If-Match writes the next version. */
async function writeMasterData(event: ParsedApiEvent<Record<string, unknown>>) {
  const caller = requireMasterDataRole(callerOf(event, config.CHANNEL_CLIENTS));
  const kind = kindOf(event);
  try {
    if (event.requestContext.http.method === 'POST') {
      const { record } = await createMasterRecord(kind, event.body, caller.principal);
      const location = `/v1/master/${kind}/${encodeURIComponent(record.id)}`;
      return json(201, record, { etag: etag(record.version), location });
    }
    const { record } = await updateMasterRecord(kind, idOf(event), event.body, expectedVersionOf(event), caller.principal);
    return json(200, record, { etag: etag(record.version) });
  } catch (error) {
    if (error instanceof StaleVersionError) {
      return problem(409, 'Conflict', `${error.message}: read the record again and reapply your change; nothing was written.`);
    }
    if (error instanceof MasterRecordNotFoundError) return problem(404, 'Not found', error.message);
    if (error instanceof MasterRecordInvalidError) return problem(400, 'Invalid request', error.message);
    throw error;
  }
}

export const handler = apiHandler(writeMasterData, masterDataWriteRoute, config).use(
  zodBodyBy((event) => {
    const kind = MasterKind.safeParse(event.pathParameters?.kind);
    return kind.success ? MASTER_SCHEMAS[kind.data] : undefined;
  }),
);
