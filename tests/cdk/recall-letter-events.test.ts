import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, functionGrants, resourcesOf, synthesizedApp, type SynthesizedApp } from './synthesized-app.js';

let synthesized: SynthesizedApp;
let template: Template;
let grants: ReturnType<typeof functionGrants>;

beforeAll(() => {
  synthesized = synthesizedApp();
  template = synthesized.computeTemplate;
  grants = functionGrants(synthesized);
});

const statementsOf = (name: string) => grants.allowedFor(name);

describe('given the recall letters’ delivery reports', () => {
  it('when the SES configuration set is inspected, then its one event destination publishes deliveries, bounces and complaints to the letters’ topic', () => {
    template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    const destinations = Object.values(template.findResources('AWS::SES::ConfigurationSetEventDestination'));
    expect(destinations).toHaveLength(1);
    const destination = destinations[0]!.Properties.EventDestination as {
      MatchingEventTypes: string[];
      SnsDestination: { TopicARN: { Ref: string } };
      Enabled: boolean;
    };
    expect(destination.MatchingEventTypes.sort()).toEqual(['bounce', 'complaint', 'delivery']);
    expect(destination.Enabled).toBe(true);
    expect(destination.SnsDestination.TopicARN.Ref).toMatch(/^RecallsLetterEventsTopic/);
  });

  it('when the topic is inspected, then only SES of this account may publish, over TLS, and the recorder is its one subscriber', () => {
    const policy = Object.entries(template.findResources('AWS::SNS::TopicPolicy')).find(([id]) => id.startsWith('RecallsLetterEvents'))![1].Properties
      .PolicyDocument as {
      Statement: { Effect: string; Principal: unknown; Condition?: unknown }[];
    };
    expect(
      policy.Statement.some(
        (s) => s.Effect === 'Allow' && JSON.stringify(s.Principal).includes('ses.amazonaws.com') && JSON.stringify(s.Condition).includes('AWS:SourceAccount'),
      ),
    ).toBe(true);
    expect(policy.Statement.some((s) => s.Effect === 'Deny' && JSON.stringify(s.Condition).includes('aws:SecureTransport'))).toBe(true);
    const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription'));
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]!.Properties).toMatchObject({ Protocol: 'lambda' });
  });

  it('when the notify step is inspected, then it sends through the configuration set, and may send through it and as the sender only', () => {
    const notify = Object.values(template.findResources('AWS::Lambda::Function')).find((fn) =>
      JSON.stringify(fn.Properties.Environment ?? {}).includes('LETTER_CONFIGURATION_SET'),
    )!;
    expect(JSON.stringify(notify.Properties.Environment.Variables.LETTER_CONFIGURATION_SET)).toMatch(/RecallsLetterEventsLetterSet/);
    const send = statementsOf('RecallNotify').find((statement) => actionsOf(statement).includes('ses:SendEmail'))!;
    expect(resourcesOf(send)).toHaveLength(2);
    expect(JSON.stringify(resourcesOf(send))).toMatch(/configuration-set\/.*RecallsLetterEventsLetterSet/);
  });

  it('when the recorder’s grants are listed, then it may read and update table items and nothing else', () => {
    const actions = statementsOf('RecallLetterEvents')
      .flatMap(actionsOf)
      .filter((action) => action.startsWith('dynamodb:'));
    expect(actions.sort()).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    expect(
      statementsOf('RecallLetterEvents')
        .flatMap(actionsOf)
        .filter((action) => /^(s3|kms|ses|states):/.test(action)),
    ).toEqual([]);
  });
});

describe('given the close route', () => {
  it('when its function is inspected, then only regulatory may close and it may delete claims, archive under recalls/ and sign, nothing more', () => {
    const close = Object.values(template.findResources('AWS::Lambda::Function')).find(
      (fn) =>
        JSON.stringify(fn.Properties.Environment ?? {}).includes('"ALLOWED_GROUPS":"regulatory"') &&
        JSON.stringify(fn.Properties.Environment).includes('AUDIT_BUCKET'),
    )!;
    expect(close).toBeDefined();
    const actions = new Set(statementsOf('CloseRecall').flatMap(actionsOf));
    expect([...actions].filter((action) => /^(s3|kms):/.test(action)).sort()).toEqual(['kms:Sign', 's3:PutObject', 's3:PutObjectRetention']);
    expect(actions.has('dynamodb:DeleteItem')).toBe(true);
    expect(actions.has('dynamodb:PutItem')).toBe(false);
  });
});
