import type { FieldError } from '../../../platform/errors.js';
import { catalogueDetail } from '../../../platform/http/validation.js';
import { isStorableInstant } from '../../../platform/time/instants.js';
import type { EpcisEvent } from './event-hash.js';

/**
 * What the provenance store can hold of an event, checked before anything is written: an event time the database
 * keeps (an ISO 8601 instant from year 1 to year 9999 in UTC — `9999-12-31T23:59:59-14:00` is in year 10000 and
 * `0001-01-01T00:00:00+14:00` in year 0), identifiers short enough for the index that traces look them up by, and
 * a nesting the event hash, JSON and the database walk without running out of stack.
 */

/** Longest identifier (EPC, class, parent) an event may name, in characters. GS1 Digital Links are far shorter. */
export const MAX_IDENTIFIER_LENGTH = 512;

/** Deepest nesting of objects and arrays an event may have (EPCIS events and their ILMD need a handful). */
export const MAX_EVENT_DEPTH = 32;

const escapePointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** The pointer (under `prefix`) of the first value nested deeper than `max` levels, or null. Iterative: any depth. */
function tooDeep(value: unknown, max: number, prefix: string): string | null {
  const stack: { value: unknown; depth: number; pointer: string }[] = [{ value, depth: 0, pointer: prefix }];
  while (stack.length > 0) {
    const at = stack.pop()!;
    if (typeof at.value !== 'object' || at.value === null) continue;
    if (at.depth >= max) return at.pointer;
    for (const [key, child] of Object.entries(at.value))
      stack.push({ value: child, depth: at.depth + 1, pointer: `${at.pointer}/${escapePointer(key)}` });
  }
  return null;
}

/** Fields that hold identifiers directly, and fields that hold quantity elements naming an `epcClass`. */
const IDENTIFIER_LISTS = ['epcList', 'inputEPCList', 'outputEPCList', 'childEPCs'] as const;
const QUANTITY_LISTS = [
  'quantityList',
  'inputQuantityList',
  'outputQuantityList',
  'childQuantityList',
] as const;

/** The event's fields the store cannot hold (the first 20), with pointers under `/event`; empty when it can be stored. */
export function eventLimitErrors(event: EpcisEvent): FieldError[] {
  const deep = tooDeep(event, MAX_EVENT_DEPTH, '/event');
  if (deep !== null)
    return [
      {
        code: 'FIELD_TOO_BIG',
        pointer: deep,
        ...catalogueDetail('DATA_TOO_DEEP'),
      },
    ];
  const errors: FieldError[] = [];
  const eventTime = event.eventTime;
  if (typeof eventTime === 'string' && !isStorableInstant(eventTime))
    errors.push({
      code: 'FIELD_INVALID_VALUE',
      pointer: '/event/eventTime',
      value: eventTime,
      ...catalogueDetail('INSTANT_OUT_OF_RANGE'),
    });
  const tooLong = (value: unknown, pointer: string) => {
    if (typeof value === 'string' && value.length > MAX_IDENTIFIER_LENGTH)
      errors.push({
        code: 'FIELD_TOO_BIG',
        pointer,
        params: { detail: `at most ${MAX_IDENTIFIER_LENGTH} characters` },
      });
  };
  tooLong(event.parentID, '/event/parentID');
  for (const field of IDENTIFIER_LISTS) {
    const list = event[field];
    if (Array.isArray(list)) list.forEach((v, i) => tooLong(v, `/event/${field}/${i}`));
  }
  for (const field of QUANTITY_LISTS) {
    const list = event[field];
    if (Array.isArray(list))
      list.forEach((q, i) => {
        if (typeof q === 'object' && q !== null)
          tooLong((q as { epcClass?: unknown }).epcClass, `/event/${field}/${i}/epcClass`);
      });
  }
  return errors.slice(0, 20);
}
