import { CloudTrailClient, LookupEventsCommand, type Event } from '@aws-sdk/client-cloudtrail';

/**
 * Counts AWS API calls by "<service>:<EventName>" from MiniStack's CloudTrail
 * record (enabled by the bench), leaving out calls made with the bench's own
 * access key (its polling and setup): what remains are the functions' calls.
 * The emulator's LookupEvents returns at most 50 events, newest first, with no
 * paging token, so the window is walked backwards by event time.
 */
export async function apiCallsBetween(fromMs: number, toMs: number, excludeAccessKey: string): Promise<Record<string, number>> {
  const client = new CloudTrailClient({});
  const seen = new Set<string>();
  const counts: Record<string, number> = {};
  let end = toMs;
  for (;;) {
    const { Events = [] } = await client.send(new LookupEventsCommand({ StartTime: new Date(fromMs), EndTime: new Date(end), MaxResults: 50 }));
    const fresh = Events.filter((event) => event.EventId && !seen.has(event.EventId));
    for (const event of fresh) {
      seen.add(event.EventId!);
      if (event.AccessKeyId === excludeAccessKey) continue;
      const key = `${serviceOf(event)}:${event.EventName}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    if (Events.length < 50) return counts;
    const oldest = Math.min(...Events.map((event) => event.EventTime?.getTime() ?? end));
    // Event times come back at millisecond precision: step past a millisecond whose events were all seen.
    end = fresh.length > 0 ? oldest : oldest - 1;
    if (end < fromMs) return counts;
  }
}

function serviceOf(event: Event): string {
  return (event.EventSource ?? 'unknown').replace(/\.amazonaws\.com$/, '');
}
