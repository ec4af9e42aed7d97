import { describe, expect, it } from 'vitest';
import { attributeChanges } from '../../../../shared/compliance/domain/audit/diff.js';
import { redactedFingerprint, redactSecrets } from '../../../../shared/compliance/domain/audit/redaction.js';

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
