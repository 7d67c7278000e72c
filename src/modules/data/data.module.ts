import type { ModuleDescriptor } from '../../http/module.ts';
import { registerCatalogueApi } from './catalogue/catalogue.api.ts';
import { registerCataloguePages } from './catalogue/catalogue.pages.ts';
import { registerCountriesApi } from './countries/countries.api.ts';
import { registerCountryPages } from './countries/countries.pages.ts';
import { listProfiledCountries } from './countries/countries.usecases.ts';
import { registerIndicatorEditing } from './editing/editing.admin.ts';
import { registerDataAdmin } from './import/import.admin.ts';
import { dataVersions, indicators, indicatorTranslations, observations } from './data.table.ts';
import { registerObservationsApi } from './observations/observations.api.ts';

/** Indicator data: the catalogue, versioned observations, their import and their API. */
export const dataModule = {
  name: 'data',
  tables: [indicators, indicatorTranslations, dataVersions, observations],
  mount: (context) => ({
    pages: (surface) => {
      registerCataloguePages(surface, context);
      registerCountryPages(surface, context);
    },
    admin: (app) => {
      registerDataAdmin(app, context);
      registerIndicatorEditing(app, context);
    },
    api: (api) => {
      registerCatalogueApi(api, { db: context.db });
      registerObservationsApi(api, { db: context.db });
      registerCountriesApi(api, {
        db: context.db,
        defaultLocale: context.defaultLocale,
        publicUrl: context.config.publicUrl,
      });
    },
    sitemap: async () => (await listProfiledCountries({ db: context.db })).map((iso3) => `/countries/${iso3}`),
  }),
} satisfies ModuleDescriptor;
