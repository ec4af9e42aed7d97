import { DEFAULT_PARTNERS } from '../config.js';
import type { Channel, Partner } from '../../shared/platform/channels.js';

/** Demo master data for a local stack: enough to place, approve and archive orders. */
export const DEMO_PRICE_LIST = { priceListId: 'PL-EU-2026', name: 'EU hospital list 2026', currency: 'EUR' };

export const DEMO_CUSTOMERS = [
  {
    customerId: 'CUST-ACME',
    legalName: 'ACME University Hospital',
    status: 'ACTIVE' as const,
    creditLimit: '50000.00',
    currency: 'EUR',
    priceListId: DEMO_PRICE_LIST.priceListId,
    paymentTermsDays: 30,
    minRemainingShelfLifeDays: 90,
    contactEmail: 'purchasing@acme-hospital.example',
    channels: ['portal', 'edi', 'batch'] as Channel[],
    licences: (['I', 'IIa', 'IIb', 'III'] as const).map((deviceClass) => ({ deviceClass, number: `DE-${deviceClass}-4711`, expiry: '2027-12-31' })),
  },
  {
    customerId: 'CUST-SMALL',
    legalName: 'Small Practice GmbH',
    status: 'ACTIVE' as const,
    creditLimit: '1000.00',
    currency: 'EUR',
    priceListId: DEMO_PRICE_LIST.priceListId,
    paymentTermsDays: 14,
    minRemainingShelfLifeDays: 30,
    contactEmail: 'office@small-practice.example',
    channels: ['portal', 'edi', 'batch'] as Channel[],
    licences: (['I', 'IIa'] as const).map((deviceClass) => ({ deviceClass, number: `AT-${deviceClass}-0815`, expiry: '2027-06-30' })),
  },
  {
    customerId: 'CUST-BLOCKED',
    legalName: 'Closed Clinic Ltd',
    status: 'BLOCKED' as const,
    creditLimit: '0.00',
    currency: 'EUR',
    priceListId: DEMO_PRICE_LIST.priceListId,
    paymentTermsDays: 30,
    minRemainingShelfLifeDays: 30,
    contactEmail: 'admin@closed-clinic.example',
    channels: ['portal'] as Channel[],
  },
];

export const DEMO_PRODUCTS = [
  {
    gtin: '05012345678900',
    name: 'Sterile syringe 5 ml (box of 100)',
    deviceClass: 'IIa' as const,
    unitPrice: '14.50',
    shelfLifeDays: 1825,
    retentionYears: 10,
  },
  {
    gtin: '05012345678917',
    name: 'Nitrile examination gloves M (box of 200)',
    deviceClass: 'I' as const,
    unitPrice: '12.90',
    shelfLifeDays: 1095,
    retentionYears: 10,
  },
  { gtin: '05012345678924', name: 'Coronary stent 3.0 x 18 mm', deviceClass: 'III' as const, unitPrice: '850.00', shelfLifeDays: 730, retentionYears: 15 },
];

export const DEMO_LOTS = [
  { gtin: '05012345678900', lotNumber: 'SY2611A', expiry: '2027-01-31', quantity: 500, status: 'RELEASED' as const },
  { gtin: '05012345678900', lotNumber: 'SY2703B', expiry: '2027-09-30', quantity: 5000, status: 'RELEASED' as const },
  { gtin: '05012345678900', lotNumber: 'SY2705Q', expiry: '2028-01-31', quantity: 2000, status: 'QUARANTINED' as const },
  // Several e2e orders of 800 boxes share this lot (whichever allocates last must still find stock, whatever the file order).
  { gtin: '05012345678917', lotNumber: 'GL2609', expiry: '2028-06-30', quantity: 10000, status: 'RELEASED' as const },
  { gtin: '05012345678924', lotNumber: 'ST2610', expiry: '2028-03-31', quantity: 40, status: 'RELEASED' as const },
];

/** EDI trading partners: the interchange sender id (ISA06) names the partner, which orders for a customer. */
export const DEMO_TRADING_PARTNERS = [
  {
    partnerId: 'HOSPEDI01',
    name: 'ACME University Hospital purchasing (EDI)',
    interchangeQualifier: 'ZZ',
    customerId: 'CUST-ACME',
    locations: [{ qualifier: '92', code: 'SMALL-PRACTICE', customerId: 'CUST-SMALL' }],
  },
  { partnerId: 'CLINICEDI02', name: 'Small Practice group purchasing (EDI)', interchangeQualifier: 'ZZ', customerId: 'CUST-SMALL' },
];

