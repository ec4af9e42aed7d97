/** Where the API stores an accepted upload; its creation starts the processor. */
export const uploadKey = (batchId: string) => `uploads/${batchId}.csv`;

/** An empty object whose creation starts the processor's next run of a batch, from `next`. */
export const continuationKey = (batchId: string, next: number) => `continuations/${batchId}/${next.toString().padStart(6, '0')}`;

/** The batch an S3 object belongs to: `uploads/<batchId>.csv` or `continuations/<batchId>/<position>`. */
export function batchIdOfKey(key: string): string | undefined {
  return /^uploads\/(BAT-[0-9A-Z]+)\.csv$/.exec(key)?.[1] ?? /^continuations\/(BAT-[0-9A-Z]+)\/\d+$/.exec(key)?.[1];
}
