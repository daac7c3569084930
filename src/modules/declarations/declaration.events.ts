/** Events the declarations module publishes (through the outbox). Payloads carry ids and facts, never risk reasons. */
export const DECLARATION_EVENTS = {
  lodged: 'declaration.lodged',
  accepted: 'declaration.accepted',
  rejected: 'declaration.rejected',
  channelAssigned: 'declaration.channel-assigned',
  arrived: 'declaration.arrived',
  documentsRequested: 'declaration.documents-requested',
  documentsSubmitted: 'declaration.documents-submitted',
  controlRecorded: 'declaration.control-recorded',
  released: 'declaration.released',
  held: 'declaration.held',
  seized: 'declaration.seized',
  invalidated: 'declaration.invalidated',
  amended: 'declaration.amended',
  amendmentRejected: 'declaration.amendment-rejected',
} as const;

export type DeclarationEventType = (typeof DECLARATION_EVENTS)[keyof typeof DECLARATION_EVENTS];
