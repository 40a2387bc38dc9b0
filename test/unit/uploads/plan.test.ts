import { describe, expect, it } from "vitest";
import { expandFileIdTemplate, splitKey, unknownPlaceholders } from "../../../shared/uploads/fileid-template";
import {
  defaultUploadOptions,
  type UploadOptions,
  UploadOptionsSchema,
} from "../../../shared/uploads/options";
import {
  buildProcessingPlan,
  buildUploadPlan,
  markExisting,
  outputFormatOf,
  slugifyPath,
} from "../../../shared/uploads/plan";

const BUCKET = "photos-1250000000";
const options = (patch: Partial<UploadOptions> = {}): UploadOptions => ({
  ...defaultUploadOptions(BUCKET),
  ...patch,
});

describe("fileid templates", () => {
  it("fills placeholders from the original's key", () => {
    expect(splitKey("shoots/2026/cat.final.jpg")).toEqual({
      dir: "shoots/2026",
      name: "cat.final",
      ext: "jpg",
    });
    expect(expandFileIdTemplate("{name}_w800.{ext}", { key: "shoots/cat.jpg" })).toBe("cat_w800.jpg");
    expect(
      expandFileIdTemplate("/thumbs/{dir}/{name}.{format}", { key: "shoots/cat.jpg", format: "webp" }),
    ).toBe("/thumbs/shoots/cat.webp");
    expect(expandFileIdTemplate("{key}.small", { key: "a/b.png" })).toBe("a/b.png.small");
  });

  it("collapses empty pieces at the bucket root and falls back to the original format", () => {
    expect(expandFileIdTemplate("/thumbs/{dir}/{name}.{format}", { key: "cat.png" })).toBe("/thumbs/cat.png");
    expect(expandFileIdTemplate("{dir}//{name}", { key: "cat.png" })).toBe("cat");
  });

  it("names unknown placeholders so the form can mark them", () => {
    expect(unknownPlaceholders("{name}_{width}.{ext}{}")).toEqual(["{width}", "{}"]);
  });
});

describe("slugifyPath", () => {
  it("keeps folders, lowercases, and replaces unsafe characters", () => {
    expect(slugifyPath("Shoot 2026/Café Photo (1).JPG")).toBe("shoot-2026/cafe-photo-1-.jpg");
    expect(slugifyPath("设计/海报 A.png")).toBe("设计/海报-a.png");
  });
});

describe("outputFormatOf", () => {
  it("reads the last format a rule asks for", () => {
    expect(outputFormatOf("imageMogr2/thumbnail/200x/format/webp")).toBe("webp");
    expect(outputFormatOf("imageMogr2/format/png|imageView2/2/w/100/format/jpg")).toBe("jpg");
    expect(outputFormatOf("imageMogr2/thumbnail/200x")).toBeUndefined();
  });
});

