import { el, tokenize, X12SyntaxError, type Delimiters, type Segment } from './tokenizer.js';

/** AK5 codes for envelope faults of a transaction set (X12 element 718). */
export const SET_ERRORS = {
  NOT_SUPPORTED: '1',
  TRAILER_MISSING: '2',
  CONTROL_NUMBER_MISMATCH: '3',
  SEGMENT_COUNT_WRONG: '4',
  SEGMENTS_IN_ERROR: '5',
  BAD_IDENTIFIER: '6',
  BAD_CONTROL_NUMBER: '7',
} as const;

/** AK9 codes for functional-group faults (X12 element 716). */
export const GROUP_ERRORS = {
  NOT_SUPPORTED: '1',
  TRAILER_MISSING: '3',
  CONTROL_NUMBER_MISMATCH: '4',
  SET_COUNT_WRONG: '5',
} as const;

export interface TransactionSet {
  id: string;
  controlNumber: string;
  /** ST to SE inclusive (SE missing when the trailer was). */
  segments: Segment[];
  /** Envelope faults (AK5 codes); empty when the envelope is sound. */
  envelopeErrors: string[];
}

export interface FunctionalGroup {
  functionalId: string;
  senderCode: string;
  receiverCode: string;
  controlNumber: string;
  version: string;
  sets: TransactionSet[];
  /** Group faults (AK9 codes): the whole group is rejected. */
  errors: string[];
}

export interface InterchangeHeader {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  controlNumber: string;
  version: string;
  usage: string;
}

export interface Interchange {
  header: InterchangeHeader;
  delimiters: Delimiters;
  groups: FunctionalGroup[];
}

const CONTROL_NUMBER = /^\d{1,9}$/;

function closeSet(set: TransactionSet, trailer: Segment | undefined): void {
  if (!trailer) {
    set.envelopeErrors.push(SET_ERRORS.TRAILER_MISSING);
    return;
  }
  set.segments.push(trailer);
  if (el(trailer, 2) !== set.controlNumber) set.envelopeErrors.push(SET_ERRORS.CONTROL_NUMBER_MISMATCH);
  if (el(trailer, 1) !== String(set.segments.length)) set.envelopeErrors.push(SET_ERRORS.SEGMENT_COUNT_WRONG);
}

function openSet(st: Segment): TransactionSet {
  const set: TransactionSet = { id: el(st, 1), controlNumber: el(st, 2), segments: [st], envelopeErrors: [] };
  if (!/^\d{3}$/.test(set.id)) set.envelopeErrors.push(SET_ERRORS.BAD_IDENTIFIER);
  if (!/^[A-Za-z0-9]{4,9}$/.test(set.controlNumber)) set.envelopeErrors.push(SET_ERRORS.BAD_CONTROL_NUMBER);
  return set;
}

/**
 * Reads the envelope: ISA, functional groups (GS..GE), transaction sets
 * (ST..SE), IEA. A broken interchange envelope (truncated, control numbers of
 * ISA and IEA differ, segments outside a group) throws: nothing in it can be
 * trusted. Faults of a group or a set are recorded on it, so the 997 can
 * reject that one while the others proceed.
 */
export function parseInterchange(text: string): Interchange {
  const { delimiters, segments } = tokenize(text);
  const isa = segments[0]!;
  const header: InterchangeHeader = {
    senderQualifier: el(isa, 5),
    senderId: el(isa, 6),
    receiverQualifier: el(isa, 7),
    receiverId: el(isa, 8),
    controlNumber: el(isa, 13),
    version: el(isa, 12),
    usage: el(isa, 15),
  };
  if (!CONTROL_NUMBER.test(header.controlNumber)) throw new X12SyntaxError(`ISA13: "${header.controlNumber}" is not an interchange control number (9 digits)`);
  if (header.senderId === '') throw new X12SyntaxError('ISA06: the interchange sender id is missing');

  const groups: FunctionalGroup[] = [];
  let group: FunctionalGroup | undefined;
  let set: TransactionSet | undefined;
  let iea: Segment | undefined;
  for (const segment of segments.slice(1)) {
    if (iea) throw new X12SyntaxError(`segment ${segment.position} (${segment.id}) follows the IEA trailer`);
    switch (segment.id) {
      case 'GS':
        if (group) throw new X12SyntaxError(`segment ${segment.position}: GS opens a group before GE closed group ${group.controlNumber}`);
        group = {
          functionalId: el(segment, 1),
          senderCode: el(segment, 2),
          receiverCode: el(segment, 3),
          controlNumber: el(segment, 6),
          version: el(segment, 8),
          sets: [],
          errors: [],
        };
        break;
      case 'ST':
        if (!group) throw new X12SyntaxError(`segment ${segment.position}: ST outside a functional group (GS..GE)`);
        if (set) closeSet(set, undefined);
        set = openSet(segment);
        group.sets.push(set);
        break;
      case 'SE':
        if (!set) throw new X12SyntaxError(`segment ${segment.position}: SE without ST`);
        closeSet(set, segment);
        set = undefined;
        break;
      case 'GE':
        if (!group) throw new X12SyntaxError(`segment ${segment.position}: GE without GS`);
        if (set) closeSet(set, undefined);
        set = undefined;
        if (el(segment, 2) !== group.controlNumber) group.errors.push(GROUP_ERRORS.CONTROL_NUMBER_MISMATCH);
        if (el(segment, 1) !== String(group.sets.length)) group.errors.push(GROUP_ERRORS.SET_COUNT_WRONG);
        groups.push(group);
        group = undefined;
        break;
      case 'IEA':
        if (group) throw new X12SyntaxError(`truncated interchange: group ${group.controlNumber} has no GE trailer before IEA`);
        iea = segment;
        break;
      default:
        if (!set) throw new X12SyntaxError(`segment ${segment.position} (${segment.id}) is outside a transaction set (ST..SE)`);
        set.segments.push(segment);
    }
  }
  if (!iea) throw new X12SyntaxError('truncated interchange: the IEA trailer is missing');
  if (el(iea, 2) !== header.controlNumber) throw new X12SyntaxError(`IEA02 "${el(iea, 2)}" does not match ISA13 "${header.controlNumber}"`);
  if (el(iea, 1) !== String(groups.length)) throw new X12SyntaxError(`IEA01 says ${el(iea, 1)} functional group(s), the interchange holds ${groups.length}`);
  if (groups.length === 0) throw new X12SyntaxError('the interchange holds no functional group');
  for (const g of groups) if (g.functionalId !== 'PO' && !g.errors.includes(GROUP_ERRORS.NOT_SUPPORTED)) g.errors.unshift(GROUP_ERRORS.NOT_SUPPORTED);
  return { header, delimiters, groups };
}
