/** Events the provenance module publishes. */
export const PROVENANCE_EVENTS = { recorded: 'provenance.recorded' } as const;

/** The ledger item kind of a recorded EPCIS event. */
export const PROVENANCE_ITEM_KIND = 'provenance.event';
