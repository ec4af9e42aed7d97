/**
 * The size limits of every order, however it came to be (placed on any channel or grown by merges): they keep an
 * order within one DynamoDB item and one allocation transaction, and its lines scannable at the packing station.
 */
export const MAX_ORDER_LINES = 20;
export const MAX_LINE_QUANTITY = 100_000;
