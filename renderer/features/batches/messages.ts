import { defineMessages } from "../../i18n/define";

/** What a plan's checks of each rule say (electron/uploads/plan-checks.ts). */
export const batchesMessages = defineMessages(
  {
    "plan.enlarges": "Rule {n} enlarges the picture from {from} to {to} px: {key}",
    "plan.largerThanOriginal":
      "Rule {n} makes a larger file than the original, about {output} instead of {original} ({triedOn}): {key}",
    "plan.triedOn.animated": "tried on the animated {sample}",
    "plan.triedOn.cmyk": "tried on the CMYK picture {sample}",
    "plan.triedOn.grey": "tried on the greyscale {sample}",
    "plan.triedOn.transparent": "tried on the transparent {sample}",
    "plan.triedOn.large": "tried on the large {sample}",
    "plan.triedOn.plain": "tried on {sample}",
  },
  {
    "plan.enlarges": "规则 {n} 把图片从 {from} 放大到 {to} 像素：{key}",
    "plan.largerThanOriginal":
      "规则 {n} 生成的文件比原图大，约 {output}，原图 {original}（{triedOn}）：{key}",
    "plan.triedOn.animated": "在动图 {sample} 上试过",
    "plan.triedOn.cmyk": "在 CMYK 图片 {sample} 上试过",
    "plan.triedOn.grey": "在灰度图片 {sample} 上试过",
    "plan.triedOn.transparent": "在透明图片 {sample} 上试过",
    "plan.triedOn.large": "在大尺寸图片 {sample} 上试过",
    "plan.triedOn.plain": "在 {sample} 上试过",
  },
);
