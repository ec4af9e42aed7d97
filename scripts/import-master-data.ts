/**
 * Bulk import of master data from CSV into a running stack (local or AWS):
 *
 *   npm run import:master-data -- [--table <TableName>] [--actor <name>] customers=customers.csv products=products.csv price-lists=lists.csv
 *
 * Every file is parsed and validated first; if any row of any file is bad,
 * every bad row is reported as file:line and nothing is imported. Then each
 * record is created or updated as a new master-data version (products first,
 * then price lists, then customers); a record whose data is unchanged writes
 * nothing, so importing the same files again changes nothing. Without
 * --table, the table of the local stack (AWS_ENDPOINT_URL) is used.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IMPORTABLE_KINDS, validateCsv, type ImportableKind, type ValidatedImport } from '../shared/master-data/services/master-data-csv.js';

interface Options {
  table?: string;
  actor: string;
  files: { kind: ImportableKind; file: string }[];
}

function parseArgs(argv: string[]): Options {
  const options: Options = { actor: `import:${os.userInfo().username}`, files: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--table') options.table = argv[++i];
    else if (arg === '--actor') options.actor = argv[++i] ?? options.actor;
    else {
      const [kind, file] = arg.split('=');
      if (!file || !(IMPORTABLE_KINDS as readonly string[]).includes(kind!)) {
        throw new Error(`not understood: ${arg}; expected <kind>=<file.csv> with kind one of ${IMPORTABLE_KINDS.join(', ')}`);
      }
      options.files.push({ kind: kind as ImportableKind, file });
    }
  }
  if (options.files.length === 0) throw new Error(`nothing to import; pass ${IMPORTABLE_KINDS.map((k) => `${k}=<file.csv>`).join(' ')}`);
  return options;
}

function progressBar(done: number, total: number): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
}

export async function importMasterData(
  argv: string[],
  out: { log: (s: string) => void; progress: (s: string) => void },
): Promise<ImportSummary | { errors: string[] }> {
  const options = parseArgs(argv);
  const validated: (ValidatedImport & { file: string })[] = options.files.map(({ kind, file }) => ({ ...validateCsv(kind, readFileSync(file, 'utf8')), file }));
  const errors = validated.flatMap(({ file, errors: fileErrors }) => fileErrors.map((error) => `${path.basename(file)}:${error.line}: ${error.message}`));
  if (errors.length > 0) return { errors };

  if (options.table) process.env.TABLE_NAME = options.table;
  if (!process.env.TABLE_NAME) {
    const { useLocalAws } = await import('../infra/local/settings.js');
    const { readOutputs } = await import('../infra/local/deploy.js');
    useLocalAws();
    process.env.TABLE_NAME = readOutputs().TableName;
  }
  const { upsertMasterRecord } = await import('../shared/master-data/services/master-data.js');
  const order: ImportableKind[] = ['products', 'price-lists', 'customers'];
  const records = order.flatMap((kind) =>
    validated.filter((v) => v.kind === kind).flatMap((v) => v.records.map((record) => ({ kind, file: path.basename(v.file), ...record }))),
  );
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0 };
  out.log(`importing ${records.length} record(s) into ${process.env.TABLE_NAME} as ${options.actor}`);
  for (const [index, record] of records.entries()) {
    // The audit trail names the import as the actor and the file (and who ran it) as the reason.
    const change = { changedBy: 'system:import', changeReason: `master-data import of ${record.file} by ${options.actor}` };
    const { record: written, written: changed } = await upsertMasterRecord(record.kind, record.data, options.actor, new Date(), change);
    if (!changed) summary.unchanged += 1;
    else if (written.version === 1) summary.created += 1;
    else summary.updated += 1;
    out.progress(progressBar(index + 1, records.length));
  }
  return summary;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const tty = process.stderr.isTTY;
  try {
    const result = await importMasterData(process.argv.slice(2), {
      log: (s) => console.error(s),
      progress: (s) => (tty ? process.stderr.write(`\r${s}`) : undefined),
    });
    if (tty) process.stderr.write('\n');
    if ('errors' in result) {
      console.error(`${result.errors.length} bad row(s); nothing was imported:`);
      for (const error of result.errors) console.error(`  ${error}`);
      process.exit(1);
    }
    console.log(`created ${result.created}, updated ${result.updated}, unchanged ${result.unchanged}`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}
