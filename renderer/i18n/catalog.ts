import { bucketMessages } from "../features/bucket/messages";
import { connectionTestMessages } from "../features/connections/messages";
import { previewMessages } from "../features/preview/messages";
import { diagnosticMessages } from "../features/rules/diagnostic-messages";
import { rulesMessages } from "../features/rules/messages";
import { tourMessages } from "../features/tour/messages";
import { uploadMessages } from "../features/upload/messages";
import { errorMessages } from "./error-messages";
import { appMessages } from "./messages";

/** Every feature's strings, merged. Adding a feature means adding its table here. */
const tables = [
  appMessages,
  uploadMessages,
  rulesMessages,
  diagnosticMessages,
  bucketMessages,
  previewMessages,
  connectionTestMessages,
  tourMessages,
  errorMessages,
] as const;

type Table = (typeof tables)[number];
export type MessageKey = Table extends infer T
  ? T extends { en: Record<infer K, string> }
    ? K
    : never
  : never;

export const catalog = {
  en: Object.assign({}, ...tables.map((table) => table.en)) as Record<MessageKey, string>,
  "zh-CN": Object.assign({}, ...tables.map((table) => table["zh-CN"])) as Record<MessageKey, string>,
};
