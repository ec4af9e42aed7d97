import { STAFF_GROUPS } from '../../platform/staff-groups.js';
import { z } from 'zod';
import { CalendarDateString, CurrencyCode, DecimalAmount, Gtin14, UnitPrice, UtcTimestamp } from '../../platform/schemas/common.js';
import { Address, Channel, UnitOfMeasure } from '../../orders/schemas/order.js';
import { CustomerStatus, DeviceClass, RegulatoryStatus } from './values.js';

/** Master data is versioned per record; these are the kinds and the id field of each. */
export const MASTER_KINDS = ['customers', 'products', 'price-lists', 'contracts', 'promotions', 'trading-partners', 'product-xrefs'] as const;
export const MasterKind = z.enum(MASTER_KINDS);
export type MasterKind = z.infer<typeof MasterKind>;

/** The path's record id (decoded), the query's asOf and the If-Match header of the master-data routes: checked and documented from these. */
export const MasterRecordIdParam = z.string().min(1).max(64, 'at most 64 characters');
export const MasterAsOf = z.iso.datetime();
export const MasterIfMatch = z
  .string()
  .regex(/^\s*(W\/)?"?\d{1,9}"?\s*$/)
  .meta({ description: 'The ETag (version) read, e.g. "3"' });

const Id = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9_-]{0,63}$/, 'upper-case letters, digits, "-" and "_", at most 64');
const Percent = DecimalAmount.refine((p) => !p.startsWith('-') && Number(p) <= 100, 'a percentage from 0 to 100');

const validityWindow = {
  validFrom: CalendarDateString.meta({ description: 'First day the record applies' }),
  validTo: CalendarDateString.optional().meta({ description: 'Last day the record applies (included); open-ended when absent' }),
};
const checkWindow = (value: { validFrom: string; validTo?: string | undefined }) => value.validTo === undefined || value.validTo >= value.validFrom;
const WINDOW_MESSAGE = { message: 'validTo must not be before validFrom', path: ['validTo'] };

export const TradeLicence = z
  .object({
    type: z.string().trim().min(1).max(40).default('distribution').meta({ description: 'e.g. "distribution", "pharmacy"' }),
    deviceClass: DeviceClass.meta({ description: 'The device class the licence covers' }),
    number: z.string().trim().min(1).max(40),
    expiry: CalendarDateString,
  })
  .strict()
  .meta({ id: 'TradeLicence' });

export const CustomerData = z
  .object({
    customerId: Id,
    legalName: z.string().trim().min(1).max(200),
    billTo: Address.optional(),
    shipTo: z.array(Address).max(50).default([]),
    channels: z.array(Channel).max(3).default([]),
    customerGroup: Id.optional().meta({ description: 'Selects customer-group price lists and promotions' }),
    status: CustomerStatus,
    creditLimit: UnitPrice,
    currency: CurrencyCode,
    paymentTermsDays: z.number().int().min(0).max(365),
    minRemainingShelfLifeDays: z.number().int().min(0).max(3650),
    contactEmail: z.email(),
    licences: z.array(TradeLicence).max(20).default([]),
    priceListId: Id.optional().meta({ description: 'Deprecated: base lists apply to everyone; kept for older readers' }),
  })
  .strict()
  .meta({ id: 'Customer' });
export type CustomerData = z.infer<typeof CustomerData>;

export const ProductData = z
  .object({
    gtin: Gtin14,
    name: z.string().trim().min(1).max(200),
    deviceClass: DeviceClass,
    regulatoryStatus: RegulatoryStatus,
    unitOfMeasure: UnitOfMeasure,
    lotControlled: z.boolean(),
    serialControlled: z.boolean(),
    shelfLifeDays: z.number().int().min(0).max(36500),
    retentionYears: z.number().int().min(1).max(100),
  })
  .strict()
  .meta({ id: 'Product' });
export type ProductData = z.infer<typeof ProductData>;

export const QuantityBreak = z
  .object({ minQuantity: z.number().int().min(2), unitPrice: UnitPrice })
  .strict()
  .meta({ id: 'QuantityBreak', description: 'From this many units on, this unit price' });

export const PriceLine = z
  .object({ gtin: Gtin14, unitPrice: UnitPrice, breaks: z.array(QuantityBreak).max(10).optional() })
  .strict()
  .refine((line) => new Set((line.breaks ?? []).map((b) => b.minQuantity)).size === (line.breaks ?? []).length, {
    message: 'two breaks with the same minimum quantity',
    path: ['breaks'],
  })
  .meta({ id: 'PriceLine' });

const uniqueGtins = (lines: readonly { gtin: string }[]) => new Set(lines.map((l) => l.gtin)).size === lines.length;

export const PriceListData = z
  .object({
    priceListId: Id,
    name: z.string().trim().min(1).max(200),
    currency: CurrencyCode,
    channel: Channel.optional().meta({ description: 'Only for orders from this channel' }),
    customerGroup: Id.optional().meta({ description: 'Only for customers of this group' }),
    ...validityWindow,
    lines: z.array(PriceLine).max(2000).refine(uniqueGtins, 'a GTIN appears twice'),
  })
  .strict()
  .refine(checkWindow, WINDOW_MESSAGE)
  .meta({ id: 'PriceList', description: 'No channel and no group: a base list for everyone' });
