import { Readable } from 'node:stream';
import Fastify, { type LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueSignInLink } from '../modules/accounts/index.ts';
import { updatePageText } from '../modules/content/index.ts';
import { importObservations } from '../modules/data/index.ts';
import { useTestApp } from '../testing/test-app.ts';
import { applyAndConfirm, confirmationLinkFor, confirmThroughLink } from '../testing/test-mail.ts';
import { createTestUser, TestClient } from '../testing/test-users.ts';
import { installAccessControl } from './access.ts';

/**
 * Who may use which route, written out by hand, one line per route of the server and one column
 * per kind of visitor: nothing here is computed from the access table it checks. Every address
 * is filled with a record made by this test (an organization's slug, an application's number…),
 * so a route answers for real, not with "not found".
 */

const platform = useTestApp();

const PERSONAS = [
  'anonymous',
  'second_factor_pending',
  'secretariat',
  'data_editor',
  'gcg_member',
  'focal_point',
  'partner_rep',
  'ag_chair',
  'ag_member',
] as const;
type Persona = (typeof PERSONAS)[number];

/**
 * What a visitor gets:
 * - `ok`: served (a page: 200; a form: anything but a refusal, such as 303 or a 400 for the empty form);
 * - `go`: a page that sends elsewhere (not to sign in);
 * - `in`: a page that sends to the sign-in form;
 * - `tf`: sent to give (or set up) the one-time code;
 * - `401`, `403`, `404`: refused as not signed in, forbidden, not found.
 */
type Outcome = 'ok' | 'go' | 'in' | 'tf' | '401' | '403' | '404';