describe("buildUploadPlan", () => {
  const sources = [
    { id: "1", relativePath: "shoot/cat.jpg" },
    { id: "2", relativePath: "shoot/dog.png" },
  ];

  it("gives every original key and result key, relative fileids resolved against the original's folder", () => {
    const plans = buildUploadPlan(
      sources,
      options({
        prefix: "2026/",
        rules: [
          { rule: "imageMogr2/thumbnail/400x/format/webp", fileid: "{name}_w400.{format}" },
          { rule: "imageMogr2/thumbnail/!50p", fileid: "/small/{name}.{ext}", bucket: "thumbs-1250000000" },
        ],
      }),
    );
    expect(plans[0]).toMatchObject({
      originalKey: "2026/shoot/cat.jpg",
      results: [
        { bucket: BUCKET, key: "2026/shoot/cat_w400.webp" },
        { bucket: "thumbs-1250000000", key: "small/cat.jpg" },
      ],
      warnings: [],
      picOperations: {
        isPicInfo: true,
        rules: [
          { rule: "imageMogr2/thumbnail/400x/format/webp", fileid: "cat_w400.webp" },
          { rule: "imageMogr2/thumbnail/!50p", fileid: "/small/cat.jpg", bucket: "thumbs-1250000000" },
        ],
      },
    });
    expect(plans[0]?.problem).toBeUndefined();
  });

  it("sends no Pic-Operations without rules", () => {
    expect(buildUploadPlan(sources, options())[0]).toEqual({
      sourceId: "1",
      bucket: BUCKET,
      originalKey: "shoot/cat.jpg",
      results: [],
      warnings: [],
    });
  });

  it("warns when a result overwrites its original, or another write of the batch", () => {
    const plans = buildUploadPlan(
      sources,
      options({
        rules: [
          { rule: "imageMogr2/strip", fileid: "{name}.{ext}" },
          { rule: "imageMogr2/thumbnail/100x", fileid: "/same.jpg" },
        ],
      }),
    );
    expect(plans[0]?.warnings).toEqual([
      { kind: "overwrites-original", bucket: BUCKET, key: "shoot/cat.jpg" },
      { kind: "collides-in-batch", bucket: BUCKET, key: "same.jpg" },
    ]);
  });

  it("warns about objects already in the bucket", () => {
    const plans = buildUploadPlan(
      sources,
      options({ rules: [{ rule: "imageMogr2/strip", fileid: "x_{name}" }] }),
    );
    markExisting(plans, (bucket, key) => bucket === BUCKET && key === "shoot/x_dog");
    expect(plans[1]?.warnings).toEqual([{ kind: "overwrites-existing", bucket: BUCKET, key: "shoot/x_dog" }]);
    expect(plans[0]?.warnings).toEqual([]);
  });

  it("marks results only COS can make, or that run locally as an approximation, without refusing them", () => {
    const plans = buildUploadPlan(
      sources,
      options({
        rules: [
          {
            rule: "imageMogr2/thumbnail/200x/format/tpg|watermark/3/type/3/text/dGVzdA",
            fileid: "{name}.tpg",
          },
          { rule: "imageMogr2/scrop/100x100|imageSlim", fileid: "{name}_face.jpg" },
          { rule: "imageMogr2/thumbnail/200x", fileid: "{name}_small.jpg" },
        ],
      }),
    );
    expect(plans[0]?.problem).toBeUndefined();
    expect(plans[0]?.warnings).toEqual([
      {
        kind: "runs-only-in-cos",
        bucket: BUCKET,
        key: "shoot/cat.tpg",
        operations: "format/tpg, watermark/3",
      },
      {
        kind: "approximated-locally",
        bucket: BUCKET,
        key: "shoot/cat_face.jpg",
        operations: "scrop, imageSlim",
      },
    ]);
  });

  it("reports a bad rule or an unsafe key as the file's problem", () => {
    const [badRule] = buildUploadPlan(
      sources,
      options({ rules: [{ rule: "imageMogr2/thumbnail/0x", fileid: "a" }] }),
    );
    // The rule editor says what is wrong in the rule; the plan says which rule and where.
    expect(badRule?.problem).toEqual({ messageId: "rule-invalid", values: { rule: 1, column: 22 } });
    const [unsafe] = buildUploadPlan([{ id: "9", relativePath: "x" }], options({ prefix: "a/../" }));
    expect(unsafe?.problem).toEqual({ messageId: "key-dot-segment" });
  });

  it("plans processing of objects already in the bucket", () => {
    const plans = buildProcessingPlan([{ bucket: BUCKET, key: "a/b.jpg" }], {
      isPicInfo: false,
      concurrency: 2,
      rules: [{ rule: "imageMogr2/format/webp", fileid: "{name}.webp" }],
    });
    expect(plans[0]).toMatchObject({
      sourceId: `${BUCKET}/a/b.jpg`,
      results: [{ bucket: BUCKET, key: "a/b.webp" }],
    });
  });
});

describe("UploadOptionsSchema", () => {
  it("refuses more than five rules and unknown placeholders, with their paths", () => {
    const rule = { rule: "imageMogr2/strip", fileid: "{name}" };
    const tooMany = UploadOptionsSchema.safeParse(options({ rules: Array.from({ length: 6 }, () => rule) }));
    expect(tooMany.success).toBe(false);
    expect(tooMany.error?.issues[0]).toMatchObject({
      path: ["rules"],
      message: "At most 5 rules per upload (a COS limit)",
    });
    const badTemplate = UploadOptionsSchema.safeParse(options({ rules: [{ rule: "x", fileid: "{width}" }] }));
    expect(badTemplate.error?.issues[0]?.path).toEqual(["rules", 0, "fileid"]);
  });
});
