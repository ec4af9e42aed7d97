import Big from 'big.js';
import { compareDates, type CalendarDate } from '../../platform/domain/calendar-date.js';
import { equalAmounts, sum, toMoney, toUnitPrice, type DecimalString } from '../../platform/domain/money.js';
import type { CandidateLevel, CandidateStatus, PriceLevel } from '../schemas/pricing.js';

/**
 * The pricing engine: one price per order line, deterministically, with the
 * reason written down. Pure: the caller loads the master data in force at
 * the order time and freezes the result on the order.
 *
 * Precedence (README "Master data and pricing"):
 *  1. level: contract > customer-group list > channel list > base list;
 *  2. within a level: more specific scope (a list for group AND channel beats
 *     one for the group only), then the later valid-from, then the lower id;
 *  3. inside the chosen list or contract: the quantity break with the highest
 *     minimum quantity the line reaches;
 *  4. then at most one promotion per line (the largest discount per unit, ties
 *     as in 2.), and on a contract price only a promotion that stacks with
 *     contracts.
 * Rules in another currency than the order's are listed and skipped, never
 * converted. Unit prices keep four decimals (half-even); the line total is
 * rounded half-even to cents, and the order total is the sum of the rounded
 * line totals.
 */

export type { CandidateLevel, CandidateStatus, PriceLevel };
const LEVEL_RANK: Record<PriceLevel, number> = { CONTRACT: 0, CUSTOMER_GROUP: 1, CHANNEL: 2, BASE: 3 };

export interface QuantityBreak {
  minQuantity: number;
  unitPrice: DecimalString;
}

export interface PriceLine {
  gtin: string;
  unitPrice: DecimalString;
  breaks?: readonly QuantityBreak[] | undefined;
}

export interface PriceListTerms {
  priceListId: string;
  currency: string;
  channel?: string | undefined;
  customerGroup?: string | undefined;
  validFrom: CalendarDate;
  validTo?: CalendarDate | undefined;
  lines: readonly PriceLine[];
}

export interface ContractTerms {
  contractId: string;
  customerId: string;
  currency: string;
  validFrom: CalendarDate;
  validTo?: CalendarDate | undefined;
  /** Contract prices; `breaks` are the contract's volume tiers. */
  lines: readonly PriceLine[];
}

export type PromotionDiscount = { type: 'PERCENT'; percent: DecimalString } | { type: 'AMOUNT'; amount: DecimalString; currency: string };

export interface PromotionTerms {
  promotionId: string;
  validFrom: CalendarDate;
  validTo?: CalendarDate | undefined;
  /** Empty or absent: every product / group / channel. */
  gtins?: readonly string[] | undefined;
  customerGroups?: readonly string[] | undefined;
  channels?: readonly string[] | undefined;
  discount: PromotionDiscount;
  stacksWithContract: boolean;
}

export interface PricingMasterData {
  priceLists: readonly PriceListTerms[];
  contracts: readonly ContractTerms[];
  promotions: readonly PromotionTerms[];
}

export interface PricingContext {
  customerId: string;
  customerGroup?: string | undefined;
  channel: string;
  /** The order date: rules valid on this day (first and last day included) apply. */
  orderDate: CalendarDate;
  /** The customer's currency: the order is priced in it or not at all. */
  currency: string;
}

export interface LineToPrice {
  lineNo: number;
  gtin: string;
  quantity: number;
  expectedUnitPrice?: DecimalString | undefined;
}

export interface CandidateView {
  rule: string;
  level: CandidateLevel;
  /** The unit price this rule gives the line (price rules) or the discount per unit (promotions). */
  amount?: DecimalString | undefined;
  status: CandidateStatus;
  reason: string;
}

export interface PriceExplanation {
  candidates: CandidateView[];
  chosen: string;
  why: string;
  quantityBreak?: QuantityBreak | undefined;
  promotions: CandidateView[];
}

export interface PriceConflict {
  expectedUnitPrice: DecimalString;
  computedUnitPrice: DecimalString;
  rule: string;
  suggestion: string;
}

