import { z } from 'zod';

/**
 * Aduana's goods declaration, aligned with the WCO Data Model (names in comments give the WCO class or ID). This is
 * what traders lodge as JSON and what the WCO DEC-DMS XML translator produces.
 */

const Tin = z
  .string()
  .trim()
  .regex(/^[A-Z0-9-]{3,20}$/, 'TIN/EORI: 3–20 capital letters, digits or dashes');
const Iso2 = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code');
const Iso4217 = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code');
const Amount = z.number().finite().nonnegative().max(1e13);
const IsoDateTime = z.iso.datetime({ offset: true });
const IsoDate = z.iso.date();

export const AddressSchema = z
  .object({
    line: z.string().max(70).optional(), // 239
    city: z.string().max(35).optional(), // 241
    postcode: z.string().max(9).optional(), // 245
    country: Iso2, // 242
  })
  .strict();

/** A party on the declaration (WCO 57B declarant, 74A importer, 57A exporter, 18A carrier, 09B seller, 16A buyer). */
export const PartySchema = z
  .object({
    tin: Tin,
    name: z.string().trim().min(1).max(70),
    address: AddressSchema.optional(),
  })
  .strict();
export type Party = z.infer<typeof PartySchema>;

export const DOCUMENT_KINDS = [
  'invoice',
  'certificate_of_origin',
  'permit',
  'licence',
  'packing_list',
  'bill_of_lading',
  'air_waybill',
  'phytosanitary_certificate',
  'other',
] as const;

/** A supporting document (WCO 02A AdditionalDocument / 99A PreviousDocument). */
export const DocumentSchema = z
  .object({
    kind: z.enum(DOCUMENT_KINDS),
    /** Coded document type as the administration lists it (e.g. DMS `N935` invoice, `N954` EUR.1). */
    typeCode: z.string().max(4).optional(), // D006
    reference: z.string().trim().min(1).max(70), // D005
    issuedOn: IsoDate.optional(), // 276
    issuer: z.string().max(70).optional(),
    /** For a certificate of origin: the agreement it proves (e.g. USMCA, CAFTA-DR). */
    agreement: z.string().max(20).optional(),
  })
  .strict();
export type SupportingDocument = z.infer<typeof DocumentSchema>;

export const TRANSPORT_MODES = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const; // UN/ECE Rec. 19

export const ContainerSchema = z
  .object({
    /** As marked on the equipment (DE 7/10, an..17): ISO 6346 expected; others are kept and flagged by the rules. */
    number: z.string().trim().toUpperCase().min(1).max(17), // 31B/159
    seals: z.array(z.string().max(20)).max(10).optional(), // 44B/165
  })
  .strict();

export const TransportSchema = z
  .object({
    /** Mode of transport at the border, UN/ECE Rec. 19: 1 sea, 2 rail, 3 road, 4 air, 5 post, 6 multimodal, 7 fixed, 8 inland water, 9 own propulsion. */
    mode: z.enum(TRANSPORT_MODES).optional(), // T022; required by the rules where the data set has it
    meansId: z.string().max(35).optional(), // T006 (IMO number, flight, plate)
    meansName: z.string().max(35).optional(),
    nationality: Iso2.optional(), // T014
    containers: z.array(ContainerSchema).max(200).default([]),
    /** Goods carried in containers (WCO 7/2, ContainerCode 1) or not (0: bulk, break bulk, ro-ro). */
    containerised: z.boolean().optional(), // 28A/096
    /** UN/LOCODE of the place of loading. */
    loadingLocation: z
      .string()
      .regex(/^[A-Z]{2}[A-Z2-9]{3}$/, 'UN/LOCODE')
      .optional(), // 83A/L010
    /** UN/LOCODE of the port or place where the goods are presented. */
    goodsLocation: z
      .string()
      .regex(/^[A-Z]{2}[A-Z2-9]{3}$/, 'UN/LOCODE')
      .optional(), // 64A/L017
  })
  .strict();

