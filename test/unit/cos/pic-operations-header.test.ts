import { describe, expect, it } from "vitest";
import { picOperationsHeader } from "../../../electron/cos/client";
import { encodePicOperations } from "../../../shared/rules/pic-operations";

describe("picOperationsHeader", () => {
  it("is the Go SDK's JSON when everything is ASCII", () => {
    const ops = { isPicInfo: true, rules: [{ fileid: "example.jpg", rule: "imageView2/format/png" }] };
    expect(picOperationsHeader(ops)).toBe(
      '{"is_pic_info":1,"rules":[{"fileid":"example.jpg","rule":"imageView2/format/png"}]}',
    );
  });

  it("escapes every non-ASCII character, and parses back to the same JSON", () => {
    const ops = {
      isPicInfo: false,
      rules: [{ bucket: "dest-1250000000", fileid: "缩略图/小 图😀.png", rule: "style/封面" }],
    };
    const header = picOperationsHeader(ops);
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    expect(JSON.parse(header)).toEqual(JSON.parse(encodePicOperations(ops)));
  });
});
