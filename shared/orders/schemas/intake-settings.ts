import { z } from 'zod';
import { ChannelClients, PartnersSetting } from '../../platform/channels.js';
import { tableConfig } from '../../platform/config.js';

/**
 * What every function that places orders reads (the portal, EDI and batch
 * intakes): the order workflow to start, the near-duplicate window, and the
 * partners (the customers each may order for, an EDI partner's senders).
 */
export const placingSettings = tableConfig.extend({
  STATE_MACHINE_ARN: z.string().min(1),
  NEAR_DUPLICATE_WINDOW_HOURS: z.coerce.number().positive(),
  PARTNERS: PartnersSetting,
});

/** An intake route also identifies the calling channel from its token. */
export const intakeRouteSettings = placingSettings.extend({ CHANNEL_CLIENTS: ChannelClients });
