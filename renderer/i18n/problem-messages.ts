import { PROFILE_PROBLEMS } from "../../shared/connections";
import { BUCKET_NAME_PROBLEM } from "../../shared/cos/names";
import { DESTINATION_PROBLEMS } from "../../shared/destinations/destination-default";
import { issueMessageRef } from "../../shared/error-messages";
import { OPTION_PROBLEMS } from "../../shared/uploads/options";
import { defineMessages, prefixed } from "./define";
import { messageText } from "./errors";
import type { Translate } from "./index";

/**
 * What the contract's schemas say about a value, in both languages. The English table is
 * the schemas' own sentences, so a problem found by the renderer or by the main process
 * reads the same; the Chinese table must cover the same keys.
 */
const en = {
  "problem.bucket-name": BUCKET_NAME_PROBLEM,
  ...prefixed("problem.", OPTION_PROBLEMS),
  ...prefixed("problem.", PROFILE_PROBLEMS),
  ...prefixed("problem.", DESTINATION_PROBLEMS),
};

export const problemMessages = defineMessages(en, {
  "problem.bucket-name": "存储桶名称格式为 BucketName-APPID，例如 photos-1250000000",
  "problem.rule-missing": "请选择或填写规则",
  "problem.fileid-missing": "请为输出命名，例如 {name}_w800.{ext}",
  "problem.fileid-placeholders": "可用的占位符为 {dir}、{name}、{ext}、{key} 和 {format}",
  "problem.fileid-trailing-slash": "输出名称不能以 / 结尾",
  "problem.prefix": "前缀不能以 / 开头，不能含 . 或 .. 文件夹，也不能含控制字符",
  "problem.too-many-upload-rules": "每次上传最多 5 条规则（COS 限制）",
  "problem.no-rules": "请至少添加一条规则",
  "problem.too-many-process-rules": "每次请求最多 5 条规则（COS 限制）",
  "problem.label-missing": "请为连接命名",
  "problem.secret-id-missing": "请填写 SecretId",
  "problem.secret-key-missing": "请填写 SecretKey",
  "problem.region": "地域格式如 ap-guangzhou",
  "problem.custom-domain": "填写主机名，可包含 {Bucket} 和 {Region}",
  "problem.key-template-missing": "请为原图命名，例如 {yyyy}/{MM}/{name}.{ext}",
  "problem.key-template-placeholders":
    "可用的占位符为 {name}、{ext}、{dir}、{yyyy}、{MM}、{dd}、{HH}、{mm}、{ss}、{timestamp}、{md5}、{md5:8}、{random:6} 和 {uuid}",
});

const keyOfSentence = new Map(
  Object.entries(problemMessages.en).map(([key, sentence]) => [sentence, key as keyof typeof en]),
);

/**
 * A schema's problem in the designer's language: by the id and values a check put in the
 * issue's `params`, else by its (static) sentence; one this build has no words for stays as written.
 */
export function schemaProblemText(t: Translate, issue: { message: string; params?: unknown }): string {
  const ref = issueMessageRef(issue);
  if (ref) return messageText(t, ref);
  const key = keyOfSentence.get(issue.message);
  return key ? t(key) : issue.message;
}
