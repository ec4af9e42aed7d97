import { loadConfig } from '../../shared/platform/config.js';
import { createRecallRoute } from '../../shared/recalls/routes.js';
import { idempotentOnKeyHeader } from '../../shared/platform/http/idempotency.js';
import { apiHandler, requireHeader, zodBody, type ParsedApiEvent } from '../../shared/platform/http/middleware.js';
import { json, problem } from '../../shared/platform/http/problems.js';
import { requireStaff } from '../../shared/platform/http/staff.js';
import { CreateRecallRequest } from '../../shared/recalls/schemas/recall.js';
import { createRecall, recallLinks } from '../../shared/recalls/services/create.js';

const config = loadConfig(createRecallRoute.settings);

const unknownNames = (gtin: string, unknown: { lots: string[]; serials: string[] }) =>
  [
    unknown.lots.length > 0 ? `GTIN ${gtin} lot(s) ${unknown.lots.join(', ')} were never received` : '',
    unknown.serials.length > 0 ? `GTIN ${gtin} serial(s) ${unknown.serials.join(', ')} were never received` : '',
  ]
    .filter(Boolean)
    .join('; ');

async function startRecall(event: ParsedApiEvent<CreateRecallRequest>) {
  const caller = requireStaff(event, config.ALLOWED_GROUPS);
  const outcome = await createRecall(event.body, caller.principal, config.RECALL_STATE_MACHINE_ARN);
  switch (outcome.result) {
    case 'ACCEPTED':
      return json(202, outcome.accepted, { location: outcome.accepted.links.self ?? '' });
    case 'UNKNOWN':
      return problem(422, 'Unknown lots or serials', `${unknownNames(event.body.gtin, outcome)}; nothing was recalled.`);
    case 'ALREADY_RECALLED': {
      const [first] = outcome.claims;
      return problem(409, 'Already recalled', `${outcome.message}; nothing was written.`, first ? { links: recallLinks(first.recallId) } : {});
    }
  }
}

export const handler = apiHandler(startRecall, createRecallRoute, config)
  .use(requireHeader('idempotency-key', 'it makes retries safe; send the same key when you retry the same recall'))
  .use(zodBody(CreateRecallRequest))
  .use(idempotentOnKeyHeader(config.TABLE_NAME, 'create-recall', 'user'));
