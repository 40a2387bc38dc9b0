import { z } from "zod";
import { fillPlaceholders } from "./placeholders";

/**
 * Every sentence the main process (and the shared schemas) may say to a designer, declared
 * once. Errors carry the id and the values, not only the English: the renderer words them in
 * the designer's language and re-words them when the language changes. Values are data —
 * numbers, names, keys, formats — never English words; a sentence with an optional part is
 * two ids. `{name}` placeholders are the renderer's `translate` syntax.
 */
export const ERROR_MESSAGES = {
  // Connections and their keys
  "connection-gone": "That connection no longer exists.",
  "local-bucket-built-in": "The Local bucket is built in and cannot be removed.",
  "keys-unreadable": "The stored keys cannot be read: enter the keys again.",
  "connection-damaged": "This connection's saved settings are damaged. Delete it and add it again.",
  "connection-keys-undecryptable":
    "This connection's keys could not be decrypted on this computer. Enter them again.",
  "connections-file-unreadable":
    "The saved connections could not be read and were moved to {aside}. Add your connections again.",
  "credentials-unavailable": "Could not get COS credentials from the provider.",
  "credentials-malformed": "The SecretId and SecretKey must be non-empty and have no spaces around them.",
  "no-default-bucket": "The active connection has no default bucket.",
  "region-invalid": '"{region}" is not a COS region such as ap-guangzhou.',
  "local-bucket-name-invalid": '"{bucket}" is not a bucket name of the form name-APPID.',
  "bucket-name-invalid":
    '"{bucket}" is not a bucket name: use BucketName-APPID, e.g. examplebucket-1250000000.',
  "stored-keys-other-endpoint":
    "The saved keys are only ever sent to this connection's saved address: enter the SecretId and SecretKey to test another one.",

  // Presets
  "preset-gone": "That preset no longer exists.",

  // Uploads
  "file-gone": "That file is no longer in the upload list.",

  // Links
  "link-template-gone": "That link template no longer exists for this connection.",

  // History
  "history-delete-changed":
    "The objects to delete changed since they were listed: nothing was deleted. Review the list again.",
  "presets-not-json": "The file is not JSON.",
  "presets-wrong-format": 'The file is not a Picops presets file (format "{format}", version 1).',
  "presets-file-damaged":
    "The saved presets file was damaged ({lost} could not be read); it was moved to {aside}.",
  "presets-file-unreadable": "The saved presets file could not be read; it was moved to {aside}.",
  "preset-already-saved": "A preset with this name and rule is already saved.",
  "preset-field-invalid": "Its {field} is missing or not valid.",
  "preset-rule-invalid": "Its rule has an error at column {column}.",

  // Requests to COS
  "request-cancelled": "The request was cancelled.",
  "host-unreachable": "Could not reach {host} ({reason}); check the connection.",
  "request-failed": "The request to {host} failed ({reason}).",
  "cos-status-400": "COS refused the request as malformed.",
  "cos-status-403": "Access denied: check the SecretId, SecretKey and the bucket's permissions.",
  "cos-status-404": "The object does not exist.",
  "cos-status-405": "COS does not allow this operation here.",
  "cos-status-409": "The request conflicts with the bucket's current state.",
  "cos-status-411": "The request had no Content-Length.",
  "cos-status-412": "The object changed since it was last read.",
  "cos-status-416": "The requested byte range is outside the object.",
  "cos-status-500": "COS had an internal error; try again.",
  "cos-status-503": "COS is busy; try again shortly.",
  "cos-status-other": "COS answered with HTTP status {status}.",
  "answer-too-large":
    "The server's answer passed {megabytes} MB, more than any answer of COS's of this kind holds: Picops stopped reading it.",
  "xml-not-well-formed": "COS sent a <{root}> that Picops could not read: it is not well-formed XML.",
  "xml-root-missing": "COS sent a <{root}> that Picops could not read: no <{root}> element.",
  "xml-field-unreadable": "COS sent a <{root}> that Picops could not read at {field}.",
  "xml-key-not-encoded": 'COS sent a <{root}> that Picops could not read: "{value}" is not URL-encoded.',
  "image-info-not-json": "COS sent imageInfo that is not JSON.",
  "image-info-unreadable": "COS sent imageInfo that Picops could not read at {field}.",
  "not-a-file": "{file} is not a file.",
  "file-unreadable": "Could not read {file}.",
  "content-length-mismatch": "ContentLength is {declared} but the body has {size} bytes.",
  "download-to-file-failed": "Could not download {key} to {file}.",
  "download-failed": "The object could not be downloaded.",
  "media-too-large": "The image is {megabytes} MB, more than Picops keeps for showing ({budget} MB).",
  "processed-image-too-large":
    "The image COS made passed {megabytes} MB, more than Picops keeps for showing: it was not read further.",
  "download-outside-folder": "{key} would be saved outside the chosen folder.",
  "delete-count": "Delete between 1 and {max} keys at a time.",
  "upload-options-invalid": "The upload options are invalid.",
  "ci-job-request-invalid": "The cloud job cannot be sent: its name, input, rule or output is invalid.",
  "ci-job-id-invalid": "{jobId} is not a Cloud Infinite job id.",
  "file-not-given":
    "{file} was not chosen, dropped or opened with Picops: only files given to Picops that way can be added.",
  "folder-too-many-entries":
    "{folder} holds more than {max} files and folders: add its sub-folders one at a time.",
  "folder-walk-too-long":
    "Reading {folder} took longer than {seconds} seconds: add its sub-folders one at a time.",

  // Object keys and Pic-Operations
  "key-empty": "The object key cannot be used: the key is empty.",
  "key-too-long": "The object key cannot be used: the key is longer than {maxBytes} bytes.",
  "key-control-character": "The object key cannot be used: the key contains a control character.",
  "key-leading-slash": "The object key cannot be used: the key starts with /.",
  "key-dot-segment": "The object key cannot be used: the key contains a . or .. segment.",
  "pic-operations-no-rules": "Pic-Operations needs at least one rule",
  "pic-operations-too-many-rules": "Pic-Operations takes at most {max} rules, got {count}",
  "fileid-empty": "Rule {rule}: the output name (fileid) is empty",
  "fileid-control-character": "Rule {rule}: the output name (fileid) contains a control character",
  "fileid-trailing-slash": "Rule {rule}: the output name (fileid) must not end with /",
  "fileid-dot-segment": "Rule {rule}: the output name (fileid) must not contain . or .. folders",
  "fileid-too-long": "Rule {rule}: the output name (fileid) must be at most {maxBytes} bytes, got {bytes}",
  "rule-bucket-invalid":
    'rule {rule}: bucket must look like examplebucket-1250000000 (lowercase letters, digits and -, then the APPID), got "{bucket}"',
  "rule-invalid": "Rule {rule}: the rule has an error at column {column}",

  // PutObject options
  "metadata-name-characters":
    'Metadata name "{name}" may only contain letters, digits, "-" and "_", starting with a letter or digit.',
  "metadata-name-twice": 'Metadata name "{name}" is used twice (names ignore case).',
  "metadata-value-characters":
    'Metadata value of "{name}" may only contain printable ASCII characters (encode anything else).',
  "metadata-too-large":
    "Metadata totals {bytes} bytes; COS allows at most {maxBytes} bytes of names and values.",
  "header-value-characters": "{field} may only contain printable ASCII characters (encode anything else).",
  "grantees-format": '{field} must be a comma-separated list of id="qcs::cam::uin/…:uin/…" grantees.',
  "expires-not-date": "Expires must be an HTTP date.",
  "content-md5-format": "ContentMD5 must be the Base64 of a 16-byte MD5 digest.",
  "content-md5-twice": "Give either ContentMD5 or computeMd5, not both.",
  "traffic-limit-whole": "TrafficLimit must be a whole number of bits per second between {min} and {max}.",
  "traffic-limit-range":
    "TrafficLimit must be between {min} and {max} bits per second (100 KB/s to 100 MB/s).",

  // Uploads and processing
  paused: "Paused",
  cancelled: "Cancelled",
  "plan-needs-rule": "Processing needs at least one rule.",
  "upload-without-file": "This upload has no file.",
  "nothing-to-upload": "Add at least one image that passed the checks.",
  "all-already-there":
    "Every file is already in the bucket at its key with the same bytes: nothing was uploaded. Choose to upload identical files to send them anyway.",
  "nothing-to-process": "The selection holds no images.",
  "batch-gone": "That batch no longer exists.",
  "batch-not-finished":
    "Only a finished batch can be removed from the history: cancel it or let it finish first.",

  // Previews
  "sample-gone": "That file is no longer in the upload list.",
  "sample-unreadable": "The sample file could not be read from disk.",
  "sample-too-large": "{key} is {megabytes} MB; Cloud Infinite processes at most 32 MB.",
  "sample-not-image": "The sample is not an image.",
  "sample-damaged": "The sample is damaged or not an image.",
  "preview-superseded": "A newer preview was asked for.",
  "preview-needs-object": "COS can preview objects in a bucket; this sample is a local file.",
  "rule-invalid-at": "The rule has an error at column {column}.",

  // The local image engine
  "processing-cancelled": "Image processing was cancelled.",
  "image-too-large": "The image is {megabytes} MB; Cloud Infinite processes at most 32 MB.",
  "not-an-image": "The file is not an image: no JPEG, PNG, GIF, WebP, BMP, HEIF or AVIF header was found.",
  "format-not-processed":
    "{format} images are not processed by Cloud Infinite (JPEG, PNG, GIF, WebP, BMP, HEIF, AVIF are).",
  "image-side-too-long": "The image is {width}×{height} px; each side must be at most {maxSide} px.",
  "image-too-many-pixels":
    "The image is {width}×{height} px; at most {maxMegapixels} million pixels are allowed.",
  "animation-too-many-pixels":
    "The image is {width}×{height} px × {frames} frames; at most {maxMegapixels} million pixels are allowed.",
  "bmp-os2-header": "This BMP variant (OS/2 header) is not supported locally.",
  "bmp-no-pixels": "The BMP header declares no pixels.",
  "bmp-variant-not-local":
    "{bitsPerPixel}-bit BMP with compression {compression} is not supported locally (24/32-bit uncompressed only).",
  "bmp-truncated": "The BMP file is truncated.",
  "rule-too-many-stages": "A rule holds at most {max} stages; this one has {count}.",
  "format-tencent-only": "format/{format} is Tencent's own codec: it runs only in COS, not locally.",
  "heif-not-local": "Writing HEIF (HEVC) runs only in COS: this build of libvips encodes AVIF only.",
  "heif-input-not-local": "Reading HEIF (HEVC) runs only in COS: this build of libvips decodes AVIF only.",
  "webp-side-too-long": "WebP holds at most {maxSide} px per side; the output would be {width}×{height} px.",
  "processor-not-local": 'The processor "{name}" is not available in the local engine; it runs only in COS.',
  "style-without-source": "style/{name} cannot be resolved: no style source given.",
  "style-refers-to-itself": "style/{name} refers to itself.",
  "style-unknown": 'The style "{name}" does not exist in this bucket.',
  "crop-does-not-fit": "crop {name} {value} px does not fit the {width}×{height} px image.",
  "cut-outside-image": "cut {cut} lies outside the {width}×{height} px image.",
  "view2-parameter-not-local": 'imageView2 parameter "{name}" is not known to the local engine.',
  "view2-size-without-mode": "imageView2 w and h need a mode (1–5) right after imageView2.",
  "mogr2-operation-not-local": 'imageMogr2 operation "{name}" is not known to the local engine.',
  "scrop-not-local":
    "scrop (face-aware smart crop) needs face detection, which the local engine does not have.",
  "radius-out-of-range": "{name} {radius} is out of range for a {width}×{height} px image (1–{limit}).",
  "watermark-parameter-not-local": 'watermark/{type} parameter "{name}" is not known to the local engine.',
  "watermark-image-not-local": "No way to fetch the watermark image {url} locally.",
  "animated-not-local": "{operation} on an animated image is not supported locally.",
  "animation-decoded-early": "An animation was decoded too early.",
  "cos-only-operation": "{name} is Tencent's own processing: it runs only in COS, not locally.",
  "image-damaged": "The image is damaged and cannot be decoded ({reason}).",
  "engine-memory-exceeded":
    "This rule needs about {megabytes} MB of pixels at once, more than the local engine's {budgetMegabytes} MB; COS can still run it.",
  "watermark-text-too-large":
    "The text watermark would be about {width}×{height} px, more than the {maxSide} px per side a text can be drawn.",

  // A plan's trial of each rule on one file of each kind (electron/uploads/plan-checks.ts)
  "rule-fails-on-animated": "Rule {n} ({rule}) fails on animated {format} images, such as {sample}.",
  "rule-fails-on-cmyk": "Rule {n} ({rule}) fails on CMYK {format} images, such as {sample}.",
  "rule-fails-on-grey": "Rule {n} ({rule}) fails on greyscale {format} images, such as {sample}.",
  "rule-fails-on-transparent":
    "Rule {n} ({rule}) fails on {format} images with transparency, such as {sample}.",
  "rule-fails-on-large": "Rule {n} ({rule}) fails on large {format} images (over 20 MP), such as {sample}.",
  "rule-fails-on-plain": "Rule {n} ({rule}) fails on {format} images, such as {sample}.",
  "trial-failed": "The engine could not run it ({code}).",

  // The IPC boundary
  "unknown-channel": "There is no channel named {channel}.",
  internal: "Something went wrong inside Picops; see the log for details.",

  // What the shared schemas say about a value (upload and processing options, a connection's form)
  "bucket-name-format": "Bucket is BucketName-APPID, e.g. photos-1250000000",
  "rule-missing": "Choose or write a rule",
  "output-name-missing": "Name the output, e.g. {name}_w800.{ext}",
  "output-name-placeholders": "Placeholders are {dir}, {name}, {ext}, {key} and {format}",
  "prefix-invalid": "A prefix has no leading /, no . or .. folders and no control characters",
  "too-many-upload-rules": "At most {max} rules per upload (a COS limit)",
  "no-rules": "Add at least one rule",
  "too-many-process-rules": "At most {max} rules per request (a COS limit)",
  "connection-name-missing": "Give the connection a name",
  "secret-id-missing": "SecretId is required",
  "secret-key-missing": "SecretKey is required",
  "region-format": "Region looks like ap-guangzhou",
  "custom-domain-format": "A host name, optionally with {Bucket} and {Region}",
  "key-template-missing": "Name the original, e.g. {yyyy}/{MM}/{name}.{ext}",
  "key-template-placeholders":
    "Placeholders are {name}, {ext}, {dir}, {yyyy}, {MM}, {dd}, {HH}, {mm}, {ss}, {timestamp}, {md5}, {md5:8}, {random:6} and {uuid}",
} as const;

