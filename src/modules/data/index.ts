export { dataModule } from './data.module.ts';
export { importObservations } from './import/import.usecases.ts';
export { IMPORT_FORMATS, type ImportFormat, type ImportReport } from './import/import.schemas.ts';
export { restoreVersion } from './versions/versions.usecases.ts';
