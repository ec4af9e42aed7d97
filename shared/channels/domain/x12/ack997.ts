import type { SegmentError } from './purchase-order.js';

/** The answer for one transaction set: A accepted, E accepted with errors, R rejected, with the AK5 codes and the segments in error. */
export interface SetAck {
  id: string;
  controlNumber: string;
  status: 'A' | 'E' | 'R';
  codes: string[];
  errors: SegmentError[];
}

export interface GroupAck {
  functionalId: string;
  controlNumber: string;
  version: string;
  /** Group-level AK9 codes; any makes the whole group rejected. */
  codes: string[];
  sets: SetAck[];
}

export type GroupStatus = 'A' | 'E' | 'P' | 'R';

/** AK9: accepted, accepted with errors, partially accepted (some sets rejected), or rejected. */
export function groupStatus(group: GroupAck): GroupStatus {
  if (group.codes.length > 0) return 'R';
  const accepted = group.sets.filter((set) => set.status !== 'R').length;
  if (accepted === 0) return 'R';
  if (accepted < group.sets.length) return 'P';
  return group.sets.some((set) => set.status === 'E') ? 'E' : 'A';
}

/** The segments of one 997 (between ST and SE) acknowledging one functional group. */
export function functionalAckSegments(group: GroupAck): (string | number)[][] {
  const segments: (string | number)[][] = [['AK1', group.functionalId, group.controlNumber]];
  for (const set of group.sets) {
    segments.push(['AK2', set.id, set.controlNumber]);
    for (const error of set.errors) {
      segments.push(['AK3', error.segmentId, error.position, '', error.code]);
      for (const element of error.elements) segments.push(['AK4', element.position, element.reference, element.code, element.value ?? '']);
    }
    const status = group.codes.length > 0 ? 'R' : set.status;
    const codes = status === 'A' ? [] : set.codes.length > 0 ? set.codes : ['5'];
    segments.push(['AK5', status, ...codes.slice(0, 5)]);
  }
  const accepted = group.codes.length > 0 ? 0 : group.sets.filter((set) => set.status !== 'R').length;
  segments.push(['AK9', groupStatus(group), group.sets.length, group.sets.length, accepted, ...group.codes.slice(0, 5)]);
  return segments;
}
