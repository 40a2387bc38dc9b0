import { defineMessages } from "../../i18n/define";

/** Strings of pasting, naming templates and Quick upload. */
export const quickMessages = defineMessages(
  {
    "quick.pasteHint": "Or paste (Ctrl+V / ⌘V) a screenshot or copied files.",
    "quick.namingHeading": "Naming",
    "quick.keyTemplate": "Name originals by a template",
    "quick.keyTemplateHint":
      "{name} {ext} {dir} {yyyy} {MM} {dd} {HH} {mm} {ss} {timestamp} {md5} {md5:8} {random:6} {uuid}; empty keeps each file's own path",
    "quick.pasteTemplate": "Pasted pictures are named",
    "quick.pasteTemplateProblem": "Unknown placeholders: {placeholders}",
    "quick.example": "Example: {key}",
    "quick.uploadIdentical": "Upload files the bucket already has with the same bytes (skipped otherwise)",
  },
  {
    "quick.pasteHint": "也可以粘贴（Ctrl+V / ⌘V）截图或已复制的文件。",
    "quick.namingHeading": "命名",
    "quick.keyTemplate": "按模板命名原图",
    "quick.keyTemplateHint":
      "{name} {ext} {dir} {yyyy} {MM} {dd} {HH} {mm} {ss} {timestamp} {md5} {md5:8} {random:6} {uuid}；留空则保留每个文件自身的路径",
    "quick.pasteTemplate": "粘贴的图片命名为",
    "quick.pasteTemplateProblem": "未知的占位符：{placeholders}",
    "quick.example": "示例：{key}",
    "quick.uploadIdentical": "仍上传存储桶中已有相同内容的文件（否则跳过）",
  },
);