export const PreferentialClaimSchema = z
  .object({
    agreement: z.string().trim().min(2).max(20), // e.g. USMCA, CAFTA-DR
    country: Iso2,
  })
  .strict();

/**
 * A goods item (WCO 68A GovernmentAgencyGoodsItem). Commodity code, description, origin, masses and value are
 * optional in the model because reduced data sets omit them (see `data-sets.ts`); the business rules require them where the
 * declaration's data set does (code `ELEMENT_REQUIRED`).
 */
export const GoodsItemSchema = z
  .object({
    sequence: z.number().int().min(1).max(999).optional(), // 006
    hsCode: z
      .string()
      .trim()
      .regex(/^\d{6}(\d{2}){0,2}$/, 'HS code: 6, 8 or 10 digits')
      .optional(), // 23A/21A/145
    description: z.string().trim().min(3).max(512).optional(), // 23A/137
    originCountry: Iso2.optional(), // 92A/063
    preferentialOrigin: PreferentialClaimSchema.optional(),
    quantity: z.number().positive().max(1e12).optional(), // 65A/130
    quantityUnit: z.string().max(10).optional(),
    packages: z.number().int().nonnegative().max(1e9).optional(), // 93A/144
    netMassKg: z.number().positive().max(1e9).optional(), // 65A/128
    grossMassKg: z.number().positive().max(1e9).optional(), // 65A/126
    customsValue: Amount.optional(), // 108
    /** Currency of `customsValue`; required with it. */
    currency: Iso4217.optional(),
    /**
     * What the item's value is when it is not an invoiced price: `spv`, no declared value, customs establish it from
     * the simplified procedure value of perishable goods (unit prices the administration publishes; UK additional
     * procedure codes E01/E02); `statistical`, the value is the statistical value (WCO 114, DE 8/6, in the national
     * currency), which is not held against the invoice total.
     */
    valuation: z.enum(['spv', 'statistical']).optional(),
    procedureCode: z.string().regex(/^\d{4}$/, 'four digits: requested and previous procedure'), // 70A/166+161
    sellerTin: Tin.optional(),
    documents: z.array(DocumentSchema).max(50).default([]),
  })
  .strict();
export type GoodsItem = z.infer<typeof GoodsItemSchema>;