export interface PricedLine extends LineToPrice {
  /** The chosen rule's unit price (after quantity breaks, before promotions). */
  listPrice: DecimalString;
  discounts: { promotionId: string; perUnit: DecimalString }[];
  /** Net unit price. */
  unitPrice: DecimalString;
  grossAmount: DecimalString;
  discountAmount: DecimalString;
  /** grossAmount - discountAmount, rounded half-even to cents. */
  lineTotal: DecimalString;
  priceSource: string;
  explanation: PriceExplanation;
  priceConflict?: PriceConflict | undefined;
}

export type PricingResult =
  | { outcome: 'PRICED'; currency: string; lines: PricedLine[]; total: DecimalString; conflicts: number[] }
  | { outcome: 'UNPRICEABLE'; reason: string; unpricedLines: number[] };

interface PriceRule {
  rule: string;
  id: string;
  kind: 'list' | 'contract';
  level: PriceLevel;
  specificity: number;
  currency: string;
  validFrom: CalendarDate;
  validTo?: CalendarDate | undefined;
  inScope: boolean;
  scopeText: string;
  line: PriceLine;
}

function levelOfList(list: PriceListTerms): { level: PriceLevel; specificity: number } {
  if (list.customerGroup) return { level: 'CUSTOMER_GROUP', specificity: list.channel ? 2 : 1 };
  if (list.channel) return { level: 'CHANNEL', specificity: 1 };
  return { level: 'BASE', specificity: 0 };
}

function validity(validFrom: CalendarDate, validTo: CalendarDate | undefined, on: CalendarDate): 'VALID' | 'NOT_YET_VALID' | 'EXPIRED' {
  if (compareDates(on, validFrom) < 0) return 'NOT_YET_VALID';
  if (validTo !== undefined && compareDates(on, validTo) > 0) return 'EXPIRED';
  return 'VALID';
}

function validityText(validFrom: CalendarDate, validTo: CalendarDate | undefined): string {
  return validTo ? `${validFrom} to ${validTo}` : `from ${validFrom}`;
}

