/** Where an order's documents live in the archive bucket (the Archive step's grant is scoped to orders/). */
export const orderArchivePrefix = (orderId: string) => `orders/${orderId}/`;
