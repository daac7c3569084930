import { z } from 'zod';

export const HsSearchQuery = z
  .object({
    q: z.string().trim().min(2).max(100),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .strict();

export const HsEntryOut = z.object({
  code: z.string(),
  level: z.enum(['chapter', 'heading', 'subheading']),
  description: z.string(),
  section: z.string(),
});

export const OfficeOut = z.object({
  code: z.string(),
  name: z.string(),
  country: z.string(),
  unlocode: z.string(),
  timezone: z.string(),
  /** `[longitude, latitude]` of the office's port, for maps; null when unknown. */
  coordinates: z.tuple([z.number(), z.number()]).nullable(),
});

export const CountryOut = z.object({ code: z.string(), nameEn: z.string(), nameEs: z.string() });
export const CurrencyOut = z.object({
  code: z.string(),
  name: z.string(),
  minorUnits: z.number().nullable(),
});

/** A coded field error, exactly as a lodgement refusal carries it (the console translates the code). */
export const FieldErrorOut = z.object({
  code: z.string(),
  pointer: z.string(),
  wcoPath: z.string().optional(),
  value: z.unknown().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** `warning`: kept with the declaration and shown to officers, but does not refuse it. */
  severity: z.enum(['error', 'warning']).optional(),
});

export const DeclarationCheckOut = z.object({ errors: z.array(FieldErrorOut) });
