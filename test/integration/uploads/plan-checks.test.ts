import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStandIn, type PictureHeader } from "../../../electron/engine/index";
import {
  readObjectHeader,
  readWholeObject,
  SAMPLE_BYTE_LIMIT,
} from "../../../electron/uploads/object-headers";
import { HEADER_BYTES, readFileHeader } from "../../../electron/uploads/picture-headers";
import {
  addPlanChecks,
  type CheckedFile,
  type PlanCheckOptions,
  standInOf,
} from "../../../electron/uploads/plan-checks";
import { fileKindOf } from "../../../shared/uploads/file-kinds";
import { defaultUploadOptions } from "../../../shared/uploads/options";
import { buildUploadPlan } from "../../../shared/uploads/plan";
import { animatedGif, jpegDeclaring, noiseImage } from "../../fixtures/images";

/**
 * The plan's checks (issue 15, point 4): kinds read from headers alone, and every rule tried
 * on one small stand-in per kind through the engine the Local bucket runs.
 */

const BUCKET = "photos-1250000000";
let folder: string;

const FILES: Record<string, () => Promise<Buffer>> = {
  "party.gif": () => animatedGif(),
  "logo.png": () =>
    sharp({
      create: { width: 300, height: 200, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 0.5 } },
    })
      .png()
      .toBuffer(),
  "scan.png": () => noiseImage(300, 200).toColourspace("b-w").png().toBuffer(),
  "print.jpg": () => noiseImage(300, 200).toColourspace("cmyk").jpeg().toBuffer(),
  // Its header says 6000×4000: large, though the file holds a few hundred bytes.
  "panorama.jpg": () => jpegDeclaring(6000, 4000),
  "photo.jpg": () => noiseImage(400, 300, 30).jpeg({ quality: 80 }).toBuffer(),
  "flat.jpg": () =>
    sharp({ create: { width: 800, height: 600, channels: 3, background: "#336699" } })
      .jpeg()
      .toBuffer(),
};

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "picops-plan-checks-"));
  for (const [name, make] of Object.entries(FILES)) await writeFile(path.join(folder, name), await make());
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function header(name: string): Promise<PictureHeader> {
  const found = await readFileHeader(path.join(folder, name));
  if (!found) throw new Error(`no header for ${name}`);
  return found;
}

/** The plan of these files under these rules, with the checks added; `standIns` counts the stand-ins made. */
async function checkedPlan(names: string[], rules: string[], destination: "local" | "cos" = "local") {
  const options = {
    ...defaultUploadOptions(BUCKET),
    rules: rules.map((rule, index) => ({ rule, fileid: `{name}_${index + 1}.{format}` })),
  };
  const sources = names.map((name, index) => ({ id: String(index), relativePath: name }));
  const plans = buildUploadPlan(sources, options);
  const files: CheckedFile[] = [];
  for (const [index, plan] of plans.entries()) {
    const name = names[index] as string;
    const found = await header(name);
    const bytes = (await FILES[name]?.())?.length ?? 0;
    files.push({ plan, name, bytes, header: found, read: () => readFile(path.join(folder, name)) });
  }
  const standIns: string[] = [];
  const checks: PlanCheckOptions = {
    destination,
    standIn: async (file) => {
      standIns.push(file.name);
      return standInOf(file);
    },
  };
  await addPlanChecks(files, options.rules, checks);
  return { plans, standIns };
}

describe("the sampler", () => {
  it("tells each file's kind from its header alone", async () => {
    const kinds = Object.fromEntries(
      await Promise.all(Object.keys(FILES).map(async (name) => [name, fileKindOf(await header(name))])),
    );
    expect(kinds).toEqual({
      "party.gif": "animated",
      "logo.png": "transparent",
      "scan.png": "grey",
      "print.jpg": "cmyk",
      "panorama.jpg": "large",
      "photo.jpg": "plain",
      "flat.jpg": "plain",
    });
    expect(await header("party.gif")).toMatchObject({ format: "gif", width: 120, height: 80, frames: 3 });
    expect(await header("panorama.jpg")).toMatchObject({ format: "jpg", width: 6000, height: 4000 });
  });

  it("makes stand-ins of the same kind, at most 256 px on a side", async () => {
    for (const name of Object.keys(FILES)) {
      const original = await header(name);
      const standIn = await makeStandIn(original);
      const made = await sharp(standIn?.data).metadata();
      expect(Math.max(made.width, made.pageHeight ?? made.height)).toBeLessThanOrEqual(256);
      expect(made.format).toBe(original.format === "jpg" ? "jpeg" : original.format);
      expect((made.pages ?? 1) > 1).toBe(original.frames > 1);
      expect(made.space === "cmyk").toBe(original.space === "cmyk");
      expect(made.space === "b-w").toBe(original.space === "grey");
      if (original.format === "png") expect(made.hasAlpha).toBe(original.alpha);
    }
  });
});

