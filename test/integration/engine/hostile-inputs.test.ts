import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { describeImage, processImage } from "../../../electron/engine";
import { MemoryBudget } from "../../../electron/engine/memory-budget";
import { planMemory } from "../../../electron/engine/plan";
import { encodeUrlSafeBase64 } from "../../../shared/rules/base64";
import { checkRule } from "../../../shared/rules/index";
import { jpegDeclaring, truncatedJpeg } from "../../fixtures/images";

/** Inputs and rules an attacker or a careless designer sends (issue 13, items 1–3). */

function rule(text: string) {
  const { pipeline, diagnostics } = checkRule(text);
  expect(diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
  return pipeline;
}

/** A flat PNG of a few kilobytes that decodes to many pixels. */
function flatPng(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#336699" } })
    .png()
    .toBuffer();
}

describe("rules that would enlarge a picture past COS's limits", () => {
  it("thumbnail/!1000p then rotate/45 is refused as ImageResolutionExceed before anything is decoded", async () => {
    const input = await flatPng(1600, 1000);
    await expect(
      processImage(input, rule("imageMogr2/thumbnail/!1000p|imageMogr2/rotate/45")),
    ).rejects.toMatchObject({
      code: "ImageResolutionExceed",
      message: "The image is 18385×18385 px; at most 250 million pixels are allowed.",
    });
  });

  it("ten rotate/45 stages are refused at the stage that would pass 250 million pixels, not with a 500", async () => {
    const input = await flatPng(1600, 1000);
    const tenTurns = Array.from({ length: 10 }, () => "imageMogr2/rotate/45").join("|");
    await expect(processImage(input, rule(tenTurns))).rejects.toMatchObject({
      code: "ImageResolutionExceed",
      message: expect.stringMatching(/^The image is 20795×20795 px/),
    });
  });

  it("with ignore-error/1 the refused stage passes its input on, as when it runs", async () => {
    const input = await flatPng(320, 200);
    const output = await processImage(
      input,
      rule("imageMogr2/thumbnail/!1000p|imageMogr2/thumbnail/!1000p/ignore-error/1"),
    );
    expect([output.width, output.height]).toEqual([3200, 2000]);
  });

  it("the plan of a rule knows every stage's size from the header alone", () => {
    const plan = planMemory(
      rule("imageMogr2/thumbnail/!1000p|imageMogr2/rotate/90").stages,
      { width: 1600, height: 1000, alpha: false },
      0,
      { format: "png", progressive: false },
    );
    expect(plan.output).toEqual({ width: 10_000, height: 16_000, alpha: false });
    // The turn holds 160 M pixels in and 160 M out, 3 bytes each.
    expect(plan.peakBytes).toBeGreaterThanOrEqual(2 * 160_000_000 * 3);
  });

  it("a rule whose largest pass needs more memory than the engine has is refused as beyond the local engine, not run", async () => {
    // 15000×15000 turned by 30°: 225 M pixels in, 330 M out → refused by COS's own limit first.
    await expect(
      processImage(await flatPng(15_000, 15_000), rule("imageMogr2/rotate/30")),
    ).rejects.toMatchObject({
      code: "ImageResolutionExceed",
    });
    // 11000×11000 turned by 30° (226 M pixels), then blurred: within COS's limits, beyond the engine's memory.
    await expect(
      processImage(await flatPng(11_000, 11_000), rule("imageMogr2/rotate/30|imageMogr2/blur/2x1")),
    ).rejects.toMatchObject({
      code: "not-supported-locally",
      messageId: "engine-memory-exceeded",
      message: expect.stringContaining("COS can still run it"),
    });
  });
});

describe("damaged inputs are refused as InvalidImageFormat, never decoded into grey", () => {
  it("a 265-byte JPEG declaring 15000×15000", async () => {
    const bomb = await jpegDeclaring(15_000, 15_000);
    expect(bomb.length).toBeLessThan(300);
    for (const text of ["imageMogr2/thumbnail/100x", "imageMogr2/rotate/90", "imageMogr2/format/png"]) {
      await expect(processImage(bomb, rule(text))).rejects.toMatchObject({
        code: "InvalidImageFormat",
        messageId: "image-damaged",
        message: expect.stringMatching(/^The image is damaged and cannot be decoded \(.*premature end/),
      });
    }
    await expect(describeImage(bomb)).rejects.toMatchObject({ code: "InvalidImageFormat" });
  });

  it("a truncated JPEG (premature end of JPEG image)", async () => {
    const cut = await truncatedJpeg(640, 480);
    await expect(processImage(cut, rule("imageMogr2/thumbnail/320x"))).rejects.toMatchObject({
      code: "InvalidImageFormat",
      message: expect.stringContaining("premature end of JPEG image"),
    });
  });
});

describe("a text watermark larger than any picture", () => {
  it("600 characters at fontsize 1000 draw what fits on the picture instead of failing in cairo", async () => {
    const input = await flatPng(800, 600);
    const text = encodeUrlSafeBase64("W".repeat(600));
    const output = await processImage(input, rule(`watermark/2/text/${text}/fontsize/1000/fill/I0ZGMDAwMA`));
    expect([output.width, output.height]).toEqual([800, 600]);
    // The text covers the picture's lower right: its pixels are no longer the flat blue.
    const { data } = await sharp(output.data)
      .extract({ left: 700, top: 500, width: 1, height: 1 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([...data]).not.toEqual([0x33, 0x66, 0x99]);
  });
});

describe("the memory budget", () => {
  it("grants in order, makes a large reservation wait for room, and refuses one larger than itself", async () => {
    const budget = new MemoryBudget(100);
    const order: string[] = [];
    const first = await budget.reserve(60);
    const second = budget.reserve(50).then((release) => {
      order.push("second");
      return release;
    });
    const third = budget.reserve(10).then((release) => {
      order.push("third");
      return release;
    });
    await Promise.resolve();
    expect(order).toEqual([]);
    first();
    (await second)();
    (await third)();
    expect(order).toEqual(["second", "third"]);
    await expect(budget.reserve(101)).rejects.toMatchObject({ code: "not-supported-locally" });
  });

  it("an aborted wait gives its place up", async () => {
    const budget = new MemoryBudget(10);
    const held = await budget.reserve(10);
    const controller = new AbortController();
    const waiting = budget.reserve(5, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: "aborted" });
    held();
    (await budget.reserve(10))();
  });
});
