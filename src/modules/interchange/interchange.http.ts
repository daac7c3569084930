import type { FastifyInstance, FastifyReply, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import { DomainError, httpStatusFor } from '../../platform/errors.js';
import { principalOf } from '../../platform/http/access.js';
import { pickLanguage } from '../../platform/i18n/i18n.js';
import { toDetail, type DeclarationRepresentations, type DeclarationService } from '../declarations/index.js';
import { notificationsDocument, rejectionDocument } from './dms/res-notifications.js';
import type { InterchangeService } from './interchange.service.js';
import { charsetOf, decodeXml } from './xml/encoding.js';

/** XML media types accepted for lodgement (`application/xml`, `text/xml`, `application/*+xml`). */
// The media type with or without parameters (`application/xml; charset=ISO-8859-1`).
const XML_TYPES = /^(application|text)\/([\w.-]+\+)?xml(\s*;.*)?$/i;

/**
 * Lets the HTTP server take XML bodies: read as text with the interchange's size limit (checked against
 * Content-Length before reading, and while reading), independent of the JSON body limit.
 */
export function acceptXmlBodies(http: FastifyInstance, maxBytes: number): void {
  http.addContentTypeParser(XML_TYPES, (request, payload, done) => {
    const declared = Number(request.headers['content-length'] ?? NaN);
    const tooLarge = () =>
      new DomainError('XML_TOO_LARGE', undefined, {
        params: { limit: maxBytes, bytes: Number.isNaN(declared) ? 0 : declared },
      });
    if (declared > maxBytes) {
      payload.resume();
      done(tooLarge(), undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    payload.on('data', (chunk: Buffer) => {
      if (finished) return;
      size += chunk.length;
      if (size > maxBytes) {
        finished = true;
        chunks.length = 0;
        done(tooLarge(), undefined);
        return;
      }
      chunks.push(chunk);
    });
    payload.on('end', () => {
      if (finished) return;
      finished = true;
      // Bytes: the document's encoding is decided from them, its declaration and the charset (see xml/encoding.ts).
      done(null, Buffer.concat(chunks));
    });
    payload.on('error', (err: Error) => {
      if (finished) return;
      finished = true;
      done(err, undefined);
    });
  });
}

const wantsXml = (request: FastifyRequest) => {
  const accept = request.headers.accept ?? '';
  return /(application|text)\/xml/.test(accept) && !/^\s*application\/(problem\+)?json/.test(accept);
};

const sendXml = (reply: FastifyReply, status: number, xml: string) =>
  reply
    .code(status)
    .type('application/xml; charset=utf-8')
    .serializer((x: unknown) => String(x))
    .send(xml);

/**
 * The `lodgementAdapter` of `POST /api/v1/declarations`: a JSON body passes through; an XML body is a WCO DEC-DMS:2
 * message that this adapter lodges, amends or invalidates through the interchange service, answering with the
 * declaration (JSON) — or, when the client accepts `application/xml`, with RES-DMS:2 notifications, including RES 03
 * for a refusal.
 */
export function lodgementAdapter(
  interchange: InterchangeService,
  declarations: DeclarationService,
): preValidationAsyncHookHandler {
  return async function adaptWcoLodgement(request, reply) {
    if (!Buffer.isBuffer(request.body)) return;
    const principal = principalOf(request);
    const lang = pickLanguage(request.headers['accept-language']);
    let text: string | undefined;
    try {
      text = decodeXml(request.body, charsetOf(request.headers['content-type']));
      const outcome = await interchange.lodgeXml(principal, text);
      const row = outcome.declaration;
      const status = outcome.kind === 'original' && outcome.created ? 201 : 200;
      reply.header('location', `/api/v1/declarations/${row.id}`);
      if (wantsXml(request)) {
        const notes = await declarations.notifications(principal, row.id);
        return sendXml(reply, status, notificationsDocument(row, notes, lang));
      }
      return reply.code(status).send(toDetail(row, principal));
    } catch (err) {
      if (err instanceof DomainError && err.details.errors && wantsXml(request)) {
        const lrn = /<(?:\w+:)?FunctionalReferenceID>([^<]{1,35})</.exec(text ?? '')?.[1];
        return sendXml(
          reply,
          httpStatusFor(err.code),
          rejectionDocument(lrn ? { lrn } : {}, err.details.errors, lang),
        );
      }
      throw err;
    }
  };
}

/** The WCO representations the declarations module serves. */
export function wcoRepresentations(
  interchange: InterchangeService,
  declarations: DeclarationService,
): DeclarationRepresentations {
  return {
    lodgementAdapter: lodgementAdapter(interchange, declarations),
    declarationXml: (row) => interchange.exportXml(row),
    notificationsXml: (row, notes) => notificationsDocument(row, notes),
  };
}