describe("the trial", () => {
  it("makes a crop that fails on animated GIFs an error naming the kind, a sample and the rule", async () => {
    const { plans } = await checkedPlan(["photo.jpg", "party.gif"], ["imageMogr2/scrop/60x60"]);
    const [photo, party] = plans;
    expect(photo?.problem).toBeUndefined();
    expect(party?.problem).toEqual({
      messageId: "rule-fails-on-animated",
      values: { n: 1, rule: "imageMogr2/scrop/60x60", format: "GIF", sample: "party.gif" },
    });
    expect(party?.problemCause).toEqual({ messageId: "animated-not-local", values: { operation: "scrop" } });
  });

  it("marks what only COS runs as COS only, not as an error", async () => {
    const { plans } = await checkedPlan(["photo.jpg", "party.gif"], ["imageMogr2/format/tpg"]);
    for (const plan of plans) {
      expect(plan.problem).toBeUndefined();
      expect(plan.warnings.map((warning) => warning.kind)).toContain("runs-only-in-cos");
    }
  });

  it("marks a kind the Local bucket cannot run as COS only when the batch goes to COS", async () => {
    const { plans } = await checkedPlan(["party.gif"], ["imageMogr2/scrop/60x60"], "cos");
    expect(plans[0]?.problem).toBeUndefined();
    expect(plans[0]?.warnings).toContainEqual(
      expect.objectContaining({ kind: "runs-only-in-cos", operations: "scrop" }),
    );
  });

  it("marks a HEIF picture's rules as the bucket's to run, since no HEVC stand-in can be made here", async () => {
    const options = {
      ...defaultUploadOptions(BUCKET),
      rules: [{ rule: "imageMogr2/thumbnail/200x/format/webp", fileid: "{name}_1.{format}" }],
    };
    const plansFor = async (destination: "local" | "cos") => {
      const [plan] = buildUploadPlan([{ id: "0", relativePath: "phone.heic" }], options);
      // What libvips reads from an HEVC HEIF's container: its pixels do not decode in this build.
      const heif: CheckedFile = {
        plan: plan as CheckedFile["plan"],
        name: "phone.heic",
        bytes: 2_000_000,
        header: { ...(await header("photo.jpg")), format: "heif", quality: undefined },
      };
      expect(await standInOf(heif)).toBeUndefined();
      await addPlanChecks([heif], options.rules, { destination, standIn: (file) => standInOf(file) });
      return heif.plan;
    };

    const local = await plansFor("local");
    expect(local.problem).toEqual({
      messageId: "rule-fails-on-plain",
      values: { n: 1, rule: "imageMogr2/thumbnail/200x/format/webp", format: "HEIF", sample: "phone.heic" },
    });
    expect(local.problemCause).toEqual({ messageId: "heif-input-not-local", values: { format: "HEIF" } });

    const cos = await plansFor("cos");
    expect(cos.problem).toBeUndefined();
    expect(cos.warnings).toEqual([expect.objectContaining({ kind: "runs-only-in-cos", operations: "HEIF" })]);
  });

  it("warns that a Fit to 1200×900 enlarges a 400×300 picture, from its header", async () => {
    const { plans } = await checkedPlan(["photo.jpg"], ["imageMogr2/thumbnail/1200x900"]);
    expect(plans[0]?.problem).toBeUndefined();
    expect(plans[0]?.warnings).toContainEqual({
      kind: "enlarges",
      bucket: BUCKET,
      key: "photo_1.jpg",
      ruleNumber: 1,
      from: { width: 400, height: 300 },
      to: { width: 1200, height: 900 },
    });
  });

  it("does not warn about a thumbnail that shrinks, in size or in bytes", async () => {
    const { plans } = await checkedPlan(["photo.jpg", "panorama.jpg"], ["imageMogr2/thumbnail/200x"]);
    for (const plan of plans) expect(plan.warnings).toEqual([]);
  });

  it("warns that a PNG of a JPEG photo takes more bytes than the original", async () => {
    const { plans } = await checkedPlan(["photo.jpg"], ["imageMogr2/format/png"]);
    const larger = plans[0]?.warnings.find((warning) => warning.kind === "larger-than-original");
    expect(larger).toMatchObject({
      key: "photo_1.png",
      ruleNumber: 1,
      sample: "photo.jpg",
      fileKind: "plain",
    });
    expect(larger?.bytes?.output).toBeGreaterThan(larger?.bytes?.original ?? Number.POSITIVE_INFINITY);
  });

  it("judges bytes on the file's own content: a PNG of a flat-colour JPEG is no larger", async () => {
    const { plans } = await checkedPlan(["flat.jpg"], ["imageMogr2/thumbnail/!50p/format/png"]);
    expect(plans[0]?.warnings).toEqual([]);
  });

  it("refuses from the header a rule whose output COS would refuse as too large", async () => {
    const { plans } = await checkedPlan(["panorama.jpg"], ["imageMogr2/thumbnail/!1000p"]);
    expect(plans[0]?.problem).toMatchObject({
      messageId: "rule-fails-on-large",
      values: { sample: "panorama.jpg" },
    });
    expect(plans[0]?.problemCause?.messageId).toBe("image-side-too-long");
  });

  it("tries one file of each kind, not every file", async () => {
    const names = ["photo.jpg", "party.gif", "photo.jpg", "party.gif", "photo.jpg", "logo.png"];
    const { plans, standIns } = await checkedPlan(names, ["imageMogr2/scrop/60x60"]);
    expect(standIns).toEqual(["photo.jpg", "party.gif", "logo.png"]);
    expect(plans.map((plan) => plan.problem?.messageId)).toEqual([
      undefined,
      "rule-fails-on-animated",
      undefined,
      "rule-fails-on-animated",
      undefined,
      undefined,
    ]);
  });

  it("stops when the plan is cancelled", async () => {
    const plans = buildUploadPlan([{ id: "1", relativePath: "photo.jpg" }], {
      ...defaultUploadOptions(BUCKET),
      rules: [{ rule: "imageMogr2/format/png", fileid: "{name}.png" }],
    });
    const controller = new AbortController();
    controller.abort();
    const file = {
      plan: plans[0],
      name: "photo.jpg",
      bytes: 1000,
      header: await header("photo.jpg"),
    } as CheckedFile;
    await expect(
      addPlanChecks([file], [{ rule: "imageMogr2/format/png" }], {
        destination: "local",
        standIn: async (checked) => makeStandIn(checked.header as PictureHeader),
        signal: controller.signal,
      }),
    ).rejects.toBeDefined();
  });
});

