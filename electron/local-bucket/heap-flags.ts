/**
 * V8 flags for every process that runs the Local bucket: the app's utility process (as
 * `--js-flags`), the web host's child, `npm run local-bucket` (package.json) and the
 * benchmarks' bucket.
 *
 * Its JavaScript heap stays small (about 15 MB live) while every upload passes megabytes of
 * buffers through it: the body, the decoded pixels, the output. Sized from so small a heap,
 * V8's old-generation limit can leave less room than the young generation may promote, and
 * V8 then starts a full mark-compact as soon as the last one ends: one every upload or two,
 * each freeing almost nothing. Whether a process falls into that depends on its first
 * collections; six bucket processes in seven did, and paid 35–45 ms of CPU more per 12 MP
 * upload (about a sixth of the whole path's). A floor of 128 MB under the limit keeps every
 * process out of it. What it lets wait is JavaScript garbage, which dies young here; the
 * buffers' memory is still freed by the young generation's collections.
 */
export const LOCAL_BUCKET_V8_FLAGS: readonly string[] = ["--initial-old-space-size=128"];
