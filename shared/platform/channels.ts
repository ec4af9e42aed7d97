import { z } from 'zod';
import { jsonOf } from './config.js';

/** The sales channels: each is its own app client of the user pool, and a caller's channel comes from its token. */
export const CHANNELS = ['portal', 'edi', 'batch'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/**
 * The CHANNEL_CLIENTS setting: app client id to the sales channel each one is,
 * set at deploy from the user pool's clients (shared/platform/http/caller.ts
 * reads callers with it; route declarations name it in their settings).
 */
export const ChannelClients = jsonOf(z.record(z.string(), Channel));