describe("the sampler in the bucket", () => {
  /** A server that ignores ranges: it streams the whole object, and counts what was pulled. */
  function wholeObjectServer(object: Buffer) {
    const sent = { bytes: 0, ranges: [] as (string | undefined)[] };
    const client = {
      async getObject(input: { range?: string | undefined }) {
        sent.ranges.push(input.range);
        const body = Readable.from(
          (function* () {
            for (let at = 0; at < object.length; at += 16 * 1024) {
              const chunk = object.subarray(at, at + 16 * 1024);
              sent.bytes += chunk.length;
              yield chunk;
            }
          })(),
        );
        return { metadata: {}, body } as never;
      },
    };
    return { client, sent };
  }

  it("reads an object's kind from its first bytes, never the whole object", async () => {
    const gif = await animatedGif();
    // A large object: the GIF's bytes, then padding up to 20 MB.
    const object = Buffer.concat([gif, Buffer.alloc(20 * 1024 * 1024)]);
    const { client, sent } = wholeObjectServer(object);
    const { header } = await readObjectHeader(client, { bucket: BUCKET, key: "party.gif" });
    expect(header && fileKindOf(header)).toBe("animated");
    expect(sent.ranges).toEqual([`bytes=0-${HEADER_BYTES - 1}`]);
    expect(sent.bytes).toBeLessThanOrEqual(HEADER_BYTES + 32 * 1024);
  });

  it("fetches a sample whole only up to its byte limit", async () => {
    const { client, sent } = wholeObjectServer(Buffer.alloc(SAMPLE_BYTE_LIMIT * 3));
    const sample = await readWholeObject(client, { bucket: BUCKET, key: "big.jpg" });
    expect(sample.length).toBe(SAMPLE_BYTE_LIMIT);
    expect(sent.bytes).toBeLessThanOrEqual(SAMPLE_BYTE_LIMIT + 32 * 1024);
  });
});