export type PriceListData = z.infer<typeof PriceListData>;

export const ContractData = z
  .object({
    contractId: Id,
    customerId: Id,
    currency: CurrencyCode,
    ...validityWindow,
    paymentTermsDays: z.number().int().min(0).max(365).optional(),
    lines: z.array(PriceLine).max(2000).refine(uniqueGtins, 'a GTIN appears twice').meta({ description: 'Contract prices; breaks are volume tiers' }),
  })
  .strict()
  .refine(checkWindow, WINDOW_MESSAGE)
  .meta({ id: 'Contract' });
export type ContractData = z.infer<typeof ContractData>;

export const PromotionData = z
  .object({
    promotionId: Id,
    name: z.string().trim().min(1).max(200),
    ...validityWindow,
    gtins: z.array(Gtin14).max(500).optional(),
    customerGroups: z.array(Id).max(50).optional(),
    channels: z.array(Channel).max(3).optional(),
    discount: z.discriminatedUnion('type', [
      z.object({ type: z.literal('PERCENT'), percent: Percent }).strict(),
      z.object({ type: z.literal('AMOUNT'), amount: UnitPrice, currency: CurrencyCode }).strict(),
    ]),
    stacksWithContract: z.boolean().default(false),
  })
  .strict()
  .refine(checkWindow, WINDOW_MESSAGE)
  .meta({ id: 'Promotion' });
export type PromotionData = z.infer<typeof PromotionData>;

const X12Code = z
  .string()
  .trim()
  .regex(/^[A-Z0-9]{1,3}$/, 'an X12 code such as ZZ, 92, VC');

export const TradingPartnerData = z
  .object({
    partnerId: Id.meta({ description: 'The interchange sender id (ISA06) or group sender code (GS02) the partner sends' }),
    name: z.string().trim().min(1).max(200),
    interchangeQualifier: X12Code.optional().meta({ description: 'ISA05 the partner sends with its id (e.g. ZZ, 01, 14); any when absent' }),
    customerId: Id.meta({ description: 'The customer orders from this partner are for, unless an N1 code says otherwise' }),
    locations: z
      .array(z.object({ qualifier: X12Code, code: z.string().trim().min(1).max(80), customerId: Id }).strict())
      .max(500)
      .default([])
      .meta({ description: 'N1 identification codes (N103 qualifier, N104 code) of buyers or ship-to locations that are other customers' }),
  })
  .strict()
  .meta({ id: 'TradingPartner', description: 'An EDI trading partner and the customers its purchase orders are for' });
export type TradingPartnerData = z.infer<typeof TradingPartnerData>;

export const ProductXrefData = z
  .object({
    partnerId: Id.meta({ description: 'The trading partner whose product ids these are' }),
    entries: z
      .array(
        z
          .object({
            qualifier: X12Code.meta({ description: 'PO1 product id qualifier: VC, VP, IN, BP, SK, ...' }),
            productId: z.string().trim().min(1).max(48),
            gtin: Gtin14,
          })
          .strict(),
      )
      .max(5000)
      .refine((entries) => new Set(entries.map((e) => `${e.qualifier}:${e.productId}`)).size === entries.length, 'a qualifier and product id appear twice'),
  })
  .strict()
  .meta({ id: 'ProductXref', description: "A partner's product ids (catalogue numbers, buyer part numbers) mapped to GTINs" });
export type ProductXrefData = z.infer<typeof ProductXrefData>;

export const MASTER_SCHEMAS = {
  customers: CustomerData,
  products: ProductData,
  'price-lists': PriceListData,
  contracts: ContractData,
  promotions: PromotionData,
  'trading-partners': TradingPartnerData,
  'product-xrefs': ProductXrefData,
} as const;

export const ID_FIELD = {
  customers: 'customerId',
  products: 'gtin',
  'price-lists': 'priceListId',
  contracts: 'contractId',
  promotions: 'promotionId',
  'trading-partners': 'partnerId',
  'product-xrefs': 'partnerId',
} as const satisfies Record<MasterKind, string>;

export type MasterDataOf<K extends MasterKind> = z.infer<(typeof MASTER_SCHEMAS)[K]>;

export const MasterRecordView = z
  .object({
    kind: MasterKind,
    id: z.string(),
    version: z.number().int().positive(),
    recordedAt: UtcTimestamp,
    recordedBy: z.string(),
    previousVersion: z.number().int().positive().optional(),
    changes: z.array(z.string()).meta({ description: 'Top-level fields changed from the previous version' }),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'MasterRecord', description: 'One immutable version of a master-data record' });
export type MasterRecordView = z.infer<typeof MasterRecordView>;

export const MasterRecordList = z.object({ items: z.array(MasterRecordView) }).meta({ id: 'MasterRecordList' });

/** The user-pool group whose members may read and change master data. */
export const MASTER_DATA_GROUP = STAFF_GROUPS.masterData;
