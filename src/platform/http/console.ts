import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainError } from '../errors.js';

/** Where `npm run build:web` writes the console. */
export const CONSOLE_DIST_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Paths the platform serves itself: never answered with the console's index page. */
const PLATFORM_PATHS = /^\/(api|health|ready|metrics)(\/|$|\?)/;
/** Vite puts content-hashed files here: they never change, so browsers may keep them for a year. */
const HASHED_ASSETS = '/assets/';

export interface ConsoleOptions {
  distDir?: string;
}

/**
 * Serves the built web console at `/`: its files (gzip when the build left a `.gz` beside them), and `index.html`
 * for any other GET that is not an API path, so that client-side routes (`/declarations/…`) survive a reload.
 * Static files are public (the console signs in over the API). Returns false, serving nothing, when the console is
 * not built.
 */
export async function registerConsole(app: FastifyInstance, options: ConsoleOptions = {}): Promise<boolean> {
  const root = path.resolve(options.distDir ?? CONSOLE_DIST_DIR);
  if (!fs.existsSync(path.join(root, 'index.html'))) return false;
  await app.register(fastifyStatic, { root, serve: false, preCompressed: true });

  const serveIndex = (reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html', root, { cacheControl: false });

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (PLATFORM_PATHS.test(url)) {
      // As for any unknown URL: say nothing about the API to a caller without a valid credential.
      if (!request.principal) throw new DomainError('UNAUTHENTICATED');
      return reply.callNotFound();
    }
    let relative: string;
    try {
      relative = decodeURIComponent(url).replace(/^\/+/, '');
    } catch {
      return reply.callNotFound();
    }
    const file = path.resolve(root, relative);
    if (!file.startsWith(root + path.sep)) return reply.callNotFound();
    if (await isFile(file)) {
      const immutable = url.startsWith(HASHED_ASSETS);
      return reply.sendFile(relative, root, {
        cacheControl: true,
        maxAge: immutable ? 31_536_000_000 : 0,
        immutable,
      });
    }
    // A missing file (has an extension) is a 404; anything else is a client-side route.
    if (path.extname(relative)) return reply.callNotFound();
    return serveIndex(reply);
  };
  const route = { config: { access: 'public' as const }, schema: { hide: true } };
  app.get('/', route, (_request, reply) => serveIndex(reply));
  app.get('/*', route, handler);
  return true;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.promises.stat(file)).isFile();
  } catch {
    return false;
  }
}
