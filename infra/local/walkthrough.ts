import type { CalendarDate } from '../../shared/platform/domain/calendar-date.js';
import { addDays } from '../../shared/platform/domain/calendar-date.js';
import { assessCredit, type CreditDecision, type UnpaidInvoice } from '../../shared/approvals/domain/credit.js';
import { multiply, sum, type DecimalString } from '../../shared/platform/domain/money.js';
import type { StackOutputs } from './deploy.js';
import { DEMO_CUSTOMERS, DEMO_PRODUCTS } from './demo-data.js';
import { useLocalAws } from './settings.js';

/**
 * The README walkthrough's order ("From clone to an approved, archived
 * order"): 800 boxes of gloves for CUST-ACME, 10,320.00 EUR at the demo list
 * price, over the 10,000.00 finance threshold. npm start prints it and, from
 * the table as it is, whether it will still behave as the README says.
 */
export const WALKTHROUGH = { customerId: 'CUST-ACME', gtin: '05012345678917', quantity: 800 } as const;

/** infra/config.ts's default; local deployments do not set overdueGraceDays. */
export const LOCAL_OVERDUE_GRACE_DAYS = 15;

function demoProduct() {
  const product = DEMO_PRODUCTS.find((p) => p.gtin === WALKTHROUGH.gtin);
  if (!product) throw new Error(`walkthrough product ${WALKTHROUGH.gtin} is not in the demo data`);
  return product;
}

export function walkthroughTotal(): DecimalString {
  return multiply(demoProduct().unitPrice, WALKTHROUGH.quantity);
}

export function walkthroughCustomer() {
  const customer = DEMO_CUSTOMERS.find((c) => c.customerId === WALKTHROUGH.customerId);
  if (!customer) throw new Error(`walkthrough customer ${WALKTHROUGH.customerId} is not in the demo data`);
  return customer;
}

/** The walkthrough customer's position in the local table, and the gloves that can still be allocated to it. */
export interface WalkthroughPosition {
  customerStatus: 'ACTIVE' | 'BLOCKED';
  creditLimit: DecimalString;
  currency: string;
  openOrdersTotal: DecimalString;
  unpaidInvoices: UnpaidInvoice[];
  /** Boxes in released lots that keep the customer's minimum shelf life. */
  stockAvailable: number;
}

export interface WalkthroughForecast {
  orderTotal: DecimalString;
  /** What the credit check would decide for one more walkthrough order now. */
  credit: CreditDecision;
  /** How many more walkthrough orders fit under the limit (0 while any invoice is overdue or the customer is blocked). */
  ordersThatFit: number;
  /** How many more walkthrough orders the stock covers. */
  ordersInStock: number;
}

/** The credit check's own rule (shared/domain/credit.ts) applied to one more walkthrough order. */
export function forecastWalkthrough(position: WalkthroughPosition, asOf: CalendarDate, overdueGraceDays = LOCAL_OVERDUE_GRACE_DAYS): WalkthroughForecast {
  const orderTotal = walkthroughTotal();
  const terms = { asOf, overdueGraceDays };
  const credit = assessCredit(position, orderTotal, terms);
  // Each further order adds its total to the open orders; count until the rule says HOLD (bounded, for a huge limit).
  let ordersThatFit = 0;
  let openOrdersTotal = position.openOrdersTotal;
  while (ordersThatFit < 1000 && assessCredit({ ...position, openOrdersTotal }, orderTotal, terms).status === 'OK') {
    ordersThatFit += 1;
    openOrdersTotal = sum([openOrdersTotal, orderTotal]);
  }
  return { orderTotal, credit, ordersThatFit, ordersInStock: Math.floor(position.stockAvailable / WALKTHROUGH.quantity) };
}

/** Reads the position from the deployed table (the same entities and exposure index the credit check uses). */
export async function readWalkthroughPosition(outputs: StackOutputs, today: CalendarDate): Promise<WalkthroughPosition> {
  useLocalAws();
  process.env.TABLE_NAME = outputs.TableName;
  const [{ findCustomer }, { openExposureOf }, { lotsOf }] = await Promise.all([
    import('../../shared/master-data/data/master-data-repository.js'),
    import('../../shared/approvals/data/exposure-repository.js'),
    import('../../shared/inventory/data/stock-repository.js'),
  ]);
  const seeded = walkthroughCustomer();
  const [customer, exposure, lots] = await Promise.all([
    findCustomer(WALKTHROUGH.customerId),
    openExposureOf(WALKTHROUGH.customerId, ''),
    lotsOf(WALKTHROUGH.gtin),
  ]);
  const minShelfLifeDays = customer?.minRemainingShelfLifeDays ?? seeded.minRemainingShelfLifeDays;
  const usableFrom = addDays(today, minShelfLifeDays);
  return {
    customerStatus: customer?.status === 'BLOCKED' ? 'BLOCKED' : 'ACTIVE',
    creditLimit: customer?.creditLimit ?? seeded.creditLimit,
    currency: customer?.currency ?? seeded.currency,
    openOrdersTotal: exposure.openOrdersTotal,
    unpaidInvoices: exposure.unpaidInvoices,
    stockAvailable: lots.filter((lot) => lot.status === 'RELEASED' && lot.expiry >= usableFrom).reduce((total, lot) => total + lot.available, 0),
  };
}
