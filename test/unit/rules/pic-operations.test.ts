import { describe, expect, it } from "vitest";
import {
  decodePicOperations,
  encodePicOperations,
  type PicOperations,
  PicOperationsSchema,
  resolveFileId,
  validatePicOperations,
} from "../../../shared/rules";

const rule = (fileid: string, text = "imageMogr2/thumbnail/200x", bucket?: string) =>
  bucket === undefined ? { rule: text, fileid } : { rule: text, fileid, bucket };

describe("encodePicOperations", () => {
  it("writes the Go SDK's vector byte for byte (reference §5.1)", () => {
    const ops: PicOperations = {
      isPicInfo: true,
      rules: [{ fileid: "example.jpg", rule: "imageView2/format/png" }],
    };
    expect(encodePicOperations(ops)).toBe(
      '{"is_pic_info":1,"rules":[{"fileid":"example.jpg","rule":"imageView2/format/png"}]}',
    );
  });

  it("puts bucket first, omits an empty bucket and omits is_pic_info 0 as Go's omitempty does", () => {
    const ops: PicOperations = {
      isPicInfo: false,
      rules: [
        rule("thumb/a.png", "imageMogr2/thumbnail/200x/format/png", "dest-1250000000"),
        rule("b.jpg", "style/s", ""),
      ],
    };
    expect(encodePicOperations(ops)).toBe(
      '{"rules":[{"bucket":"dest-1250000000","fileid":"thumb/a.png","rule":"imageMogr2/thumbnail/200x/format/png"},{"fileid":"b.jpg","rule":"style/s"}]}',
    );
  });

  it("escapes like Go's encoding/json", () => {
    const ops: PicOperations = { isPicInfo: false, rules: [rule('a<b>&"\\\u2028.jpg', "style/x")] };
    expect(encodePicOperations(ops)).toBe(
      '{"rules":[{"fileid":"a\\u003cb\\u003e\\u0026\\"\\\\\\u2028.jpg","rule":"style/x"}]}',
    );
    expect(JSON.parse(encodePicOperations(ops)).rules[0].fileid).toBe('a<b>&"\\\u2028.jpg');
  });
});

describe("decodePicOperations", () => {
  it("reads the header the Python and Node SDKs send", () => {
    const header =
      '{"is_pic_info": 1, "rules": [{"bucket": "dest-1250000000", "fileid": "/p2/t.jpg", "rule": "imageMogr2/thumbnail/!50p"}]}';
    expect(decodePicOperations(header)).toEqual({
      ops: {
        isPicInfo: true,
        rules: [{ bucket: "dest-1250000000", fileid: "/p2/t.jpg", rule: "imageMogr2/thumbnail/!50p" }],
      },
      problems: [],
    });
  });

  it("round-trips what encode writes", () => {
    const ops: PicOperations = {
      isPicInfo: false,
      rules: [
        rule("a.webp", "imageMogr2/format/webp"),
        rule("/b/c.png", "imageView2/2/w/100", "x-1250000000"),
      ],
    };
    const decoded = decodePicOperations(encodePicOperations(ops));
    expect(decoded).toEqual({ ops, problems: [] });
    expect(PicOperationsSchema.parse(decoded.ops)).toEqual(ops);
  });

  it("accepts a boolean is_pic_info", () => {
    expect(
      decodePicOperations('{"is_pic_info":false,"rules":[{"fileid":"a.jpg","rule":"style/s"}]}').ops
        ?.isPicInfo,
    ).toBe(false);
  });

  it("refuses text that is not JSON", () => {
    expect(decodePicOperations("{is_pic_info:1}")).toEqual({
      problems: [{ code: "invalid-json", message: "Pic-Operations is not valid JSON", path: [] }],
    });
  });

  it("refuses JSON of the wrong shape, pointing at the field", () => {
    const { ops, problems } = decodePicOperations('{"is_pic_info":2,"rules":[{"fileid":"a.jpg"}]}');
    expect(ops).toBeUndefined();
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ["invalid-shape", ["isPicInfo"]],
      ["invalid-shape", ["rules", 0, "rule"]],
    ]);
  });

  it("returns the rules' problems along with the model", () => {
    const { ops, problems } = decodePicOperations(
      '{"rules":[{"fileid":"a/","rule":"imageMogr2/quality/400"}]}',
    );
    expect(ops?.rules).toHaveLength(1);
    expect(problems.map((problem) => problem.code)).toEqual(["fileid-trailing-slash", "out-of-range"]);
  });
});

