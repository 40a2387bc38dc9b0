import { describe, expect, it } from "vitest";
import { ConnectionsService } from "../../../electron/connections/service";
import { errorMessages } from "../../../renderer/i18n/error-messages";
import { errorText, schemaProblemText } from "../../../renderer/i18n/errors";
import "../../../renderer/app/catalog";
import { translatorFor } from "../../../renderer/i18n/translate";
import { CosProfileInputSchema, LOCAL_CONNECTION_ID } from "../../../shared/connections";
import { PutObjectOptionsSchema } from "../../../shared/cos/put-object-options";
import {
  ERROR_MESSAGES,
  type ErrorMessageId,
  formatMessage,
  issueMessageRef,
} from "../../../shared/error-messages";
import { PicopsError } from "../../../shared/errors";
import { placeholdersOf } from "../../../shared/placeholders";
import { defaultUploadOptions, UploadOptionsSchema } from "../../../shared/uploads/options";

const ids = Object.keys(ERROR_MESSAGES) as ErrorMessageId[];
const zh = translatorFor("zh-CN");

describe("formatMessage", () => {
  it("fills every placeholder with its value", () => {
    expect(formatMessage("image-side-too-long", { width: 40000, height: 300, maxSide: 30000 })).toBe(
      "The image is 40000×300 px; each side must be at most 30000 px.",
    );
  });

  it("leaves a placeholder without a value as written", () => {
    expect(formatMessage("not-a-file", {})).toBe("{file} is not a file.");
  });
});

describe("the table in both languages", () => {
  it("asks for the same values in English and in Chinese, for every id", () => {
    const mismatched = ids.filter((id) => {
      const chinese = errorMessages["zh-CN"][`error.${id}`];
      return placeholdersOf(ERROR_MESSAGES[id]).join() !== placeholdersOf(chinese).join();
    });
    expect(mismatched).toEqual([]);
  });
});

describe("errorText", () => {
  it("says a sentence of the table in Chinese, with its values filled", () => {
    const error = new PicopsError("ImageResolutionExceed", "image-side-too-long", {
      width: 40000,
      height: 300,
      maxSide: 30000,
    }).toAppError();
    expect(errorText(zh, error)).toBe("图片为 40000×300 像素；每边最多 30000 像素。");
    expect(errorText(translatorFor("en"), error)).toBe(error.message);
  });

  it("quotes COS's own words, and an id this build does not know, as written", () => {
    expect(errorText(zh, { message: "The specified key does not exist." })).toBe(
      "The specified key does not exist.",
    );
    const newer = { code: "x", message: "A newer sentence.", messageId: "from-a-newer-build" } as never;
    expect(errorText(zh, newer)).toBe("A newer sentence.");
  });
});

describe("a main-process failure crossing to the renderer", () => {
  it("keeps the sentence's id and values through toAppError", async () => {
    const service = new ConnectionsService({} as never, {} as never, {} as never, async () => {});
    const refusal = await service
      .delete(LOCAL_CONNECTION_ID)
      .catch((error: PicopsError) => error.toAppError());
    expect(refusal).toEqual({
      code: "not-allowed",
      message: "The Local bucket is built in and cannot be removed.",
      messageId: "local-bucket-built-in",
    });
    expect(errorText(zh, refusal as never)).toBe("本地存储桶为内置连接，无法删除。");
  });

  it("carries a metadata problem of the upload options as an id and values", () => {
    const parsed = PutObjectOptionsSchema.safeParse({ metadata: { "shot on": "x" } });
    const issue = parsed.error?.issues[0];
    expect(issueMessageRef(issue)).toEqual({
      messageId: "metadata-name-characters",
      values: { name: "shot on" },
    });
    const ref = issueMessageRef(issue);
    const error = new PicopsError("invalid-input", ref?.messageId ?? "upload-options-invalid", ref?.values);
    expect(error.toAppError()).toMatchObject({
      message: issue?.message,
      messageId: "metadata-name-characters",
      values: { name: "shot on" },
    });
    expect(schemaProblemText(zh, issue ?? { message: "" })).toBe(
      "元数据名称“shot on”只能包含字母、数字、“-”和“_”，且须以字母或数字开头。",
    );
  });

  it("words a TrafficLimit out of range in Chinese with its bounds", () => {
    const issue = PutObjectOptionsSchema.safeParse({ trafficLimit: 5 }).error?.issues[0];
    expect(schemaProblemText(zh, issue ?? { message: "" })).toBe(
      "TrafficLimit 须在 819200 到 838860800 比特/秒之间（100 KB/s 至 100 MB/s）。",
    );
  });

  it("words the option and connection schemas' problems by id, with no English to look up", () => {
    const options = {
      ...defaultUploadOptions("photos-1250000000"),
      rules: [{ rule: " ", fileid: "{name}/" }],
    };
    const issues = UploadOptionsSchema.safeParse(options).error?.issues ?? [];
    expect(issues.map((issue) => [issue.path.join("."), issueMessageRef(issue)?.messageId])).toEqual([
      ["rules.0.rule", "rule-missing"],
      ["rules.0.fileid", "fileid-trailing-slash"],
    ]);
    expect(issues.map((issue) => schemaProblemText(zh, issue))).toEqual([
      "请选择或填写规则",
      "规则 1：输出名称（fileid）不能以 / 结尾",
    ]);
    const tooMany = {
      ...options,
      rules: Array(6).fill({ rule: "imageMogr2/thumbnail/100x", fileid: "{name}" }),
    };
    const [limit] = UploadOptionsSchema.safeParse(tooMany).error?.issues ?? [];
    expect(schemaProblemText(zh, limit ?? { message: "" })).toBe("每次上传最多 5 条规则（COS 限制）");
    expect(limit?.message).toBe("At most 5 rules per upload (a COS limit)");
    const profile = { label: "", secretId: "", secretKey: "", region: "guangzhou", defaultBucket: "photos" };
    const problems = CosProfileInputSchema.safeParse(profile).error?.issues ?? [];
    expect(problems.map((issue) => schemaProblemText(zh, issue))).toEqual([
      "请为连接命名",
      "地域格式如 ap-guangzhou",
      "存储桶名称格式为 BucketName-APPID，例如 photos-1250000000",
      "请填写 SecretId",
      "请填写 SecretKey",
    ]);
  });
});