export const DECLARATION_TYPES = ['import', 'export', 'transit'] as const;
export const IMPORT_DATA_SETS = ['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'H7', 'H8'] as const;
export type ImportDataSet = (typeof IMPORT_DATA_SETS)[number];
export type DeclarationType = (typeof DECLARATION_TYPES)[number];

/**
 * WCO DM elements of a lodged WCO message that Aduana's model does not interpret, carried so that the message
 * round-trips without loss (written and read by the interchange module). `elements` are leaf values by indexed DMS
 * path (e.g. `Declaration/GoodsShipment/GovernmentAgencyGoodsItem[0]/Commodity/DutyTaxFee[1]/TypeCode`, attributes as
 * `…/@currencyID`); `bindings` tie repeated model entries to the element they came from; `derived` lists model fields
 * that were derived rather than read, so they are not written back.
 */
export const WcoCarriageSchema = z
  .object({
    elements: z
      .array(
        z
          .object({
            path: z
              .string()
              .max(300)
              .regex(/^[A-Za-z]+(\[\d+\])?(\/[A-Za-z]+(\[\d+\])?)*(\/@[A-Za-z]+)?$/),
            value: z.string().max(512),
          })
          .strict(),
      )
      .max(50_000),
    bindings: z.record(z.string().max(100), z.string().max(300)).optional(),
    derived: z.array(z.string().max(100)).max(200).optional(),
  })
  .strict();

/** The declaration a trader lodges. */
export const DeclarationInputSchema = z
  .object({
    lrn: z.string().trim().min(1).max(35), // D026 functional reference (LRN)
    type: z.enum(DECLARATION_TYPES), // D013 IM / EX / CO
    /** WCO additional type code (A standard, D pre-lodged, …); selects the data set (see `data-sets.ts`). */
    additionalType: z
      .string()
      .regex(/^[A-Z]$/)
      .optional(),
    /**
     * Declaration category (EU/UK data set column) of an import: H1 free circulation, H2 customs warehousing, H3
     * temporary admission, H4 inward processing, H5 trade with special fiscal territories, H6 postal, H7 low-value
     * consignments (super-reduced data set), H8 UK internal market movements into Northern Ireland. Absent: H1.
     */
    dataSet: z.enum(IMPORT_DATA_SETS).optional(),
    office: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{4,10}$/, 'customs office code'), // 065
    parties: z
      .object({
        declarant: PartySchema,
        importer: PartySchema.optional(),
        exporter: PartySchema.optional(),
        carrier: PartySchema.optional(),
        seller: PartySchema.optional(),
        buyer: PartySchema.optional(),
      })
      .strict(),
    transport: TransportSchema,
    exportCountry: Iso2.optional(), // 95B/062
    destinationCountry: Iso2.optional(), // 99B/465
    incoterm: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(), // 22B/090
    invoice: z
      .object({
        number: z.string().max(35).optional(), // 78A/D016
        amount: Amount, // 109
        currency: Iso4217, // 135
      })
      .strict(),
    /** Rates to the invoice currency for items invoiced in another currency (WCO 40A). */
    exchangeRates: z.record(Iso4217, z.number().positive()).optional(),
    goodsItems: z.array(GoodsItemSchema).min(1).max(999),
    documents: z.array(DocumentSchema).max(100).default([]),
    totals: z
      .object({
        grossMassKg: z.number().positive().optional(), // 131
        packages: z.number().int().nonnegative().optional(), // 146
        itemCount: z.number().int().positive().optional(), // 228
      })
      .strict()
      .optional(),
    /** When the goods are expected to arrive (pre-arrival lodgement). */
    expectedArrivalAt: IsoDateTime.optional(),
    /** WCO DM elements carried from a lodged WCO message (see `WcoCarriageSchema`). */
    wco: WcoCarriageSchema.optional(),
  })
  .strict();

export type DeclarationInput = z.infer<typeof DeclarationInputSchema>;
/** The declaration as submitted, before defaults are applied (what a client may send). */
export type DeclarationSubmission = z.input<typeof DeclarationInputSchema>;

export const STATUSES = [
  'lodged',
  'accepted',
  'rejected',
  'risk_assessed',
  'channel_assigned',
  'under_control',
  'released',
  'held',
  'seized',
  'invalidated',
] as const;
export type DeclarationStatus = (typeof STATUSES)[number];

export const CHANNELS = ['green', 'yellow', 'red', 'blue'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CONTROL_OUTCOMES = ['compliant', 'discrepancy', 'seizure'] as const;
export type ControlOutcome = (typeof CONTROL_OUTCOMES)[number];

export const CorrectionSchema = z
  .object({
    itemSequence: z.number().int().min(1),
    field: z.enum([
      'hsCode',
      'customsValue',
      'originCountry',
      'netMassKg',
      'grossMassKg',
      'quantity',
      'description',
    ]),
    declaredValue: z.union([z.string(), z.number()]).optional(),
    correctedValue: z.union([z.string(), z.number()]),
  })
  .strict();

export const ControlResultSchema = z
  .object({
    outcome: z.enum(CONTROL_OUTCOMES),
    findings: z.string().trim().min(3).max(2000),
    corrections: z.array(CorrectionSchema).max(100).default([]),
    /** Additional duties and taxes due after the control, in the invoice currency. */
    revenueAdjustment: z.number().finite().min(0).max(1e12).default(0),
  })
  .strict();
export type ControlResult = z.infer<typeof ControlResultSchema>;