describe("validatePicOperations", () => {
  const valid = (rules: PicOperations["rules"]): PicOperations => ({ isPicInfo: false, rules });

  it("accepts one to five valid rules", () => {
    expect(validatePicOperations(valid([rule("a.jpg")]))).toEqual([]);
    expect(validatePicOperations(valid([1, 2, 3, 4, 5].map((n) => rule(`/out/${n}.jpg`))))).toEqual([]);
  });

  it("refuses more than five rules", () => {
    expect(validatePicOperations(valid([1, 2, 3, 4, 5, 6].map((n) => rule(`${n}.jpg`))))).toMatchObject([
      { code: "too-many-rules", message: "Pic-Operations takes at most 5 rules, got 6", path: ["rules"] },
    ]);
  });

  it("refuses no rules at all", () => {
    expect(validatePicOperations(valid([]))).toMatchObject([
      { code: "no-rules", message: "Pic-Operations needs at least one rule", path: ["rules"] },
    ]);
  });

  it.each([
    ["", "fileid-empty", "Rule 3: the output name (fileid) is empty"],
    ["a/../b.jpg", "fileid-dot-segment", "Rule 3: the output name (fileid) must not contain . or .. folders"],
    ["./b.jpg", "fileid-dot-segment", "Rule 3: the output name (fileid) must not contain . or .. folders"],
    [
      "a\u0000b.jpg",
      "fileid-control-character",
      "Rule 3: the output name (fileid) contains a control character",
    ],
    ["a\nb.jpg", "fileid-control-character", "Rule 3: the output name (fileid) contains a control character"],
    ["thumbs/", "fileid-trailing-slash", "Rule 3: the output name (fileid) must not end with /"],
    [
      `${"图".repeat(284)}.jpg`,
      "fileid-too-long",
      "Rule 3: the output name (fileid) must be at most 850 bytes, got 856",
    ],
  ])("refuses fileid %j", (fileid, code, message) => {
    const ops = valid([rule("a.jpg"), rule("b.jpg"), rule(fileid)]);
    expect(validatePicOperations(ops)).toMatchObject([
      { code, message, path: ["rules", 2, "fileid"], text: { messageId: code, values: { rule: 3 } } },
    ]);
  });

  it("accepts a fileid of exactly 850 bytes", () => {
    expect(validatePicOperations(valid([rule(`${"图".repeat(282)}.jpg`)]))).toEqual([]);
  });

  it.each(["Dest-1250000000", "dest", "dest-", "-dest-1250000000", `${"a".repeat(40)}-1250000000`])(
    "refuses bucket %j",
    (bucket) => {
      expect(validatePicOperations(valid([rule("a.jpg", "style/s", bucket)]))).toMatchObject([
        expect.objectContaining({ code: "invalid-bucket", path: ["rules", 0, "bucket"] }),
      ]);
    },
  );

  it("turns a rule's errors into problems with its index, and ignores its warnings", () => {
    const ops = valid([
      rule("a.jpg", "imageSlim"),
      rule("b.jpg", "imageMogr2/thumbnail/0x|imageView2/1/w/abc"),
    ]);
    expect(validatePicOperations(ops)).toMatchObject([
      {
        code: "out-of-range",
        message: "rule 2: thumbnail: width must be 1–50000, got 0 (col 22)",
        path: ["rules", 1, "rule"],
        text: { messageId: "rule-invalid", values: { rule: 2, column: 22 } },
      },
      {
        code: "syntax",
        message: 'rule 2: imageView2: w expects a number of pixels such as 200, got "abc" (col 40)',
        path: ["rules", 1, "rule"],
      },
    ]);
  });
});

describe("resolveFileId", () => {
  it.each([
    ["p1/a.jpg", "/p2/t.jpg", "p2/t.jpg"],
    ["p1/a.jpg", "p2/t.jpg", "p1/p2/t.jpg"],
    ["a.jpg", "t.jpg", "t.jpg"],
    ["a.jpg", "/t.jpg", "t.jpg"],
    ["x/y/z.png", "thumb.webp", "x/y/thumb.webp"],
    ["p1/a.jpg", "a.jpg", "p1/a.jpg"],
  ])("%s + %s → %s", (inputKey, fileid, key) => {
    expect(resolveFileId(inputKey, fileid)).toBe(key);
  });
});
