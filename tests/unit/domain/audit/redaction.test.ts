import { describe, expect, it } from 'vitest';
import { attributeChanges } from '../../../../shared/compliance/domain/audit/diff.js';
import { personalFingerprint, redactedFingerprint, redactSecrets } from '../../../../shared/compliance/domain/audit/redaction.js';
import { marshall } from '@aws-sdk/util-dynamodb';
import { auditContentOf, chainOf } from '../../../../shared/compliance/domain/audit/subject.js';
import { StreamRecord, tableChangeOf } from '../../../../shared/compliance/services/audit/record-changes.js';

const token = 'AQCEAAAAKgAAAAMAAAAAAAAAAb3+secret-task-token';

describe('given an item image on its way into the audit trail', () => {
  it('when it carries a task token, then the token is replaced by a short fingerprint and everything else is kept', () => {
    const redacted = redactSecrets({ PK: 'APPROVAL#x', status: 'PENDING', taskToken: token });
    expect(redacted).toEqual({ PK: 'APPROVAL#x', status: 'PENDING', taskToken: redactedFingerprint(token) });
    expect(JSON.stringify(redacted)).not.toContain('secret-task-token');
    expect(redacted.taskToken).toMatch(/^redacted:sha256:[0-9a-f]{16}$/);
  });

  it('when it carries no secret, then it is passed through unchanged', () => {
    const image = { PK: 'ORDER#1', status: 'RECEIVED' };
    expect(redactSecrets(image)).toBe(image);
  });

  it('when a token is replaced by another (a retried pick request), then the diff still shows that it changed, without either value', () => {
    const changes = attributeChanges(redactSecrets({ taskToken: `${token}-1` }), redactSecrets({ taskToken: `${token}-2` }));
    expect(changes).toHaveLength(1);
    expect(JSON.stringify(changes)).not.toContain('secret-task-token');
  });

  it('when the same token is written again, then the diff shows no change', () => {
    expect(attributeChanges(redactSecrets({ taskToken: token }), redactSecrets({ taskToken: token }))).toEqual([]);
  });
});

describe('given a recall acknowledgement link on its way into the audit trail', () => {
  const ackId = 'Zq3n-secret-ack-id-160-bits-xxxxxxxxx';
  const streamRecord = (eventName: 'INSERT' | 'MODIFY', NewImage: Record<string, unknown>, Keys: Record<string, unknown>) =>
    StreamRecord.parse({ eventID: 'ev-1', eventName, dynamodb: { ApproximateCreationDateTime: 1_764_000_000, Keys, NewImage } });

  it('when the link item (keyed by the ack id) is inserted, then neither its chain, its entity key nor its image holds the id, only its fingerprint', () => {
    const change = tableChangeOf(
      streamRecord(
        'INSERT',
        {
          PK: { S: `RECALLACK#${ackId}` },
          SK: { S: 'RECALLACK' },
          _et: { S: 'RecallAck' },
          ackId: { S: ackId },
          recallId: { S: 'RCL-1' },
          customerId: { S: 'CUST-1' },
          changedBy: { S: 'system:recall-notify' },
        },
        { PK: { S: `RECALLACK#${ackId}` }, SK: { S: 'RECALLACK' } },
      ),
      new Date(),
    );
    const content = auditContentOf(change);
    expect(chainOf(change.keys)).toBe(`RECALLACK#${redactedFingerprint(ackId)}`);
    expect(content.entityKey).toBe(`RECALLACK#${redactedFingerprint(ackId)}|RECALLACK`);
    expect(content.after).toMatchObject({ ackId: redactedFingerprint(ackId), recallId: 'RCL-1', customerId: 'CUST-1' });
    expect(JSON.stringify({ chain: chainOf(change.keys), content })).not.toContain(ackId);
  });

  it('when a consignee (which carries the ack id for its letter) is written, then the trail keeps the fingerprint, matching the link item', () => {
    const change = tableChangeOf(
      streamRecord(
        'INSERT',
        { PK: { S: 'RECALL#RCL-1' }, SK: { S: 'CONSIGNEE#CUST-1' }, _et: { S: 'RecallConsignee' }, ackId: { S: ackId }, legalName: { S: 'Clinic' } },
        { PK: { S: 'RECALL#RCL-1' }, SK: { S: 'CONSIGNEE#CUST-1' } },
      ),
      new Date(),
    );
    const content = auditContentOf(change);
    expect(content.after).toMatchObject({ ackId: redactedFingerprint(ackId), legalName: 'Clinic' });
    expect(JSON.stringify(content)).not.toContain(ackId);
  });
});

describe('given a customer master-data change on its way into the audit trail', () => {
  const customerImage = (contactEmail: string) => ({
    PK: 'CUSTOMER#CUST-ACME',
    SK: 'VERSION#3',
    legalName: 'Acme Hospital',
    contactEmail,
    creditLimit: '50000.00',
  });
  const change = (before: string, after: string) =>
    tableChangeOf(
      StreamRecord.parse({
        eventID: 'ev-7',
        eventName: 'MODIFY',
        dynamodb: {
          ApproximateCreationDateTime: 1_764_000_000,
          Keys: { PK: { S: 'CUSTOMER#CUST-ACME' }, SK: { S: 'VERSION#3' } },
          OldImage: marshall(customerImage(before)),
          NewImage: marshall(customerImage(after)),
        },
      }),
      new Date(),
    );

  it('when its contact e-mail changes, then the trail references both addresses by fingerprint and copies neither', () => {
    const recorded = change('jane.buyer@acme.example', 'john.buyer@acme.example');

    expect(JSON.stringify(recorded)).not.toMatch(/buyer@acme/);
    expect(recorded.before?.contactEmail).toBe(personalFingerprint('jane.buyer@acme.example'));
    expect(recorded.after?.contactEmail).toMatch(/^personal:sha256:[0-9a-f]{16}$/);
    expect(attributeChanges(recorded.before ?? {}, recorded.after ?? {}).map((entry) => entry.field)).toEqual(['contactEmail']);
    expect(recorded.after?.legalName).toBe('Acme Hospital');
  });

  it('when the address is only re-cased, then the fingerprint is the same, so no change is recorded', () => {
    const recorded = change('Jane.Buyer@ACME.example', 'jane.buyer@acme.example');
    expect(attributeChanges(recorded.before ?? {}, recorded.after ?? {})).toEqual([]);
  });
});