/** Deterministic order: level, then more specific scope, then later valid-from, then lower id. */
function byPrecedence(a: { level: PriceLevel; specificity: number; validFrom: string; id: string }, b: typeof a): number {
  return (
    LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
    b.specificity - a.specificity ||
    (a.validFrom === b.validFrom ? 0 : a.validFrom > b.validFrom ? -1 : 1) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The quantity break with the highest minimum the quantity reaches; none below every minimum. */
export function applicableBreak(line: PriceLine, quantity: number): QuantityBreak | undefined {
  return [...(line.breaks ?? [])]
    .filter((b) => b.minQuantity <= quantity)
    .sort((a, b) => b.minQuantity - a.minQuantity || new Big(a.unitPrice).cmp(b.unitPrice))[0];
}

function rulesFor(gtin: string, context: PricingContext, data: PricingMasterData): PriceRule[] {
  const rules: PriceRule[] = [];
  for (const contract of data.contracts) {
    const line = contract.lines.find((l) => l.gtin === gtin);
    if (!line) continue;
    rules.push({
      rule: `contract:${contract.contractId}`,
      id: contract.contractId,
      kind: 'contract',
      level: 'CONTRACT',
      specificity: 0,
      currency: contract.currency,
      validFrom: contract.validFrom,
      validTo: contract.validTo,
      inScope: contract.customerId === context.customerId,
      scopeText: `customer ${contract.customerId}`,
      line,
    });
  }
  for (const list of data.priceLists) {
    const line = list.lines.find((l) => l.gtin === gtin);
    if (!line) continue;
    const { level, specificity } = levelOfList(list);
    const inScope =
      (list.customerGroup === undefined || list.customerGroup === context.customerGroup) && (list.channel === undefined || list.channel === context.channel);
    const scope = [list.customerGroup && `customer group ${list.customerGroup}`, list.channel && `channel ${list.channel}`].filter(Boolean).join(' and ');
    rules.push({
      rule: `price-list:${list.priceListId}`,
      id: list.priceListId,
      kind: 'list',
      level,
      specificity,
      currency: list.currency,
      validFrom: list.validFrom,
      validTo: list.validTo,
      inScope,
      scopeText: scope || 'everyone',
      line,
    });
  }
  return rules.sort(byPrecedence);
}

function priceFrom(rule: PriceRule, quantity: number): { price: DecimalString; quantityBreak?: QuantityBreak | undefined } {
  const quantityBreak = applicableBreak(rule.line, quantity);
  return { price: quantityBreak?.unitPrice ?? rule.line.unitPrice, quantityBreak };
}

function ruleName(rule: { kind: 'list' | 'contract'; id: string }): string {
  return `${rule.kind === 'contract' ? 'contract' : 'list'} ${rule.id}`;
}

function promotionSpecificity(p: PromotionTerms): number {
  return [p.gtins, p.customerGroups, p.channels].filter((scope) => scope !== undefined && scope.length > 0).length;
}

function discountPerUnit(promotion: PromotionTerms, price: DecimalString): Big {
  const raw = promotion.discount.type === 'PERCENT' ? new Big(price).times(promotion.discount.percent).div(100) : new Big(promotion.discount.amount);
  // A discount never makes a price negative.
  return raw.gt(price) ? new Big(price) : raw;
}

function inList(scope: readonly string[] | undefined, value: string | undefined): boolean {
  return scope === undefined || scope.length === 0 || (value !== undefined && scope.includes(value));
}

function choosePromotion(
  line: LineToPrice,
  chosen: PriceRule,
  price: DecimalString,
  context: PricingContext,
  promotions: readonly PromotionTerms[],
): { views: CandidateView[]; applied?: { promotionId: string; perUnit: Big } } {
  const considered = promotions.filter((p) => inList(p.gtins, line.gtin));
  const eligible: { promotion: PromotionTerms; perUnit: Big }[] = [];
  const views = new Map<string, CandidateView>();
  for (const promotion of considered) {
    const rule = `promotion:${promotion.promotionId}`;
    const valid = validity(promotion.validFrom, promotion.validTo, context.orderDate);
    const base = { rule, level: 'PROMOTION' as const };
    if (valid !== 'VALID') {
      views.set(promotion.promotionId, {
        ...base,
        status: valid,
        reason: `valid ${validityText(promotion.validFrom, promotion.validTo)}, not on ${context.orderDate}`,
      });
    } else if (!inList(promotion.customerGroups, context.customerGroup) || !inList(promotion.channels, context.channel)) {
      views.set(promotion.promotionId, { ...base, status: 'OUT_OF_SCOPE', reason: 'not for this customer group or channel' });
    } else if (promotion.discount.type === 'AMOUNT' && promotion.discount.currency !== context.currency) {
      views.set(promotion.promotionId, {
        ...base,
        status: 'CURRENCY_MISMATCH',
        reason: `discount in ${promotion.discount.currency}, order in ${context.currency}`,
      });
    } else if (chosen.kind === 'contract' && !promotion.stacksWithContract) {
      views.set(promotion.promotionId, { ...base, status: 'NOT_STACKABLE', reason: `does not stack with contract prices (${ruleName(chosen)} applies)` });
    } else {
      eligible.push({ promotion, perUnit: discountPerUnit(promotion, price) });
    }
  }
  eligible.sort(
    (a, b) =>
      b.perUnit.cmp(a.perUnit) ||
      promotionSpecificity(b.promotion) - promotionSpecificity(a.promotion) ||
      (a.promotion.validFrom === b.promotion.validFrom ? 0 : a.promotion.validFrom > b.promotion.validFrom ? -1 : 1) ||
      (a.promotion.promotionId < b.promotion.promotionId ? -1 : 1),
  );
  const [winner, ...others] = eligible;
  if (winner) {
    views.set(winner.promotion.promotionId, {
      rule: `promotion:${winner.promotion.promotionId}`,
      level: 'PROMOTION',
      amount: toUnitPrice(winner.perUnit),
      status: 'CHOSEN',
      reason: others.length > 0 ? 'largest discount of the promotions that apply' : 'the only promotion that applies',
    });
    for (const other of others) {
      views.set(other.promotion.promotionId, {
        rule: `promotion:${other.promotion.promotionId}`,
        level: 'PROMOTION',
        amount: toUnitPrice(other.perUnit),
        status: 'SMALLER_DISCOUNT',
        reason: `one promotion per line; promotion ${winner.promotion.promotionId} gives at least as much`,
      });
    }
  }
  const ordered = [...views.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, view]) => view);
  return { views: ordered, ...(winner ? { applied: { promotionId: winner.promotion.promotionId, perUnit: winner.perUnit } } : {}) };
}