/** The partner's own product ids (vendor catalogue, buyer part numbers) for the demo products. */
export const DEMO_PRODUCT_XREFS = [
  {
    partnerId: 'HOSPEDI01',
    entries: [
      { qualifier: 'VC', productId: 'SYR-5ML-100', gtin: '05012345678900' },
      { qualifier: 'BP', productId: 'ACME-4471', gtin: '05012345678900' },
      { qualifier: 'VC', productId: 'GLV-NIT-M-200', gtin: '05012345678917' },
      { qualifier: 'VC', productId: 'STENT-30-18', gtin: '05012345678924' },
    ],
  },
  { partnerId: 'CLINICEDI02', entries: [{ qualifier: 'VC', productId: 'GLV-NIT-M-200', gtin: '05012345678917' }] },
];

/**
 * Partners of the local stack only, for the tests: each orders for the
 * customers tests create (`CUST-T-…`, tests/support givenCustomer), the demo
 * customer and the bench's customers; the EDI one sends as the trading
 * partners tests create (ISA06 `T…`, tests/support/edi.ts).
 */
export const TEST_PARTNERS: Partner[] = [
  { id: 'test-portal', channel: 'portal', name: 'Test portal tenant', customers: ['CUST-T-*', 'CUST-BENCH-*', 'CUST-ACME'] },
  {
    id: 'test-edi',
    channel: 'edi',
    name: 'Test EDI trading partner',
    x12: { interchangeSenderIds: ['T*'], applicationSenderIds: ['T*'] },
    customers: ['CUST-T-*', 'CUST-ACME'],
  },
  { id: 'test-batch', channel: 'batch', name: 'Test marketplace', customers: ['CUST-T-*', 'CUST-ACME'] },
];

/** What the local stack (npm start, the emulator tests) deploys: the demo partners and the tests' own. */
export const LOCAL_PARTNERS: Partner[] = [...DEFAULT_PARTNERS, ...TEST_PARTNERS];

/** The partner npm start prints tokens for first, per channel. */
export const DEMO_PARTNER_OF: Record<Channel, string> = { portal: 'portal', edi: 'hospital-edi', batch: 'marketplace' };
/** The partner a test calls as unless it names another, per channel. */
export const TEST_PARTNER_OF: Record<Channel, string> = { portal: 'test-portal', edi: 'test-edi', batch: 'test-batch' };

/** One user per approver role (see the approval policy), a director at the end of every escalation chain, the order desk, warehouse and quality. */
export const DEMO_USERS = [
  { username: 'finance1', name: 'Fran Finance', email: 'fran.finance@o2c.example.com', groups: ['finance'], password: 'Finance-Demo-2026!' },
  { username: 'regulatory1', name: 'Rita Regulatory', email: 'rita.regulatory@o2c.example.com', groups: ['regulatory'], password: 'Regulatory-Demo-2026!' },
  { username: 'credit1', name: 'Carl Credit', email: 'carl.credit@o2c.example.com', groups: ['credit-controller'], password: 'Credit-Demo-2026!' },
  { username: 'sales1', name: 'Sam Sales', email: 'sam.sales@o2c.example.com', groups: ['sales-manager'], password: 'Sales-Demo-2026!' },
  {
    username: 'director1',
    name: 'Dana Director',
    email: 'dana.director@o2c.example.com',
    groups: ['finance-director', 'regulatory-director', 'sales-director'],
    password: 'Director-Demo-2026!',
  },
  { username: 'orderdesk1', name: 'Omar Orderdesk', email: 'omar.orderdesk@o2c.example.com', groups: ['order-desk'], password: 'OrderDesk-Demo-2026!' },
  { username: 'warehouse1', name: 'Wes Warehouse', email: 'wes.warehouse@o2c.example.com', groups: ['warehouse'], password: 'Warehouse-Demo-2026!' },
  { username: 'quality1', name: 'Quinn Quality', email: 'quinn.quality@o2c.example.com', groups: ['quality'], password: 'Quality-Demo-2026!' },
  { username: 'masterdata1', name: 'Mona Masterdata', email: 'mona.masterdata@o2c.example.com', groups: ['master-data'], password: 'MasterData-Demo-2026!' },
  { username: 'compliance1', name: 'Cora Compliance', email: 'cora.compliance@o2c.example.com', groups: ['compliance'], password: 'Compliance-Demo-2026!' },
  {
    username: 'receivables1',
    name: 'Remy Receivables',
    email: 'remy.receivables@o2c.example.com',
    groups: ['accounts-receivable'],
    password: 'Receivables-Demo-2026!',
  },
];
