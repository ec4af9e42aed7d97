export function orderLinks(orderId: string): Record<string, string> {
  return { self: `/v1/orders/${encodeURIComponent(orderId)}` };
}

export function approvalPath(approvalId: string): string {
  return `/v1/approvals/${encodeURIComponent(approvalId)}`;
}

/** Where a held possible duplicate is resolved. */
export function resolutionLinks(orderId: string): Record<string, string> {
  const self = `/v1/orders/${encodeURIComponent(orderId)}`;
  return { merge: `${self}/merge`, keep: `${self}/keep`, cancel: `${self}/cancel` };
}
