import COS from "cos-nodejs-sdk-v5";
import { describe, expect, it } from "vitest";
import { signRequest } from "../../../electron/cos/signature";
import { headersToSign } from "../../../electron/cos/transport";

// Picops signs what the client sends with signRequest over headersToSign; the official Node
// SDK's static getAuthorization must produce the same Authorization byte for byte.
const SECRET_ID = "AKIDexampleexampleexampleexample";
const SECRET_KEY = "exampleSecretKeyExampleSecretKey";

interface Case {
  name: string;
  method: "GET" | "PUT" | "POST";
  key: string;
  query: Record<string, string>;
  headers: Record<string, string>;
}

const CASES: Case[] = [
  {
    name: "a PUT with Pic-Operations, ACL, metadata and a key with spaces, Chinese and punctuation",
    method: "PUT",
    key: "photos/2024 夏天/a b!'()*~&+=;,@$.jpg",
    query: {},
    headers: {
      Host: "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com",
      "Content-Length": "12345",
      "Content-Type": "image/jpeg",
      "Content-MD5": "1B2M2Y8AsgTpgAmY7PhCfg==",
      "Pic-Operations":
        '{"is_pic_info":1,"rules":[{"fileid":"/thumbs/a b.webp","rule":"imageMogr2/thumbnail/!50p|watermark/2/text/5pWw5o2u5LiH6LGh"}]}',
      "x-cos-acl": "public-read",
      "x-cos-meta-author": "Ada Lovelace",
      "x-cos-storage-class": "STANDARD_IA",
      "x-cos-security-token": "token/with+chars=",
      "Cache-Control": "max-age=60",
      "User-Agent": "not-signed",
    },
  },
  {
    name: "a POST ?image_process",
    method: "POST",
    key: "a.jpg",
    query: { image_process: "" },
    headers: {
      Host: "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com",
      "Content-Length": "0",
      "Pic-Operations": '{"is_pic_info":0,"rules":[{"fileid":"b.png","rule":"imageMogr2/format/png"}]}',
    },
  },
  {
    name: "a listing with every query parameter",
    method: "GET",
    key: "",
    query: {
      prefix: "photos/夏 天/",
      delimiter: "/",
      marker: "photos/a'b",
      "max-keys": "2",
      "encoding-type": "url",
    },
    headers: { Host: "127.0.0.1:9000" },
  },
  {
    name: "download-time processing with the rule as a query key",
    method: "GET",
    key: "中文 图片.png",
    query: { "imageMogr2/thumbnail/!50p|imageView2/2/w/100": "" },
    headers: { Host: "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com", Range: "bytes=0-99" },
  },
];

describe("signature equals cos-nodejs-sdk-v5's", () => {
  for (const testCase of CASES) {
    it(testCase.name, () => {
      const picops = signRequest({
        secretId: SECRET_ID,
        secretKey: SECRET_KEY,
        method: testCase.method,
        path: `/${testCase.key}`,
        query: testCase.query,
        headers: headersToSign(testCase.headers),
        startTime: 1_700_000_000,
        endTime: 1_700_000_900,
      });
      const sdk = COS.getAuthorization({
        SecretId: SECRET_ID,
        SecretKey: SECRET_KEY,
        Method: testCase.method,
        Key: testCase.key,
        Query: testCase.query,
        Headers: testCase.headers,
        KeyTime: "1700000000;1700000900",
      });
      expect(picops).toBe(sdk);
    });
  }
});
