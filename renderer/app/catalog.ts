import { batchesMessages } from "../features/batches/messages";
import { bucketMessages } from "../features/bucket/messages";
import { connectionTestMessages } from "../features/connections/messages";
import { historyMessages } from "../features/history/messages";
import { jobsMessages } from "../features/jobs/messages";
import { linksMessages } from "../features/links/messages";
import { picgoMessages } from "../features/picgo/messages";
import { previewMessages } from "../features/preview/messages";
import { quickMessages } from "../features/quick/messages";
import { diagnosticMessages } from "../features/rules/diagnostic-messages";
import { rulesMessages } from "../features/rules/messages";
import { tourMessages } from "../features/tour/messages";
import { uploadMessages } from "../features/upload/messages";
import { addMessages, catalog } from "../i18n/catalog";

/**
 * Every feature's strings, added to the catalogue when this module loads: main.tsx imports it
 * before anything is shown, and so does a test that words things. Adding a feature means
 * adding its table here; i18n itself imports no feature.
 */
const tables = [
  uploadMessages,
  rulesMessages,
  diagnosticMessages,
  bucketMessages,
  jobsMessages,
  previewMessages,
  connectionTestMessages,
  tourMessages,
  picgoMessages,
  batchesMessages,
  quickMessages,
  linksMessages,
  historyMessages,
] as const;

declare module "../i18n/catalog" {
  interface FeatureMessages {
    tables: typeof tables;
  }
}

for (const table of tables) addMessages(table);

export { catalog };
