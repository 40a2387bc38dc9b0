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
    "quick.heading": "Quick upload",
    "quick.toggle":
      "Quick upload: dropped and pasted files go to the bucket at once with the default below, and their links are copied",
    "quick.linkFormat": "Copy links as",
    "quick.running": "{count, plural, one {Uploading # file…} other {Uploading # files…}}",
    "quick.done":
      "{count, plural, one {Uploaded # file; its link is on the clipboard.} other {Uploaded # files; their links are on the clipboard.}}",
    "quick.someFailed":
      "{count, plural, one {# file failed: see the History tab.} other {# files failed: see the History tab.}}",
    "quick.defaultsHeading": "Defaults of {connection}",
    "quick.defaultsHint":
      "Files sent under a key prefix (the Key prefix field) take that prefix's default; the longest matching prefix wins, else the connection's.",
    "quick.connectionDefault": "The whole connection",
    "quick.prefixDefault": "Under {prefix}",
    "quick.preset": "Preset applied at upload",
    "quick.noPreset": "None: the original only",
    "quick.defaultKeyTemplate": "Key template",
    "quick.outputName": "Name of the processed output",
    "quick.saveDefault": "Save default",
    "quick.defaultSaved": "Saved.",
    "quick.removePrefix": "Remove the default of {prefix}",
    "quick.newPrefix": "Add a default for the prefix",
    "quick.prefixTaken": "{prefix} already has a default.",
    "quick.addPrefix": "Add",
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
    "quick.heading": "快速上传",
    "quick.toggle": "快速上传：拖入或粘贴的文件按下方默认设置立即上传到存储桶，并复制其链接",
    "quick.linkFormat": "链接复制格式",
    "quick.running": "正在上传 {count} 个文件…",
    "quick.done": "已上传 {count} 个文件，链接已复制到剪贴板。",
    "quick.someFailed": "{count} 个文件上传失败，请在“历史”标签页查看。",
    "quick.defaultsHeading": "{connection} 的默认设置",
    "quick.defaultsHint":
      "发送到某个键前缀（“键前缀”字段）下的文件使用该前缀的默认设置；匹配最长的前缀优先，否则使用连接的默认设置。",
    "quick.connectionDefault": "整个连接",
    "quick.prefixDefault": "{prefix} 下",
    "quick.preset": "上传时应用的预设",
    "quick.noPreset": "无：仅上传原图",
    "quick.defaultKeyTemplate": "键模板",
    "quick.outputName": "处理结果的名称",
    "quick.saveDefault": "保存默认设置",
    "quick.defaultSaved": "已保存。",
    "quick.removePrefix": "删除 {prefix} 的默认设置",
    "quick.newPrefix": "为键前缀添加默认设置",
    "quick.prefixTaken": "{prefix} 已有默认设置。",
    "quick.addPrefix": "添加",
    "quick.uploadIdentical": "仍上传存储桶中已有相同内容的文件（否则跳过）",
  },
);
