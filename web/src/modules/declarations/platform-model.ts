/**
 * The declaration model shared with the platform: the very zod schema the API validates lodgements with, so the
 * console's form checks are the API's checks.
 */
export {
  DeclarationInputSchema,
  DOCUMENT_KINDS,
  TRANSPORT_MODES,
  CONTROL_OUTCOMES,
  IMPORT_DATA_SETS,
} from '../../../../src/modules/declarations/declaration.schema.js';
export {
  requiredItemElements,
  transportModeRequired,
} from '../../../../src/modules/declarations/data-sets.js';
export type {
  ImportDataSet,
  DeclarationInput,
  DeclarationSubmission,
  GoodsItem,
  Party,
  SupportingDocument,
  ControlResult,
} from '../../../../src/modules/declarations/declaration.schema.js';
