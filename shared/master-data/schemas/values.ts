import { z } from 'zod';

/**
 * The closed value sets of master records, declared once: the request schemas
 * (master-data.ts), the entities, the approval policy and the domain rules all
 * take them from here. A leaf module (zod only), so schemas of other contexts
 * that master-data.ts itself imports can use it without an import cycle.
 */

export const DEVICE_CLASSES = ['I', 'IIa', 'IIb', 'III'] as const;
export const DeviceClass = z.enum(DEVICE_CLASSES).meta({ description: 'EU MDR device class' });
export type DeviceClass = z.infer<typeof DeviceClass>;

export const CUSTOMER_STATUSES = ['ACTIVE', 'BLOCKED'] as const;
export const CustomerStatus = z.enum(CUSTOMER_STATUSES);
export type CustomerStatus = z.infer<typeof CustomerStatus>;

export const REGULATORY_STATUSES = ['RELEASED', 'ON_HOLD'] as const;
export const RegulatoryStatus = z.enum(REGULATORY_STATUSES);
export type RegulatoryStatus = z.infer<typeof RegulatoryStatus>;
