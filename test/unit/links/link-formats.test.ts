import { describe, expect, it } from "vitest";
import {
  htmlImage,
  LinkTemplateSchema,
  linksText,
  markdownLink,
  pictureElement,
  type ResponsiveImage,
  responsiveImageOf,
  srcsetImage,
  templateLink,
} from "../../../shared/links/link-formats";

const CDN = "https://img.example.com";
const url = (_bucket: string, key: string) => `${CDN}/${encodeURI(key)}`;

const item = {
  bucket: "photos-1250000000",
  originalKey: "blog/cat.jpg",
  resultKeys: [
    { bucket: "photos-1250000000", key: "blog/cat_w400.webp" },
    { bucket: "photos-1250000000", key: "blog/cat_w800.webp" },
    { bucket: "photos-1250000000", key: "blog/cat_w800.jpg" },
    { bucket: "photos-1250000000", key: "blog/cat_w800.avif" },
  ],
  result: {
    originalInfo: {
      key: "blog/cat.jpg",
      location: "x",
      etag: '"e"',
      imageInfo: { format: "JPEG", width: 1600, height: 1200, quality: 90, ave: "0x112233", orientation: 0 },
    },
    processResults: [
      ["blog/cat_w400.webp", "webp", 400],
      ["blog/cat_w800.webp", "webp", 800],
      ["blog/cat_w800.jpg", "jpg", 800],
      ["blog/cat_w800.avif", "avif", 800],
    ].map(([key, format, width]) => ({
      key: key as string,
      location: "x",
      format: format as string,
      width: width as number,
      height: ((width as number) * 3) / 4,
      size: 1,
      quality: 80,
      etag: '"e"',
    })),
  },
};

describe("links a designer pastes", () => {
  const image: ResponsiveImage = responsiveImageOf(item, url);

  it("writes URL, Markdown and HTML for the original on the custom domain", () => {
    expect(linksText([image], "url")).toBe("https://img.example.com/blog/cat.jpg");
    expect(linksText([image], "markdown")).toBe("![cat](https://img.example.com/blog/cat.jpg)");
    expect(linksText([image], "html")).toBe(
      '<img src="https://img.example.com/blog/cat.jpg" alt="cat" width="1600" height="1200">',
    );
  });

  it("builds srcset from the outputs' widths in the original's format, the original as src", () => {
    expect(srcsetImage(image)).toBe(
      '<img src="https://img.example.com/blog/cat.jpg" srcset="https://img.example.com/blog/cat_w800.jpg 800w, https://img.example.com/blog/cat.jpg 1600w" sizes="100vw" alt="cat" width="1600" height="1200">',
    );
  });

  it("builds <picture> with AVIF before WebP and the original's format in the <img>", () => {
    expect(pictureElement(image, "(max-width: 800px) 100vw, 800px")).toBe(
      [
        "<picture>",
        '  <source type="image/avif" srcset="https://img.example.com/blog/cat_w800.avif 800w" sizes="(max-width: 800px) 100vw, 800px">',
        '  <source type="image/webp" srcset="https://img.example.com/blog/cat_w400.webp 400w, https://img.example.com/blog/cat_w800.webp 800w" sizes="(max-width: 800px) 100vw, 800px">',
        '  <img src="https://img.example.com/blog/cat.jpg" srcset="https://img.example.com/blog/cat_w800.jpg 800w, https://img.example.com/blog/cat.jpg 1600w" sizes="(max-width: 800px) 100vw, 800px" alt="cat" width="1600" height="1200">',
        "</picture>",
      ].join("\n"),
    );
  });

  it("srcset of outputs only in other formats lists those every browser shows, AVIF left to <picture>", () => {
    const webpOnly = { ...image, original: { ...image.original, width: undefined, height: undefined } };
    webpOnly.candidates = image.candidates.filter((candidate) => candidate.format !== "jpg");
    expect(srcsetImage(webpOnly)).toBe(
      '<img src="https://img.example.com/blog/cat.jpg" srcset="https://img.example.com/blog/cat_w400.webp 400w, https://img.example.com/blog/cat_w800.webp 800w" sizes="100vw" alt="cat">',
    );
  });

  it("copies many links at once, one per line", () => {
    const dog = { original: { url: `${CDN}/dog.png`, key: "dog.png" }, candidates: [] };
    expect(linksText([image, dog], "markdown")).toBe(
      "![cat](https://img.example.com/blog/cat.jpg)\n![dog](https://img.example.com/dog.png)",
    );
    expect(linksText([dog], "srcset")).toBe('<img src="https://img.example.com/dog.png" alt="dog">');
  });

  it("escapes what would break Markdown and HTML", () => {
    const odd = { url: 'https://x.example.com/a (1)"<b>.png', key: 'a [1]"<b>.png' };
    expect(markdownLink(odd)).toBe('![a \\[1\\]"<b>](https://x.example.com/a%20%281%29"<b>.png)');
    expect(htmlImage(odd)).toBe(
      '<img src="https://x.example.com/a (1)&quot;&lt;b&gt;.png" alt="a [1]&quot;&lt;b&gt;">',
    );
  });

  it("fills a custom template and refuses unknown placeholders", () => {
    expect(templateLink(image.original, "[img={width}x{height}]{url}[/img] {name}.{ext} {key}")).toBe(
      "[img=1600x1200]https://img.example.com/blog/cat.jpg[/img] cat.jpg blog/cat.jpg",
    );
    expect(linksText([image], { id: "bb", label: "BBCode", template: "[img]{url}[/img]" })).toBe(
      "[img]https://img.example.com/blog/cat.jpg[/img]",
    );
    expect(LinkTemplateSchema.safeParse({ id: "a", label: "A", template: "{url} {size}" }).success).toBe(
      false,
    );
  });
});