function describeCandidate(view: CandidateView): string {
  const name = view.rule.replace('price-list:', 'list ').replace('contract:', 'contract ');
  switch (view.status) {
    case 'EXPIRED':
      return `the expired ${name}`;
    case 'NOT_YET_VALID':
      return `${name}, not yet valid`;
    case 'OUT_OF_SCOPE':
      return `${name}, which is not for this customer (${view.reason})`;
    case 'CURRENCY_MISMATCH':
      return `${name} (${view.reason})`;
    default:
      return `${name}, outranked`;
  }
}

function conflictFor(line: LineToPrice, result: Omit<PricedLine, 'priceConflict'>, rules: PriceRule[]): PriceConflict | undefined {
  const expected = line.expectedUnitPrice;
  if (expected === undefined || equalAmounts(expected, result.unitPrice)) return undefined;
  const head = `${describeRule(result.priceSource)} price ${result.unitPrice} applies`;
  let match: string | undefined;
  if (result.discounts.length > 0 && equalAmounts(expected, result.listPrice)) {
    match = `the price before promotion ${result.discounts[0]!.promotionId}`;
  }
  const chosenRule = rules.find((r) => r.rule === result.priceSource);
  if (!match && chosenRule) {
    const otherBreak = [{ minQuantity: 1, unitPrice: chosenRule.line.unitPrice }, ...(chosenRule.line.breaks ?? [])].find(
      (b) => equalAmounts(b.unitPrice, expected) && !equalAmounts(b.unitPrice, result.listPrice),
    );
    if (otherBreak) match = `the ${describeRule(chosenRule.rule)} price from ${otherBreak.minQuantity} units (the line has ${line.quantity})`;
  }
  if (!match) {
    for (const view of result.explanation.candidates) {
      if (view.status === 'CHOSEN') continue;
      const rule = rules.find((r) => r.rule === view.rule);
      if (!rule) continue;
      const prices = [rule.line.unitPrice, ...(rule.line.breaks ?? []).map((b) => b.unitPrice)];
      if (prices.some((p) => equalAmounts(p, expected))) {
        match = describeCandidate(view);
        break;
      }
    }
  }
  return {
    expectedUnitPrice: expected,
    computedUnitPrice: result.unitPrice,
    rule: result.priceSource,
    suggestion: match ? `${head}; the sent price ${expected} matches ${match}` : `${head}; the sent price ${expected} matches no price rule on record`,
  };
}

function describeRule(rule: string): string {
  return rule.replace('price-list:', 'list ').replace('contract:', 'contract ');
}

