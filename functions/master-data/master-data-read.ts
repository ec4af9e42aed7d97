import { loadConfig } from '../../shared/platform/config.js';
import { callerOf } from '../../shared/platform/http/caller.js';
import { masterDataReadRoute } from '../../shared/master-data/routes.js';
import { asOfOf, etag, idOf, kindOf, requireMasterDataRole } from '../../shared/master-data/http/master-data-requests.js';
import { apiHandler, type ApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { listMasterRecords, masterRecordHistory, MasterRecordNotFoundError, readMasterRecord } from '../../shared/master-data/services/master-data.js';

const config = loadConfig(masterDataReadRoute.settings);

/** GET /v1/master/{kind}, /v1/master/{kind}/{id}[?asOf=], /v1/master/{kind}/{id}/history */
async function readMasterData(event: ApiEvent) {
  requireMasterDataRole(callerOf(event, config.CHANNEL_CLIENTS));
  const kind = kindOf(event);
  try {
    if (event.routeKey.endsWith('/history')) return json(200, { items: await masterRecordHistory(kind, idOf(event)) });
    if (event.pathParameters?.id === undefined) return json(200, { items: await listMasterRecords(kind) });
    const record = await readMasterRecord(kind, idOf(event), asOfOf(event));
    return json(200, record, { etag: etag(record.version) });
  } catch (error) {
    if (error instanceof MasterRecordNotFoundError) return problem(404, 'Not found', error.message);
    throw error;
  }
}

export const handler = apiHandler(readMasterData, masterDataReadRoute, config);
