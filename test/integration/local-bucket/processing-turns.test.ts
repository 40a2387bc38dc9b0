import { describe, expect, it } from "vitest";
import { FifoAllowance } from "../../../electron/engine/fifo-allowance";
import { type ImageContext, inProcessingTurn } from "../../../electron/local-bucket/image-context";

function contextWithTurns(turns: number): ImageContext {
  return {
    region: "ap-guangzhou",
    stores: new Map(),
    styles: new Map(),
    processingTurns: new FifoAllowance(turns),
  };
}

/** Work that starts, says so, and ends when told. */
function heldWork(started: string[], name: string) {
  let end = () => {};
  const ended = new Promise<void>((resolve) => {
    end = resolve;
  });
  return {
    run: async () => {
      started.push(name);
      await ended;
      return name;
    },
    end: () => end(),
  };
}

describe("processing turns", () => {
  it("processes a turn's worth of images at once, the rest in the order they came", async () => {
    const context = contextWithTurns(2);
    const started: string[] = [];
    const works = ["a", "b", "c", "d"].map((name) => heldWork(started, name));
    const answers = works.map((work) => inProcessingTurn(context, new AbortController().signal, work.run));
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(["a", "b"]);
    works[1]?.end();
    await expect(answers[1]).resolves.toBe("b");
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(["a", "b", "c"]);
    works[0]?.end();
    await answers[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(["a", "b", "c", "d"]);
    works[2]?.end();
    works[3]?.end();
    await expect(Promise.all(answers)).resolves.toEqual(["a", "b", "c", "d"]);
  });

  it("a request that goes away while waiting gives its turn up without running", async () => {
    const context = contextWithTurns(1);
    const started: string[] = [];
    const first = heldWork(started, "first");
    const gone = heldWork(started, "gone");
    const next = heldWork(started, "next");
    const running = inProcessingTurn(context, new AbortController().signal, first.run);
    const controller = new AbortController();
    const waiting = inProcessingTurn(context, controller.signal, gone.run);
    const after = inProcessingTurn(context, new AbortController().signal, next.run);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: "aborted" });
    first.end();
    await running;
    next.end();
    await expect(after).resolves.toBe("next");
    expect(started).toEqual(["first", "next"]);
  });

  it("a failed processing gives its turn back", async () => {
    const context = contextWithTurns(1);
    await expect(
      inProcessingTurn(context, new AbortController().signal, async () => {
        throw new Error("damaged image");
      }),
    ).rejects.toThrow("damaged image");
    await expect(inProcessingTurn(context, new AbortController().signal, async () => "next")).resolves.toBe(
      "next",
    );
  });
});
