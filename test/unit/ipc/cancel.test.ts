import { describe, expect, it } from "vitest";
import { CancellableCalls } from "../../../electron/ipc/cancellable-calls";
import { createRouter, type Handlers } from "../../../electron/ipc/router";
import { createLogger } from "../../../electron/logger";
import { FileGrants } from "../../../electron/uploads/file-grants";
import { uploadHandlers } from "../../../electron/uploads/handlers";
import type { UploadService } from "../../../electron/uploads/service";
import { defaultUploadOptions } from "../../../shared/uploads/options";

const logged: string[] = [];
const logger = createLogger((line) => logged.push(line));
const cancelled = { ok: false, error: { code: "aborted", messageId: "request-cancelled" } };

/** A handler that runs until its call is cancelled, and says when it started and what it saw. */
function waitingHandler() {
  let started!: () => void;
  const running = new Promise<void>((resolve) => {
    started = resolve;
  });
  let seen: AbortSignal | undefined;
  const handler = (_input: unknown, signal: AbortSignal) => {
    seen = signal;
    started();
    return new Promise<never>((_, reject) => {
      signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
    });
  };
  return { handler, running, seen: () => seen };
}

describe("cancelling a call", () => {
  it("aborts the handler's signal and answers aborted, not an internal failure", async () => {
    const plan = waitingHandler();
    const router = createRouter({ "files.list": plan.handler } as unknown as Handlers, logger);
    const caller = new AbortController();
    const answer = router.call("files.list", {}, caller.signal);
    await plan.running;
    expect(plan.seen()?.aborted).toBe(false);
    caller.abort();
    expect(await answer).toMatchObject(cancelled);
    expect(plan.seen()?.aborted).toBe(true);
    expect(logged.join()).not.toContain("files.list failed");
  });

  it("answers aborted even when the handler finished anyway, and never starts one already cancelled", async () => {
    const caller = new AbortController();
    let calls = 0;
    const router = createRouter(
      {
        "files.list": async () => {
          calls++;
          caller.abort();
          return { files: [] };
        },
      } as unknown as Handlers,
      logger,
    );
    expect(await router.call("files.list", {}, caller.signal)).toMatchObject(cancelled);
    expect(await router.call("files.list", {}, caller.signal)).toMatchObject(cancelled);
    expect(calls).toBe(1);
  });

  it("reaches a call by the id its caller gave it, and every call when the caller is gone", async () => {
    const calls = new CancellableCalls();
    const router = createRouter({ "files.list": waitingHandler().handler } as unknown as Handlers, logger);
    const first = calls.run("call-1", (signal) => router.call("files.list", {}, signal));
    const second = calls.run("call-2", (signal) => router.call("files.list", {}, signal));
    calls.cancel("call-1");
    expect(await first).toMatchObject(cancelled);
    calls.cancel("no-such-call");
    calls.cancelAll();
    expect(await second).toMatchObject(cancelled);
  });

  it("passes the signal on to the long upload calls: plans and adding files", async () => {
    const seen: Record<string, AbortSignal | undefined> = {};
    const service = {
      addFiles: async (_sources: unknown, signal?: AbortSignal) => {
        seen.add = signal;
        return [];
      },
      plan: async (_options: unknown, signal?: AbortSignal) => {
        seen.plan = signal;
        return [];
      },
      planProcessing: async (_selection: unknown, _options: unknown, signal?: AbortSignal) => {
        seen.processing = signal;
        return { plans: [], skipped: [] };
      },
    } as unknown as UploadService;
    const grants = new FileGrants();
    grants.grant(["/photos"]);
    const router = createRouter(uploadHandlers(service, grants) as Handlers, logger);
    const caller = new AbortController();
    const options = defaultUploadOptions("photos-1250000000");
    await router.call("files.add", { sources: [{ path: "/photos" }] }, caller.signal);
    await router.call("uploads.plan", { options }, caller.signal);
    await router.call(
      "processing.plan",
      {
        selection: { bucket: "photos-1250000000", prefix: "" },
        options: {
          isPicInfo: true,
          rules: [{ rule: "imageMogr2/thumbnail/100x", fileid: "{name}" }],
          concurrency: 2,
        },
      },
      caller.signal,
    );
    caller.abort();
    expect([seen.add?.aborted, seen.plan?.aborted, seen.processing?.aborted]).toEqual([true, true, true]);
  });
});
