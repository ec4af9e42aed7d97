/** Timeline events that record a signature, not a change: signing one approval of an order does not bar signing another. */
const SIGNATURE_EVENTS: ReadonlySet<string> = new Set(['APPROVAL_SIGNED']);

export interface OrderAuthorship {
  /** The order's submitter (`user:…` or `client:…`). */
  submittedBy: string;
  /** The actors on the order's timeline, with the type of what they did. */
  timeline: readonly { type: string; actor: string }[];
  /** The submitters of the held orders merged into it: their lines are part of its content. */
  mergedOrderSubmitters: readonly string[];
}

/**
 * Everyone who placed or changed an order: its submitter, the submitters of
 * the orders merged into it, and every actor on its timeline except by
 * signing its approvals (a merge, keeping a held order as a separate order).
 * None of them may approve it: a signature must come from someone other
 * than the people whose work it approves.
 */
export function orderAuthors({ submittedBy, timeline, mergedOrderSubmitters }: OrderAuthorship): Set<string> {
  const changers = timeline.filter((event) => !SIGNATURE_EVENTS.has(event.type)).map((event) => event.actor);
  return new Set([submittedBy, ...mergedOrderSubmitters, ...changers]);
}

/** Whether the user (a directory user name) placed or changed the order. */
export function isOwnOrder(username: string, authorship: OrderAuthorship): boolean {
  return orderAuthors(authorship).has(`user:${username}`);
}
