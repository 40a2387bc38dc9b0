import {
  DIAGNOSTIC_FRAMES,
  DIAGNOSTIC_SENTENCES,
  type DiagnosticSentence,
  EXPECTED_VALUES,
  type ExpectedValue,
} from "../../../shared/rules";
import { defineMessages, prefixed } from "../../i18n/define";

/**
 * Rule problems in both languages, one key per sentence of `DIAGNOSTIC_SENTENCES` and per
 * `ExpectedValue`. The English table is the parser's own templates, so the English UI says
 * exactly what `Diagnostic.message` says; the Chinese table must cover the same keys.
 * Operation and parameter names (`thumbnail`, `w`) and rule syntax stay as COS writes them.
 */

type SentenceKey = `diagnostic.${DiagnosticSentence}`;
type ExpectedKey = `diagnostic.expected.${ExpectedValue}`;
type FrameKey = `diagnostic.frame.${keyof typeof DIAGNOSTIC_FRAMES}`;

const en: Record<SentenceKey | ExpectedKey | FrameKey, string> = {
  ...prefixed("diagnostic.", DIAGNOSTIC_SENTENCES),
  ...prefixed("diagnostic.expected.", EXPECTED_VALUES),
  ...prefixed("diagnostic.frame.", DIAGNOSTIC_FRAMES),
};

