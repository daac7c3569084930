/**
 * The interchange module: WCO Data Model messages in and out. DEC-DMS:2 declarations (with or without the
 * DocumentMetaData-DMS:2 envelope) are parsed safely, validated against the UK CDS DMS schemas, mapped onto Aduana's
 * declaration and lodged, amended or invalidated through the declarations service; declarations are exported as
 * DEC-DMS:2 and notifications as RES-DMS:2.
 *
 * Public face: other code uses only what is exported here.
 */
import type { FastifyInstance } from 'fastify';
import type { DeclarationRepresentations, DeclarationService } from '../declarations/index.js';
import { acceptXmlBodies, wcoRepresentations } from './interchange.http.js';
import { InterchangeService, type InterchangeOptions } from './interchange.service.js';
import { DEFAULT_XML_LIMITS } from './xml/safe-xml.js';

export {
  InterchangeService,
  type InterchangeOptions,
  type XmlLodgementOutcome,
} from './interchange.service.js';
export { DEFAULT_XML_LIMITS, parseXml, type XmlLimits } from './xml/safe-xml.js';
export { charsetOf, decodeXml } from './xml/encoding.js';
export { validateAgainstSchema, warmUpSchemas, type SchemaViolation } from './dms/xsd-validator.js';
export { findDeclaration, mapDeclaration, type MappedMessage } from './dms/import-mapper.js';
export { exportDeclaration } from './dms/export-mapper.js';
export { notificationsDocument, rejectionDocument } from './dms/res-notifications.js';
export { runConformance, xmlFilesUnder, type ConformanceReport } from './conformance.js';

export interface InterchangeModule {
  service: InterchangeService;
  /** Registers the XML body parser on the server and returns the representations for the declarations routes. */
  install(http: FastifyInstance): DeclarationRepresentations;
}

/** Builds the module over the declarations service. */
export function createInterchangeModule(
  declarations: DeclarationService,
  options: Partial<InterchangeOptions> = {},
): InterchangeModule {
  const service = new InterchangeService(declarations, {
    limits: options.limits ?? DEFAULT_XML_LIMITS,
    schemaValidation: options.schemaValidation ?? true,
  });
  return {
    service,
    install(http) {
      acceptXmlBodies(http, service.options.limits.maxBytes);
      return wcoRepresentations(service, declarations);
    },
  };
}
