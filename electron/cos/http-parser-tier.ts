import { setFlagsFromString } from "node:v8";

/**
 * undici parses HTTP with llhttp compiled to WebAssembly. V8 runs it first as Liftoff's
 * baseline code and, once it is hot, compiles it again with TurboFan, in the middle of the
 * first big upload: about 20 MB of compiler memory on top of what the upload itself holds
 * (bench/client (b): RSS grew 31.8 MB while uploading 20 × 30 MB, 12.2 MB with the baseline
 * code only). The parser only frames messages, headers and body spans, so its baseline code costs no
 * measurable CPU: 1.43–1.56 ms per small PUT against 1.48–1.63 ms with TurboFan (2,000 PUTs
 * with Pic-Operations at 8 at once, two runs each). undici's parser is the only WebAssembly
 * in the processes that make COS calls; it is compiled at the first connection, after this.
 * Electron leaves V8's flags open after start-up for Node, as plain Node does.
 */
setFlagsFromString("--liftoff-only");