// Columns: anonymous, second factor still to give, then each role (secretariat, data editor, GCG
// member, focal point, partner representative of organization A, action group chair and member).
// `:slug` is organization A's.
// prettier-ignore
const EXPECTED: Record<string, readonly [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome]> = {
  //                                                                      anon    2FA     secr.   editor  gcg     focal   rep     chair   member
  'GET /':                                                               ['go',   'go',   'go',   'go',   'go',   'go',   'go',   'go',   'go'],
  'GET /healthz':                                                        ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /readyz':                                                         ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  // Without METRICS_TOKEN (as here), the metrics answer nobody.
  'GET /metrics':                                                        ['404',  '404',  '404',  '404',  '404',  '404',  '404',  '404',  '404'],
  'GET /robots.txt':                                                     ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /sitemap.xml':                                                    ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /assets/*':                                                       ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /favicon.ico':                                                    ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /media/logos/:slug':                                              ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /media/workshop-documents/:id':                                   ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /api/v1/openapi.json':                                            ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /api/v1/stats':                                                   ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /api/v1/partners':                                                ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /api/v1/partners/:slug':                                          ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /api/v1/pathfinders':                                             ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /api/v1/pathfinders/:iso3':                                       ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/pathfinders':                                            ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/pathfinders/:iso3':                                      ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/pathfinders/:iso3/reports/:year':                        ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/pathfinders/:iso3/reports/:year/actions.csv':            ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/pathfinders/apply':                                      ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'POST /:locale/pathfinders/apply':                                     ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/pathfinders/apply/draft':                                ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/pathfinders/apply/confirmed':                            ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/data':                                                   ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/data/:code':                                             ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/data/:code/embed':                                       ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/countries/:iso3':                                        ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /api/v1/countries/:iso3':                                         ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /api/v1/indicators':                                              ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /api/v1/indicators/:code':                                        ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /api/v1/indicators/:code/observations':                           ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale':                                                        ['go',   'go',   'go',   'go',   'go',   'go',   'go',   'go',   'go'],
  'GET /:locale/':                                                       ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/:slug':                                                  ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/partners':                                               ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/partners/:slug':                                         ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/partners/apply':                                         ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'POST /:locale/partners/apply':                                        ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/partners/apply/answer':                                  ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'POST /:locale/partners/apply/answer':                                 ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/partners/apply/confirmed':                               ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/partners/apply/status':                                  ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/confirm':                                                ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'POST /:locale/confirm':                                               ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/confirm/sent':                                           ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'POST /:locale/confirm/resend':                                        ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/sign-in':                                                ['ok',   'ok',   'go',   'go',   'go',   'go',   'go',   'go',   'go'],
  'POST /:locale/sign-in':                                               ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/sign-in/code':                                           ['in',   'ok',   'go',   'go',   'go',   'go',   'go',   'go',   'go'],
  'POST /:locale/sign-in/code':                                          ['401',  'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'POST /:locale/sign-in/recovery':                                      ['401',  'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/account/second-factor':                                  ['in',   'tf',   'go',   'go',   'go',   'go',   'go',   'go',   'go'],
  'POST /:locale/account/second-factor':                                 ['401',  'tf',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'POST /:locale/sign-out':                                              ['401',  'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/password/forgot':                                        ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'POST /:locale/password/forgot':                                       ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/account/set-password':                                   ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'POST /:locale/account/set-password':                                  ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/account':                                                ['in',   'tf',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'POST /:locale/account':                                               ['401',  '401',  'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'POST /:locale/account/password':                                      ['401',  '401',  'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'POST /:locale/account/recovery-codes':                                ['401',  '401',  'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /admin':                                                          ['in',   'tf',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /admin/':                                                         ['in',   'tf',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'POST /admin/language':                                                ['401',  '401',  'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /admin/audit':                                                    ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/outbox':                                                   ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/demo':                                                     ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/demo':                                                    ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/data':                                                     ['in',   'tf',   'ok',   'ok',   '403',  '403',  '403',  '403',  '403'],
  'POST /admin/data/import':                                             ['401',  '401',  'ok',   'ok',   '403',  '403',  '403',  '403',  '403'],
  'GET /admin/data/indicators/:code':                                    ['in',   'tf',   'ok',   'ok',   '403',  '403',  '403',  '403',  '403'],
  'POST /admin/data/indicators/:code':                                   ['401',  '401',  'ok',   'ok',   '403',  '403',  '403',  '403',  '403'],
  'POST /admin/data/indicators/:code/restore':                           ['401',  '401',  'ok',   'ok',   '403',  '403',  '403',  '403',  '403'],
  'GET /admin/applications':                                             ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/applications/:id':                                         ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/applications/:id/approve':                                ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/applications/:id/decline':                                ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/applications/:id/request-info':                           ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/organizations':                                            ['in',   'tf',   'ok',   '403',  '403',  '403',  'go',   '403',  '403'],
  'GET /admin/organizations/:slug':                                      ['in',   'tf',   'ok',   '403',  '403',  '403',  'ok',   '403',  '403'],
  'POST /admin/organizations/:slug/profile':                             ['401',  '401',  'ok',   '403',  '403',  '403',  'ok',   '403',  '403'],
  'POST /admin/organizations/:slug/representatives':                     ['401',  '401',  'ok',   '403',  '403',  '403',  'ok',   '403',  '403'],
  'POST /admin/organizations/:slug/representatives/:grantId/remove':     ['401',  '401',  'ok',   '403',  '403',  '403',  'ok',   '403',  '403'],
  'POST /admin/organizations/:slug/representatives/:grantId/restore':    ['401',  '401',  'ok',   '403',  '403',  '403',  'ok',   '403',  '403'],
  'POST /admin/organizations/:slug/withdraw':                            ['401',  '401',  'ok',   '403',  '403',  '403',  'ok',   '403',  '403'],
  'POST /admin/organizations/:slug/status':                              ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/organizations/:slug/logo':                                ['401',  '401',  'ok',   '403',  '403',  '403',  'ok',   '403',  '403'],
  'POST /admin/organizations/:slug/change-request':                      ['401',  '401',  'ok',   '403',  '403',  '403',  'ok',   '403',  '403'],
  'GET /admin/change-requests':                                          ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/change-requests/:id':                                      ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/change-requests/:id/approve':                             ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/change-requests/:id/decline':                             ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/pathfinders':                                              ['in',   'tf',   'ok',   '403',  '403',  'go',   '403',  '403',  '403'],
  'POST /admin/pathfinders':                                             ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  // `:iso3` is the focal point's own country (NPL).
  'GET /admin/pathfinders/:iso3':                                        ['in',   'tf',   'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/moves':                                 ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/focal-points':                          ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/report-due':                            ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/workshops':                             ['401',  '401',  'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/workshop-documents':                    ['401',  '401',  'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'GET /admin/pathfinders/:iso3/workshops/:id':                          ['in',   'tf',   'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/workshops/:id':                         ['401',  '401',  'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'GET /admin/pathfinders/:iso3/workshops/:id/remove':                   ['in',   'tf',   'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/workshops/:id/remove':                  ['401',  '401',  'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  // Only a focal point asks for technical support; the Secretariat answers it.
  'POST /admin/pathfinders/:iso3/support-requests':                      ['401',  '401',  '403',  '403',  '403',  'ok',   '403',  '403',  '403'],
  'GET /admin/support-requests':                                         ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/support-requests/:id':                                     ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/support-requests/:id/answer':                             ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/instruments':                           ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/commitments':                           ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/ratifications':                         ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/pathfinders/:iso3/instruments/:id':                        ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/instruments/:id':                       ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/pathfinders/:iso3/instruments/:id/remove':                 ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/instruments/:id/remove':                ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/pathfinders/:iso3/commitments/:id':                        ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/commitments/:id':                       ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/pathfinders/:iso3/commitments/:id/remove':                 ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/commitments/:id/remove':                ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/pathfinders/:iso3/ratifications/:standard':                ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/ratifications/:standard':               ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/pathfinders/:iso3/ratifications/:standard/remove':         ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/ratifications/:standard/remove':        ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/standards':                                                ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/standards/import':                                        ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  // The roadmap and reports of NPL: an adopted version, a draft, a draft report with a PDF.
  'GET /admin/pathfinders/:iso3/roadmap':                                ['in',   'tf',   'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/roadmap':                               ['401',  '401',  'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/roadmap/priorities':                    ['401',  '401',  'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'GET /admin/pathfinders/:iso3/roadmap/priorities/:id':                 ['in',   'tf',   'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/roadmap/priorities/:id':                ['401',  '401',  'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/roadmap/priorities/:id/remove':         ['401',  '401',  'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/roadmap/actions':                       ['401',  '401',  'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'GET /admin/pathfinders/:iso3/roadmap/actions/:id':                    ['in',   'tf',   'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/roadmap/actions/:id':                   ['401',  '401',  'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/roadmap/actions/:id/remove':            ['401',  '401',  'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'GET /admin/pathfinders/:iso3/roadmap/adopt':                          ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/roadmap/adopt':                         ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/pathfinders/:iso3/roadmap/diff':                           ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/pathfinders/reports':                                      ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/pathfinders/:iso3/reports':                                ['in',   'tf',   'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/reports':                               ['401',  '401',  'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'GET /admin/pathfinders/:iso3/reports/:id':                            ['in',   'tf',   'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/reports/:id':                           ['401',  '401',  'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/reports/:id/attachments':               ['401',  '401',  'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'GET /admin/pathfinders/:iso3/reports/:id/attachments/:attachmentId':  ['in',   'tf',   'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'POST /admin/pathfinders/:iso3/reports/:id/acknowledge':               ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/pathfinders/:iso3/reports/:id/print':                      ['in',   'tf',   'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'GET /admin/pathfinders/:iso3/reports/:id/actions.csv':                ['in',   'tf',   'ok',   '403',  '403',  'ok',   '403',  '403',  '403'],
  'GET /admin/pathfinders/interests':                                    ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/pathfinders/interests/:id':                                ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/pathfinders/interests/:id/letter':                         ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/pathfinders/interests/:id/accept':                        ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/pathfinders/interests/:id/decline':                       ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/users':                                                    ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/users/invite':                                             ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/users/invite':                                            ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/users/:id':                                                ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/users/:id/roles':                                         ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/users/:id/roles/:grantId/revoke':                         ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/users/:id/roles/:grantId/restore':                        ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/users/:id/status':                                        ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/users/:id/second-factor/reset':                           ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  // News: `:id` is a proposal of organization A, `:slug` a published story.
  'GET /:locale/news':                                                   ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/news/feed.xml':                                          ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /:locale/news/:slug':                                             ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /api/v1/news':                                                    ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /media/news/:id/:width':                                          ['ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok',   'ok'],
  'GET /admin/news':                                                     ['in',   'tf',   'ok',   '403',  '403',  '403',  'ok',   '403',  '403'],
  'POST /admin/news':                                                    ['401',  '401',  'ok',   '403',  '403',  '403',  'ok',   '403',  '403'],
  'GET /admin/news/:id':                                                 ['in',   'tf',   'ok',   '403',  '403',  '403',  'ok',   '403',  '403'],
  'POST /admin/news/:id/details':                                        ['401',  '401',  'ok',   '403',  '403',  '403',  'ok',   '403',  '403'],
  'POST /admin/news/:id/image':                                          ['401',  '401',  'ok',   '403',  '403',  '403',  'ok',   '403',  '403'],
  'GET /admin/news/:id/:locale':                                         ['in',   'tf',   'ok',   '403',  '403',  '403',  'ok',   '403',  '403'],
  'POST /admin/news/:id/:locale':                                        ['401',  '401',  'ok',   '403',  '403',  '403',  'ok',   '403',  '403'],
  'POST /admin/news/:id/publish':                                        ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/news/:id/unpublish':                                      ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/news/:id/decline':                                        ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/pages':                                                    ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/pages':                                                   ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/pages/:id':                                                ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/pages/:id/slug':                                          ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/pages/:id/:locale':                                        ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/pages/:id/:locale':                                       ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/pages/:id/:locale/history':                                ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/pages/:id/:locale/restore':                               ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/translations':                                             ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'GET /admin/menu':                                                     ['in',   'tf',   'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
  'POST /admin/menu':                                                    ['401',  '401',  'ok',   '403',  '403',  '403',  '403',  '403',  '403'],
};

/**
 * A partner representative of organization A on organization B's pages, and on A's pages with a
 * representative of B: refused, whatever the form says.
 */
// prettier-ignore
const OTHER_ORGANIZATION: readonly { request: (f: Fixture) => Omit<Request, 'method'> & { method: 'GET' | 'POST' }; expected: Outcome }[] = [
  { request: (f) => ({ method: 'GET', url: `/admin/organizations/${f.b.slug}` }), expected: '403' },
  { request: (f) => ({ method: 'POST', url: `/admin/organizations/${f.b.slug}/profile`, fields: { website: 'https://taken.example' } }), expected: '403' },
  { request: (f) => ({ method: 'POST', url: `/admin/organizations/${f.b.slug}/representatives`, fields: { email: 'intruder@example.org', name: 'Intruder', locale: 'en' } }), expected: '403' },
  { request: (f) => ({ method: 'POST', url: `/admin/organizations/${f.b.slug}/representatives/${f.b.representativeGrant}/remove` }), expected: '403' },
  { request: (f) => ({ method: 'POST', url: `/admin/organizations/${f.b.slug}/representatives/${f.b.endedGrant}/restore`, fields: { user_id: String(f.b.representative) } }), expected: '403' },
  { request: (f) => ({ method: 'POST', url: `/admin/organizations/${f.b.slug}/withdraw`, fields: { confirm: 'yes' } }), expected: '403' },
  { request: (f) => ({ method: 'POST', url: `/admin/organizations/${f.b.slug}/logo`, file: f.picture }), expected: '403' },
  { request: (f) => ({ method: 'POST', url: `/admin/organizations/${f.b.slug}/change-request`, fields: { kind: 'other', name_en: 'Taken over' } }), expected: '403' },
  { request: (f) => ({ method: 'POST', url: `/admin/organizations/${f.a.slug}/representatives/${f.b.representativeGrant}/remove` }), expected: '404' },
  { request: (f) => ({ method: 'GET', url: `/admin/news/${f.stories.b}` }), expected: '403' },
  { request: (f) => ({ method: 'GET', url: `/admin/news/${f.stories.b}/en` }), expected: '403' },
  { request: (f) => ({ method: 'POST', url: `/admin/news/${f.stories.b}/en`, fields: { intent: 'save', title: 'Taken over' } }), expected: '403' },
  { request: (f) => ({ method: 'POST', url: `/admin/news/${f.stories.b}/details`, fields: { tags: 'taken' } }), expected: '403' },
  { request: (f) => ({ method: 'POST', url: `/admin/news/${f.stories.b}/image`, file: f.picture }), expected: '403' },
  { request: (f) => ({ method: 'POST', url: '/admin/news', fields: { slug: 'taken-over', organization: f.b.slug } }), expected: '403' },
  { request: (f) => ({ method: 'POST', url: `/admin/organizations/${f.a.slug}/representatives/${f.b.endedGrant}/restore`, fields: { user_id: String(f.b.representative) } }), expected: '404' },
];

/**
 * The focal point of NPL on the pages and forms of another country (KEN): refused, and nothing of
 * KEN changes.
 */
// prettier-ignore
const OTHER_COUNTRY: readonly { request: Omit<Request, 'method'> & { method: 'GET' | 'POST' }; expected: Outcome }[] = [
  { request: { method: 'GET', url: '/admin/pathfinders/KEN' }, expected: '403' },
  { request: { method: 'GET', url: '/admin/pathfinders/ken' }, expected: 'go' },
  { request: { method: 'POST', url: '/admin/pathfinders/KEN/moves', fields: { stage: 'under_review', on_date: '2025-02-01', note: 'Taken over' } }, expected: '403' },
  { request: { method: 'POST', url: '/admin/pathfinders/KEN/report-due', fields: { due_on: '2030-01-01' } }, expected: '403' },
  { request: { method: 'POST', url: '/admin/pathfinders/KEN/workshops', fields: { held_on: '2025-02-01', place: 'Nairobi' } }, expected: '403' },
  { request: { method: 'POST', url: '/admin/pathfinders/KEN/workshop-documents', file: Buffer.from('%PDF-1.4\n%%EOF\n') }, expected: '403' },
  { request: { method: 'POST', url: '/admin/pathfinders/KEN/support-requests', fields: { what: 'Support for another country', needed_by: '2099-01-01' } }, expected: '403' },
  { request: { method: 'POST', url: '/admin/pathfinders/KEN/ratifications', fields: { standard: 'C029', status: 'ratified', ratification_source: 'Made up' } }, expected: '403' },
  { request: { method: 'POST', url: '/admin/pathfinders/KEN/focal-points', fields: { name: 'Intruder', title: 'Minister', ministry: 'Labour', email: 'intruder@example.org', locale: 'en', started_on: '2025-02-01' } }, expected: '403' },
];

interface Request {
  method: string;
  url: string;
  fields?: Record<string, string>;
  /** A file, sent as browsers send one (the logo forms read nothing else). */
  file?: Buffer;
}

interface Organization {
  id: number;
  slug: string;
  /** A representative (the contact invited at the approval), one of their grants, and a removed one. */
  representative: number;
  representativeGrant: number;
  endedGrant: number;
}

/** The records the addresses are filled with, all made through the platform or its tables. */
interface Fixture {
  stylesheet: string;
  /** A picture for the logo forms. */
  picture: Buffer;
  a: Organization;
  b: Organization;
  /** An application waiting for a decision. */
  application: number;
  /** A name change waiting for a decision. */
  changeRequest: number;
  /** An account for the Secretariat's account pages. */
  user: number;
  answerToken: string;
  setPasswordToken: string;
  /** The applicant's private link to an application (its token). */
  statusToken: string;
  /** A confirmation link not used (it is only opened). */
  confirmationLink: string;
  /** The about page (with an English text) and its first English revision. */
  page: number;
  revision: number;
  /** A document of a workshop of NPL, and a request for technical support with that workshop. */
  workshopDocument: number;
  supportRequest: number;
  /** A workshop, a law and a commitment of NPL, corrected through their pages. */
  records: { workshop: number; instrument: number; commitment: number };
  /** The roadmap and reports of the focal point's country (NPL) and of another (KEN). */
  progress: Record<'NPL' | 'KEN', CountryProgress>;
  /** A draft expression of interest's private link (its token). */
  draftToken: string;
  /** An expression of interest with its letter, its address confirmed. */
  interest: number;
  /** Stories proposed by organizations A and B, and a published one with an image. */
  stories: { a: number; b: number; published: number };
}

/** A country's adopted roadmap, its draft (a priority and an action of it), a draft report and its PDF. */
interface CountryProgress {
  priority: number;
  action: number;
  report: number;
  attachment: number;
}

let fixture: Fixture;
let secretariat: TestClient;

async function one<T>(sql: string, values: unknown[] = []): Promise<T> {
  const result = await platform.database.pool.query(sql, values);
  if (result.rows.length !== 1) throw new Error(`expected one row from: ${sql}`);
  return result.rows[0] as T;
}

/** The fields of an application from `name`. */
function applicationFields(name: string): Record<string, string> {
  return {
    name,
    kind: 'academic',
    country: 'NPL',
    website: 'https://access.example.org',
    contact_name: `Contact of ${name}`,
    contact_email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.org`,
    motivation: 'We study forced labour in brick kilns and want to share our findings.',
    endorses_terms: 'yes',
  };
}

/** An application sent through the public form, by a visitor of its own, its address confirmed. */
async function apply(name: string): Promise<number> {
  await applyAndConfirm({
    database: platform.database,
    client: new TestClient(platform.server.app),
    fields: applicationFields(name),
  });
  return (await one<{ id: number }>(`SELECT id FROM partner_applications WHERE name = $1`, [name])).id;
}

/** The confirmation link of an application sent and not yet confirmed. */
async function unconfirmedLink(name: string): Promise<string> {
  const fields = applicationFields(name);
  const sent = await new TestClient(platform.server.app).submit({ page: '/en/partners/apply', fields });
  if (sent.statusCode !== 303) throw new Error(`the application of ${name} was refused: ${sent.statusCode}`);
  return confirmationLinkFor(platform.database, fields.contact_email!);
}

/** A grant of the representative role to `userId` for an organization, removed if asked. */
async function representativeGrant(input: { userId: number; organizationId: number; ended: boolean }) {
  return (
    await one<{ id: number }>(
      `INSERT INTO role_assignments (user_id, role, organization_id, revoked_at)
       VALUES ($1, 'partner_rep', $2, CASE WHEN $3 THEN now() END) RETURNING id`,
      [input.userId, input.organizationId, input.ended],
    )
  ).id;
}

async function roleGrant(input: { userId: number; ended: boolean }) {
  return (
    await one<{ id: number }>(
      `INSERT INTO role_assignments (user_id, role, revoked_at) VALUES ($1, 'gcg_member', CASE WHEN $2 THEN now() END) RETURNING id`,
      [input.userId, input.ended],
    )
  ).id;
}

/** An organization made the platform's way: applied for, approved by the Secretariat. */
async function approvedOrganization(name: string): Promise<Organization> {
  const application = await apply(name);
  const approved = await secretariat.submit({
    page: `/admin/applications/${application}`,
    action: `/admin/applications/${application}/approve`,
    fields: { confirm: 'yes' },
  });
  if (approved.statusCode !== 303) throw new Error(`approving ${name} answered ${approved.statusCode}`);
  const organization = await one<{ id: number; slug: string }>(`SELECT id, slug FROM organizations WHERE name = $1`, [
    name,
  ]);
  const contact = await one<{ user_id: number; id: number }>(
    `SELECT user_id, id FROM role_assignments WHERE role = 'partner_rep' AND organization_id = $1`,
    [organization.id],
  );
  return {
    ...organization,
    representative: contact.user_id,
    representativeGrant: contact.id,
    endedGrant: await representativeGrant({ userId: contact.user_id, organizationId: organization.id, ended: true }),
  };
}

/** A name change for organization A, asked through its page. */
async function changeRequest(): Promise<number> {
  const asked = await secretariat.submit({
    page: `/admin/organizations/${fixture.a.slug}`,
    action: `/admin/organizations/${fixture.a.slug}/change-request`,
    fields: { kind: 'academic', name_fr: '', name_en: 'Access A, renamed', name_es: '' },
  });
  if (asked.statusCode !== 303) throw new Error(`the change request answered ${asked.statusCode}`);
  return (await one<{ id: number }>(`SELECT max(id) AS id FROM organization_change_requests`)).id;
}

/** A story proposed by an organization, waiting for the Secretariat. */
async function proposedStory(organizationId: number): Promise<number> {
  return (
    await one<{ id: number }>(
      `INSERT INTO news_stories (slug, status, organization_id) VALUES ($1, 'submitted', $2) RETURNING id`,
      [`access-${crypto.randomUUID()}`, organizationId],
    )
  ).id;
}

/** A small PNG picture, for the logo forms. */
async function picture(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 64, channels: 3, background: '#0b3558' } })
    .png()
    .toBuffer();
}

/** Sends a form with a file as browsers do (multipart, the form's token first). */
async function sendWithFile(client: TestClient, input: { url: string; csrf: string; file: Buffer }) {
  return client.upload({
    page: input.url,
    action: input.url,
    csrf: input.csrf,
    file: { field: 'logo', name: 'logo.png', type: 'image/png', content: input.file },
  });
}

/** Uploads a logo for an organization through its page's form. */
async function uploadLogo(slug: string): Promise<void> {
  const page = await secretariat.get(`/admin/organizations/${slug}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const response = await sendWithFile(secretariat, {
    url: `/admin/organizations/${slug}/logo`,
    csrf,
    file: fixture.picture,
  });
  if (response.statusCode !== 303) throw new Error(`the logo upload answered ${response.statusCode}`);
}

/** A PDF document of the smallest kind: header, one object, cross-reference table, trailer. */
const LETTER = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \n' +
    'trailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n44\n%%EOF\n',
  'latin1',
);

/** A draft expression of interest saved by a visitor of its own; its private link's token. */
async function draftInterest(): Promise<string> {
  const saved = await new TestClient(platform.server.app).upload({
    page: '/en/pathfinders/apply',
    action: '/en/pathfinders/apply',
    fields: { reasons: 'A draft kept for later.', intent: 'draft' },
    file: { field: 'letter', name: '', type: 'application/octet-stream', content: Buffer.alloc(0) },
  });
  const token = /[?&]token=([\w-]+)/.exec(String(saved.headers.location))?.[1];
  if (!token) throw new Error(`the draft was refused: ${saved.statusCode}`);
  return token;
}

/** An expression of interest with its letter, sent by a visitor of its own, its address confirmed. */
async function expressInterest(): Promise<number> {
  const client = new TestClient(platform.server.app);
  const email = 'access.interest@example.gov';
  const sent = await client.upload({
    page: '/en/pathfinders/apply',
    action: '/en/pathfinders/apply',
    fields: {
      country: 'GHA',
      reasons: 'Reasons of the access test.',
      commitment: 'Commitment of the access test.',
      recent_successes: 'Successes of the access test.',
      focal_point_name: 'Access Official',
      focal_point_title: 'Director',
      focal_point_ministry: 'Ministry of Labour',
      focal_point_email: email,
    },
    file: { field: 'letter', name: 'letter.pdf', type: 'application/pdf', content: LETTER },
  });
  if (sent.statusCode !== 303) throw new Error(`the expression of interest was refused: ${sent.statusCode}`);
  const confirmed = await confirmThroughLink(client, await confirmationLinkFor(platform.database, email));
  if (confirmed.statusCode !== 303) throw new Error(`its confirmation answered ${confirmed.statusCode}`);
  return (await one<{ id: number }>(`SELECT id FROM pathfinder_interests WHERE focal_point_email = $1`, [email])).id;
}

async function waitUntilPublic(slug: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if ((await platform.server.app.inject({ url: `/api/v1/partners/${slug}` })).statusCode === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${slug} never reached the directory`);
}

beforeAll(async () => {
  const admin = await createTestUser({ database: platform.database, roles: [{ role: 'secretariat' }], totp: true });
  secretariat = new TestClient(platform.server.app);
  await secretariat.signIn({ email: admin.email, totpSecret: admin.totpSecret });

  const a = await approvedOrganization('Access A');
  const b = await approvedOrganization('Access B');
  const home = await platform.server.app.inject({ url: '/en/' });
  fixture = {
    stylesheet: /<link rel="stylesheet" href="([^"]+)">/.exec(home.body)![1]!,
    picture: await picture(),
    a,
    b,
    application: await apply('Access open'),
    changeRequest: 0,
    user: (await createTestUser({ database: platform.database, roles: [{ role: 'gcg_member' }] })).id,
    answerToken: '',
    setPasswordToken: '',
    statusToken: '',
    confirmationLink: await unconfirmedLink('Access unconfirmed'),
    page: 0,
    revision: 0,
    workshopDocument: 0,
    supportRequest: 0,
    records: { workshop: 0, instrument: 0, commitment: 0 },
    progress: {} as Fixture['progress'],
    draftToken: '',
    interest: 0,
    stories: { a: 0, b: 0, published: 0 },
  };
  const acknowledgement = await one<{ body_text: string }>(
    `SELECT body_text FROM mail_outbox WHERE to_address = 'access.open@example.org' AND kind = 'partners.application_received'`,
  );
  fixture.statusToken = /\/apply\/status\?token=([\w-]+)/.exec(acknowledgement.body_text)![1]!;
  fixture.changeRequest = await changeRequest();
  // The focal point's country (NPL) and another (KEN), entered through the back office.
  for (const country of ['NPL', 'KEN']) {
    const added = await secretariat.submit({
      page: '/admin/pathfinders',
      fields: { country, on_date: '2025-01-15', note: 'Letter of interest received' },
    });
    if (added.statusCode !== 303) throw new Error(`adding ${country} answered ${added.statusCode}`);
  }
  fixture.progress = { NPL: await countryProgress('NPL'), KEN: await countryProgress('KEN') };
  await uploadLogo(a.slug);
  const workshop = await one<{ id: number }>(
    `INSERT INTO pathfinder_workshops (iso3, held_on, place) VALUES ('NPL', '2025-02-01', 'Kathmandu') RETURNING id`,
  );
  fixture.workshopDocument = (
    await one<{ id: number }>(
      `INSERT INTO pathfinder_workshop_documents (workshop_id, file_name, content, bytes, sha256)
       VALUES ($1, 'report.pdf', $2, 14, 'checked') RETURNING id`,
      [workshop.id, Buffer.from('%PDF-1.4\n%%EOF\n')],
    )
  ).id;
  fixture.supportRequest = (
    await one<{ id: number }>(
      `INSERT INTO pathfinder_support_requests (workshop_id, what, needed_by) VALUES ($1, 'A facilitator', '2099-01-01') RETURNING id`,
      [workshop.id],
    )
  ).id;
  fixture.records = {
    workshop: workshop.id,
    instrument: await nepalInstrument(),
    commitment: await nepalCommitment(),
  };
  await nepalRatification();
  fixture.draftToken = await draftInterest();
  fixture.interest = await expressInterest();
  await updatePageText({
    db: platform.database.db,
    actor: { id: null, label: 'test' },
    text: { slug: 'about', locale: 'en', title: 'About', summary: 'How it works.', bodyMarkdown: 'It works.' },
  });
  const revision = await one<{ id: number; page_id: number }>(
    `SELECT id, page_id FROM content_page_revisions WHERE locale = 'en' ORDER BY id LIMIT 1`,
  );
  fixture.page = revision.page_id;
  fixture.revision = revision.id;
  fixture.stories = {
    a: await proposedStory(a.id),
    b: await proposedStory(b.id),
    published: (
      await one<{ id: number }>(
        `INSERT INTO news_stories (slug, status, publish_at, image_version, image_width, image_height)
         VALUES ('access-news', 'published', now() - interval '1 hour', 'v1', 64, 64) RETURNING id`,
      )
    ).id,
  };
  await platform.database.pool.query(
    `INSERT INTO news_story_translations (story_id, locale, title, image_alt) VALUES ($1, 'en', 'Access news', 'A square')`,
    [fixture.stories.published],
  );
  await platform.database.pool.query(
    `INSERT INTO news_images (story_id, width, height, image) VALUES ($1, 64, 64, $2)`,
    [fixture.stories.published, fixture.picture],
  );

  const questioned = await apply('Access questioned');
  const asked = await secretariat.submit({
    page: `/admin/applications/${questioned}`,
    action: `/admin/applications/${questioned}/request-info`,
    fields: { message: 'Which brick kilns do you work in?' },
  });
  expect(asked.statusCode).toBe(303);
  const mail = await one<{ body_text: string }>(
    `SELECT body_text FROM mail_outbox WHERE to_address = 'access.questioned@example.org' AND kind = 'partners.application_info_requested'`,
  );
  fixture.answerToken = /\/apply\/answer\?token=([\w-]+)/.exec(mail.body_text)![1]!;
  const link = await issueSignInLink({
    db: platform.database.db,
    userId: fixture.user,
    publicUrl: 'http://platform.test',
    actor: { id: null, label: 'cli' },
  });
  fixture.setPasswordToken = new URL(link).searchParams.get('token')!;
  const imported = await importObservations({
    db: platform.database.db,
    file: Readable.from(['indicator,geo,year,value\nACCESS.1,NPL,2021,15.3\n']),
    options: { format: 'tidy', fileName: 'access.csv', dryRun: false, createIndicators: true },
    actor: { id: null, label: 'test' },
  });
  expect(imported.written).toBe(true);
  await waitUntilPublic(a.slug);
}, 60_000);

/** A law of NPL, made for a request that corrects or removes it. */
async function nepalInstrument(): Promise<number> {
  return (
    await one<{ id: number }>(
      `INSERT INTO pathfinder_instruments (iso3, kind, title, year) VALUES ('NPL', 'law', 'Labour Act', 2017) RETURNING id`,
    )
  ).id;
}

/** NPL's commitment to the Call to Action, made (again) for a request that removes it. */
async function nepalCommitment(): Promise<number> {
  return (
    await one<{ id: number }>(
      `INSERT INTO pathfinder_commitments (iso3, commitment, source) VALUES ('NPL', 'call_to_action', 'Made up')
       ON CONFLICT (iso3, commitment) DO UPDATE SET source = excluded.source RETURNING id`,
    )
  ).id;
}

/** NPL's status with C029, made (again) for a request that removes it. */
async function nepalRatification(): Promise<void> {
  await platform.database.pool.query(
    `INSERT INTO pathfinder_ratifications (iso3, standard, status, source) VALUES ('NPL', 'C029', 'ratified', 'Made up')
     ON CONFLICT (iso3, standard) DO NOTHING`,
  );
}

/** A workshop of a country, made for a request that removes it. */
async function workshopOf(iso3: string): Promise<number> {
  return (
    await one<{ id: number }>(
      `INSERT INTO pathfinder_workshops (iso3, held_on, place) VALUES ($1, '2025-02-01', 'Removable') RETURNING id`,
      [iso3],
    )
  ).id;
}

/** A priority of the country's draft roadmap, made for a request that removes it. */
async function draftPriority(iso3: string): Promise<number> {
  const key = `P${Math.floor(Math.random() * 1_000_000) + 100}`;
  return (
    await one<{ id: number }>(
      `INSERT INTO pathfinder_roadmap_priorities (version_id, key, position, title)
       SELECT id, $2, 50, 'Removable' FROM pathfinder_roadmap_versions WHERE iso3 = $1 AND status = 'draft' RETURNING id`,
      [iso3, key],
    )
  ).id;
}

/** An action of the country's draft roadmap, made for a request that removes it. */
async function draftAction(iso3: string): Promise<number> {
  const key = `A${Math.floor(Math.random() * 1_000_000) + 100}`;
  return (
    await one<{ id: number }>(
      `INSERT INTO pathfinder_roadmap_actions (version_id, priority_key, key, position, title, responsible_body, start_on, end_on)
       SELECT id, 'P1', $2, 50, 'Removable', 'Ministry', '2025-01-01', '2025-12-31'
         FROM pathfinder_roadmap_versions WHERE iso3 = $1 AND status = 'draft' RETURNING id`,
      [iso3, key],
    )
  ).id;
}

/** A small PDF document (header, one empty page, end-of-file mark). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

/** The roadmap (version 1 adopted, version 2 a draft) and a draft report with a PDF, written as rows. */
async function countryProgress(iso3: string): Promise<CountryProgress> {
  const ids: number[] = [];
  for (const [number, status] of [
    [1, 'adopted'],
    [2, 'draft'],
  ] as const) {
    const version = await one<{ id: number }>(
      `INSERT INTO pathfinder_roadmap_versions (iso3, number, status, locale, adopted_on)
       VALUES ($1, $2, $3, 'en', CASE WHEN $3 = 'adopted' THEN DATE '2025-06-01' END) RETURNING id`,
      [iso3, number, status],
    );
    ids.push(version.id);
  }
  const [adopted, draft] = ids as [number, number];
  const priorities: number[] = [];
  const actions: number[] = [];
  for (const version of [adopted, draft]) {
    priorities.push(
      (
        await one<{ id: number }>(
          `INSERT INTO pathfinder_roadmap_priorities (version_id, key, position, title) VALUES ($1, 'P1', 1, 'Laws') RETURNING id`,
          [version],
        )
      ).id,
    );
    actions.push(
      (
        await one<{ id: number }>(
          `INSERT INTO pathfinder_roadmap_actions (version_id, priority_key, key, position, title, responsible_body, start_on, end_on)
           VALUES ($1, 'P1', 'A1', 1, 'Review the labour code', 'Ministry of Labour', '2025-01-01', '2026-12-31') RETURNING id`,
          [version],
        )
      ).id,
    );
  }
  const report = await one<{ id: number }>(
    `INSERT INTO pathfinder_reports (iso3, year, roadmap_version_id, locale) VALUES ($1, 2025, $2, 'en') RETURNING id`,
    [iso3, adopted],
  );
  await platform.database.pool.query(
    `INSERT INTO pathfinder_report_actions (report_id, action_key, status) VALUES ($1, 'A1', 'in_progress')`,
    [report.id],
  );
  // An acknowledged report of an earlier year, which the public may read.
  await platform.database.pool.query(
    `INSERT INTO pathfinder_reports (iso3, year, roadmap_version_id, locale, status, submitted_on, acknowledged_on)
     VALUES ($1, 2024, $2, 'en', 'acknowledged', DATE '2025-02-01', DATE '2025-02-10')`,
    [iso3, adopted],
  );
  const attachment = await one<{ id: number }>(
    `INSERT INTO pathfinder_report_attachments (report_id, file_name, content, size, sha256)
     VALUES ($1, 'plan.pdf', $2, $3, 'not checked here') RETURNING id`,
    [report.id, PDF, PDF.length],
  );
  return { priority: priorities[1]!, action: actions[1]!, report: report.id, attachment: attachment.id };
}

/** The address of a route with every parameter filled, its form's fields, made anew where a request uses them up. */
async function requestFor(route: string): Promise<Request> {
  const [method, path] = route.split(' ') as [string, string];
  const f = fixture;
  const fill = (values: Record<string, string | number>) =>
    path.replace(/:(\w+)|\*/g, (whole, name: string | undefined) => String(values[name ?? '*'] ?? whole));
  switch (route) {
    case 'GET /assets/*':
      return { method, url: f.stylesheet };
    case 'GET /:locale/partners/apply/answer':
      return { method, url: `/en/partners/apply/answer?token=${f.answerToken}` };
    case 'POST /:locale/partners/apply/answer':
      return { method, url: '/en/partners/apply/answer', fields: { token: f.answerToken } };
    case 'GET /:locale/pathfinders/apply/draft':
      return { method, url: `/en/pathfinders/apply/draft?token=${f.draftToken}` };
    // Any file: a picture named as a letter is refused with a message, which is an answer about access too.
    case 'POST /:locale/pathfinders/apply':
      return { method, url: '/en/pathfinders/apply', file: f.picture };
    case 'GET /:locale/partners/apply/status':
      return { method, url: `/en/partners/apply/status?token=${f.statusToken}` };
    case 'GET /:locale/confirm':
      return { method, url: f.confirmationLink };
    // Confirming uses a link up: each visitor gets one of their own.
    case 'POST /:locale/confirm': {
      const link = await unconfirmedLink(`Access ${crypto.randomUUID()}`);
      return { method, url: '/en/confirm', fields: { token: new URL(link, 'http://x').searchParams.get('token')! } };
    }
    case 'POST /:locale/confirm/resend':
      return { method, url: '/en/confirm/resend', fields: { email: 'access.nobody@example.org' } };
    case 'GET /:locale/account/set-password':
      return { method, url: `/en/account/set-password?token=${f.setPasswordToken}` };
    case 'POST /:locale/account/set-password':
      return { method, url: '/en/account/set-password', fields: { token: f.setPasswordToken } };
    case 'GET /:locale/:slug':
      return { method, url: '/en/about' };
    case 'GET /admin/pages/:id':
    case 'POST /admin/pages/:id/slug':
    case 'GET /admin/pages/:id/:locale':
    case 'POST /admin/pages/:id/:locale':
    case 'GET /admin/pages/:id/:locale/history':
      return { method, url: fill({ id: f.page, locale: 'en' }) };
    case 'POST /admin/pages/:id/:locale/restore':
      return { method, url: fill({ id: f.page, locale: 'en' }), fields: { revision: String(f.revision) } };
    case 'POST /admin/organizations/:slug/logo':
      return { method, url: fill({ slug: f.a.slug }), file: f.picture };
    case 'GET /media/workshop-documents/:id':
    case 'GET /admin/support-requests/:id':
    case 'POST /admin/support-requests/:id/answer':
      return { method, url: fill({ id: path.startsWith('/media/') ? f.workshopDocument : f.supportRequest }) };
    // Any file: a document not chosen for a workshop, or a picture as a CSV, is refused with a message.
    case 'POST /admin/pathfinders/:iso3/workshop-documents':
      return { method, url: fill({ iso3: 'NPL' }), file: f.picture };
    case 'POST /admin/standards/import':
      return { method, url: path, file: f.picture };
    case 'GET /:locale/news/:slug':
      return { method, url: '/en/news/access-news' };
    case 'GET /media/news/:id/:width':
      return { method, url: fill({ id: f.stories.published, width: 64 }) };
    case 'POST /admin/news/:id/image':
      return { method, url: fill({ id: f.stories.a }), file: f.picture };
    case 'GET /admin/news/:id':
    case 'POST /admin/news/:id/details':
    case 'GET /admin/news/:id/:locale':
    case 'POST /admin/news/:id/:locale':
      return { method, url: fill({ id: f.stories.a, locale: 'en' }) };
    // Deciding on a story uses it up: each visitor gets one of their own.
    case 'POST /admin/news/:id/publish':
    case 'POST /admin/news/:id/unpublish':
      return { method, url: fill({ id: await proposedStory(f.a.id) }), fields: { when: 'now', confirm: 'yes' } };
    case 'POST /admin/news/:id/decline':
      return { method, url: fill({ id: await proposedStory(f.a.id) }), fields: { reason: 'Not about target 8.7.' } };
    // Any file: a picture sent as data is refused with a report, which is an answer about access too.
    case 'POST /admin/data/import':
      return { method, url: path, file: f.picture };
    // The one version of the fixture's indicator is the current one: the answer (409) still says who may ask.
    case 'POST /admin/data/indicators/:code/restore':
      return { method, url: fill({ code: 'ACCESS.1' }), fields: { version: '1' } };
    // Deciding uses an application or a change up: each visitor gets one of their own.
    case 'POST /admin/applications/:id/approve':
      return { method, url: fill({ id: await apply(`Access ${crypto.randomUUID()}`) }), fields: { confirm: 'yes' } };
    case 'POST /admin/change-requests/:id/approve':
      return { method, url: fill({ id: await changeRequest() }) };
    case 'POST /admin/organizations/:slug/representatives/:grantId/remove':
      return {
        method,
        url: fill({
          slug: f.a.slug,
          grantId: await representativeGrant({ userId: f.a.representative, organizationId: f.a.id, ended: false }),
        }),
      };
    case 'POST /admin/organizations/:slug/representatives/:grantId/restore':
      return {
        method,
        url: fill({
          slug: f.a.slug,
          grantId: await representativeGrant({ userId: f.a.representative, organizationId: f.a.id, ended: true }),
        }),
        fields: { user_id: String(f.a.representative) },
      };
    case 'GET /admin/pathfinders/:iso3/workshops/:id':
    case 'POST /admin/pathfinders/:iso3/workshops/:id':
    case 'GET /admin/pathfinders/:iso3/workshops/:id/remove':
      return { method, url: fill({ iso3: 'NPL', id: f.records.workshop }) };
    case 'POST /admin/pathfinders/:iso3/workshops/:id/remove':
      return { method, url: fill({ iso3: 'NPL', id: await workshopOf('NPL') }), fields: { confirm: 'yes' } };
    case 'GET /admin/pathfinders/:iso3/instruments/:id':
    case 'POST /admin/pathfinders/:iso3/instruments/:id':
    case 'GET /admin/pathfinders/:iso3/instruments/:id/remove':
      return { method, url: fill({ iso3: 'NPL', id: f.records.instrument }) };
    case 'POST /admin/pathfinders/:iso3/instruments/:id/remove':
      return { method, url: fill({ iso3: 'NPL', id: await nepalInstrument() }), fields: { confirm: 'yes' } };
    case 'GET /admin/pathfinders/:iso3/commitments/:id':
    case 'POST /admin/pathfinders/:iso3/commitments/:id':
    case 'GET /admin/pathfinders/:iso3/commitments/:id/remove':
      return { method, url: fill({ iso3: 'NPL', id: await nepalCommitment() }) };
    case 'POST /admin/pathfinders/:iso3/commitments/:id/remove':
      return { method, url: fill({ iso3: 'NPL', id: await nepalCommitment() }), fields: { confirm: 'yes' } };
    case 'GET /admin/pathfinders/:iso3/ratifications/:standard':
    case 'POST /admin/pathfinders/:iso3/ratifications/:standard':
    case 'GET /admin/pathfinders/:iso3/ratifications/:standard/remove':
      await nepalRatification();
      return { method, url: fill({ iso3: 'NPL', standard: 'C029' }) };
    case 'POST /admin/pathfinders/:iso3/ratifications/:standard/remove':
      await nepalRatification();
      return { method, url: fill({ iso3: 'NPL', standard: 'C029' }), fields: { confirm: 'yes' } };
    case 'GET /admin/pathfinders/:iso3/roadmap/priorities/:id':
    case 'POST /admin/pathfinders/:iso3/roadmap/priorities/:id':
      return { method, url: fill({ iso3: 'NPL', id: f.progress.NPL.priority }) };
    case 'POST /admin/pathfinders/:iso3/roadmap/priorities/:id/remove':
      return { method, url: fill({ iso3: 'NPL', id: await draftPriority('NPL') }) };
    case 'GET /admin/pathfinders/:iso3/roadmap/actions/:id':
    case 'POST /admin/pathfinders/:iso3/roadmap/actions/:id':
      return { method, url: fill({ iso3: 'NPL', id: f.progress.NPL.action }) };
    case 'POST /admin/pathfinders/:iso3/roadmap/actions/:id/remove':
      return { method, url: fill({ iso3: 'NPL', id: await draftAction('NPL') }) };
    case 'GET /admin/pathfinders/:iso3/reports/:id':
    case 'POST /admin/pathfinders/:iso3/reports/:id':
    case 'POST /admin/pathfinders/:iso3/reports/:id/acknowledge':
    case 'GET /admin/pathfinders/:iso3/reports/:id/print':
    case 'GET /admin/pathfinders/:iso3/reports/:id/actions.csv':
      return { method, url: fill({ iso3: 'NPL', id: f.progress.NPL.report }) };
    // A picture, not a PDF: refused with a message, which is an answer about access too.
    case 'POST /admin/pathfinders/:iso3/reports/:id/attachments':
      return { method, url: fill({ iso3: 'NPL', id: f.progress.NPL.report }), file: f.picture };
    case 'GET /admin/pathfinders/:iso3/reports/:id/attachments/:attachmentId':
      return {
        method,
        url: fill({ iso3: 'NPL', id: f.progress.NPL.report, attachmentId: f.progress.NPL.attachment }),
      };
    case 'POST /admin/users/:id/roles/:grantId/revoke':
      return { method, url: fill({ id: f.user, grantId: await roleGrant({ userId: f.user, ended: false }) }) };
    case 'POST /admin/users/:id/roles/:grantId/restore':
      return { method, url: fill({ id: f.user, grantId: await roleGrant({ userId: f.user, ended: true }) }) };
  }
  const id = path.startsWith('/admin/applications/')
    ? f.application
    : path.startsWith('/admin/pathfinders/interests/')
      ? f.interest
      : path.startsWith('/admin/change-requests/')
        ? f.changeRequest
        : f.user;
  return { method, url: fill({ locale: 'en', slug: f.a.slug, id, iso3: 'NPL', code: 'ACCESS.1', year: 2024 }) };
}

async function clientFor(persona: Persona): Promise<TestClient> {
  const client = new TestClient(platform.server.app);
  const database = platform.database;
  if (persona === 'anonymous') return client;
  if (persona === 'second_factor_pending') {
    const person = await createTestUser({ database, roles: [{ role: 'data_editor' }], totp: true });
    const signedIn = await client.signIn({ email: person.email });
    expect(signedIn.headers.location).toBe('/en/sign-in/code');
    return client;
  }
  const binding =
    persona === 'focal_point'
      ? { country: 'NPL' }
      : persona === 'partner_rep'
        ? { organizationId: fixture.a.id }
        : persona === 'ag_chair' || persona === 'ag_member'
          ? { actionGroup: 'migration' }
          : {};
  const person = await createTestUser({
    database,
    roles: [{ role: persona, ...binding }],
    totp: persona === 'secretariat',
  });
  await client.signIn({ email: person.email, totpSecret: person.totpSecret });
  return client;
}

async function send(client: TestClient, request: Request, csrf: string): Promise<LightMyRequestResponse> {
  if (request.method === 'GET') return client.get(request.url);
  if (request.file) return sendWithFile(client, { url: request.url, csrf, file: request.file });
  return client.submit({ page: request.url, action: request.url, fields: request.fields ?? {}, csrf });
}

/** What a response amounts to, in the table's words. */
function outcomeOf(method: string, response: LightMyRequestResponse): string {
  const status = response.statusCode;
  const location = [response.headers.location ?? ''].flat().join('');
  // A form refused for its token is no answer about access: the test sends the right one.
  if (status === 403 && /The form has expired|Le formulaire a expiré|El formulario ha caducado/.test(response.body)) {
    return 'csrf';
  }
  if (status === 401 || status === 403 || status === 404) return String(status);
  if (status >= 300 && status < 400) {
    if (/^\/(fr|en|es)\/sign-in\?next=/.test(location)) return 'in';
    if (/^\/(fr|en|es)\/(sign-in\/code|account\/second-factor)$/.test(location)) return 'tf';
    return method === 'GET' ? 'go' : 'ok';
  }
  if (method === 'GET') return status === 200 ? 'ok' : String(status);
  return status < 500 ? 'ok' : String(status);
}

/** The token of the forms of a visitor's pages. */
async function csrfOf(client: TestClient): Promise<string> {
  return /name="_csrf" value="([^"]+)"/.exec((await client.get('/en/password/forgot')).body)?.[1] ?? '';
}

describe('the access table', () => {
  it('is written out here for exactly the routes the server has', () => {
    // Fastify adds a HEAD route for each GET.
    const registered = [...new Set([...platform.server.routes].map((route) => route.replace(/^HEAD /, 'GET ')))];
    const written = Object.keys(EXPECTED);
    expect({
      missingHere: registered.filter((route) => !written.includes(route)).sort(),
      notOnTheServer: written.filter((route) => !registered.includes(route)).sort(),
    }).toEqual({ missingHere: [], notOnTheServer: [] });
  });

  it('lets each kind of visitor use exactly what the table says, on real records', { timeout: 120_000 }, async () => {
    // Signing out ends the visitor's session: that route comes last.
    const routes = Object.keys(EXPECTED).sort(
      (a, b) => Number(a.includes('sign-out')) - Number(b.includes('sign-out')),
    );
    const results = await Promise.all(
      PERSONAS.map(async (persona, column) => {
        const client = await clientFor(persona);
        const csrf = await csrfOf(client);
        const differences: string[] = [];
        for (const route of routes) {
          const request = await requestFor(route);
          const response = await send(client, request, csrf);
          const got = outcomeOf(request.method, response);
          const expected = EXPECTED[route]![column]!;
          if (got !== expected) {
            const location = [response.headers.location ?? ''].flat().join('');
            differences.push(
              `${persona} ${route} (${request.method} ${request.url}): expected ${expected}, got ${got} (${response.statusCode}${location ? ` → ${location}` : ''})`,
            );
          }
        }
        return differences;
      }),
    );
    expect(results.flat()).toEqual([]);
  });

  it('keeps a partner representative out of another organization, whatever the form says', async () => {
    const client = await clientFor('partner_rep');
    const csrf = await csrfOf(client);
    const differences: string[] = [];
    for (const entry of OTHER_ORGANIZATION) {
      const request = entry.request(fixture);
      const got = outcomeOf(request.method, await send(client, request, csrf));
      if (got !== entry.expected)
        differences.push(`${request.method} ${request.url}: expected ${entry.expected}, got ${got}`);
    }
    expect(differences).toEqual([]);
    // Nothing of B changed.
    const b = await one<{ status: string; website: string | null; representatives: number }>(
      `SELECT status, website, (SELECT count(*)::int FROM role_assignments
         WHERE organization_id = organizations.id AND role = 'partner_rep' AND revoked_at IS NULL) AS representatives
         FROM organizations WHERE id = $1`,
      [fixture.b.id],
    );
    expect(b).toEqual({ status: 'active', website: 'https://access.example.org', representatives: 1 });
    const story = await one<{ tags: string[]; image_version: string | null; texts: number; taken: number }>(
      `SELECT tags, image_version, (SELECT count(*)::int FROM news_story_translations WHERE story_id = $1) AS texts,
              (SELECT count(*)::int FROM news_stories WHERE slug = 'taken-over') AS taken
         FROM news_stories WHERE id = $1`,
      [fixture.stories.b],
    );
    expect(story).toEqual({ tags: [], image_version: null, texts: 0, taken: 0 });
  });
});

describe('the focal point of a country', () => {
  it('can neither read nor change another country’s record', async () => {
    const client = await clientFor('focal_point');
    const csrf = await csrfOf(client);
    const differences: string[] = [];
    for (const entry of OTHER_COUNTRY) {
      const got = outcomeOf(entry.request.method, await send(client, entry.request, csrf));
      if (got !== entry.expected) {
        differences.push(`${entry.request.method} ${entry.request.url}: expected ${entry.expected}, got ${got}`);
      }
    }
    expect(differences).toEqual([]);
    const other = await one<{
      stage: string;
      moves: number;
      focal_points: number;
      workshops: number;
      ratifications: number;
    }>(
      `SELECT stage, (SELECT count(*)::int FROM pathfinder_stage_moves WHERE iso3 = 'KEN') AS moves,
              (SELECT count(*)::int FROM pathfinder_focal_points WHERE iso3 = 'KEN') AS focal_points,
              (SELECT count(*)::int FROM pathfinder_workshops WHERE iso3 = 'KEN') AS workshops,
              (SELECT count(*)::int FROM pathfinder_ratifications WHERE iso3 = 'KEN') AS ratifications
         FROM pathfinder_countries WHERE iso3 = 'KEN'`,
    );
    expect(other).toEqual({ stage: 'interest_expressed', moves: 1, focal_points: 0, workshops: 0, ratifications: 0 });
  });
});

/**
 * The focal point of NPL on the roadmap and reports of KEN, by KEN's address or by NPL's address
 * with KEN's records: refused or not found, whatever the form says.
 */
// prettier-ignore
const OTHER_COUNTRY_PROGRESS: readonly { request: (p: CountryProgress) => Omit<Request, 'method'> & { method: 'GET' | 'POST' }; expected: Outcome }[] = [
  { request: () => ({ method: 'GET', url: '/admin/pathfinders/KEN/roadmap' }), expected: '403' },
  { request: () => ({ method: 'POST', url: '/admin/pathfinders/KEN/roadmap', fields: { locale: 'en' } }), expected: '403' },
  { request: () => ({ method: 'POST', url: '/admin/pathfinders/KEN/roadmap/priorities', fields: { priority_title: 'Taken over' } }), expected: '403' },
  { request: (p) => ({ method: 'GET', url: `/admin/pathfinders/KEN/roadmap/priorities/${p.priority}` }), expected: '403' },
  { request: (p) => ({ method: 'POST', url: `/admin/pathfinders/KEN/roadmap/priorities/${p.priority}`, fields: { priority_title: 'Taken over' } }), expected: '403' },
  { request: (p) => ({ method: 'POST', url: `/admin/pathfinders/KEN/roadmap/priorities/${p.priority}/remove` }), expected: '403' },
  { request: () => ({ method: 'POST', url: '/admin/pathfinders/KEN/roadmap/actions', fields: { priority: 'P1', title: 'Taken over', responsible_body: 'Intruder', start_on: '2025-01-01', end_on: '2025-12-31', status: 'planned' } }), expected: '403' },
  { request: (p) => ({ method: 'GET', url: `/admin/pathfinders/KEN/roadmap/actions/${p.action}` }), expected: '403' },
  { request: (p) => ({ method: 'POST', url: `/admin/pathfinders/KEN/roadmap/actions/${p.action}/remove` }), expected: '403' },
  { request: () => ({ method: 'GET', url: '/admin/pathfinders/KEN/roadmap/diff' }), expected: '403' },
  { request: () => ({ method: 'POST', url: '/admin/pathfinders/KEN/roadmap/adopt', fields: { confirm: 'yes', adopted_on: '2025-07-01' } }), expected: '403' },
  { request: () => ({ method: 'GET', url: '/admin/pathfinders/KEN/reports' }), expected: '403' },
  { request: () => ({ method: 'POST', url: '/admin/pathfinders/KEN/reports', fields: { year: '2024' } }), expected: '403' },
  { request: (p) => ({ method: 'GET', url: `/admin/pathfinders/KEN/reports/${p.report}` }), expected: '403' },
  { request: (p) => ({ method: 'POST', url: `/admin/pathfinders/KEN/reports/${p.report}`, fields: { intent: 'submit', overall_narrative: 'Taken over', status_A1: 'completed', narrative_A1: 'Taken over' } }), expected: '403' },
  { request: (p) => ({ method: 'POST', url: `/admin/pathfinders/KEN/reports/${p.report}/attachments`, file: PDF }), expected: '403' },
  { request: (p) => ({ method: 'GET', url: `/admin/pathfinders/KEN/reports/${p.report}/attachments/${p.attachment}` }), expected: '403' },
  { request: (p) => ({ method: 'GET', url: `/admin/pathfinders/KEN/reports/${p.report}/print` }), expected: '403' },
  { request: (p) => ({ method: 'GET', url: `/admin/pathfinders/KEN/reports/${p.report}/actions.csv` }), expected: '403' },
  { request: (p) => ({ method: 'POST', url: `/admin/pathfinders/KEN/reports/${p.report}/acknowledge`, fields: { note: 'Taken over' } }), expected: '403' },
  // KEN's records under NPL's address: not NPL's, so not found.
  { request: (p) => ({ method: 'GET', url: `/admin/pathfinders/NPL/roadmap/priorities/${p.priority}` }), expected: '404' },
  { request: (p) => ({ method: 'GET', url: `/admin/pathfinders/NPL/roadmap/actions/${p.action}` }), expected: '404' },
  { request: (p) => ({ method: 'POST', url: `/admin/pathfinders/NPL/roadmap/actions/${p.action}`, fields: { priority: 'P1', title: 'Taken over', responsible_body: 'Intruder', start_on: '2025-01-01', end_on: '2025-12-31', status: 'planned' } }), expected: '404' },
  { request: (p) => ({ method: 'POST', url: `/admin/pathfinders/NPL/roadmap/actions/${p.action}/remove` }), expected: '404' },
  { request: (p) => ({ method: 'POST', url: `/admin/pathfinders/NPL/roadmap/priorities/${p.priority}/remove` }), expected: '404' },
  { request: (p) => ({ method: 'GET', url: `/admin/pathfinders/NPL/reports/${p.report}` }), expected: '404' },
  { request: (p) => ({ method: 'POST', url: `/admin/pathfinders/NPL/reports/${p.report}`, fields: { intent: 'submit', overall_narrative: 'Taken over', status_A1: 'completed', narrative_A1: 'Taken over' } }), expected: '404' },
  { request: (p) => ({ method: 'POST', url: `/admin/pathfinders/NPL/reports/${p.report}/attachments`, file: PDF }), expected: '404' },
  { request: (p) => ({ method: 'GET', url: `/admin/pathfinders/NPL/reports/${p.report}/attachments/${p.attachment}` }), expected: '404' },
  { request: (p) => ({ method: 'GET', url: `/admin/pathfinders/NPL/reports/${p.report}/print` }), expected: '404' },
  { request: (p) => ({ method: 'GET', url: `/admin/pathfinders/NPL/reports/${p.report}/actions.csv` }), expected: '404' },
];

describe('the focal point of a country, on another country’s roadmap and reports', () => {
  it('can neither read nor change them', async () => {
    const client = await clientFor('focal_point');
    const csrf = await csrfOf(client);
    const differences: string[] = [];
    for (const entry of OTHER_COUNTRY_PROGRESS) {
      const request = entry.request(fixture.progress.KEN);
      const got = outcomeOf(request.method, await send(client, request, csrf));
      if (got !== entry.expected)
        differences.push(`${request.method} ${request.url}: expected ${entry.expected}, got ${got}`);
    }
    expect(differences).toEqual([]);
    // Nothing of KEN changed.
    const other = await one<{ versions: string; priorities: number; actions: number; report: string; files: number }>(
      `SELECT (SELECT string_agg(number || ':' || status, ',' ORDER BY number) FROM pathfinder_roadmap_versions WHERE iso3 = 'KEN') AS versions,
              (SELECT count(*)::int FROM pathfinder_roadmap_priorities p JOIN pathfinder_roadmap_versions v ON v.id = p.version_id WHERE v.iso3 = 'KEN') AS priorities,
              (SELECT count(*)::int FROM pathfinder_roadmap_actions a JOIN pathfinder_roadmap_versions v ON v.id = a.version_id WHERE v.iso3 = 'KEN') AS actions,
              (SELECT status || ':' || overall_narrative FROM pathfinder_reports WHERE iso3 = 'KEN' AND year = 2025) AS report,
              (SELECT count(*)::int FROM pathfinder_report_attachments f JOIN pathfinder_reports r ON r.id = f.report_id WHERE r.iso3 = 'KEN') AS files`,
    );
    expect(other).toEqual({ versions: '1:adopted,2:draft', priorities: 2, actions: 2, report: 'draft:', files: 1 });
  });
});

describe('the focal point of a country, on another country’s workshops', () => {
  it('can neither correct nor remove them, by either country’s address', async () => {
    const client = await clientFor('focal_point');
    const csrf = await csrfOf(client);
    const kenya = await workshopOf('KEN');
    // prettier-ignore
    const requests: { request: Request; expected: string }[] = [
      { request: { method: 'GET', url: `/admin/pathfinders/KEN/workshops/${kenya}` }, expected: '403' },
      { request: { method: 'POST', url: `/admin/pathfinders/KEN/workshops/${kenya}`, fields: { held_on: '2025-02-01', place: 'Taken over' } }, expected: '403' },
      { request: { method: 'GET', url: `/admin/pathfinders/KEN/workshops/${kenya}/remove` }, expected: '403' },
      { request: { method: 'POST', url: `/admin/pathfinders/KEN/workshops/${kenya}/remove`, fields: { confirm: 'yes' } }, expected: '403' },
      // KEN's workshop under NPL's address: not NPL's, so not found.
      { request: { method: 'GET', url: `/admin/pathfinders/NPL/workshops/${kenya}` }, expected: '404' },
      { request: { method: 'POST', url: `/admin/pathfinders/NPL/workshops/${kenya}`, fields: { held_on: '2025-02-01', place: 'Taken over' } }, expected: '404' },
      { request: { method: 'GET', url: `/admin/pathfinders/NPL/workshops/${kenya}/remove` }, expected: '404' },
      { request: { method: 'POST', url: `/admin/pathfinders/NPL/workshops/${kenya}/remove`, fields: { confirm: 'yes' } }, expected: '404' },
      // Laws, commitments and statuses are the Secretariat's to correct, even the focal point's own country's.
      { request: { method: 'GET', url: `/admin/pathfinders/NPL/instruments/${fixture.records.instrument}` }, expected: '403' },
      { request: { method: 'POST', url: `/admin/pathfinders/NPL/commitments/${fixture.records.commitment}/remove`, fields: { confirm: 'yes' } }, expected: '403' },
      { request: { method: 'POST', url: '/admin/pathfinders/NPL/ratifications/C029/remove', fields: { confirm: 'yes' } }, expected: '403' },
    ];
    const differences: string[] = [];
    for (const entry of requests) {
      const got = outcomeOf(entry.request.method, await send(client, entry.request, csrf));
      if (got !== entry.expected)
        differences.push(`${entry.request.method} ${entry.request.url}: expected ${entry.expected}, got ${got}`);
    }
    expect(differences).toEqual([]);
    expect(await one(`SELECT place FROM pathfinder_workshops WHERE id = $1`, [kenya])).toEqual({ place: 'Removable' });
  });
});

describe('a route without a rule', () => {
  it('stops the server from starting', async () => {
    const app = Fastify();
    installAccessControl(app, { defaultLocale: 'fr', resolveViewer: async () => null });
    expect(() => app.get('/admin/forgotten', async () => 'x')).toThrow(/has no access rule/);
    await app.close();
  });
});
