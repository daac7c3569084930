import type { DeclarationInput, GoodsItem } from './declaration.schema.js';

/** Goods item elements whose presence depends on the declaration's data set. */
export const DATA_SET_ITEM_ELEMENTS = [
  'hsCode',
  'description',
  'originCountry',
  'netMassKg',
  'grossMassKg',
  'customsValue',
] as const;
export type DataSetItemElement = (typeof DATA_SET_ITEM_ELEMENTS)[number];

/**
 * WCO additional declaration types (DE 1/2) whose data set is reduced: simplified declarations (B, C occasional and
 * regular use at the frontier; E, F pre-lodged), clearance requests (J, K: UK customs clearance requests and EIDR
 * notifications of presentation) and final supplementary declarations (Q: a centralised-clearance trader's account
 * of a period — how many supplementary declarations were due and made, which came late — with one nominal item and
 * no goods data). The full data set follows later in a supplementary declaration (X, Y, Z) or is not needed at all,
 * so none of the data-set elements (nor the transport mode at the border) is required on these.
 */
export const REDUCED_ADDITIONAL_TYPES: readonly string[] = ['B', 'C', 'E', 'F', 'J', 'K', 'Q'];

const isReduced = (d: Pick<DeclarationInput, 'additionalType'>) =>
  d.additionalType !== undefined && REDUCED_ADDITIONAL_TYPES.includes(d.additionalType);

/**
 * Whether the declaration has goods to present at the border. A final supplementary declaration (type Q) accounts for
 * a period's clearances on a nominal item: there is nothing to present, so it counts as presented when lodged and an
 * officer clears it (CDS answers DMSACC, then DMSCLE; amendments may come in between).
 */
export function hasGoodsToPresent(d: Pick<DeclarationInput, 'additionalType'>): boolean {
  return d.additionalType !== 'Q';
}

/** Whether the declaration's data set has the mode of transport at the border (DE 7/4): all but the reduced ones. */
export function transportModeRequired(d: Pick<DeclarationInput, 'additionalType'>): boolean {
  return !isReduced(d);
}

/**
 * Elements an import's declaration category leaves out of its full data set (standard A/D and supplementary X/Y/Z
 * declarations). H1 (free circulation, and the default) requires them all. Net mass is not required in the special
 * procedure data sets H2 (customs warehousing), H3 (temporary admission) and H4 (inward processing), nor in H8 (UK
 * internal market movements into Northern Ireland, UKIMS); the super-reduced data set H7 (low-value consignments)
 * has neither origin nor net mass.
 */
const NOT_IN_DATA_SET: Readonly<Record<string, readonly DataSetItemElement[]>> = {
  H2: ['netMassKg'],
  H3: ['netMassKg'],
  H4: ['netMassKg'],
  H7: ['originCountry', 'netMassKg'],
  H8: ['netMassKg'],
};

/**
 * The data-set elements a goods item must carry on this declaration: all of them for a standard declaration (and a
 * JSON lodgement that names no additional type), none for a reduced data set, the category's own for imports. An
 * item whose value customs establish themselves (`valuation: 'spv'`) needs no declared value.
 */
export function requiredItemElements(
  d: Pick<DeclarationInput, 'type' | 'additionalType' | 'dataSet'>,
  item: Pick<GoodsItem, 'valuation'>,
): DataSetItemElement[] {
  if (isReduced(d)) return [];
  const omitted = d.type === 'import' && d.dataSet ? (NOT_IN_DATA_SET[d.dataSet] ?? []) : [];
  return DATA_SET_ITEM_ELEMENTS.filter(
    (e) => !omitted.includes(e) && !(e === 'customsValue' && item.valuation === 'spv'),
  );
}
