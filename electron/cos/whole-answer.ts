import type { Dispatcher } from "undici";
import type { ThrownAppError } from "../../shared/errors";

/**
 * The most an XML answer of COS's holds, with room to spare: the longest, a listing page or a
 * delete's result of 1,000 keys of up to 850 bytes each, percent-encoded, stays under 4 MB.
 * A server that sends more is not COS, or not well: reading on would let it fill the main
 * process's memory, which holds every upload and listing.
 */
export const ANSWER_MAX_BYTES = 16 * 1024 * 1024;

/** An answer held whole in memory: COS's XML answers and small processed images. */
export interface WholeAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface WholeAnswerLimits {
  /** The most a 2xx answer may hold; one past it fails with `tooLarge()`. */
  ok: number;
  /** The most of an error's body that is kept; the rest is not read. */
  error: number;
  tooLarge: () => ThrownAppError;
}

/** The reason an error's body stopped being read: what was kept is the answer. */
const ENOUGH_OF_AN_ERROR = new Error("enough of an error's body");

/**
 * One request whose answer is gathered by a bare undici handler rather than through
 * `request()`'s Readable stream: for an answer read whole anyway, the stream (its state,
 * events and async reading) is most of the client's own CPU per small PUT, about 0.2 of
 * 1.2 ms. Whatever is read stays within `limits`, so a server that never stops answering
 * cannot fill the main process's memory. A signal that fires aborts the request with its
 * reason; the caller tells a cancellation by the signal, as with `request()`.
 */
export function requestWhole(
  dispatcher: Dispatcher,
  options: Dispatcher.DispatchOptions,
  limits: WholeAnswerLimits,
  signal: AbortSignal | undefined,
): Promise<WholeAnswer> {
  return new Promise<WholeAnswer>((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let status = 0;
    let headers: WholeAnswer["headers"] = {};
    let chunks: Buffer[] = [];
    let length = 0;
    let abortReason: Error | undefined;
    const abort = (reason: Error) => {
      abortReason ??= reason;
      controller?.abort(reason);
    };
    const onAbort = () => abort(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
    signal?.addEventListener("abort", onAbort, { once: true });
    const settle = () => signal?.removeEventListener("abort", onAbort);
    const answer = (): WholeAnswer => ({ status, headers, body: Buffer.concat(chunks, length) });

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(started) {
        controller = started;
        if (abortReason) started.abort(abortReason);
      },
      onResponseStart(_controller, statusCode, responseHeaders) {
        // An informational answer (100 Continue) comes before the real one.
        if (statusCode < 200) return;
        status = statusCode;
        headers = responseHeaders as WholeAnswer["headers"];
        chunks = [];
        length = 0;
      },
      onResponseData(_controller, chunk) {
        const ok = status < 300;
        const limit = ok ? limits.ok : limits.error;
        if (length + chunk.length > limit) {
          if (ok) return abort(limits.tooLarge());
          chunks.push(chunk.subarray(0, limit - length));
          length = limit;
          return abort(ENOUGH_OF_AN_ERROR);
        }
        chunks.push(chunk);
        length += chunk.length;
      },
      onResponseEnd() {
        settle();
        resolve(answer());
      },
      onResponseError(_controller, error) {
        settle();
        if (abortReason === ENOUGH_OF_AN_ERROR) resolve(answer());
        else reject(abortReason ?? error);
      },
    };
    if (signal?.aborted) onAbort();
    dispatcher.dispatch(options, handler);
  });
}
