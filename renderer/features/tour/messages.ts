import { defineMessages } from "../../i18n/define";

/** The welcome tour's five steps and its buttons. */
export const tourMessages = defineMessages(
  {
    "tour.open": "Tour",
    "tour.progress": "Step {n} of {total}",
    "tour.next": "Next",
    "tour.back": "Back",
    "tour.skip": "Skip tour",
    "tour.finish": "Finish",
    "tour.drop.title": "Drop an image",
    "tour.drop.body":
      "Drag images or whole folders here, or choose them. You are on the Local bucket: it works offline, so you can try everything before adding Tencent COS.",
    "tour.preset.title": "Pick a preset",
    "tour.preset.body":
      "Presets are saved processing rules, such as Web thumbnail 300 px WebP. Load one into the builder, change it if you like, then choose Use in upload.",
    "tour.compare.title": "Compare",
    "tour.compare.body":
      "This is your image before and after the rule: drag the divider, or compare side by side or toggled. 100 % and 200 % show the real pixels.",
    "tour.compare.pick":
      "Press Preview beside an image: the panel on the right shows it before and after the upload's rules, with a slider, side by side or toggled.",
    "tour.compare.add":
      "Comparing starts from an image: add one here, then press Preview beside it to see it before and after the rule, on the right.",
    "tour.upload.title": "Upload",
    "tour.upload.body":
      "Add up to five rules here, each from a preset (Alt+P) or typed, with the name of its output. Then Review plan lists every file that will be written and warns about overwrites; the upload starts from there.",
    "tour.result.title": "See the result",
    "tour.result.body":
      "Each file's result appears under the upload, with its processed copies. The Bucket tab shows them in the bucket, next to the originals.",
  },
  {
    "tour.open": "导览",
    "tour.progress": "第 {n} 步，共 {total} 步",
    "tour.next": "下一步",
    "tour.back": "上一步",
    "tour.skip": "跳过导览",
    "tour.finish": "完成",
    "tour.drop.title": "拖入图片",
    "tour.drop.body":
      "将图片或整个文件夹拖到这里，或点击选择。当前使用的是本地存储桶：离线可用，添加腾讯云 COS 之前即可体验全部功能。",
    "tour.preset.title": "选择预设",
    "tour.preset.body":
      "预设是保存好的处理规则，例如“Web thumbnail 300 px WebP”。将其载入规则构建器，按需修改，然后选择“用于上传”。",
    "tour.compare.title": "对比效果",
    "tour.compare.body":
      "这是图片在规则处理前后的效果：拖动分隔线，或以并排、切换方式对比。100 % 和 200 % 显示真实像素。",
    "tour.compare.pick":
      "点击图片旁的“预览”：右侧面板会显示它在上传规则处理前后的效果，可用滑块、并排或切换方式对比。",
    "tour.compare.add":
      "对比需要一张图片：先在这里添加，再点击图片旁的“预览”，即可在右侧查看规则处理前后的效果。",
    "tour.upload.title": "上传",
    "tour.upload.body":
      "在这里最多添加五条规则，可选自预设（Alt+P）或直接输入，并为每条规则的输出命名。然后“查看计划”会列出将写入的每个文件并提示覆盖风险，再从那里开始上传。",
    "tour.result.title": "查看结果",
    "tour.result.body":
      "每个文件的结果及其处理后的副本会显示在上传区下方。“存储桶”标签页会在原图旁显示它们。",
  },
);
