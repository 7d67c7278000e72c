import type { FastifyReply } from 'fastify';
import { toCsv } from '../../../http/api.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import type { ReportView } from './reports.usecases.ts';
import { REPORT_CSV_HEADER, reportCsvRows } from './reports.views.ts';

/**
 * Sends a report's actions as CSV (decision 022), under the one file name both the back office
 * and the public page give it; `cacheControl` says who may keep it.
 */
export function sendReportCsv(
  reply: FastifyReply,
  input: { tr: Translator; view: ReportView; cacheControl: string },
): FastifyReply {
  const { report } = input.view;
  return reply
    .header('cache-control', input.cacheControl)
    .header('content-disposition', `attachment; filename="alliance87-${report.iso3}-report-${report.year}-actions.csv"`)
    .type('text/csv; charset=utf-8')
    .send(toCsv({ header: REPORT_CSV_HEADER, rows: reportCsvRows({ tr: input.tr, view: input.view }) }));
}
