/**
 * The declaration model shared with the platform: the very zod schema the API validates lodgements with, so the
 * console's form checks are the API's checks.
 */
export {
  DeclarationInputSchema,
  DOCUMENT_KINDS,
  TRANSPORT_MODES,
  CONTROL_OUTCOMES,
} from '../../../../src/modules/declarations/declaration.schema.js';
export type {
  DeclarationInput,
  DeclarationSubmission,
  GoodsItem,
  Party,
  SupportingDocument,
  ControlResult,
} from '../../../../src/modules/declarations/declaration.schema.js';