function priceLine(line: LineToPrice, context: PricingContext, data: PricingMasterData): PricedLine | { unpriced: string } {
  const rules = rulesFor(line.gtin, context, data);
  const candidates: CandidateView[] = [];
  let chosen: PriceRule | undefined;
  for (const rule of rules) {
    const { price } = priceFrom(rule, line.quantity);
    const base = { rule: rule.rule, level: rule.level, amount: price };
    const valid = validity(rule.validFrom, rule.validTo, context.orderDate);
    if (!rule.inScope) {
      // Another customer's or group's price is not this customer's business: named, never shown.
      candidates.push({ rule: rule.rule, level: rule.level, status: 'OUT_OF_SCOPE', reason: `for ${rule.scopeText}` });
    } else if (valid !== 'VALID') {
      candidates.push({ ...base, status: valid, reason: `valid ${validityText(rule.validFrom, rule.validTo)}, not on ${context.orderDate}` });
    } else if (rule.currency !== context.currency) {
      candidates.push({ ...base, status: 'CURRENCY_MISMATCH', reason: `priced in ${rule.currency}, the order is in ${context.currency}` });
    } else if (chosen) {
      candidates.push({ ...base, status: 'OUTRANKED', reason: `${ruleName(chosen)} takes precedence` });
    } else {
      chosen = rule;
      candidates.push({ ...base, status: 'CHOSEN', reason: 'highest precedence of the rules in force' });
    }
  }
  if (!chosen) {
    const why =
      candidates.length === 0 ? 'no price list or contract has this product' : candidates.map((c) => `${describeRule(c.rule)}: ${c.reason}`).join('; ');
    return { unpriced: `line ${line.lineNo} (${line.gtin}): ${why}` };
  }
  const { price: listPrice, quantityBreak } = priceFrom(chosen, line.quantity);
  const promotion = choosePromotion(line, chosen, listPrice, context, data.promotions);
  const perUnit = promotion.applied?.perUnit ?? new Big(0);
  const unitPrice = toUnitPrice(new Big(listPrice).minus(perUnit));
  const grossAmount = toMoney(new Big(listPrice).times(line.quantity));
  const lineTotal = toMoney(new Big(unitPrice).times(line.quantity));
  const discountAmount = toMoney(new Big(grossAmount).minus(lineTotal));
  const outranked = candidates.filter((c) => c.status === 'OUTRANKED').length;
  const why = [
    `${ruleName(chosen)} (${chosen.level.toLowerCase().replace('_', '-')} level) is the highest-precedence rule valid on ${context.orderDate} in ${context.currency}`,
    outranked > 0 ? `it outranks ${outranked} other rule(s) by level, then scope, then later valid-from, then lower id` : undefined,
    quantityBreak ? `quantity break from ${quantityBreak.minQuantity} units: ${quantityBreak.unitPrice}` : undefined,
    promotion.applied ? `promotion ${promotion.applied.promotionId} takes ${toUnitPrice(promotion.applied.perUnit)} off per unit` : undefined,
  ]
    .filter(Boolean)
    .join('; ');
  const priced: Omit<PricedLine, 'priceConflict'> = {
    ...line,
    listPrice,
    discounts: promotion.applied ? [{ promotionId: promotion.applied.promotionId, perUnit: toUnitPrice(promotion.applied.perUnit) }] : [],
    unitPrice,
    grossAmount,
    discountAmount,
    lineTotal,
    priceSource: chosen.rule,
    explanation: { candidates, chosen: chosen.rule, why, ...(quantityBreak ? { quantityBreak } : {}), promotions: promotion.views },
  };
  const conflict = conflictFor(line, priced, rules);
  return conflict ? { ...priced, priceConflict: conflict } : priced;
}

/**
 * Prices every line of an order from the master data in force. A line
 * nothing prices makes the whole order unpriceable: guessing a price for a
 * regulated device is worse than refusing the order. A line whose expected
 * price differs from the computed one keeps the computed price and carries
 * the conflict with a suggestion.
 */
export function priceOrder(lines: readonly LineToPrice[], context: PricingContext, data: PricingMasterData): PricingResult {
  const results = lines.map((line) => ({ line, result: priceLine(line, context, data) }));
  const unpriced = results.filter((r): r is { line: LineToPrice; result: { unpriced: string } } => 'unpriced' in r.result);
  if (unpriced.length > 0) {
    return {
      outcome: 'UNPRICEABLE',
      reason: `no price in ${context.currency} on ${context.orderDate} for ${unpriced.map((u) => u.result.unpriced).join('; ')}`,
      unpricedLines: unpriced.map((u) => u.line.lineNo),
    };
  }
  const priced = results.map((r) => r.result as PricedLine);
  return {
    outcome: 'PRICED',
    currency: context.currency,
    lines: priced,
    total: sum(priced.map((line) => line.lineTotal)),
    conflicts: priced.filter((line) => line.priceConflict).map((line) => line.lineNo),
  };
}

export type PriceConflictHandling = 'PROCEED' | 'REVIEW';

/** What a channel's policy says about an order whose lines carry price conflicts. */
export function conflictDecision(
  conflicts: readonly number[],
  channel: string,
  policy: Readonly<Record<string, PriceConflictHandling>>,
): { handling: PriceConflictHandling | 'NONE'; detail: string } {
  if (conflicts.length === 0) return { handling: 'NONE', detail: 'no price conflicts' };
  const handling = policy[channel] ?? 'REVIEW';
  return {
    handling,
    detail:
      handling === 'REVIEW'
        ? `price conflict on line(s) ${conflicts.join(', ')}: channel ${channel} needs a review before the order goes on; the computed price stands`
        : `price conflict on line(s) ${conflicts.join(', ')}: channel ${channel} proceeds at the computed price`,
  };
}
