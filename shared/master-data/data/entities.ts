import { Entity } from 'dynamodb-toolbox/entity';
import { boolean, item, list, map, number, string } from 'dynamodb-toolbox/schema';
import { prefix } from 'dynamodb-toolbox/transformers/prefix';
import { table } from '../../platform/data/table.js';
import { CUSTOMER_STATUSES, DEVICE_CLASSES, REGULATORY_STATUSES } from '../schemas/values.js';

export const CustomerEntity = new Entity({
  name: 'Customer',
  table,
  schema: item({
    customerId: string().key().transform(prefix('CUSTOMER')).savedAs('PK'),
    recordType: string().key().const('PROFILE').savedAs('SK').hidden(),
    legalName: string(),
    status: string().enum(...CUSTOMER_STATUSES),
    creditLimit: string(),
    currency: string(),
    /** Deprecated: base price lists apply to everyone (see the pricing engine). */
    priceListId: string().optional(),
    paymentTermsDays: number(),
    minRemainingShelfLifeDays: number(),
    contactEmail: string(),
    licences: list(map({ deviceClass: string().enum(...DEVICE_CLASSES), number: string(), expiry: string() })).optional(),
    /** Who wrote this and why, for the stream-derived audit trail (optional only because items written before it lack it; every writer sets it). */
    changedBy: string().optional(),
    changeReason: string().optional(),
  }),
});

export const ProductEntity = new Entity({
  name: 'Product',
  table,
  schema: item({
    gtin: string().key().transform(prefix('PRODUCT')).savedAs('PK'),
    recordType: string().key().const('PROFILE').savedAs('SK').hidden(),
    name: string(),
    deviceClass: string().enum(...DEVICE_CLASSES),
    regulatoryStatus: string().enum(...REGULATORY_STATUSES),
    unitOfMeasure: string(),
    lotControlled: boolean(),
    serialControlled: boolean(),
    shelfLifeDays: number(),
    retentionYears: number(),
    /** Who wrote this and why, for the stream-derived audit trail (optional only because items written before it lack it; every writer sets it). */
    changedBy: string().optional(),
    changeReason: string().optional(),
  }),
});
