import { EdiInterchangeResult, PoAcknowledgmentView } from './edi.js';

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const x12Body = (description: string) => ({ type: 'string', description });
const security = [{ channelToken: [] }];

/** The EDI X12 channel's routes of the OpenAPI document (see openapi.ts). */
export function ediPaths() {
  void [EdiInterchangeResult, PoAcknowledgmentView];
  return {
    '/v1/channels/edi/x12': {
      post: {
        operationId: 'receiveX12Interchange',
        summary: 'Send an X12 interchange of 850 purchase orders (EDI channel token); answered with the 997',
        description:
          'ISA..IEA holding one or more functional groups (GS*PO) of 850s; separators are read from the ISA. Each valid 850 becomes an order (channel edi, customerPo = BEG03); a bad transaction set is rejected in the 997 while the others proceed. Sending the same interchange again (same sender and ISA13) creates nothing and returns the same answer.',
        security,
        parameters: [
          { name: 'Accept', in: 'header', required: false, schema: { type: 'string', enum: ['application/edi-x12', 'application/json'] }, description: 'application/json for the summary (order ids per transaction set) instead of the 997' },
        ],
        requestBody: { required: true, content: { 'application/edi-x12': { schema: x12Body('The X12 interchange, at most 2 MB') } } },
        responses: {
          '200': {
            description: 'At least one order was created (or was already created by this interchange)',
            content: { 'application/edi-x12': { schema: x12Body('The 997 functional acknowledgment') }, 'application/json': { schema: ref('EdiInterchangeResult') } },
          },
          '400': problemResponse('Not an X12 interchange (binary, truncated, ISA/IEA or group counts wrong); nothing was written'),
          '401': { description: 'No or invalid bearer token' },
          '403': problemResponse('The caller is not the EDI channel client'),
          '409': problemResponse('The only 850 repeats a customer PO already ordered (from any channel): orderId and links name that order; functionalAck holds the 997'),
          '413': problemResponse('Larger than 2 MB'),
          '422': problemResponse('Every transaction set was rejected (the 997 with Accept: application/edi-x12), the sender is not a known trading partner, or the ISA13 was reused with other content; nothing was written'),
        },
      },
    },
    '/v1/channels/edi/x12/acks/{controlNumber}': {
      get: {
        operationId: 'getPoAcknowledgment',
        summary: 'The 855 purchase order acknowledgment of an EDI order (EDI channel token; only acknowledgments of its own orders)',
        security,
        parameters: [
          { name: 'controlNumber', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{1,9}$' }, description: 'Its interchange control number, given in the intake summary as ackControlNumber' },
          { name: 'Accept', in: 'header', required: false, schema: { type: 'string', enum: ['application/edi-x12', 'application/json'] } },
        ],
        responses: {
          '200': { description: 'The 855', content: { 'application/edi-x12': { schema: x12Body('The 855 interchange') }, 'application/json': { schema: ref('PoAcknowledgment') } } },
          '401': { description: 'No or invalid bearer token' },
          '403': problemResponse('The caller is not the EDI channel client'),
          '404': problemResponse('No such acknowledgment for this client, or not issued yet (it comes once the order is priced or rejected)'),
        },
      },
    },
  };
}
