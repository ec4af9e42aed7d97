export function orderLinks(orderId: string): Record<string, string> {
  return { self: `/v1/orders/${encodeURIComponent(orderId)}` };
}

export function approvalPath(approvalId: string): string {
  return `/v1/approvals/${encodeURIComponent(approvalId)}`;
}