export const diagnosticMessages = defineMessages(en, {
  "diagnostic.frame.located": "{operation}：{sentence}（第 {column} 列）",
  "diagnostic.frame.unlocated": "{operation}：{sentence}",
  "diagnostic.out-of-range": "{parameter} 须在 {min}–{max} 之间，实际为 {got}",
  "diagnostic.out-of-range.above-minimum": "{parameter} 须大于 {min}，实际为 {got}",
  "diagnostic.out-of-range.unconfirmed":
    "{parameter} 通常在 {min}–{max} 之间，实际为 {got}；Picops 无法确认 COS 是否接受",
  "diagnostic.not-whole-number": "{parameter} 须为 {min}–{max} 之间的整数，实际为 {got}",
  "diagnostic.syntax.empty-rule": "规则为空",
  "diagnostic.syntax.empty-stage": "空的处理阶段（多余的 |）",
  "diagnostic.syntax.empty-operation": "空的操作（多余的 /）",
  "diagnostic.syntax.stray-slash": "末尾有多余的 /",
  "diagnostic.syntax.empty-parameter-name": "参数名为空",
  "diagnostic.syntax.missing-style-name": "缺少样式名",
  "diagnostic.syntax.missing-watermark-type": "缺少类型：watermark 后须跟 1（图片）或 2（文字）",
  "diagnostic.syntax.missing-parameter": "缺少必填参数 {parameter}",
  "diagnostic.syntax.missing-value": "缺少取值，应为{expected}",
  "diagnostic.syntax.unreadable-value": "应为{expected}，实际为 {text}",
  "diagnostic.syntax.missing-parameter-value": "{parameter} 缺少取值",
  "diagnostic.syntax.missing-parameter-value-expected": "{parameter} 缺少取值，应为{expected}",
  "diagnostic.syntax.unreadable-parameter-value": "{parameter} 应为{expected}，实际为 {text}",
  "diagnostic.missing-value.no-operations": "至少需要一个操作",
  "diagnostic.missing-value.sides": "请填写宽度、高度或两者",
  "diagnostic.missing-value.fit-sides": "等比缩放需要宽度、高度或两者，例如 200x、x200 或 200x300",
  "diagnostic.missing-value.view2-mode": "{parameter} 需要模式：请在 imageView2 后紧接模式 {min}–{max}",
  "diagnostic.missing-value.view2-nothing":
    "没有要做的处理：请给出模式 {min}–{max}（imageView2/2/w/200）、格式或质量（imageView2/format/png）",
  "diagnostic.missing-value.style-name": "缺少样式名",
  "diagnostic.missing-value.text": "文字不能为空",
  "diagnostic.invalid-value.forced-quality": "只有绝对质量可以用 ! 强制",
  "diagnostic.invalid-value.watermark-image":
    "image 须为本存储桶中图片的 http:// COS 地址，例如 http://examplebucket-1250000000.cos.ap-shanghai.myqcloud.com/logo.png，实际为 {text}",
  "diagnostic.invalid-value.colour": "fill 须为颜色 #RRGGBB，实际为 {text}",
  "diagnostic.invalid-value.pad-colour": "color 须为颜色 #RRGGBB，实际为 {text}",
  "diagnostic.unconfirmed.webp-side": "WebP 输出每边最多 {max} px；COS 可能拒绝 {got}",
  "diagnostic.ignored.quality": "输出 {format} 时 COS 会忽略质量设置",
  "diagnostic.ignored.progressive": "渐进式输出需要 format/jpg；输出 {format} 时 COS 会忽略它",
  "diagnostic.ignored.gif-radius": "COS 不会对 GIF 图片做圆角或内切圆处理",
  "diagnostic.ignored.spcent": "spcent 只在同时设置 scatype 时生效",
  "diagnostic.ignored.degree": "degree 只对平铺文字（batch/1）生效",
  "diagnostic.ignored.size-limit": "size-limit 只对 JPG 输出生效；输出 {format} 时 COS 会忽略它",
  "diagnostic.ignored.pad": "pad 与 color 只对缩放到 W×H 框内的 thumbnail 生效",
  "diagnostic.not-supported.mode-0": "模式 0 来自七牛；数据万象文档只列出模式 {min}–{max}，可能会拒绝它",
  "diagnostic.not-supported.view2-format":
    "此处 format 须为 {options} 之一，实际为 {format}；请改用 imageMogr2/format",
  "diagnostic.unknown-processor": "此版本不认识这个处理器；已按原样保留",
  "diagnostic.unknown-operation": "此版本不认识这个 imageMogr2 操作；已按原样保留",
  "diagnostic.unknown-operation.watermark-type": "此版本不认识类型 {type}；已按原样保留",
  "diagnostic.unknown-parameter": "此版本不认识参数 {parameter}；已按原样保留",
  "diagnostic.duplicate-parameter": "{parameter} 与前面的设置重复；以第一个为准",
  "diagnostic.unknown-style": "{bucket} 中没有名为 {name} 的样式；如果刚刚添加，请刷新存储桶样式",
  "diagnostic.expected.geometry":
    "缩放参数，例如 200x、x200、200x300、200x300>、!50p、!200x300r、200x300! 或 40000@",
  "diagnostic.expected.size": "尺寸，例如 200x、x200 或 200x300",
  "diagnostic.expected.both-sides": "尺寸，例如 200x300",
  "diagnostic.expected.cut": "<宽>x<高>x<dx>x<dy>，例如 200x200x10x10",
  "diagnostic.expected.blur": "<半径>x<sigma>，例如 8x5",
  "diagnostic.expected.radius": "以像素计的半径，例如 100",
  "diagnostic.expected.angle": "以度计的角度，例如 90",
  "diagnostic.expected.one-of": "{options} 之一",
  "diagnostic.expected.forceable-quality": "质量值，例如 80 或 80!",
  "diagnostic.expected.quality": "质量值，例如 80",
  "diagnostic.expected.amount": "数值，例如 50",
  "diagnostic.expected.number": "数值，例如 10",
  "diagnostic.expected.pixels": "像素数，例如 200",
  "diagnostic.expected.per-mille": "千分比数值，例如 200",
  "diagnostic.expected.switch": "0 或 1",
  "diagnostic.expected.one": "1",
  "diagnostic.expected.blogo": "1（缩放以适应）或 2（裁剪）",
  "diagnostic.expected.scatype": "1（按宽）、2（按高）或 3（按面积）",
  "diagnostic.expected.base64-image": "水印图片 http:// 地址的 URL 安全 Base64 编码",
  "diagnostic.expected.base64-text": "文字的 URL 安全 Base64 编码，例如 5pWw5o2u5LiH6LGh",
  "diagnostic.expected.base64-font": "字体名的 URL 安全 Base64 编码，例如 dGFob21hLnR0Zg（tahoma.ttf）",
  "diagnostic.expected.base64-fill": "颜色的 URL 安全 Base64 编码，例如 IzNEM0QzRA（#3D3D3D）",
  "diagnostic.expected.base64-key": "水印图片对象键的 URL 安全 Base64 编码，例如 bG9nby5wbmc（logo.png）",
  "diagnostic.expected.size-limit": "大小，例如 100k、2m 或 100k!",
  "diagnostic.expected.frames": "帧数，例如 10",
  "diagnostic.expected.dpi": "每英寸点数，例如 300",
  "diagnostic.expected.blind-type": "1（半盲）、2（全盲）或 3（文字）",
});
