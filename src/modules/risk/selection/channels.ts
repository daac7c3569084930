import type { Channel } from '../../declarations/index.js';

/** Severity order of the control channels: red beats yellow beats blue beats green. */
export const SEVERITY: Readonly<Record<Channel, number>> = { green: 0, blue: 1, yellow: 2, red: 3 };

/** The more severe of two channels (undefined counts as nothing). */
export function stronger(a: Channel | undefined, b: Channel | undefined): Channel | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

/** Channels that select a declaration for a control, most severe first. */
export const CONTROL_CHANNELS = ['red', 'yellow', 'blue'] as const satisfies readonly Channel[];
export type ControlChannel = (typeof CONTROL_CHANNELS)[number];

/** What chose a declaration's channel. `none` is a declaration left green; `signal` an escalation after lodgement. */
export const SELECTION_SOURCES = ['rule', 'random', 'model', 'exploration', 'signal', 'none'] as const;
export type SelectionSource = (typeof SELECTION_SOURCES)[number];
