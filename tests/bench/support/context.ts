import type { StackOutputs } from '../../../infra/local/deploy.js';
import type { ApiClient } from '../../support/stack.js';
import type { BenchData } from './bench-data.js';
import type { FunctionInfo } from './functions.js';
import type { BenchOptions } from './options.js';

/** Everything a benchmark needs about the stack it runs against. */
export interface BenchContext {
  options: BenchOptions;
  outputs: StackOutputs;
  api: ApiClient;
  data: BenchData;
  functions: FunctionInfo[];
  ddbProbeLog: string | null;
  /** The bench's own credentials: its polling and setup calls are told apart by this key and never counted. */
  benchAccessKey: string;
}