export type ErrorMessageId = keyof typeof ERROR_MESSAGES;
export type MessageValues = Record<string, string | number>;

const ERROR_MESSAGE_IDS = Object.keys(ERROR_MESSAGES) as [ErrorMessageId, ...ErrorMessageId[]];

export const ErrorMessageIdSchema = z.enum(ERROR_MESSAGE_IDS);
export const MessageValuesSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/** A sentence of the table and what fills it, as it crosses IPC (a plan's or a profile's problem). */
export const MessageRefSchema = z.object({
  messageId: ErrorMessageIdSchema,
  values: MessageValuesSchema.optional(),
});
export type MessageRef = z.infer<typeof MessageRefSchema>;

/** The English sentence: what logs, tests and the web host's JSON read. */
export function formatMessage(id: ErrorMessageId, values?: MessageValues): string {
  return fillPlaceholders(ERROR_MESSAGES[id], values);
}

export function messageRef(messageId: ErrorMessageId, values?: MessageValues): MessageRef {
  return values === undefined ? { messageId } : { messageId, values };
}

/**
 * A zod issue's text that a renderer can translate: the English sentence as the message, and
 * the id and values as `params` (zod keeps `params` on custom issues).
 */
export function issueText(id: ErrorMessageId, values?: MessageValues) {
  return { message: formatMessage(id, values), params: messageRef(id, values) };
}

/** The id and values a zod issue carries in `params`, if it was raised with `issueText`. */
export function issueMessageRef(issue: object | undefined): MessageRef | undefined {
  const parsed = MessageRefSchema.safeParse(issue && "params" in issue ? issue.params : undefined);
  return parsed.success ? parsed.data : undefined;
}
