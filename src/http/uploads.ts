import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { CSRF_FIELD, type Csrf } from './csrf.ts';
import { AppError } from './errors.ts';

/**
 * Forms that send a file (`multipart/form-data`). Only the routes registered here read such
 * bodies: everywhere else the server answers 415 without reading them. Here the body is read as
 * a stream, in order: the form token must come first and be right before anything else is read,
 * the file is read up to its limit, and a body larger than the limit is refused before reading
 * it when it says its length. Who may use the route is checked on arrival, like every route.
 */
export interface UploadScope {
  /**
   * Registers a route that takes one file of at most `maxFileBytes` (`onRequest`: a hook run on
   * arrival, such as a public form's rate limit).
   */
  post(
    url: string,
    options: { maxFileBytes: number; onRequest?: RouteShorthandOptions['onRequest'] },
    handler: (request: FastifyRequest, reply: FastifyReply, upload: Upload) => Promise<unknown>,
  ): void;
}

export interface Upload {
  fields: Record<string, string>;
  /** The file's bytes; empty when none was chosen. */
  file: Buffer;
  /** The file's name as the browser sent it (without folders); empty when none was chosen. */
  fileName: string;
  /** The file was larger than the route allows (it was not read further). */
  tooLarge: boolean;
}

/** Room for the form's other fields and the multipart framing around the file. */
const FRAMING_BYTES = 64 * 1024;

export function registerUploadRoutes(
  app: FastifyInstance,
  input: { csrf: Csrf },
  register: (scope: UploadScope) => void,
): void {
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { files: 1, fields: 20, fieldSize: 64 * 1024, parts: 22 } });
    register({
      post(url, options, handler) {
        const hooks = options.onRequest ? { onRequest: options.onRequest } : {};
        scope.post(url, { config: { csrf: 'self' }, ...hooks }, async (request, reply) => {
          const declared = Number(request.headers['content-length']);
          if (Number.isFinite(declared) && declared > options.maxFileBytes + FRAMING_BYTES) {
            // Not read at all: the form says the file is too large, and the connection closes
            // rather than take in the rest.
            reply.header('connection', 'close');
            return handler(request, reply, { fields: {}, file: Buffer.alloc(0), fileName: '', tooLarge: true });
          }
          return handler(
            request,
            reply,
            await readUpload(request, { csrf: input.csrf, maxFileBytes: options.maxFileBytes }),
          );
        });
      },
    });
  });
}

async function readUpload(request: FastifyRequest, input: { csrf: Csrf; maxFileBytes: number }): Promise<Upload> {
  if (!request.isMultipart()) throw new AppError('validation_failed');
  const upload: Upload = { fields: {}, file: Buffer.alloc(0), fileName: '', tooLarge: false };
  let tokenChecked = false;
  try {
    for await (const part of request.parts({ limits: { fileSize: input.maxFileBytes } })) {
      if (!tokenChecked) {
        if (part.type !== 'field' || part.fieldname !== CSRF_FIELD || !input.csrf.verify(request, part.value)) {
          throw new AppError('csrf_failed');
        }
        tokenChecked = true;
        continue;
      }
      if (part.type === 'file') {
        upload.fileName = (part.filename ?? '').split(/[\\/]/).pop() ?? '';
        try {
          upload.file = await part.toBuffer();
        } catch (error) {
          if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
          upload.tooLarge = true;
          upload.file = Buffer.alloc(0);
          break;
        }
      } else if (typeof part.value === 'string') {
        upload.fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new AppError('payload_too_large');
    }
    // A malformed or cut-off body: the sender's fault, said as such.
    request.log.info({ err: error }, 'malformed multipart body refused');
    throw new AppError('validation_failed');
  }
  if (!tokenChecked) throw new AppError('csrf_failed');
  return upload;
}
