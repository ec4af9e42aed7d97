import { z } from 'zod';
import { jsonOf } from './config.js';

/** The sales channels: each trading partner or tenant calls on one of them, with an app client of its own. */
export const CHANNELS = ['portal', 'edi', 'batch'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/**
 * An id, or a family of ids written as a prefix followed by `*` (`CUST-T-*`
 * matches every id that starts with `CUST-T-`). A lone `*` is not allowed:
 * a partner is always bound to something narrower than "everything".
 */
const IdOrPrefix = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*\*?$/, 'an id, or a prefix ending in * (e.g. CUST-T-*)')
  .max(64);

/** An X12 sender id (ISA06 is 15 characters, GS02 up to 15), or a prefix ending in *. */
const X12SenderId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*\*?$/, 'an X12 sender id, or a prefix ending in *')
  .max(16);

/**
 * A trading partner, marketplace or portal tenant: who may call, on which
 * channel, as which X12 senders, and for which customers. Declared once, in
 * the deployment's `partners` setting (infra/config.ts); CDK gives each one an
 * app client of its own, so a caller's partner comes from its token.
 */
export const Partner = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and -, at most 40 characters (it names the app client)'),
    channel: Channel,
    name: z.string().min(1).max(100).optional(),
    /** EDI only: the interchange sender ids (ISA06) and application sender codes (GS02) this partner may send as. */
    x12: z
      .object({
        interchangeSenderIds: z.array(X12SenderId).min(1).max(20),
        applicationSenderIds: z.array(X12SenderId).min(1).max(20),
      })
      .strict()
      .optional(),
    /** The customers this partner may order for. */
    customers: z.array(IdOrPrefix).min(1).max(200),
  })
  .strict()
  .refine((partner) => (partner.channel === 'edi') === (partner.x12 !== undefined), {
    message: 'an EDI partner declares its x12 sender ids, and only an EDI partner does',
    path: ['x12'],
  });
export type Partner = z.infer<typeof Partner>;

export const Partners = z
  .array(Partner)
  .min(1)
  .superRefine((partners, ctx) => {
    const seen = new Set<string>();
    for (const [index, partner] of partners.entries()) {
      if (seen.has(partner.id)) ctx.addIssue({ code: 'custom', message: `partner id ${partner.id} is declared twice`, path: [index, 'id'] });
      seen.add(partner.id);
    }
  });
export type Partners = z.infer<typeof Partners>;

/** Whether `id` is one of `patterns` (exact ids, or prefixes ending in `*`). */
export function matchesAny(patterns: readonly string[], id: string): boolean {
  return patterns.some((pattern) => (pattern.endsWith('*') ? id.startsWith(pattern.slice(0, -1)) : id === pattern));
}

/** Whether the partner may place orders for this customer. */
export const partnerMayOrderFor = (partner: Pick<Partner, 'customers'>, customerId: string): boolean => matchesAny(partner.customers, customerId);

/** The caller an app client stands for: its channel and the partner it was issued to. */
export const ChannelClient = z.object({ channel: Channel, partnerId: z.string().min(1) }).strict();
export type ChannelClient = z.infer<typeof ChannelClient>;

/**
 * The CHANNEL_CLIENTS setting: app client id to the channel and partner it
 * was issued to, set at deploy from the user pool's clients
 * (shared/platform/http/caller.ts reads callers with it; route declarations
 * name it in their settings).
 */
export const ChannelClients = jsonOf(z.record(z.string(), ChannelClient));

/** The PARTNERS setting: the deployment's partners, for the functions that place orders. */
export const PartnersSetting = jsonOf(Partners);

/** The partner a caller's token names, from the PARTNERS setting (undefined for staff, or a partner not declared). */
export function partnerOf(partners: readonly Partner[], partnerId: string | undefined): Partner | undefined {
  return partnerId === undefined ? undefined : partners.find((partner) => partner.id === partnerId);
}
