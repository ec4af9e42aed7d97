import { latestPickTask, pendingPicks, type PickTaskRecord } from '../data/pick-repository.js';
import { z } from 'zod';
import type { PickTaskView } from '../schemas/shipment.js';

/** A work-list page position as the client sends it back: the index keys of the last task seen, base64url JSON. */
export const PickCursor = z
  .string()
  .max(2000)
  .transform((text, ctx) => {
    try {
      return JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a cursor returned by this list' });
      return z.NEVER;
    }
  })
  .pipe(z.object({ PK: z.string(), SK: z.string(), GSI1PK: z.string(), GSI1SK: z.string() }).strict());
export type PickCursor = z.infer<typeof PickCursor>;

/** The warehouse's view of a pick task: never the task token, nor the item's bookkeeping (audit fields, the table's own timestamps). */
export function viewPickTask(task: PickTaskRecord): PickTaskView {
  const {
    taskToken: _token,
    pendingKey: _key,
    pendingSort: _sort,
    changedBy: _by,
    changeReason: _why,
    scans: _scans,
    picked: _picked,
    created: _created,
    modified: _modified,
    ...view
  } = task;
  return view;
}

/** One page of orders waiting to be picked, oldest first, each with its allocated lots and serials. */
export async function pickWorkList(limit: number, cursor?: PickCursor): Promise<{ picks: PickTaskView[]; next?: string }> {
  const page = await pendingPicks(limit, cursor);
  return {
    picks: page.tasks.map(viewPickTask),
    ...(page.next ? { next: Buffer.from(JSON.stringify(page.next), 'utf8').toString('base64url') } : {}),
  };
}

/** The current pick task of one order (the scanner's lookup after reading the order id off the pick list). */
export async function pickTaskOf(orderId: string): Promise<PickTaskView | undefined> {
  const task = await latestPickTask(orderId);
  return task ? viewPickTask(task) : undefined;
}
