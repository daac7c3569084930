import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DeclarationInputSchema, wcoPathFor } from '../declarations/index.js';
import {
  CountryOut,
  CurrencyOut,
  DeclarationCheckOut,
  HsEntryOut,
  HsSearchQuery,
  OfficeOut,
} from './reference.schema.js';
import type { ReferenceLookupService } from './reference.service.js';

const SIGNED_IN = ['trader', 'officer', 'risk_analyst', 'supervisor', 'admin'] as const;
const tags = ['reference'];

/** Read-only reference routes for the console. Thin: parse, call, return. */
export function registerReferenceRoutes(app: FastifyInstance, service: ReferenceLookupService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/reference/hs',
    {
      config: { access: { roles: SIGNED_IN } },
      schema: {
        tags,
        summary: 'Search HS 2022 by code prefix or description words (autocomplete)',
        querystring: HsSearchQuery,
        response: { 200: z.array(HsEntryOut) },
      },
    },
    (request) => Promise.resolve(service.searchHs(request.query.q, request.query.limit)),
  );
  r.get(
    '/api/v1/reference/offices',
    {
      config: { access: { roles: SIGNED_IN } },
      schema: {
        tags,
        summary: "This administration's customs offices",
        response: { 200: z.array(OfficeOut) },
      },
    },
    () => Promise.resolve(service.offices()),
  );
  r.get(
    '/api/v1/reference/countries',
    {
      config: { access: { roles: SIGNED_IN } },
      schema: { tags, summary: 'ISO 3166 countries', response: { 200: z.array(CountryOut) } },
    },
    () => Promise.resolve(service.countries()),
  );
  r.get(
    '/api/v1/reference/currencies',
    {
      config: { access: { roles: SIGNED_IN } },
      schema: { tags, summary: 'Active ISO 4217 currencies', response: { 200: z.array(CurrencyOut) } },
    },
    () => Promise.resolve(service.currencies()),
  );
  r.post(
    '/api/v1/declaration-checks',
    {
      config: { access: { roles: ['trader'] }, wcoPaths: wcoPathFor },
      schema: {
        tags,
        summary:
          'Check a declaration against the lodgement rules without lodging it (structure errors answer 422)',
        body: DeclarationInputSchema,
        response: { 200: DeclarationCheckOut },
      },
    },
    (request) => Promise.resolve({ errors: service.checkDeclaration(request.body) }),
  );
}
