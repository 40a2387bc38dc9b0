import { describe, expect, it } from "vitest";
import { OneRunPerView } from "../../../electron/preview/one-run";

/** A run the test ends by hand, as libvips ends a pass when it is done. */
function pass(log: string[], name: string) {
  let end!: () => void;
  const ended = new Promise<string>((resolve) => {
    end = () => resolve(name);
  });
  return {
    work: () => {
      log.push(`start ${name}`);
      return ended.then((value) => {
        log.push(`end ${name}`);
        return value;
      });
    },
    end: () => end(),
  };
}

const superseded = () => new Error("superseded");

describe("one engine run at a time per view", () => {
  it("starts the next run only when the one in flight ends, and never runs a request superseded while it waits", async () => {
    const runs = new OneRunPerView();
    const log: string[] = [];
    const [first, second, third] = [pass(log, "first"), pass(log, "second"), pass(log, "third")];
    const secondTurn = new AbortController();

    const firstAnswer = runs.run("view", new AbortController().signal, first.work);
    const secondAnswer = runs.run("view", secondTurn.signal, second.work);
    const thirdAnswer = runs.run("view", new AbortController().signal, third.work);
    // The third edit supersedes the second before the first run ends.
    secondTurn.abort(superseded());
    await expect(secondAnswer).rejects.toThrow("superseded");
    expect(log).toEqual(["start first"]);

    first.end();
    expect(await firstAnswer).toBe("first");
    third.end();
    expect(await thirdAnswer).toBe("third");
    expect(log).toEqual(["start first", "end first", "start third", "end third"]);
  });

  it("keeps views apart: another view's run does not wait for this one's", async () => {
    const runs = new OneRunPerView();
    const log: string[] = [];
    const mine = pass(log, "mine");
    const theirs = pass(log, "theirs");
    const mineAnswer = runs.run("a", new AbortController().signal, mine.work);
    const theirsAnswer = runs.run("b", new AbortController().signal, theirs.work);
    theirs.end();
    expect(await theirsAnswer).toBe("theirs");
    expect(log).toEqual(["start mine", "start theirs", "end theirs"]);
    mine.end();
    await mineAnswer;
  });

  it("lets the next run start after a run that failed", async () => {
    const runs = new OneRunPerView();
    const failed = runs.run("view", new AbortController().signal, () => Promise.reject(new Error("damaged")));
    const next = runs.run("view", new AbortController().signal, async () => "next");
    await expect(failed).rejects.toThrow("damaged");
    expect(await next).toBe("next");
  });
});
