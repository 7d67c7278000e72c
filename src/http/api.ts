import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apiErrorSchema, validationFailed } from './errors.ts';

export const API_PREFIX = '/api/v1';

/**
 * A JSON API route described by Zod schemas. The same schemas validate the request, type the
 * handler and produce `/api/v1/openapi.json`, so the description cannot drift from the code.
 */
export interface ApiRouteDefinition<
  Query extends z.ZodObject = z.ZodObject,
  Params extends z.ZodObject = z.ZodObject,
  Response extends z.ZodType = z.ZodType,
> {
  path: string;
  summary: string;
  tag: string;
  query?: Query;
  params?: Params;
  response: Response;
  handler: (input: {
    query: z.output<Query>;
    params: z.output<Params>;
    request: FastifyRequest;
  }) => Promise<z.input<Response>>;
  /** With `?format=csv`, the same answer as a CSV table (the query schema declares `format`). */
  csv?: (body: z.input<Response>) => { filename: string; header: string[]; rows: CsvCell[][] };
}

export type CsvCell = string | number | boolean | null | undefined | readonly string[];

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote. */
export function toCsv(input: { header: string[]; rows: CsvCell[][] }): string {
  const cell = (value: CsvCell) => {
    let text =
      value === null || value === undefined ? '' : typeof value === 'object' ? value.join('; ') : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [input.header, ...input.rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

export interface ApiRegistry {
  get<Query extends z.ZodObject, Params extends z.ZodObject, Response extends z.ZodType>(
    definition: ApiRouteDefinition<Query, Params, Response>,
  ): void;
  mount(app: FastifyInstance): void;
  openApiDocument(input: { publicUrl: string; version: string }): Record<string, unknown>;
}

export function createApiRegistry(): ApiRegistry {
  const routes: ApiRouteDefinition[] = [];
  return {
    get(definition) {
      const declared = Object.keys(definition.params?.shape ?? {});
      const missing = [...definition.path.matchAll(/:(\w+)/g)].flatMap((match) =>
        match[1] && !declared.includes(match[1]) ? [match[1]] : [],
      );
      if (missing.length > 0) {
        throw new Error(`The API route ${definition.path} declares no schema for: ${missing.join(', ')}`);
      }
      routes.push(definition);
    },
    mount(app) {
      for (const route of routes) {
        app.get(`${API_PREFIX}${route.path}`, async (request, reply) => {
          const query = (route.query ?? z.object({})).safeParse(request.query ?? {});
          if (!query.success) throw validationFailed(query.error);
          const params = (route.params ?? z.object({})).safeParse(request.params ?? {});
          if (!params.success) throw validationFailed(params.error);
          const body = await route.handler({ query: query.data, params: params.data, request });
          if (route.csv && (query.data as { format?: string }).format === 'csv') {
            const table = route.csv(body);
            return reply
              .header('cache-control', 'no-cache')
              .header('content-disposition', `attachment; filename="${table.filename}"`)
              .type('text/csv; charset=utf-8')
              .send(`\uFEFF${toCsv(table)}`);
          }
          return reply.header('cache-control', 'no-cache').send(body);
        });
      }
    },
    openApiDocument({ publicUrl, version }) {
      const paths: Record<string, Record<string, unknown>> = {};
      for (const route of routes) {
        const openApiPath = `${API_PREFIX}${route.path}`.replace(/:(\w+)/g, '{$1}');
        const parameters = [...describeParameters(route.params, 'path'), ...describeParameters(route.query, 'query')];
        paths[openApiPath] = {
          get: {
            summary: route.summary,
            tags: [route.tag],
            ...(parameters.length > 0 ? { parameters } : {}),
            responses: {
              '200': {
                description: 'OK',
                content: { 'application/json': { schema: z.toJSONSchema(route.response, { io: 'output' }) } },
              },
              default: {
                description: 'Error',
                content: { 'application/json': { schema: z.toJSONSchema(apiErrorSchema) } },
              },
            },
          },
        };
      }
      return {
        openapi: '3.1.0',
        info: {
          title: 'Alliance 8.7 open API',
          version,
          description: 'Public data of the Alliance 8.7 platform. Lists are paginated with page and per_page.',
        },
        servers: [{ url: publicUrl }],
        paths,
      };
    },
  };
}

function describeParameters(schema: z.ZodObject | undefined, where: 'query' | 'path') {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const fieldSchema = field as z.ZodType;
    return {
      name,
      in: where,
      required: where === 'path' || !fieldSchema.safeParse(undefined).success,
      ...(fieldSchema.description ? { description: fieldSchema.description } : {}),
      schema: z.toJSONSchema(fieldSchema, { io: 'input', unrepresentable: 'any' }),
    };
  });
}
