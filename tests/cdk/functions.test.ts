import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionsOf, synthesize, type FunctionInfo, type SynthesizedApp } from './synthesized-app.js';

let synthesized: SynthesizedApp;
let template: Template;
let functions: FunctionInfo[];

beforeAll(() => {
  synthesized = synthesize();
  template = synthesized.computeTemplate;
  functions = functionsOf(synthesized.compute);
});
afterAll(() => synthesized?.dispose());

const WORKFLOW_STEPS = ['Validate', 'Price', 'CreditCheck', 'RequestApproval', 'EscalateApproval', 'ConcludeApprovals', 'Allocate', 'RequestPick', 'ExpirePick', 'Ship', 'Invoice', 'Archive', 'Close', 'AcknowledgeOrder'];
const API_HANDLERS = ['PlaceOrder', 'ResolveDuplicate', 'GetOrder', 'ApprovalPage', 'ApprovalDecision', 'PendingApprovals', 'OpenApi', 'Health', 'MasterDataRead', 'MasterDataWrite'];
const INVENTORY_HANDLERS = ['ReceiveGoods', 'InspectLot', 'HoldLot', 'GetStock', 'GetLot', 'Trace', 'PickCheck'];
// Two API routes and the processor the upload bucket's notifications start.
const BATCH_CHANNEL = ['BatchUpload', 'BatchReport', 'BatchProcessor'];
const COMPLIANCE_HANDLERS = ['ComplianceDocuments', 'LegalHold', 'VerifyDocument'];
// The recall routes, its workflow steps, and the recorder of the letters' SES delivery reports.
const RECALL_FUNCTIONS = ['RecallContain', 'RecallNotify', 'RecallArchive', 'RecallFail', 'CreateRecall', 'GetRecall', 'CloseRecall', 'RecallAckPage', 'RecallAck', 'RecallLetterEvents'];
// The audit trail: the table stream's consumer, the hourly checkpoint, the compliance routes and the hourly archive sealer.
const AUDIT_FUNCTIONS = ['RecordChanges', 'Checkpoint', 'Compliance', 'Seal'];
const EDI_HANDLERS = ['EdiX12Intake', 'EdiX12Ack'];
const RECEIVABLES_HANDLERS = ['RecordPayment', 'GetInvoice'];
// Scan-to-ship: the warehouse work list and the confirmation that lets the workflow ship.
const WAREHOUSE_HANDLERS = ['WarehousePicks', 'ConfirmShipment'];
/** The table stream's two consumers: the audit trail and the domain event publisher. */
const STREAM_CONSUMERS = ['RecordChanges', 'Publisher'];
const ALL = [...WORKFLOW_STEPS, ...API_HANDLERS, ...INVENTORY_HANDLERS, ...BATCH_CHANNEL, ...COMPLIANCE_HANDLERS, ...RECALL_FUNCTIONS, ...AUDIT_FUNCTIONS, ...EDI_HANDLERS, ...RECEIVABLES_HANDLERS, ...WAREHOUSE_HANDLERS, 'Publisher'];

describe('given the compute stack', () => {
  it('when its functions are listed, then there is one per workflow step (orders and recalls), one per API route, the batch processor, the audit trail’s consumer and checkpoint and the event publisher, and nothing else', () => {
    expect(functions.map((fn) => fn.name).sort()).toEqual([...ALL].sort());
    template.resourceCountIs('AWS::Lambda::Function', ALL.length);
  });

  it('when the data stack is inspected, then it has no functions at all', () => {
    synthesized.dataTemplate.resourceCountIs('AWS::Lambda::Function', 0);
  });

  it('when every function is inspected, then each runs nodejs22.x on arm64 with active X-Ray tracing', () => {
    for (const [id, fn] of Object.entries(template.findResources('AWS::Lambda::Function'))) {
      expect(fn.Properties, id).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
    }
  });

  it('when every function is inspected, then each has its own execution role', () => {
    const roles = functions.map((fn) => fn.roleLogicalId);
    expect(new Set(roles).size).toBe(functions.length);
  });

  it('when every function is inspected, then each logs to its own log group kept for three months', () => {
    const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
    const logGroups = new Set<string>();
    for (const fn of functions) {
      const { LoggingConfig } = resources[fn.logicalId]!.Properties as { LoggingConfig: { LogGroup: { Ref: string } } };
      const logGroup = resources[LoggingConfig.LogGroup.Ref]!;
      expect(logGroup.Type, fn.name).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties.RetentionInDays, fn.name).toBe(90);
      logGroups.add(LoggingConfig.LogGroup.Ref);
    }
    expect(logGroups.size).toBe(functions.length);
  });

  it('when every function is inspected, then each carries the Powertools settings and source maps', () => {
    for (const [id, fn] of Object.entries(template.findResources('AWS::Lambda::Function'))) {
      expect(fn.Properties.Environment.Variables, id).toMatchObject({
        POWERTOOLS_SERVICE_NAME: 'order-to-cash',
        POWERTOOLS_METRICS_NAMESPACE: 'OrderToCash',
        NODE_OPTIONS: '--enable-source-maps',
      });
    }
  });

  it('when the functions that touch the table are inspected, then each is told the table name', () => {
    const resources = template.toJSON().Resources as Record<string, { Properties: { Environment: { Variables: Record<string, unknown> } } }>;
    // The stream consumers, the checkpoint and the sealer read the table's stream or the audit table (or nothing of it), not the table.
    for (const fn of functions.filter((fn) => !['OpenApi', 'Health', 'Checkpoint', 'Seal', ...STREAM_CONSUMERS].includes(fn.name))) {
      expect(resources[fn.logicalId]!.Properties.Environment.Variables, fn.name).toHaveProperty('TABLE_NAME');
    }
  });
});
